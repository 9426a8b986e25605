//! `/csm/invitation?token=…`: the page an invitation's link opens. Opening it changes
//! nothing; choosing a password and agreeing accepts the invitation and logs in.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{accept_invitation, invitation_status, InvitationLink, NewPasswordOutcome};
use crate::components::fields::{CheckboxField, TextField};
use crate::components::layout::PortalLayout;
use crate::components::notice::{notice, provide_form_errors};
use crate::forms::{Field, FieldErrors};
use crate::i18n::{t, t_with};
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
        <PortalLayout portal title=t("csm-invitation-page-title")>
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
                                        "csm-invitation-gone-error",
                                    ),
                                    Some(Err(error)) => failure_as_errors(&error),
                                    _ => FieldErrors::new(),
                                };
                                let summary = notice(form_errors, None, errors);
                                view! {
                                    <h1>{t_with("csm-invitation-title", &[("company", company)])}</h1>
                                    <p class="lead">
                                        {t_with(
                                            "csm-invitation-lead",
                                            &[("name", first_name), ("email", email.clone())],
                                        )}
                                    </p>
                                    {summary}
                                    {invitation_form(portal, token, email, consent)}
                                }
                                .into_any()
                            }
                            dead => dead_link(portal, dead),
                        }
                    })
                }}
            </Suspense>
        </PortalLayout>
    }
}

/// The form that accepts the invitation: a password, twice, and the consent.
fn invitation_form(portal: Portal, token: String, email: String, consent: bool) -> impl IntoView {
    view! {
        <form class="form" method="post" data-reload="" action=format!("{}?token={token}", portal.path("/invitation")) novalidate>
            <input type="hidden" name="form[token]" value=token.clone() />
            <input type="email" hidden autocomplete="username" value=email.clone() />
            <TextField
                field=Field::Password
                label=t("csm-invitation-password")
                input_type="password"
                autocomplete="new-password"
                hint=t("csm-invitation-password-hint")
            />
            <TextField
                field=Field::ConfirmPassword
                label=t("csm-invitation-confirm-password")
                input_type="password"
                autocomplete="new-password"
            />
            <CheckboxField field=Field::Consent checked=consent>
                {t("csm-invitation-consent-before")} " "
                <a href=portal.path(PRIVACY_POLICY.path)>{PRIVACY_POLICY.title()}</a>
                " " {t("csm-invitation-consent-and")} " "
                <a href=portal.path(TERMS.path)>{TERMS.title()}</a>
                {t("csm-invitation-consent-after")}
            </CheckboxField>
            <button class="button" type="submit">{t("csm-invitation-submit")}</button>
        </form>
    }
}

/// A link that no longer opens an invitation: why, and the way to log in.
fn dead_link(portal: Portal, dead: Result<InvitationLink, ServerFnError>) -> AnyView {
    let (title, lead) = match dead {
        Ok(InvitationLink::Accepted) => (
            "csm-invitation-accepted-title",
            "csm-invitation-accepted-lead",
        ),
        Ok(InvitationLink::Expired) => (
            "csm-invitation-expired-title",
            "csm-invitation-expired-lead",
        ),
        Err(_) => ("csm-invitation-failed-title", "csm-invitation-failed-lead"),
        _ => ("csm-invitation-gone-title", "csm-invitation-gone-lead"),
    };
    view! {
        <h1>{t(title)}</h1>
        <p class="lead">{t(lead)}</p>
        <p><a class="button" href=portal.path("/log-in")>{t("csm-invitation-log-in")}</a></p>
    }
    .into_any()
}
