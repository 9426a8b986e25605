//! What a management form's post came to: "Approved Ada Lovelace", or what is wrong.
use leptos::context::Provider;
use leptos::prelude::*;

use crate::api::ActionOutcome;
use crate::components::fields::{done_notice, error_summary, FormErrors};
use crate::forms::FieldErrors;
use crate::pages::failure_as_errors;

/// The errors a management form's outcome carries (none when it was done).
pub fn errors_of(outcome: &Option<Result<ActionOutcome, ServerFnError>>) -> FieldErrors {
    match outcome {
        Some(Ok(ActionOutcome::Rejected { errors })) => errors.clone(),
        Some(Err(error)) => failure_as_errors(error),
        _ => FieldErrors::new(),
    }
}

/// The errors of a page whose forms post to it, provided in context for its fields. Call
/// it in the page's component, outside its `Suspense`: one instance for the page,
/// however often the suspended part is drawn (in the browser it may be drawn again, and
/// a second instance would leave the fields and the summary disagreeing).
pub fn provide_form_errors() -> FormErrors {
    let errors = FormErrors::new(FieldErrors::new());
    provide_context(errors);
    errors
}

/// A success panel, or the error summary, for the latest management form posted on the
/// page; the errors go to the page's [`FormErrors`], where the fields show them.
pub fn action_notice(
    form_errors: FormErrors,
    outcome: Option<Result<ActionOutcome, ServerFnError>>,
) -> AnyView {
    let done = match &outcome {
        Some(Ok(ActionOutcome::Done { message })) => Some(message.clone()),
        _ => None,
    };
    notice(form_errors, done, errors_of(&outcome))
}

/// A success panel with `done`, or the summary of `errors`, in the slots a form's island
/// draws them into again in the browser.
///
/// Drawn from the values given, not from context: a suspended part of a page may be
/// drawn twice on the server, and the second time the nearest `FormErrors` in context
/// could be another form's (an administration page's notice then went missing now and
/// then: issue 19's flaky test).
pub fn notice(form_errors: FormErrors, done: Option<String>, errors: FieldErrors) -> AnyView {
    let done_markup = done_notice(done.as_deref()).into_string();
    let summary = error_summary(&errors, !errors.is_empty()).into_string();
    form_errors.reset(errors);
    form_errors.done.set(done);
    view! {
        <div data-notice="" inner_html=done_markup></div>
        <div data-error-summary="" inner_html=summary></div>
    }
    .into_any()
}

/// One form's part of a page with several: its own errors and done message (from a
/// plain post of this form, if it was the one posted), drawn above it.
#[component]
pub fn FormSection(
    outcome: Option<Result<ActionOutcome, ServerFnError>>,
    children: Children,
) -> impl IntoView {
    let form_errors = FormErrors::new(FieldErrors::new());
    let notice = action_notice(form_errors, outcome);
    // Its own owner: provided without one, this form's errors would be what every part
    // of the page drawn after it finds in context.
    view! {
        <Provider value=form_errors>
            {notice}
            {children()}
        </Provider>
    }
}

/// The way to "Confirm it's you" and back to `here`, beside a form whose change asks
/// for a proof of identity from the last ten minutes (the service refuses it otherwise).
#[component]
pub fn ConfirmHint(here: String) -> impl IntoView {
    let confirm = format!(
        "{}?next={}",
        crate::portal::Portal::Csm.path("/confirm"),
        crate::portal::query_value(&here)
    );
    view! {
        <p class="field__hint">
            {crate::i18n::t("confirm-hint-before")}
            <a href=confirm>{crate::i18n::t("confirm-hint-link")}</a>
            {crate::i18n::t("confirm-hint-after")}
        </p>
    }
}
