//! `/csp/register` and `/csm/register`: the registration form of each portal, and the
//! "check your email" page that follows it. The business portal's form asks for the
//! company's registration code.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "hydrate")]
use crate::api::Register;
use crate::api::{new_captcha, register, RegisterOutcome};
use crate::captcha::CaptchaChallenge;
use crate::components::captcha::Captcha;
use crate::components::fields::{CheckboxField, ErrorSummary, TextField};
use crate::components::layout::PortalLayout;
use crate::components::notice::provide_form_errors;
#[cfg(feature = "hydrate")]
use crate::enhance::{portal_argument, Behaviour, Reaction};
use crate::enhance::{Enhanced, FormKind};
use crate::forms::registration::RegistrationForm;
use crate::forms::{Field, FieldErrors};
use crate::pages::failure_as_errors;
use crate::policies::{PRIVACY_POLICY, TERMS};
use crate::portal::{query_value, Portal};
use crate::submission::posted_submission;

#[component]
pub fn RegisterPage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(move |form| register(portal, form));
    let captcha = Resource::new_blocking(|| (), |_| new_captcha());
    view! {
        <PortalLayout portal title="Register">
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
                    let shown = posted.map(|s| s.form).unwrap_or_default();
                    view! {
                        <h1>{format!("Register for the {}", portal.name())}</h1>
                        <p class="lead">
                            {match portal {
                                Portal::Csp => "Create your consumer profile. Already registered? ",
                                Portal::Csm => "Request access for your company's account. Already registered? ",
                            }}
                            <a href=portal.path("/log-in")>"Log in"</a> "."
                        </p>
                        <p class="aside">
                            {match portal {
                                Portal::Csp => "Registering for your company? Use the ",
                                Portal::Csm => "Buying for yourself? Use the ",
                            }}
                            <a href=portal.other().path("/register")>{portal.other().name()}</a> " instead."
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
                // Solve the new challenge afresh.
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
            <TextField field=Field::FirstName label="First name" autocomplete="given-name" value=shown.first_name />
            <TextField field=Field::LastName label="Last name" autocomplete="family-name" value=shown.last_name />
            <TextField
                field=Field::Email
                label=match portal {
                    Portal::Csp => "Email",
                    Portal::Csm => "Business email",
                }
                input_type="email"
                autocomplete="email"
                value=shown.email
                portal
            />
            {(portal == Portal::Csm).then(|| view! {
                <TextField
                    field=Field::RegistrationCode
                    label="Registration code (optional)"
                    autocomplete="off"
                    hint="Your company's customer administrator can give you this code"
                    value=shown.registration_code.clone()
                />
            })}
            <TextField
                field=Field::Password
                label="Password"
                input_type="password"
                autocomplete="new-password"
                hint="At least 12 characters. A few words you will remember make a strong password."
            />
            <TextField field=Field::ConfirmPassword label="Confirm password" input_type="password" autocomplete="new-password" />
            <Captcha challenge />
            <CheckboxField field=Field::Consent>
                "I agree to the " <a href=portal.path(PRIVACY_POLICY.path)>"Privacy Policy"</a>
                " and the " <a href=portal.path(TERMS.path)>"Community Terms and Conditions"</a>
            </CheckboxField>
            <button class="button" type="submit">
                {match portal {
                    Portal::Csp => "Sign Up",
                    Portal::Csm => "Submit",
                }}
            </button>
        </form>
    }
}

/// `/csp/register/sent?email=…`: what comes after registering.
#[component]
pub fn CheckYourEmailPage(portal: Portal) -> impl IntoView {
    let email = use_query_map().with_untracked(|q| q.get("email").unwrap_or_default());
    view! {
        <PortalLayout portal title="Check your email">
            <div class="panel panel--success" role="status">
                <h1>"Check your email"</h1>
                <p class="lead">
                    {if email.is_empty() {
                        view! { "We sent you a verification link." }.into_any()
                    } else {
                        view! { "We sent a verification link to " <strong>{email.clone()}</strong> "." }.into_any()
                    }}
                </p>
            </div>
            <p>
                "Open the link in that email to verify your address. The link expires in 24 hours. "
                {match portal {
                    Portal::Csp => "Then you can log in.",
                    Portal::Csm => "Then your company's customer administrator reviews your request, and we email you the decision.",
                }}
            </p>
            <h2>"If the email does not arrive"</h2>
            <ul>
                <li>"It can take a few minutes. Check your spam or junk folder."</li>
                <li>"Check the address above. If it is wrong, register again with the right one."</li>
                <li>
                    "Still nothing, or the link has expired? "
                    <a href=format!("{}?email={}", portal.path("/resend"), query_value(&email))>"Send a new link"</a>
                    "."
                </li>
            </ul>
        </PortalLayout>
    }
}
