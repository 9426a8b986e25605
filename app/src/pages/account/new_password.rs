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
use crate::i18n::t;
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
        <PortalLayout portal title=t("new-password-title")>
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
                                    <h1>{t("new-password-saved")}</h1>
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
                                    <h1>{t("new-password-title")}</h1>
                                    <Enhanced form=FormKind::NewPassword portal errors>
                                    {summary}
                                    <form class="form" method="post" action=format!("{}?token={token}", portal.path("/reset/new")) novalidate>
                                        <input type="hidden" name="form[token]" value=token.clone() />
                                        <TextField
                                            field=Field::Password
                                            label=t("new-password-password")
                                            input_type="password"
                                            autocomplete="new-password"
                                            hint=t("new-password-password-hint")
                                        />
                                        <TextField
                                            field=Field::ConfirmPassword
                                            label=t("new-password-confirm-password")
                                            input_type="password"
                                            autocomplete="new-password"
                                        />
                                        <button class="button" type="submit">{t("new-password-submit")}</button>
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
            NewPasswordOutcome::LoggedIn { to } | NewPasswordOutcome::SecondStep { to } => {
                Reaction::GoTo(to)
            }
            NewPasswordOutcome::Saved { message } => Reaction::Done(message),
            NewPasswordOutcome::Rejected { errors } => Reaction::Errors(errors),
            NewPasswordOutcome::Link(_) => {
                Reaction::Errors(FieldErrors::one(Field::Form, "island-link-gone"))
            }
        },
    )
}

#[component]
fn DeadLink(portal: Portal, status: Result<TokenStatus, ServerFnError>) -> impl IntoView {
    let (title, lead) = match status {
        Ok(TokenStatus::Used) => ("new-password-used-title", "new-password-used-lead"),
        Ok(TokenStatus::Expired) => ("new-password-expired-title", "new-password-expired-lead"),
        Err(_) => (
            "new-password-unchecked-title",
            "new-password-unchecked-lead",
        ),
        _ => ("new-password-unknown-title", "new-password-unknown-lead"),
    };
    view! {
        <h1>{t(title)}</h1>
        <p class="lead">{t(lead)}</p>
        <p><a class="button" href=portal.path("/reset")>{t("new-password-new-link")}</a></p>
    }
}
