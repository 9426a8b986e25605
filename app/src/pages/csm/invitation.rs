//! `/csm/invitation?token=…`: the page an invitation's link opens. Opening it changes
//! nothing; choosing a password and agreeing accepts the invitation and logs in.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{accept_invitation, invitation_status, InvitationLink, NewPasswordOutcome};
use crate::components::fields::{CheckboxField, TextField};
use crate::components::layout::PortalLayout;
use crate::components::notice::{notice, provide_form_errors};
use crate::forms::{Field, FieldErrors};
use crate::pages::failure_as_errors;
use crate::policies::{PRIVACY_POLICY, TERMS};
use crate::portal::Portal;
use crate::submission::{opened_link, posted_submission};

#[component]
pub fn InvitationPage() -> impl IntoView {
    let portal = Portal::Csm;
    let form_errors = provide_form_errors();
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let posted = posted_submission(accept_invitation);
    let link = opened_link(token.clone(), invitation_status);
    view! {
        <PortalLayout portal title="Accept your invitation">
            <Suspense fallback=|| ()>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        let outcome = posted.await.map(|s| s.outcome);
                        let consent = posted
                            .await
                            .map(|s| !s.form.consent.is_empty())
                            .unwrap_or(false);
                        match link.await {
                            Ok(InvitationLink::Open { company, email, first_name }) => {
                                let errors = match outcome {
                                    Some(Ok(NewPasswordOutcome::Rejected { errors })) => errors,
                                    Some(Ok(NewPasswordOutcome::Link(_))) => FieldErrors::one(
                                        Field::Form,
                                        "This invitation no longer works. Reload the page to see why.",
                                    ),
                                    Some(Err(error)) => failure_as_errors(&error),
                                    _ => FieldErrors::new(),
                                };
                                let summary = notice(form_errors, None, errors);
                                view! {
                                    <h1>{format!("Join {company}")}</h1>
                                    <p class="lead">
                                        {format!("Welcome, {first_name}. Choose a password for {email}; you are logged in at once.")}
                                    </p>
                                    {summary}
                                    <form class="form" method="post" data-reload="" action=format!("{}?token={token}", portal.path("/invitation")) novalidate>
                                        <input type="hidden" name="form[token]" value=token.clone() />
                                        <input type="email" hidden autocomplete="username" value=email.clone() />
                                        <TextField
                                            field=Field::Password
                                            label="Password"
                                            input_type="password"
                                            autocomplete="new-password"
                                            hint="At least 12 characters. A few words you will remember make a strong password."
                                        />
                                        <TextField
                                            field=Field::ConfirmPassword
                                            label="Confirm password"
                                            input_type="password"
                                            autocomplete="new-password"
                                        />
                                        <CheckboxField field=Field::Consent checked=consent>
                                            "I agree to the " <a href=portal.path(PRIVACY_POLICY.path)>"Privacy Policy"</a>
                                            " and the " <a href=portal.path(TERMS.path)>"Community Terms and Conditions"</a>
                                        </CheckboxField>
                                        <button class="button" type="submit">"Accept and log in"</button>
                                    </form>
                                }
                                .into_any()
                            }
                            dead => {
                                let (title, lead) = match dead {
                                    Ok(InvitationLink::Accepted) => (
                                        "This invitation was accepted already",
                                        "Log in with the password you chose.",
                                    ),
                                    Ok(InvitationLink::Expired) => (
                                        "This invitation has expired",
                                        "Invitations work for 7 days. Ask the person who invited you to send a new one.",
                                    ),
                                    Err(_) => (
                                        "The invitation could not be checked",
                                        "Something went wrong on our side. Please try again in a moment.",
                                    ),
                                    _ => (
                                        "This invitation no longer works",
                                        "It was withdrawn, or a newer email replaced it: use the link in the latest email, or ask the person who invited you.",
                                    ),
                                };
                                view! {
                                    <h1>{title}</h1>
                                    <p class="lead">{lead}</p>
                                    <p><a class="button" href=portal.path("/log-in")>"Log in"</a></p>
                                }
                                .into_any()
                            }
                        }
                    })
                }}
            </Suspense>
        </PortalLayout>
    }
}
