//! `/csp/security` and `/csm/security`: how a person logs in. Passkeys (added by
//! `/passkeys.js`, which only the passkey pages load, and removed by a plain post), an
//! authenticator app (`/security/app` sets it up), and recovery codes
//! (`/security/recovery-codes` shows new ones, once). Every change asks again for the
//! password first, when it was given more than ten minutes ago (`/confirm`).
//!
//! The forms here are plain posts: the islands router sends them without a reload, and
//! the server checks them; none of them adds to the WASM another page downloads.
use leptos::prelude::*;

use crate::api::{
    confirm_totp, fresh_recovery_codes, regenerate_recovery_codes, remove_passkey, security,
    totp_setup, turn_off_totp, Access, ActionOutcome, Confirmation, RecoveryCodesView,
    SecurityView, TotpSetupView,
};
use crate::components::fields::{ErrorSummary, TextField};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::layout::PortalLayout;
use crate::components::notice::{provide_form_errors, FormSection};
use crate::forms::two_factor::RegenerateCodesForm;
use crate::forms::{Field, FieldErrors};
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::{posted_submission, posted_submission_of};

type Posted = Option<Result<ActionOutcome, ServerFnError>>;

/// What a plain post to the security page did, per form.
#[derive(Clone, Default)]
struct Outcomes {
    app_off: Posted,
    remove_passkey: Posted,
    recovery_codes: Posted,
}

#[component]
pub fn SecurityPage(portal: Portal) -> impl IntoView {
    let app_off = posted_submission_of(Some("app-off"), turn_off_totp);
    let remove = posted_submission_of(Some("remove-passkey"), remove_passkey);
    let codes = posted_submission_of(Some("recovery-codes"), |_: RegenerateCodesForm| {
        regenerate_recovery_codes()
    });
    let data = guarded_resource(move || async move {
        app_off.await;
        remove.await;
        codes.await;
        security().await
    });
    view! {
        <PortalLayout portal title="Security">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = Outcomes {
                        app_off: app_off.await.map(|s| s.outcome),
                        remove_passkey: remove.await.map(|s| s.outcome),
                        // Done, it goes on to the new codes; refused, it says why here.
                        recovery_codes: codes.await.map(|s| s.outcome.map(|o| match o {
                            Confirmation::Rejected { errors } => ActionOutcome::Rejected { errors },
                            Confirmation::Confirmed { .. } => ActionOutcome::done("New recovery codes are ready."),
                        })),
                    };
                    let data = data.await;
                    guarded(data, move |view| view! { <Security portal view posted /> }.into_any())
                })}
            </Suspense>
        </PortalLayout>
    }
}

#[component]
fn Security(portal: Portal, view: SecurityView, posted: Outcomes) -> impl IntoView {
    let recent = view.recently_authenticated;
    let has_factor = view.app_since.is_some() || !view.passkeys.is_empty();
    let confirm_first = format!(
        "{}?next={}",
        portal.path("/confirm"),
        portal.path("/security")
    );
    view! {
        <h1>"Security"</h1>
        <p class="lead">"How you log in: your password, and a second factor that keeps your account safe if your password is ever guessed or stolen."</p>
        {view.required.then(|| view! {
            <p class="aside" id="two-factor-required">"Your account must have a second factor: you cannot remove the last one."</p>
        })}
        {(!recent).then(|| view! {
            <p id="confirm-first">
                "For your security, confirm it's you before you change how you log in. "
                <a class="button button--secondary" href=confirm_first.clone()>"Confirm it's you"</a>
            </p>
        })}

        <h2 id="passkeys">"Passkeys"</h2>
        <p>"A passkey logs you in with your device's fingerprint, face or PIN instead of your password. Nobody can phish it."</p>
        <FormSection outcome=posted.remove_passkey.clone()>
            {if view.passkeys.is_empty() {
                view! { <p id="passkey-list">"You have no passkeys yet."</p> }.into_any()
            } else {
                view! {
                    <table class="table" id="passkey-list">
                        <thead>
                            <tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Added"</th>
                                <th scope="col">"Last used"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {view.passkeys.iter().cloned().map(|passkey| view! {
                                <tr>
                                    <td>{passkey.name.clone()}</td>
                                    <td>{passkey.added}</td>
                                    <td>{passkey.last_used.unwrap_or_else(|| "Never".into())}</td>
                                    <td>
                                        {recent.then(|| view! {
                                            <form method="post" data-reload="" action=portal.path("/security")>
                                                <input type="hidden" name="intent" value="remove-passkey" />
                                                <input type="hidden" name="form[passkey]" value=passkey.id.to_string() />
                                                <button class="button button--secondary" type="submit" aria-label=format!("Remove {}", passkey.name)>"Remove"</button>
                                            </form>
                                        })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </FormSection>
        {match (view.passkeys_here, recent) {
            (true, true) => view! { <PasskeyAdder portal /> }.into_any(),
            (false, _) => view! {
                <p class="aside">"Passkeys work only when this site is opened by its domain name; ask your administrator."</p>
            }
            .into_any(),
            (true, false) => ().into_any(),
        }}

        <h2 id="authenticator-app">"Authenticator app"</h2>
        {match view.app_since.clone() {
            Some(since) => view! {
                <p id="app-status">{format!("On since {since}. After your password, we ask for the code your app shows.")}</p>
                <FormSection outcome=posted.app_off.clone()>
                    <form class="form" method="post" data-reload="" action=portal.path("/security") novalidate>
                        <input type="hidden" name="intent" value="app-off" />
                        <TextField
                            field=Field::CurrentPassword
                            label="Your password, or a code from the app"
                            input_type="password"
                            autocomplete="current-password"
                        />
                        <button class="button button--secondary" type="submit">"Turn off the authenticator app"</button>
                    </form>
                </FormSection>
            }
            .into_any(),
            None => view! {
                <FormSection outcome=posted.app_off.clone()>
                    <p id="app-status">"Off. An app such as Google Authenticator, Microsoft Authenticator or 1Password shows a new code every 30 seconds."</p>
                </FormSection>
                {recent.then(|| view! {
                    <p><a class="button" href=portal.path("/security/app")>"Set up an authenticator app"</a></p>
                })}
            }
            .into_any(),
        }}

        <h2 id="recovery-codes">"Recovery codes"</h2>
        <FormSection outcome=posted.recovery_codes.clone()>
            {if has_factor {
                view! {
                    <p id="codes-left">{format!(
                        "{} of 10 left. Each code logs you in once, if you lose your phone or passkey.",
                        view.recovery_codes_left
                    )}</p>
                    {recent.then(|| view! {
                        <form method="post" data-reload="" action=portal.path("/security")>
                            <input type="hidden" name="intent" value="recovery-codes" />
                            <button class="button button--secondary" type="submit">"Make new recovery codes"</button>
                            <p class="field__hint">"The codes you have now stop working."</p>
                        </form>
                    })}
                }
                .into_any()
            } else {
                view! { <p id="codes-left">"You get 10 recovery codes when you add your first passkey or authenticator app."</p> }.into_any()
            }}
        </FormSection>
    }
}

/// "Add a passkey": a name, then the browser's own dialog. It needs JavaScript, so it
/// stays hidden until `/passkeys.js` shows it.
#[component]
pub fn PasskeyAdder(portal: Portal) -> impl IntoView {
    view! {
        // No `FormSection` (nothing is posted here): one would put its errors in context
        // for the fields drawn after it.
        <div class="passkey" data-passkeys="add" data-portal=format!("{portal:?}")>
            <p class="error-message" data-passkey-message="" aria-live="polite"></p>
            <form class="form" data-passkey-form="" hidden novalidate>
                <TextField
                    field=Field::PasskeyName
                    label="Name your passkey"
                    hint="So that you can tell your passkeys apart, for example Work laptop."
                />
                <button class="button" type="submit">"Add a passkey"</button>
            </form>
            <noscript><p class="aside">"Adding a passkey needs JavaScript."</p></noscript>
        </div>
    }
}

/// `/security/app`: the QR code and the secret, and the code that turns the app on. Also
/// the step after the password for someone whose company requires a second factor.
#[component]
pub fn TotpSetupPage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(confirm_totp);
    let setup = guarded_resource(move || async move {
        posted.await;
        totp_setup().await
    });
    view! {
        <PortalLayout portal title="Set up an authenticator app">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let errors = match posted.await.map(|s| s.outcome) {
                        Some(Ok(Confirmation::Rejected { errors })) => errors,
                        Some(Err(error)) => failure_as_errors(&error),
                        _ => FieldErrors::new(),
                    };
                    form_errors.reset(errors);
                    match setup.await {
                        Ok(Access::Denied) => {
                            let confirm = format!("{}?next={}", portal.path("/confirm"), portal.path("/security/app"));
                            view! {
                                <h1>"Confirm it's you"</h1>
                                <p class="lead">"For your security, confirm it's you before you change how you log in."</p>
                                <p><a class="button" href=confirm>"Confirm it's you"</a></p>
                            }
                            .into_any()
                        }
                        other => guarded(other, move |setup| view! { <TotpSetup portal setup /> }.into_any()),
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}

#[component]
fn TotpSetup(portal: Portal, setup: TotpSetupView) -> impl IntoView {
    view! {
        <h1>"Set up an authenticator app"</h1>
        {setup.finishing_log_in.then(|| view! {
            <p class="lead" id="setup-required">"Your account must have a second factor. Set one up to finish logging in."</p>
        })}
        <ol class="steps">
            <li>
                <p>"Scan this QR code with your authenticator app."</p>
                <div class="qr" role="img" aria-label="QR code for your authenticator app" inner_html=setup.qr_svg></div>
            </li>
            <li>
                <p>"Or, if you cannot scan it, type this key into the app:"</p>
                <p><code class="secret" id="totp-secret">{setup.secret}</code></p>
            </li>
            <li>
                <p>"Type the 6-digit code the app shows now."</p>
                <ErrorSummary />
                <form class="form" method="post" data-reload="" action=portal.path("/security/app") novalidate>
                    <TextField
                        field=Field::Code
                        label="Code from the app"
                        autocomplete="one-time-code"
                        inputmode="numeric"
                    />
                    <button class="button" type="submit">"Turn on"</button>
                </form>
            </li>
        </ol>
        {(setup.finishing_log_in && setup.passkeys_here).then(|| view! {
            <h2>"Or use a passkey instead"</h2>
            <PasskeyAdder portal />
        })}
        {(!setup.finishing_log_in).then(|| view! {
            <p><a href=portal.path("/security")>"Back to security"</a></p>
        })}
    }
}

/// `/security/recovery-codes`: new codes, shown once, and where to go on.
#[component]
pub fn RecoveryCodesPage(portal: Portal) -> impl IntoView {
    let codes = guarded_resource(fresh_recovery_codes);
    view! {
        <PortalLayout portal title="Your recovery codes">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    guarded(codes.await, move |codes| view! { <RecoveryCodes portal codes /> }.into_any())
                })}
            </Suspense>
        </PortalLayout>
    }
}

#[component]
fn RecoveryCodes(portal: Portal, codes: RecoveryCodesView) -> impl IntoView {
    if codes.codes.is_empty() {
        return view! {
            <h1>"Your recovery codes"</h1>
            <p class="lead" id="codes-left">{format!(
                "You have {} recovery codes left. They were shown once, when they were made; make new ones on your security page if you have lost them.",
                codes.left
            )}</p>
            <p><a class="button" href=portal.path("/security")>"Security"</a></p>
        }
        .into_any();
    }
    view! {
        <h1>"Save your recovery codes"</h1>
        <p class="lead">"If you lose your phone or passkey, each of these codes logs you in once. Keep them somewhere safe, such as a password manager: we show them only now."</p>
        <ul class="recovery-codes" id="recovery-codes">
            {codes.codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
        </ul>
        <p><a class="button" href=codes.next>"I have saved them, continue"</a></p>
    }
    .into_any()
}
