//! `/csp/log-in` and `/csm/log-in`: email and password. A page that needs a logged-in
//! person sends them here with `?next=`, and logging in takes them back.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "hydrate")]
use crate::api::LogIn;
use crate::api::{carried_address, log_in, LogInOutcome};
use crate::components::fields::{ErrorSummary, TextField};
use crate::components::layout::PortalLayout;
use crate::components::notice::provide_form_errors;
#[cfg(feature = "hydrate")]
use crate::enhance::{portal_argument, Behaviour, Reaction};
use crate::enhance::{Enhanced, FormKind};
#[cfg(feature = "hydrate")]
use crate::forms::log_in::LogInForm;
use crate::forms::log_in::{keeping_resume, resume_address};
use crate::forms::{Field, FieldErrors};
use crate::i18n::{t, t_with};
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::posted_submission;

#[component]
pub fn LogInPage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(move |form| log_in(portal, form));
    // The address a step before carried over (verified just now, or typed in the other
    // portal): the form starts with it.
    let carried = Resource::new_blocking(|| (), |_| carried_address());
    view! {
        <PortalLayout portal title=t("log-in-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let errors = match posted.as_ref().map(|s| &s.outcome) {
                        Some(Ok(LogInOutcome::Rejected { errors })) => errors.clone(),
                        Some(Err(error)) => failure_as_errors(error),
                        _ => FieldErrors::new(),
                    };
                    form_errors.reset(errors.clone());
                    let mut shown = posted.map(|s| s.form).unwrap_or_default();
                    if shown.email.is_empty() {
                        if let Ok(Some(carried)) = carried.await {
                            shown.email = carried.email;
                        }
                    }
                    let next = if shown.next.is_empty() {
                        use_query_map().with_untracked(|q| q.get("next").unwrap_or_default())
                    } else {
                        shown.next.clone()
                    };
                    let passkey_next = next.clone();
                    let register = keeping_resume(portal.path("/register"), &next);
                    // An app open to both portals sends people to the consumer log-in:
                    // its business contacts go on from there, still on their way back.
                    let other_portal = resume_address(&next)
                        .map(|resume| (portal.other(), format!("{}?next={resume}", portal.other().path("/log-in"))));
                    view! {
                        <h1>{t_with("log-in-heading", &[("portal", portal.name().to_string())])}</h1>
                        <Enhanced form=FormKind::LogIn portal errors>
                            <ErrorSummary />
                            <form class="form" id="form" method="post" action=portal.path("/log-in") novalidate>
                                <TextField field=Field::Email label=t("log-in-email") input_type="email" autocomplete="username webauthn" value=shown.email />
                                <TextField field=Field::Password label=t("log-in-password") input_type="password" autocomplete="current-password" />
                                <input type="hidden" name="form[next]" value=next />
                                <button class="button" type="submit">{t("log-in-submit")}</button>
                            </form>
                        </Enhanced>
                        // Passkeys need the browser's WebAuthn API: `/passkeys.js` (loaded
                        // only where this marker is) shows the button and offers the
                        // person's passkeys in the email field's autofill.
                        // Its messages are the page's, in the page's language (`data-msg-*`).
                        <div
                            class="passkey"
                            data-passkeys="log-in"
                            data-portal=format!("{portal:?}")
                            data-next=passkey_next
                            data-msg-not-supported=t("passkeys-not-supported")
                            data-msg-failed=t("passkeys-failed")
                            data-msg-cancelled=t("passkeys-cancelled")
                        >
                            <p class="error-message" data-passkey-message="" aria-live="polite"></p>
                            <button class="button button--secondary" type="button" data-passkey-action="" hidden>{t("log-in-passkey")}</button>
                        </div>
                        <p>
                            <a href=portal.path("/reset")>{t("log-in-forgot-password")}</a>
                        </p>
                        <p>{t("log-in-new-here")} <a href=register>{t("log-in-register")}</a> {t("log-in-new-here-after")}</p>
                        {other_portal.map(|(other, href)| view! {
                            <p class="aside">
                                {t("log-in-other-portal-for-app")}
                                <a href=href>{other.name()}</a>
                                {t("log-in-other-portal-for-app-after")}
                            </p>
                        })}
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}

/// What the log-in form does in the browser: checks the fields and logs in through the
/// server function, then goes on to the page that asked.
#[cfg(feature = "hydrate")]
pub(crate) fn behaviour(portal: Portal) -> Behaviour {
    Behaviour::new::<LogInForm, LogIn>(
        |form| form.validate().err().unwrap_or_default(),
        portal_argument(portal),
        |outcome| match outcome {
            LogInOutcome::LoggedIn { to }
            | LogInOutcome::SecondStep { to }
            | LogInOutcome::Status { to } => Reaction::GoTo(to),
            LogInOutcome::Rejected { errors } => Reaction::Errors(errors),
        },
    )
}
