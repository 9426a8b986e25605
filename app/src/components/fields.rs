//! Accessible form fields after the GOV.UK Design System: a label on every field, the
//! error next to its field (with a visually hidden "Error:" so it is not colour alone),
//! and an error summary at the top of the form that links to each field.
//!
//! The server renders every form whole (it works without JavaScript). The parts that
//! change as the person types — a field's error, the summary, the done message — are
//! drawn by [`field_message`], [`error_summary`] and [`done_notice`] into places marked
//! with `data-*` attributes; in the browser the form's island draws them with the same
//! functions into the same places (see `crate::enhance`), so both sides share one
//! definition of what an error looks like.
use leptos::prelude::*;

use crate::i18n::t;
use maud::{html, Markup};

use crate::forms::{ErrorKind, Field, FieldError, FieldErrors};
use crate::portal::Portal;

/// The errors on display for one form while the server renders it, shared by its
/// parts through context.
#[derive(Clone, Copy)]
pub struct FormErrors {
    pub shown: RwSignal<FieldErrors>,
    /// The summary appears once the person has tried to submit.
    pub submitted: RwSignal<bool>,
    /// What the last submission achieved, when it was done ("Saved your name").
    pub done: RwSignal<Option<String>>,
}

impl FormErrors {
    pub fn new(initial: FieldErrors) -> Self {
        Self {
            submitted: RwSignal::new(!initial.is_empty()),
            shown: RwSignal::new(initial),
            done: RwSignal::new(None),
        }
    }

    fn error_on(self, field: Field) -> bool {
        self.shown
            .with_untracked(|errors| errors.get(field).is_some())
    }

    /// Starts over with the errors of a submission the page answers (none on a plain
    /// visit): the summary shows when there are any.
    pub fn reset(self, errors: FieldErrors) {
        self.submitted.set(!errors.is_empty());
        self.shown.set(errors);
    }
}

/// The errors of the form being drawn, from context (the page provides them).
pub fn form_errors() -> FormErrors {
    use_context::<FormErrors>().unwrap_or_else(|| FormErrors::new(FieldErrors::new()))
}

/// Where the error summary is drawn (and drawn again by the form's island).
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let errors = form_errors();
    let markup = errors
        .shown
        .with_untracked(|shown| error_summary(shown, errors.submitted.get_untracked()));
    view! { <div data-error-summary="" inner_html=markup.into_string()></div> }
}

/// Where a field's error is drawn (and drawn again by the form's island).
#[component]
pub fn FieldMessage(field: Field, portal: Option<Portal>) -> impl IntoView {
    let markup = form_errors()
        .shown
        .with_untracked(|shown| field_message(field, shown.get(field), portal));
    view! { <div class="field__message" data-field=field.id() inner_html=markup.into_string()></div> }
}

// What the error parts look like: one definition, rendered into the page by the server
// and into the same places by a form's island in the browser. (Plain markup rather than
// reactive views: in the browser they are a few string writes instead of the view code
// every island would carry.)

/// "There is a problem", with a link to each field in error. The island focuses it
/// when it appears.
pub fn error_summary(errors: &FieldErrors, submitted: bool) -> Markup {
    html! {
        @if submitted && !errors.is_empty() {
            div.error-summary role="alert" tabindex="-1" id="error-summary" {
                h2.error-summary__title { (t("errors-summary-title")) }
                ul.error-summary__list {
                    @for error in errors.iter() {
                        li {
                            a href={ "#" (error.field.id()) } { (error.message.text()) }
                            // Someone in the wrong portal gets one button to the right one,
                            // whose log-in form starts with their address (carried in the
                            // session by the refusal, never in this link).
                            @match error.kind {
                                ErrorKind::EmailInPortal(home) => {
                                    " " a.button.button--secondary.error-summary__action href=(home.path("/log-in")) { (t(match home { Portal::Csm => "errors-go-to-csm", Portal::Csp => "errors-go-to-csp" })) }
                                }
                                ErrorKind::Unverified(portal) => {
                                    " " a href=(portal.path("/resend")) { (t("errors-send-new-link")) }
                                }
                                // Its form is filled in with the address typed here. A
                                // whole page load (`rel=external`): the administration's
                                // page has no islands for the islands router to patch in.
                                ErrorKind::AdministratorAccount => {
                                    " " a.button.button--secondary href="/admin/log-in" rel="external" { (t("errors-go-to-administration")) }
                                }
                                _ => {}
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A success panel saying what a submission did.
pub fn done_notice(done: Option<&str>) -> Markup {
    html! {
        @if let Some(message) = done {
            div.panel.panel--success role="status" { p.lead { (message) } }
        }
    }
}

/// The error shown with a field, and the links an "address taken" error carries.
pub fn field_message(field: Field, error: Option<&FieldError>, portal: Option<Portal>) -> Markup {
    html! {
        @if let Some(error) = error {
            p.field__error id={ (field.id()) "-error" } {
                span.visually-hidden { (t("errors-error-prefix")) " " }
                (error.message.text())
                @match error.kind {
                    ErrorKind::EmailTaken => {
                        @let portal = portal.unwrap_or(Portal::Csp);
                        " " a href=(portal.path("/log-in")) { (t("errors-log-in")) }
                        " " (t("errors-or")) " " a href=(portal.path("/reset")) { (t("errors-reset-password")) } "."
                    }
                    ErrorKind::EmailInPortal(home) => {
                        " " a href=(home.path("/log-in")) { (t(match home { Portal::Csm => "errors-log-in-to-csm", Portal::Csp => "errors-log-in-to-csp" })) } "."
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The HTML name of a field: every form's fields travel inside `form[...]`.
pub fn input_name(field: Field) -> String {
    format!("form[{}]", field.id())
}

/// The `aria-describedby` of a field: its hint and its error, when it has them.
fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A labelled text input with its hint and error.
#[component]
pub fn TextField(
    field: Field,
    #[prop(into)] label: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] value: String,
    #[prop(optional)] portal: Option<Portal>,
    /// The keyboard a phone shows ("numeric" for a code).
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let error = form_errors().error_on(field);
    let id = field.id();
    view! {
        <div class="field" class:field--error=error>
            <label class="field__label" for=id>
                {label}
            </label>
            {hint.clone().map(|hint| view! { <p class="field__hint" id=format!("{id}-hint")>{hint}</p> })}
            <FieldMessage field portal />
            <input
                class="field__input"
                id=id
                name=input_name(field)
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                value=value
                aria-describedby=described_by(id, hint.is_some(), error)
                aria-invalid=error.then_some("true")
                data-hint=hint.is_some().then_some("")
            />
        </div>
    }
}

/// A checkbox whose label may hold links. On a page that repeats a form (one per row),
/// every row but the one posted gives its own `id` and is `quiet`: it shows no error, and
/// its label ticks its own box.
#[component]
pub fn CheckboxField(
    field: Field,
    #[prop(optional)] checked: bool,
    #[prop(optional_no_strip)] id: Option<String>,
    #[prop(optional)] quiet: bool,
    children: Children,
) -> impl IntoView {
    let error = !quiet && form_errors().error_on(field);
    let id = id.unwrap_or_else(|| field.id().to_owned());
    view! {
        <div class="field field--checkbox" class:field--error=error>
            {(!quiet).then(|| view! { <FieldMessage field portal=None /> })}
            <div class="checkbox">
                <input
                    class="checkbox__input"
                    type="checkbox"
                    id=id.clone()
                    name=input_name(field)
                    value="on"
                    checked=checked
                    aria-describedby=described_by(&id, false, error)
                />
                <label class="checkbox__label" for=id>
                    {children()}
                </label>
            </div>
        </div>
    }
}
