//! `/csp/reset/new?token=…` (and `/csm/…`): the page a reset link opens. Opening it
//! changes nothing; saving the new password uses the link, ends every other session and
//! logs the person in.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "hydrate")]
use crate::api::ResetPassword;
use crate::api::{password_reset_status, reset_password, NewPasswordOutcome, TokenStatus};
use crate::components::fields::TextField;
use crate::components::layout::PortalLayout;
use crate::components::notice::{notice, provide_form_errors};
#[cfg(feature = "hydrate")]
use crate::enhance::{portal_argument, Behaviour, Reaction};
use crate::enhance::{Enhanced, FormKind};
#[cfg(feature = "hydrate")]
use crate::forms::email_links::NewPasswordForm;
use crate::forms::{Field, FieldErrors};
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::{opened_link, posted_submission};

#[component]
pub fn NewPasswordPage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let posted = posted_submission(move |form| reset_password(portal, form));
    let link = opened_link(token.clone(), password_reset_status);
    view! {
        <PortalLayout portal title="Choose a new password">
            <Suspense fallback=|| ()>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        let outcome = posted.await.map(|s| s.outcome);
                        let link = link.await;
                        let status = match &outcome {
                            Some(Ok(NewPasswordOutcome::Link(status))) => Ok(*status),
                            _ => link,
                        };
                        match (outcome, status) {
                            (Some(Ok(NewPasswordOutcome::Saved { message })), _) => view! {
                                <div class="panel panel--success" role="status">
                                    <h1>"Your password is saved"</h1>
                                    <p class="lead">{message}</p>
                                </div>
                            }
                            .into_any(),
                            (outcome, Ok(TokenStatus::Valid)) => {
                                let errors = match outcome {
                                    Some(Ok(NewPasswordOutcome::Rejected { errors })) => errors,
                                    Some(Err(error)) => failure_as_errors(&error),
                                    _ => FieldErrors::new(),
                                };
                                let summary = notice(form_errors, None, errors.clone());
                                view! {
                                    <h1>"Choose a new password"</h1>
                                    <Enhanced form=FormKind::NewPassword portal errors>
                                    {summary}
                                    <form class="form" method="post" action=format!("{}?token={token}", portal.path("/reset/new")) novalidate>
                                        <input type="hidden" name="form[token]" value=token.clone() />
                                        <TextField
                                            field=Field::Password
                                            label="New password"
                                            input_type="password"
                                            autocomplete="new-password"
                                            hint="At least 12 characters. A few words you will remember make a strong password."
                                        />
                                        <TextField
                                            field=Field::ConfirmPassword
                                            label="Confirm new password"
                                            input_type="password"
                                            autocomplete="new-password"
                                        />
                                        <button class="button" type="submit">"Save the new password"</button>
                                    </form>
                                    </Enhanced>
                                }
                                .into_any()
                            }
                            (_, status) => view! { <DeadLink portal status /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </PortalLayout>
    }
}

/// What the form does in the browser: checks the new password, saves it through the
/// server function, and logs in.
#[cfg(feature = "hydrate")]
pub(crate) fn behaviour(portal: Portal) -> Behaviour {
    Behaviour::new::<NewPasswordForm, ResetPassword>(
        |form| form.validate().err().unwrap_or_default(),
        portal_argument(portal),
        |outcome| match outcome {
            NewPasswordOutcome::LoggedIn { to } => Reaction::GoTo(to),
            NewPasswordOutcome::Saved { message } => Reaction::Done(message),
            NewPasswordOutcome::Rejected { errors } => Reaction::Errors(errors),
            NewPasswordOutcome::Link(_) => Reaction::Errors(FieldErrors::one(
                Field::Form,
                "This link no longer works. Reload the page to see why.",
            )),
        },
    )
}

#[component]
fn DeadLink(portal: Portal, status: Result<TokenStatus, ServerFnError>) -> impl IntoView {
    let (title, lead) = match status {
        Ok(TokenStatus::Used) => (
            "This link has already been used",
            "Each reset link works once.",
        ),
        Ok(TokenStatus::Expired) => (
            "This link has expired",
            "Reset links work for 1 hour, and a newer request replaces older links.",
        ),
        Err(_) => (
            "The link could not be checked",
            "Something went wrong on our side. Please try again in a moment.",
        ),
        _ => (
            "We do not recognise this link",
            "Check that you opened the whole link from the email.",
        ),
    };
    view! {
        <h1>{title}</h1>
        <p class="lead">{lead}</p>
        <p><a class="button" href=portal.path("/reset")>"Ask for a new link"</a></p>
    }
}
