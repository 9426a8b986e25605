//! `/csp/reset` and `/csm/reset`: "Forgot your password?". The page says the same
//! whether or not the address has an account.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{request_password_reset, LinkRequestOutcome};
use crate::components::fields::FormErrors;
use crate::components::fields::TextField;
use crate::components::layout::PortalLayout;
use crate::components::notice::{notice, provide_form_errors};
use crate::forms::email_links::ResetRequestForm;
use crate::forms::{Field, FieldErrors};
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::posted_submission;

#[component]
pub fn ResetPage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(move |form| request_password_reset(portal, form));
    view! {
        <PortalLayout portal title="Reset your password">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let typed = posted
                        .as_ref()
                        .map(|s| s.form.email.clone())
                        .unwrap_or_else(|| use_query_map().with_untracked(|q| q.get("email").unwrap_or_default()));
                    let outcome = posted.map(|s| s.outcome);
                    let notice = link_request_notice(form_errors, outcome);
                    let form_ref = NodeRef::<leptos::html::Form>::new();
                    let on_submit = form_errors.check_before_posting(
                        form_ref,
                        |form: &ResetRequestForm| form.validate().err().unwrap_or_default(),
                        true,
                    );
                    view! {
                        <h1>"Reset your password"</h1>
                        {notice}
                        <p class="lead">
                            "Enter the email address of your account. We send you a link to choose a new password."
                        </p>
                        <form class="form" method="post" action=portal.path("/reset") novalidate node_ref=form_ref on:submit=on_submit>
                            <TextField field=Field::Email label="Email" input_type="email" autocomplete="email" value=typed />
                            <button class="button" type="submit">"Send the link"</button>
                        </form>
                        <p><a href=portal.path("/log-in")>"Back to log in"</a></p>
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}

/// What a request for an emailed link came to: sent (a success panel), or why not (on
/// the field).
pub fn link_request_notice(
    form_errors: FormErrors,
    outcome: Option<Result<LinkRequestOutcome, ServerFnError>>,
) -> AnyView {
    let (done, errors) = match outcome {
        Some(Ok(LinkRequestOutcome::Sent { message })) => (Some(message), FieldErrors::new()),
        Some(Ok(LinkRequestOutcome::Rejected { errors })) => (None, errors),
        Some(Err(error)) => (None, failure_as_errors(&error)),
        None => (None, FieldErrors::new()),
    };
    notice(form_errors, done, errors)
}
