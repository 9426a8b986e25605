//! `/csp/register` and `/csm/register`: the registration form of each portal, and the
//! "check your email" page that follows it. The business portal's form asks for the
//! company's registration code.
use leptos::prelude::*;

use crate::api::{new_captcha, register, Register, RegisterOutcome};
use crate::captcha::CaptchaChallenge;
use crate::components::captcha::Captcha;
use crate::components::fields::{CheckboxField, ErrorSummary, FormErrors, TextField};
use crate::components::layout::PortalLayout;
use crate::forms::registration::RegistrationForm;
use crate::forms::{Field, FieldErrors};
use crate::pages::failure_as_errors;
use crate::policies::{PRIVACY_POLICY, TERMS};
use crate::portal::Portal;
use crate::submission::{latest_outcome, posted_submission, Submission};

#[component]
pub fn RegisterPage(portal: Portal) -> impl IntoView {
    let posted = posted_submission(move |form| register(portal, form));
    let captcha = Resource::new_blocking(|| (), |_| new_captcha());
    view! {
        <PortalLayout portal title="Register">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let captcha = captcha.await.unwrap_or_default();
                    view! { <Registration portal posted captcha /> }
                })}
            </Suspense>
        </PortalLayout>
    }
}

fn errors_of(outcome: &Option<Result<RegisterOutcome, ServerFnError>>) -> FieldErrors {
    match outcome {
        Some(Ok(RegisterOutcome::Rejected { errors, .. })) => errors.clone(),
        Some(Err(error)) => failure_as_errors(error),
        _ => FieldErrors::new(),
    }
}

#[component]
fn Registration(
    portal: Portal,
    posted: Option<Submission<RegistrationForm, RegisterOutcome>>,
    captcha: CaptchaChallenge,
) -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let shown = posted.as_ref().map(|s| s.form.clone()).unwrap_or_default();
    let outcome = latest_outcome(move || action.value().get(), posted);
    let errors = FormErrors::new(errors_of(&outcome.get_untracked()));
    provide_context(errors);

    let challenge = Signal::derive(move || match outcome.get() {
        Some(Ok(RegisterOutcome::Rejected { captcha, .. })) => captcha,
        _ => captcha.clone(),
    });
    let registered = Signal::derive(move || match outcome.get() {
        Some(Ok(RegisterOutcome::Registered { email })) => Some(email),
        _ => None,
    });
    let form_ref = NodeRef::<leptos::html::Form>::new();

    // The browser's call came back: show what it says.
    Effect::new(move |_| {
        let latest = action.value().get();
        if latest.is_some() {
            errors.show(errors_of(&latest));
        }
    });
    let on_submit = errors.enhance(
        form_ref,
        |form: &RegistrationForm| form.validate().err().unwrap_or_default(),
        move |form| {
            action.dispatch(Register { portal, form });
        },
    );
    let pending = action.pending();

    let form = move || {
        let shown = shown.clone();
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
            <ErrorSummary />
            <form
                class="form"
                id="form"
                method="post"
                action=portal.path("/register")
                novalidate
                node_ref=form_ref
                on:submit=on_submit.clone()
            >
                <TextField
                    field=Field::FirstName
                    label="First name"
                    autocomplete="given-name"
                    value=shown.first_name
                />
                <TextField
                    field=Field::LastName
                    label="Last name"
                    autocomplete="family-name"
                    value=shown.last_name
                />
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
                <TextField
                    field=Field::ConfirmPassword
                    label="Confirm password"
                    input_type="password"
                    autocomplete="new-password"
                />
                <Captcha challenge />
                <CheckboxField field=Field::Consent>
                    "I agree to the " <a href=portal.path(PRIVACY_POLICY.path)>"Privacy Policy"</a>
                    " and the " <a href=portal.path(TERMS.path)>"Community Terms and Conditions"</a>
                </CheckboxField>
                <button class="button" type="submit" disabled=move || pending.get()>
                    {move || match (pending.get(), portal) {
                        (true, _) => "Sending…",
                        (false, Portal::Csp) => "Sign Up",
                        (false, Portal::Csm) => "Submit",
                    }}
                </button>
            </form>
        }
    };

    view! {
        <Show when=move || registered.with(Option::is_some) fallback=form>
            <CheckYourEmail portal email=registered.get().unwrap_or_default() />
        </Show>
    }
}

#[component]
pub fn CheckYourEmail(portal: Portal, email: String) -> impl IntoView {
    let shown = email.clone();
    view! {
        <div class="panel panel--success" role="status">
            <h1>"Check your email"</h1>
            <p class="lead">"We sent a verification link to " <strong>{shown}</strong> "."</p>
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
                <a href=format!("{}?email={}", portal.path("/resend"), encode_query(&email))>"Send a new link"</a>
                "."
            </li>
        </ul>
    }
}

/// An address as a query value: `+` and `&` (and anything unusual) percent-encoded.
fn encode_query(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'@' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
