//! `/csp/confirm` and `/csm/confirm` ("Confirm it's you"): the password again before a
//! sensitive change, for a person who last proved who they are more than ten minutes
//! ago. `?next=` is the page to go back to.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{confirm_identity, Confirmation};
use crate::components::fields::TextField;
use crate::components::layout::PortalLayout;
use crate::components::notice::{notice, provide_form_errors};
use crate::forms::log_in::ConfirmIdentityForm;
use crate::forms::{Field, FieldErrors};
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::posted_submission;

#[component]
pub fn ConfirmPage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(confirm_identity);
    view! {
        <PortalLayout portal title="Confirm it's you">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let next = posted
                        .as_ref()
                        .map(|s| s.form.next.clone())
                        .unwrap_or_else(|| use_query_map().with_untracked(|q| q.get("next").unwrap_or_default()));
                    let errors = match posted.map(|s| s.outcome) {
                        Some(Ok(Confirmation::Rejected { errors })) => errors,
                        Some(Err(error)) => failure_as_errors(&error),
                        _ => FieldErrors::new(),
                    };
                    let form_ref = NodeRef::<leptos::html::Form>::new();
                    let on_submit = form_errors.check_before_posting(
                        form_ref,
                        |form: &ConfirmIdentityForm| form.validate().err().unwrap_or_default(),
                        false,
                    );
                    view! {
                        <h1>"Confirm it's you"</h1>
                        {notice(form_errors, None, errors)}
                        <p class="lead">"Enter your password to continue. We ask again before changes that could lock you out of your account."</p>
                        <form class="form" method="post" action=portal.path("/confirm") novalidate node_ref=form_ref on:submit=on_submit>
                            <TextField field=Field::CurrentPassword label="Password" input_type="password" autocomplete="current-password" />
                            <input type="hidden" name="form[next]" value=next />
                            <button class="button" type="submit">"Confirm"</button>
                        </form>
                        <p><a href=portal.path("/reset")>"Forgot your password?"</a></p>
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}
