//! `/csp/register` and `/csm/register`: the registration form of each portal, and the
//! "check your email" page that follows it. The business portal's form asks for the
//! company's registration code.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "hydrate")]
use crate::api::Register;
use crate::api::{carried_address, new_captcha, register, RegisterOutcome, Reviewer};
use crate::captcha::CaptchaChallenge;
use crate::components::captcha::Captcha;
use crate::components::fields::{CheckboxField, ErrorSummary, TextField};
use crate::components::layout::PortalLayout;
use crate::components::notice::provide_form_errors;
#[cfg(feature = "hydrate")]
use crate::enhance::{portal_argument, Behaviour, Reaction};
use crate::enhance::{Enhanced, FormKind};
use crate::forms::log_in::{keeping_resume, resume_address};
use crate::forms::registration::RegistrationForm;
use crate::forms::{Field, FieldErrors};
use crate::i18n::{t, t_with};
use crate::pages::failure_as_errors;
use crate::policies::{PRIVACY_POLICY, TERMS};
use crate::portal::Portal;
use crate::submission::posted_submission;

#[component]
pub fn RegisterPage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(move |form| register(portal, form));
    let captcha = Resource::new_blocking(|| (), |_| new_captcha());
    view! {
        <PortalLayout portal title=t("register-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    // A rejected registration comes with a new challenge to solve.
                    let (errors, challenge) = match posted.as_ref().map(|s| &s.outcome) {
                        Some(Ok(RegisterOutcome::Rejected { errors, captcha })) => {
                            (errors.clone(), captcha.clone())
                        }
                        Some(Err(error)) => (failure_as_errors(error), captcha.await.unwrap_or_default()),
                        _ => (FieldErrors::new(), captcha.await.unwrap_or_default()),
                    };
                    form_errors.reset(errors.clone());
                    let mut shown = posted.map(|s| s.form).unwrap_or_default();
                    if shown.next.is_empty() {
                        shown.next = use_query_map().with_untracked(|q| q.get("next").unwrap_or_default());
                    }
                    let log_in = keeping_resume(portal.path("/log-in"), &shown.next);
                    let other_register = keeping_resume(portal.other().path("/register"), &shown.next);
                    view! {
                        <h1>{t_with("register-heading", &[("portal", portal.name().to_string())])}</h1>
                        <p class="lead">
                            {t(match portal {
                                Portal::Csp => "register-lead-csp",
                                Portal::Csm => "register-lead-csm",
                            })}
                            <a href=log_in>{t("register-lead-log-in")}</a>
                            {t("register-lead-after")}
                        </p>
                        <p class="aside">
                            {t(match portal {
                                Portal::Csp => "register-other-portal-csp",
                                Portal::Csm => "register-other-portal-csm",
                            })}
                            <a href=other_register>{portal.other().name()}</a>
                            {t("register-other-portal-after")}
                        </p>
                        <Enhanced form=FormKind::Register portal errors>
                            <RegistrationFields portal shown challenge />
                        </Enhanced>
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}

/// What the registration form does in the browser: live validation, the Security
/// Code's solver (`enhance::captcha`), and registering through the server function.
#[cfg(feature = "hydrate")]
pub(crate) fn behaviour(portal: Portal) -> Behaviour {
    Behaviour::new::<RegistrationForm, Register>(
        |form| form.validate().err().unwrap_or_default(),
        portal_argument(portal),
        |outcome| match outcome {
            RegisterOutcome::Registered { to } => Reaction::GoTo(to),
            RegisterOutcome::Rejected { errors, captcha } => {
                // The refusal spent the challenge: the new one is solved by itself.
                crate::enhance::captcha::replace(&captcha);
                Reaction::Errors(errors)
            }
        },
    )
}

/// The form itself, as the server renders it (and as it works without JavaScript).
#[component]
fn RegistrationFields(
    portal: Portal,
    shown: RegistrationForm,
    challenge: CaptchaChallenge,
) -> impl IntoView {
    view! {
        <ErrorSummary />
        <form class="form" id="form" method="post" action=portal.path("/register") novalidate>
            <TextField field=Field::FirstName label=t("register-first-name") autocomplete="given-name" value=shown.first_name />
            <TextField field=Field::LastName label=t("register-last-name") autocomplete="family-name" value=shown.last_name />
            <TextField
                field=Field::Email
                label=t(match portal {
                    Portal::Csp => "register-email",
                    Portal::Csm => "register-business-email",
                })
                input_type="email"
                autocomplete="email"
                value=shown.email
                portal
            />
            {(portal == Portal::Csm).then(|| view! {
                <TextField
                    field=Field::RegistrationCode
                    label=t("register-registration-code")
                    autocomplete="off"
                    hint=t("register-registration-code-hint")
                    value=shown.registration_code.clone()
                />
            })}
            <TextField
                field=Field::Password
                label=t("register-password")
                input_type="password"
                autocomplete="new-password"
                hint=t("register-password-hint")
            />
            <TextField field=Field::ConfirmPassword label=t("register-confirm-password") input_type="password" autocomplete="new-password" />
            <Captcha challenge />
            <CheckboxField field=Field::Consent>
                {t("register-consent-before")}
                <a href=portal.path(PRIVACY_POLICY.path)>{t("register-consent-privacy-policy")}</a>
                {t("register-consent-between")}
                <a href=portal.path(TERMS.path)>{t("register-consent-terms")}</a>
                {t("register-consent-after")}
            </CheckboxField>
            {resume_address(&shown.next).map(|resume| view! {
                <input type="hidden" name="form[next]" value=resume />
            })}
            // One label in both portals.
            <button class="button" type="submit">{t("register-submit")}</button>
        </form>
    }
}

/// `/csp/register/sent`: what comes after registering. The address it names was carried
/// over in the session, not in the URL (URLs end up in history and logs).
#[component]
pub fn CheckYourEmailPage(portal: Portal) -> impl IntoView {
    let carried = Resource::new_blocking(|| (), |_| carried_address());
    view! {
        <PortalLayout portal title=t("register-sent-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let carried = carried.await.ok().flatten();
                    let reviewer = carried.as_ref().and_then(|c| c.reviewer);
                    let email = carried.map(|c| c.email).unwrap_or_default();
                    view! { <SentView portal email reviewer /> }
                })}
            </Suspense>
        </PortalLayout>
    }
}

#[component]
fn SentView(portal: Portal, email: String, reviewer: Option<Reviewer>) -> impl IntoView {
    // Who decides a business registration: the company of the code given, or (without
    // one) our staff, who find the company first.
    let then = match (portal, reviewer) {
        (Portal::Csp, _) => "register-sent-then-csp",
        (Portal::Csm, Some(Reviewer::Staff)) => "register-sent-then-staff",
        (Portal::Csm, Some(Reviewer::Company)) => "register-sent-then-company",
        (Portal::Csm, None) => "register-sent-then-csm",
    };
    view! {
        <div class="panel panel--success" role="status">
            <h1>{t("register-sent-title")}</h1>
            <p class="lead">
                {if email.is_empty() {
                    view! { {t("register-sent-lead")} }.into_any()
                } else {
                    view! {
                        {t("register-sent-lead-to-before")}
                        <strong>{email}</strong>
                        {t("register-sent-lead-to-after")}
                    }
                    .into_any()
                }}
            </p>
        </div>
        <p>{t("register-sent-open-link")} " " {t(then)}</p>
        <h2>{t("register-sent-no-email")}</h2>
        <ul>
            <li>{t("register-sent-wait")}</li>
            <li>{t("register-sent-check-address")}</li>
            <li>
                {t("register-sent-still-nothing")}
                <a href=portal.path("/resend")>{t("register-sent-new-link")}</a>
                {t("register-sent-still-nothing-after")}
            </li>
        </ul>
    }
}
