//! Accessible form fields after the GOV.UK Design System: a label on every field, the
//! error next to its field (with a visually hidden "Error:" so it is not colour alone),
//! and an error summary at the top of the form that links to each field.
use leptos::prelude::*;

use crate::forms::{ErrorKind, Field, FieldErrors};
use crate::portal::Portal;

/// The errors on display for one form, shared by its fields through context.
#[derive(Clone, Copy)]
pub struct FormErrors {
    pub shown: RwSignal<FieldErrors>,
    /// The summary appears once the person has tried to submit.
    pub submitted: RwSignal<bool>,
    /// Re-checks one field as the person leaves it (set by the form in the browser).
    pub on_leave: StoredValue<Option<Callback<Field>>>,
}

impl FormErrors {
    pub fn new(initial: FieldErrors) -> Self {
        Self {
            submitted: RwSignal::new(!initial.is_empty()),
            shown: RwSignal::new(initial),
            on_leave: StoredValue::new(None),
        }
    }

    fn error(self, field: Field) -> Signal<Option<(String, ErrorKind)>> {
        Signal::derive(move || {
            self.shown
                .with(|errors| errors.get(field).map(|e| (e.message.clone(), e.kind)))
        })
    }

    fn leave(self, field: Field) {
        if let Some(callback) = self.on_leave.get_value() {
            callback.run(field);
        }
    }

    /// Starts over with the errors of a submission the page answers (none on a plain
    /// visit): the summary shows when there are any.
    pub fn reset(self, errors: FieldErrors) {
        self.submitted.set(!errors.is_empty());
        self.shown.set(errors);
    }

    /// Shows the errors of a submission (none clears them), with the summary focused.
    pub fn show(self, errors: FieldErrors) {
        let rejected = !errors.is_empty();
        self.shown.set(errors);
        self.submitted.set(true);
        #[cfg(feature = "hydrate")]
        if rejected {
            crate::submission::focus_when_drawn("error-summary");
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = rejected;
    }

    /// Wires a form in the browser: each field is checked with `check` as the person
    /// leaves it, and the whole form on submit, which either shows the errors or hands
    /// the form to `send`. Returns the form's submit handler. Without JavaScript none of
    /// this runs: the browser posts the form to its page.
    pub fn enhance<F>(
        self,
        form: NodeRef<leptos::html::Form>,
        check: fn(&F) -> FieldErrors,
        send: impl Fn(F) + Clone + 'static,
    ) -> impl Fn(leptos::ev::SubmitEvent) + Clone + 'static
    where
        F: serde::de::DeserializeOwned + Default + 'static,
    {
        self.check_as_fields_are_left(form, check);
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let Some(data) = self.checked(form, check) {
                send(data);
            }
        }
    }

    /// Wires a form that posts to its page in any case: in the browser it is checked
    /// as the person leaves each field (`per_field`; one form per page) and on submit,
    /// and posted only without errors. The server checks it again with the same `check`.
    pub fn check_before_posting<F>(
        self,
        form: NodeRef<leptos::html::Form>,
        check: fn(&F) -> FieldErrors,
        per_field: bool,
    ) -> impl Fn(leptos::ev::SubmitEvent) + Clone + 'static
    where
        F: serde::de::DeserializeOwned + Default + 'static,
    {
        if per_field {
            self.check_as_fields_are_left(form, check);
        }
        move |ev: leptos::ev::SubmitEvent| {
            if self.checked(form, check).is_none() {
                ev.prevent_default();
            }
        }
    }

    fn check_as_fields_are_left<F>(
        self,
        form: NodeRef<leptos::html::Form>,
        check: fn(&F) -> FieldErrors,
    ) where
        F: serde::de::DeserializeOwned + Default + 'static,
    {
        #[cfg(feature = "hydrate")]
        self.on_leave
            .set_value(Some(Callback::new(move |field: Field| {
                if let Some(data) = form
                    .get_untracked()
                    .and_then(|f| crate::submission::read_form::<F>(&f))
                {
                    self.shown
                        .update(|shown| shown.replace_field(field, &check(&data)));
                }
            })));
        #[cfg(not(feature = "hydrate"))]
        let _ = (form, check);
    }

    /// The form's data if it passes `check`; else its errors are shown and None.
    fn checked<F>(
        self,
        form: NodeRef<leptos::html::Form>,
        check: fn(&F) -> FieldErrors,
    ) -> Option<F>
    where
        F: serde::de::DeserializeOwned + Default + 'static,
    {
        #[cfg(feature = "hydrate")]
        {
            let data = form
                .get_untracked()
                .and_then(|f| crate::submission::read_form::<F>(&f))?;
            let errors = check(&data);
            if errors.is_empty() {
                Some(data)
            } else {
                self.show(errors);
                None
            }
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (form, check);
            None
        }
    }
}

/// The errors of the form being drawn, from context (the page provides them).
pub fn form_errors() -> FormErrors {
    use_context::<FormErrors>().unwrap_or_else(|| FormErrors::new(FieldErrors::new()))
}

/// "There is a problem", with a link to each field in error. Focused when it appears.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let errors = form_errors();
    let visible = move || errors.submitted.get() && errors.shown.with(|e| !e.is_empty());
    view! {
        <Show when=visible>
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                <h2 class="error-summary__title">"There is a problem"</h2>
                <ul class="error-summary__list">
                    {move || {
                        errors
                            .shown
                            .get()
                            .iter()
                            .map(|e| {
                                let href = format!("#{}", e.field.id());
                                // Someone in the wrong portal gets the way to the right one.
                                let elsewhere = match e.kind {
                                    ErrorKind::EmailInPortal(home) => Some(view! {
                                        " "
                                        <a href=home.path("/log-in")>
                                            {format!("Go to the {}", home.name())}
                                        </a>
                                    }.into_any()),
                                    ErrorKind::Unverified(portal) => Some(view! {
                                        " "
                                        <a href=portal.path("/resend")>"Send a new verification link"</a>
                                    }.into_any()),
                                    _ => None,
                                };
                                view! {
                                    <li>
                                        <a href=href>{e.message.clone()}</a>
                                        {elsewhere}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// The HTML name of a field: every form's fields travel inside `form[...]`.
pub fn input_name(field: Field) -> String {
    format!("form[{}]", field.id())
}

/// The error message shown with a field, and the links an "address taken" error carries.
#[component]
fn FieldMessage(field: Field, portal: Option<Portal>) -> impl IntoView {
    let error = form_errors().error(field);
    let id = format!("{}-error", field.id());
    move || {
        error.get().map(|(message, kind)| {
            let links = match kind {
                ErrorKind::EmailTaken => {
                    let portal = portal.unwrap_or(Portal::Csp);
                    Some(
                        view! {
                            " "
                            <a href=portal.path("/log-in")>"Log in"</a>
                            " or "
                            <a href=portal.path("/reset")>"reset your password"</a>
                            "."
                        }
                        .into_any(),
                    )
                }
                ErrorKind::EmailInPortal(home) => Some(
                    view! {
                        " "
                        <a href=home.path("/log-in")>{format!("Log in to the {}", home.name())}</a>
                        "."
                    }
                    .into_any(),
                ),
                _ => None,
            };
            view! {
                <p class="field__error" id=id.clone()>
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                    {links}
                </p>
            }
        })
    }
}

/// A labelled text input with its hint and error.
#[component]
pub fn TextField(
    field: Field,
    label: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] value: String,
    #[prop(optional)] portal: Option<Portal>,
) -> impl IntoView {
    let errors = form_errors();
    let error = errors.error(field);
    let id = field.id();
    let hint_id = format!("{id}-hint");
    let described_by = move || {
        let mut ids = Vec::new();
        if hint.is_some() {
            ids.push(format!("{id}-hint"));
        }
        if error.with(Option::is_some) {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class="field" class:field--error=move || error.with(Option::is_some)>
            <label class="field__label" for=id>
                {label}
            </label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            <FieldMessage field portal />
            <input
                class="field__input"
                id=id
                name=input_name(field)
                type=input_type
                autocomplete=autocomplete
                value=value
                aria-describedby=described_by
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:blur=move |ev: leptos::ev::FocusEvent| {
                    if !moving_to_a_submit_button(&ev) {
                        errors.leave(field);
                    }
                }
            />
        </div>
    }
}

/// A checkbox whose label may hold links.
#[component]
pub fn CheckboxField(
    field: Field,
    #[prop(optional)] checked: bool,
    children: Children,
) -> impl IntoView {
    let errors = form_errors();
    let error = errors.error(field);
    let id = field.id();
    view! {
        <div class="field field--checkbox" class:field--error=move || error.with(Option::is_some)>
            <FieldMessage field portal=None />
            <div class="checkbox">
                <input
                    class="checkbox__input"
                    type="checkbox"
                    id=id
                    name=input_name(field)
                    value="on"
                    checked=checked
                    aria-describedby=move || error.with(Option::is_some).then(|| format!("{id}-error"))
                    on:change=move |_| errors.leave(field)
                />
                <label class="checkbox__label" for=id>
                    {children()}
                </label>
            </div>
        </div>
    }
}

/// Whether focus is leaving a field for a submit button. The field is then checked with
/// the whole form on submit instead: an error drawn on blur would move the button from
/// under the pointer between press and release, and the click would be lost.
fn moving_to_a_submit_button(ev: &leptos::ev::FocusEvent) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        ev.related_target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlButtonElement>().ok())
            .is_some_and(|button| button.type_() == "submit")
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        false
    }
}
