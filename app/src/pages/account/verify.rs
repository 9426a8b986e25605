//! `/csp/verify?token=…` (and `/csm/verify`): the page an email's verification link opens. Opening it
//! changes nothing (mail scanners fetch links); the button's POST verifies.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{email_token_status, verify_email, AfterVerification, TokenStatus, VerifyEmail};
use crate::components::layout::PortalLayout;
use crate::forms::log_in::VerifyEmailForm;
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::{latest_outcome, opened_link, posted_submission};

#[component]
pub fn VerifyPage(portal: Portal) -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let posted = posted_submission(verify_email);
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
                        let posted = posted.await;
                        let link = link.await;
                        let action = ServerAction::<VerifyEmail>::new();
                        // A plain post's outcome first, else what the link is now.
                        let on_load = posted
                            .as_ref()
                            .map(|s| s.outcome.clone())
                            .unwrap_or(link);
                        let outcome = latest_outcome(move || action.value().get(), posted);
                        let status = Signal::derive(move || {
                            outcome.get().unwrap_or_else(|| on_load.clone())
                        });
                        view! { <VerifyView portal token action status /> }
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
    action: ServerAction<VerifyEmail>,
    status: Signal<Result<TokenStatus, ServerFnError>>,
) -> impl IntoView {
    let pending = action.pending();
    let on_submit = {
        let token = token.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            action.dispatch(VerifyEmail {
                form: VerifyEmailForm {
                    token: token.clone(),
                },
            });
        }
    };
    let log_in = portal.path("/log-in");
    let register = portal.path("/register");
    move || {
        match status.get() {
        Ok(TokenStatus::Valid) => view! {
            <h1>"Verify your email address"</h1>
            <p class="lead">"Select the button to confirm this is your email address."</p>
            <form method="post" action=portal.path("/verify") on:submit=on_submit.clone()>
                <input type="hidden" name="form[token]" value=token.clone() />
                <button class="button" type="submit" disabled=move || pending.get()>
                    "Verify email address"
                </button>
            </form>
        }
        .into_any(),
        Ok(TokenStatus::Verified(AfterVerification::LogIn)) => view! {
            <div class="panel panel--success" role="status">
                <h1>"Your email address is verified"</h1>
                <p class="lead">"Your account is ready."</p>
            </div>
            <p>
                <a class="button" href=log_in.clone()>"Log in"</a>
            </p>
        }
        .into_any(),
        Ok(TokenStatus::Verified(AfterVerification::AwaitReview)) => view! {
            <div class="panel panel--success" role="status">
                <h1>"Your email address is verified"</h1>
                <p class="lead">
                    "Your request has been submitted and is pending review. You receive an email when your request is processed."
                </p>
            </div>
        }
        .into_any(),
        Ok(TokenStatus::Used) => view! {
            <h1>"This link has already been used"</h1>
            <p class="lead">"Each verification link works once. If you used it, your address is verified."</p>
            <p><a class="button" href=log_in.clone()>"Log in"</a></p>
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
            <p><a href=register.clone()>"Register"</a> " · " <a href=log_in.clone()>"Log in"</a></p>
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
}
