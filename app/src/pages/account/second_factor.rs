//! `/csp/log-in/second-factor` and `/csm/log-in/second-factor`: after a right password, a
//! person with a second factor gives it here before any session exists: a code from their
//! authenticator app, a recovery code, or a passkey. The form is a plain post (the islands
//! router sends it without a reload); the passkey button is driven by `/passkeys.js`, which
//! only this page and the other passkey pages load.
use leptos::prelude::*;

use crate::api::{pending_second_factor, second_factor, LogInOutcome, PendingLogIn};
use crate::components::fields::{ErrorSummary, TextField};
use crate::components::layout::PortalLayout;
use crate::components::notice::provide_form_errors;
use crate::forms::{Field, FieldErrors};
use crate::i18n::t;
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::posted_submission;

#[component]
pub fn SecondFactorPage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(move |form| second_factor(portal, form));
    let pending = Resource::new_blocking(
        || (),
        move |_| async move {
            posted.await;
            pending_second_factor().await
        },
    );
    view! {
        <PortalLayout portal title=t("second-factor-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let errors = match posted.await.map(|s| s.outcome) {
                        Some(Ok(LogInOutcome::Rejected { errors })) => errors,
                        Some(Err(error)) => failure_as_errors(&error),
                        _ => FieldErrors::new(),
                    };
                    form_errors.reset(errors);
                    match pending.await {
                        Ok(Some(pending)) => view! { <SecondStep portal pending /> }.into_any(),
                        _ => view! {
                            <h1>{t("second-factor-expired-title")}</h1>
                            <p class="lead">{t("second-factor-expired-lead")}</p>
                            <p><a class="button" href=portal.path("/log-in")>{t("second-factor-log-in")}</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}

#[component]
fn SecondStep(portal: Portal, pending: PendingLogIn) -> impl IntoView {
    let hint = t(match (pending.app, pending.recovery_codes) {
        (true, true) => "second-factor-hint-app-or-code",
        (true, false) => "second-factor-hint-app",
        _ => "second-factor-hint-code",
    });
    let codes = pending.app || pending.recovery_codes;
    view! {
        <h1>{t("second-factor-title")}</h1>
        <p class="lead">{t("second-factor-lead")}</p>
        {pending.passkeys.then(|| view! {
            // Its messages are the page's, in the page's language (`data-msg-*`).
            <div
                class="passkey"
                data-passkeys="second-factor"
                data-portal=format!("{portal:?}")
                data-msg-not-supported=t("passkeys-not-supported")
                data-msg-failed=t("passkeys-failed")
                data-msg-cancelled=t("passkeys-cancelled")
            >
                <p data-passkey-message="" aria-live="polite"></p>
                <button class="button" type="button" data-passkey-action="" hidden>{t("second-factor-passkey")}</button>
                <noscript><p class="aside">{t("second-factor-passkey-needs-javascript")}</p></noscript>
            </div>
        })}
        {codes.then(|| view! {
            <ErrorSummary />
            <form class="form" method="post" data-reload="" action=portal.path("/log-in/second-factor") novalidate>
                <TextField
                    field=Field::Code
                    label=t("second-factor-code")
                    autocomplete="one-time-code"
                    inputmode=if pending.recovery_codes { "text" } else { "numeric" }
                    hint
                />
                <button class="button" type="submit">{t("second-factor-submit")}</button>
            </form>
        })}
        <p><a href=portal.path("/log-in")>{t("second-factor-start-again")}</a></p>
    }
}
