//! The second look before a destructive action (see [`crate::forms::confirmation`]): what
//! the action does to whom, a Confirm button that posts the same form again, confirmed,
//! and a Cancel link back to the page. Drawn by the page in place of its notice, from
//! the posted form (kept in the page's resource, so a hydrated page draws it alike).
use leptos::prelude::*;

use crate::api::ActionOutcome;
use crate::forms::confirmation::CONFIRMED;
use crate::i18n::t;
use crate::submission::Submission;

/// The posted form of a submission whose action waits for its second look.
pub fn awaiting_confirmation<F: Clone>(
    submission: &Option<Submission<F, ActionOutcome>>,
) -> Option<F> {
    submission
        .as_ref()
        .filter(|s| matches!(s.outcome, Ok(ActionOutcome::ConfirmFirst)))
        .map(|s| s.form.clone())
}

/// The confirmation: `question` names who or what is affected (with the address),
/// `fields` are the form's fields as first posted (`intent` included), `confirm` the
/// button's words, and `action` the page (the form posts there; Cancel goes back to it).
#[component]
pub fn ConfirmStep(
    question: String,
    confirm: String,
    action: String,
    fields: Vec<(&'static str, String)>,
) -> impl IntoView {
    let cancel = action.clone();
    view! {
        <section class="confirm-step" id="confirm-step" role="alertdialog" aria-labelledby="confirm-step-title" aria-describedby="confirm-step-question">
            <h2 class="confirm-step__title" id="confirm-step-title">{t("confirm-step-title")}</h2>
            <p id="confirm-step-question">{question}</p>
            <form class="confirm-step__form" method="post" data-reload="" action=action>
                {fields
                    .into_iter()
                    .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                    .collect_view()}
                <input type="hidden" name="form[confirmed]" value=CONFIRMED />
                <div class="actions">
                    <button class="button button--danger" type="submit">{confirm}</button>
                    <a class="button button--secondary" href=cancel>{t("confirm-step-cancel")}</a>
                </div>
            </form>
        </section>
    }
}
