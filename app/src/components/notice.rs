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
/// page. Puts the errors in context for the fields that show them.
#[component]
pub fn ActionNotice(outcome: Option<Result<ActionOutcome, ServerFnError>>) -> impl IntoView {
    provide_context(FormErrors::new(errors_of(&outcome)));
    let done = match outcome {
        Some(Ok(ActionOutcome::Done { message })) => Some(message),
        _ => None,
    };
    view! {
        {done.map(|message| view! {
            <div class="panel panel--success" role="status">
                <p class="lead">{message}</p>
            </div>
        })}
        <ErrorSummary />
    }
}
