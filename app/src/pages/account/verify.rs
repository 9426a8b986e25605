//! `/csp/verify?token=…` (and `/csm/verify`): the page an email's verification link opens.
//! Opening it changes nothing (mail scanners fetch links); the button's POST verifies,
//! and `/csp/verified` says what comes next.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{email_token_status, verify_email, AfterVerification, LinkUsed, TokenStatus};
use crate::components::layout::PortalLayout;
use crate::forms::log_in::{keeping_resume, resume_address};
use crate::i18n::t;
use crate::pages::account::email_link::{LinkButton, UseLinkForm};
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::{opened_link, posted_submission};

#[component]
pub fn VerifyPage(portal: Portal) -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    // Registering from an app's log-in puts its waiting sign-in into the link.
    let resume =
        use_query_map().with_untracked(|q| resume_address(&q.get("next").unwrap_or_default()));
    let posted = posted_submission(move |form| verify_email(portal, form));
    let link = opened_link(token.clone(), |token: String| async move {
        if token.is_empty() {
            Ok(TokenStatus::Unknown)
        } else {
            email_token_status(token).await
        }
    });
    view! {
        <PortalLayout portal title=t("verify-title")>
            <Suspense fallback=|| ()>
                {move || {
                    let token = token.clone();
                    let resume = resume.clone();
                    Suspend::new(async move {
                        // A plain post's outcome first (a done one has been redirected), else
                        // what the link is now.
                        let status = match posted.await.map(|s| s.outcome) {
                            Some(Ok(LinkUsed::Dead(status))) => Ok(status),
                            Some(Err(error)) => Err(error),
                            _ => link.await,
                        };
                        view! { <VerifyView portal token resume status /> }
                    })
                }}
            </Suspense>
        </PortalLayout>
    }
}

#[component]
fn VerifyView(
    portal: Portal,
    token: String,
    resume: Option<String>,
    status: Result<TokenStatus, ServerFnError>,
) -> impl IntoView {
    let log_in = portal.path("/log-in");
    match status {
        Ok(TokenStatus::Valid | TokenStatus::Verified(_)) => view! {
            <h1>{t("verify-title")}</h1>
            <p class="lead">{t("verify-lead")}</p>
            <UseLinkForm portal link=LinkButton::Verify token label=t("verify-button") resume />
        }
        .into_any(),
        Ok(TokenStatus::Used) => view! {
            <h1>{t("verify-used-title")}</h1>
            <p class="lead">{t("verify-used-lead")}</p>
            <p><a class="button" href=log_in>{t("verify-log-in")}</a></p>
        }
        .into_any(),
        Ok(TokenStatus::Expired) => view! {
            <h1>{t("verify-expired-title")}</h1>
            <p class="lead">{t("verify-expired-lead")}</p>
            <p><a class="button" href=portal.path("/resend")>{t("verify-new-link")}</a></p>
        }
        .into_any(),
        Ok(TokenStatus::Unknown | TokenStatus::Taken) => view! {
            <h1>{t("verify-unknown-title")}</h1>
            <p class="lead">{t("verify-unknown-lead")}</p>
            <p><a href=portal.path("/register")>{t("verify-register")}</a> " · " <a href=log_in>{t("verify-log-in")}</a></p>
        }
        .into_any(),
        Err(error) => {
            let message = failure_as_errors(&error)
                .iter()
                .map(|e| e.message.text())
                .collect::<String>();
            view! {
                <h1>{t("verify-failed-title")}</h1>
                <p class="lead">{message}</p>
            }
            .into_any()
        }
    }
}

/// `/csp/verified?next=…`: the address is verified; this is what happens next.
#[component]
pub fn VerifiedPage(portal: Portal) -> impl IntoView {
    let next = use_query_map()
        .with_untracked(|q| AfterVerification::of_query(&q.get("next").unwrap_or_default()));
    // The app the person registered from: logging in goes on to it. (A business contact
    // waiting for approval comes back from the app later, while its sign-in waits.)
    let log_in = use_query_map().with_untracked(|q| {
        keeping_resume(portal.path("/log-in"), &q.get("resume").unwrap_or_default())
    });
    view! {
        <PortalLayout portal title=t("verify-done-title")>
            {match next {
                AfterVerification::LogIn => view! {
                    <div class="panel panel--success" role="status">
                        <h1>{t("verify-done-title")}</h1>
                        <p class="lead">{t("verify-done-ready")}</p>
                    </div>
                    <p><a class="button" href=log_in>{t("verify-log-in")}</a></p>
                    // Offered, never forced: a passkey logs in without a password.
                    <section class="aside" aria-labelledby="passkey-offer">
                        <h2 id="passkey-offer">{t("verify-passkey-offer-title")}</h2>
                        <p>{t("verify-passkey-offer")}</p>
                        <p>
                            <a
                                class="button button--secondary"
                                href=format!("{}?next={}", portal.path("/log-in"), portal.path("/security"))
                            >
                                {t("verify-passkey-offer-button")}
                            </a>
                        </p>
                    </section>
                }
                .into_any(),
                AfterVerification::AwaitReview => view! {
                    <div class="panel panel--success" role="status">
                        <h1>{t("verify-done-title")}</h1>
                        <p class="lead">{t("verify-done-pending-review")}</p>
                    </div>
                }
                .into_any(),
                // No registration code: our staff find the company before anyone decides.
                AfterVerification::AwaitAssignment => view! {
                    <div class="panel panel--success" role="status">
                        <h1>{t("verify-done-title")}</h1>
                        <p class="lead">{t("verify-done-pending-staff")}</p>
                    </div>
                }
                .into_any(),
            }}
        </PortalLayout>
    }
}
