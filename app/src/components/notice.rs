//! What a management form's post came to: "Approved Ada Lovelace", or what is wrong.
use leptos::prelude::*;

use crate::api::ActionOutcome;
use crate::components::fields::{ErrorSummary, FormErrors};
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

/// A success panel, or the error summary, for the latest management form posted on the
/// page. Call it before drawing the page's forms: it puts the errors in context (of the
/// caller), where the fields find and show them.
pub fn action_notice(outcome: Option<Result<ActionOutcome, ServerFnError>>) -> AnyView {
    let done = match &outcome {
        Some(Ok(ActionOutcome::Done { message })) => Some(message.clone()),
        _ => None,
    };
    notice(done, errors_of(&outcome))
}

/// A success panel with `done`, or the summary of `errors`, which go into context.
pub fn notice(done: Option<String>, errors: FieldErrors) -> AnyView {
    provide_context(FormErrors::new(errors));
    view! {
        {done.map(|message| view! {
            <div class="panel panel--success" role="status">
                <p class="lead">{message}</p>
            </div>
        })}
        <ErrorSummary />
    }
    .into_any()
}
