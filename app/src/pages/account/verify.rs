//! `/csp/verify?token=…` (and `/csm/verify`): the page an email's verification link opens.
//! Opening it changes nothing (mail scanners fetch links); the button's POST verifies,
//! and `/csp/verified` says what comes next.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{email_token_status, verify_email, AfterVerification, LinkUsed, TokenStatus};
use crate::components::layout::PortalLayout;
use crate::pages::account::email_link::{LinkButton, UseLinkForm};
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::{opened_link, posted_submission};

#[component]
pub fn VerifyPage(portal: Portal) -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let posted = posted_submission(move |form| verify_email(portal, form));
    let link = opened_link(token.clone(), |token: String| async move {
        if token.is_empty() {
            Ok(TokenStatus::Unknown)
        } else {
            email_token_status(token).await
        }
    });
    view! {
        <PortalLayout portal title="Verify your email address">
            <Suspense fallback=|| ()>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        // A plain post's outcome first (a done one has been redirected), else
                        // what the link is now.
                        let status = match posted.await.map(|s| s.outcome) {
                            Some(Ok(LinkUsed::Dead(status))) => Ok(status),
                            Some(Err(error)) => Err(error),
                            _ => link.await,
                        };
                        view! { <VerifyView portal token status /> }
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
    status: Result<TokenStatus, ServerFnError>,
) -> impl IntoView {
    let log_in = portal.path("/log-in");
    match status {
        Ok(TokenStatus::Valid | TokenStatus::Verified(_)) => view! {
            <h1>"Verify your email address"</h1>
            <p class="lead">"Select the button to confirm this is your email address."</p>
            <UseLinkForm portal link=LinkButton::Verify token label="Verify email address" />
        }
        .into_any(),
        Ok(TokenStatus::Used) => view! {
            <h1>"This link has already been used"</h1>
            <p class="lead">"Each verification link works once. If you used it, your address is verified."</p>
            <p><a class="button" href=log_in>"Log in"</a></p>
        }
        .into_any(),
        Ok(TokenStatus::Expired) => view! {
            <h1>"This link has expired"</h1>
            <p class="lead">"Verification links work for 24 hours, and a newer link replaces older ones."</p>
            <p><a class="button" href=portal.path("/resend")>"Send a new verification link"</a></p>
        }
        .into_any(),
        Ok(TokenStatus::Unknown | TokenStatus::Taken) => view! {
            <h1>"We do not recognise this link"</h1>
            <p class="lead">"Check that you opened the whole link from the email; some email programs split long links."</p>
            <p><a href=portal.path("/register")>"Register"</a> " · " <a href=log_in>"Log in"</a></p>
        }
        .into_any(),
        Err(error) => {
            let message = failure_as_errors(&error)
                .iter()
                .map(|e| e.message.clone())
                .collect::<String>();
            view! {
                <h1>"Your address could not be verified"</h1>
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
    view! {
        <PortalLayout portal title="Your email address is verified">
            {match next {
                AfterVerification::LogIn => view! {
                    <div class="panel panel--success" role="status">
                        <h1>"Your email address is verified"</h1>
                        <p class="lead">"Your account is ready."</p>
                    </div>
                    <p><a class="button" href=portal.path("/log-in")>"Log in"</a></p>
                    // Offered, never forced: a passkey logs in without a password.
                    <section class="aside" aria-labelledby="passkey-offer">
                        <h2 id="passkey-offer">"Log in faster next time"</h2>
                        <p>
                            "A passkey lets you log in with your device's fingerprint, face or PIN instead of your password, and nobody can phish it."
                        </p>
                        <p>
                            <a
                                class="button button--secondary"
                                href=format!("{}?next={}", portal.path("/log-in"), portal.path("/security"))
                            >
                                "Log in and add a passkey"
                            </a>
                        </p>
                    </section>
                }
                .into_any(),
                AfterVerification::AwaitReview => view! {
                    <div class="panel panel--success" role="status">
                        <h1>"Your email address is verified"</h1>
                        <p class="lead">
                            "Your request has been submitted and is pending review. You receive an email when your request is processed."
                        </p>
                    </div>
                }
                .into_any(),
            }}
        </PortalLayout>
    }
}
