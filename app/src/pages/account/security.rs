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
    totp_setup, turn_off_totp, Access, ActionOutcome, Confirmation, PasskeyView, RecoveryCodesView,
    SecurityView, TotpSetupView,
};
use crate::components::confirm_step::{awaiting_confirmation, ConfirmStep};
use crate::components::fields::{ErrorSummary, TextField};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::layout::PortalLayout;
use crate::components::notice::{provide_form_errors, FormSection};
use crate::forms::two_factor::RegenerateCodesForm;
use crate::forms::{Field, FieldErrors};
use crate::i18n::{t, t_with};
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::{posted_submission, posted_submission_of};

type Posted = Option<Result<ActionOutcome, ServerFnError>>;

/// What a plain post to the security page did, per form.
#[derive(Clone, Default)]
struct Outcomes {
    app_off: Posted,
    remove_passkey: Posted,
    /// The passkey whose Remove waits for its second look.
    asked_passkey: Option<String>,
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
        <PortalLayout portal title=t("security-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let removed = remove.await;
                    let posted = Outcomes {
                        app_off: app_off.await.map(|s| s.outcome),
                        asked_passkey: awaiting_confirmation(&removed).map(|form| form.passkey),
                        remove_passkey: removed.map(|s| s.outcome),
                        // Done, it goes on to the new codes; refused, it says why here.
                        recovery_codes: codes.await.map(|s| s.outcome.map(|o| match o {
                            Confirmation::Rejected { errors } => ActionOutcome::Rejected { errors },
                            Confirmation::Confirmed { .. } => ActionOutcome::done(t("security-codes-ready")),
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
    let step = posted
        .asked_passkey
        .as_deref()
        .and_then(|id| view.passkeys.iter().find(|p| p.id.to_string() == id.trim()))
        .map(|passkey| {
            let named = [("name", passkey.name.clone())];
            view! {
                <ConfirmStep
                    question=t_with("security-passkeys-remove-question", &named)
                    confirm=t_with("security-passkeys-remove-confirm", &named)
                    action=portal.path("/security")
                    fields=vec![("intent", "remove-passkey".to_owned()), ("form[passkey]", passkey.id.to_string())]
                />
            }
        });
    let confirm_first = format!(
        "{}?next={}",
        portal.path("/confirm"),
        portal.path("/security")
    );
    view! {
        <h1>{t("security-title")}</h1>
        <p class="lead">{t("security-lead")}</p>
        {view.required.then(|| view! {
            <p class="aside" id="two-factor-required">{t("security-required")}</p>
        })}
        {(!recent).then(|| view! {
            <p id="confirm-first">
                {t("security-confirm-first")}
                " "
                <a class="button button--secondary" href=confirm_first.clone()>{t("security-confirm")}</a>
            </p>
        })}

        <h2 id="passkeys">{t("security-passkeys-title")}</h2>
        <p>{t("security-passkeys-lead")}</p>
        <FormSection outcome=posted.remove_passkey.clone()>
            {step}
            {passkey_list(portal, view.passkeys.clone(), recent)}
        </FormSection>
        {match (view.passkeys_here, recent) {
            (true, true) => view! { <PasskeyAdder portal /> }.into_any(),
            (false, _) => view! {
                <p class="aside">{t("security-passkeys-not-here")}</p>
            }
            .into_any(),
            (true, false) => ().into_any(),
        }}

        {app_and_recovery_codes(portal, view.app_since.clone(), view.recovery_codes_left, recent, posted.clone(), has_factor)}
    }
}

/// The authenticator app's state (and the way to turn it off or on), and the recovery
/// codes left (and the way to new ones).
fn app_and_recovery_codes(
    portal: Portal,
    app_since: Option<String>,
    codes_left: u64,
    recent: bool,
    posted: Outcomes,
    has_factor: bool,
) -> impl IntoView {
    view! {
        <h2 id="authenticator-app">{t("security-app-title")}</h2>
        {match app_since {
            Some(since) => view! {
                <p id="app-status">{t_with("security-app-on", &[("since", since)])}</p>
                <FormSection outcome=posted.app_off.clone()>
                    <form class="form" method="post" data-reload="" action=portal.path("/security") novalidate>
                        <input type="hidden" name="intent" value="app-off" />
                        <TextField
                            field=Field::CurrentPassword
                            label=t("security-app-off-password")
                            input_type="password"
                            autocomplete="current-password"
                        />
                        <button class="button button--secondary" type="submit">{t("security-app-off")}</button>
                    </form>
                </FormSection>
            }
            .into_any(),
            None => view! {
                <FormSection outcome=posted.app_off.clone()>
                    <p id="app-status">{t("security-app-off-status")}</p>
                </FormSection>
                {recent.then(|| view! {
                    <p><a class="button" href=portal.path("/security/app")>{t("security-app-set-up")}</a></p>
                })}
            }
            .into_any(),
        }}

        <h2 id="recovery-codes">{t("security-codes-title")}</h2>
        <FormSection outcome=posted.recovery_codes.clone()>
            {if has_factor {
                view! {
                    <p id="codes-left">{t_with(
                        "security-codes-left",
                        &[("count", number(codes_left))],
                    )}</p>
                    {recent.then(|| view! {
                        <form method="post" data-reload="" action=portal.path("/security")>
                            <input type="hidden" name="intent" value="recovery-codes" />
                            <button class="button button--secondary" type="submit">{t("security-codes-new")}</button>
                            <p class="field__hint">{t("security-codes-new-hint")}</p>
                        </form>
                    })}
                }
                .into_any()
            } else {
                view! { <p id="codes-left">{t("security-codes-none")}</p> }.into_any()
            }}
        </FormSection>
    }
}

/// The person's passkeys, each with its Remove button once they proved who they are.
fn passkey_list(portal: Portal, passkeys: Vec<PasskeyView>, recent: bool) -> AnyView {
    if passkeys.is_empty() {
        view! { <p id="passkey-list">{t("security-passkeys-none")}</p> }.into_any()
    } else {
        view! {
            <table class="table" id="passkey-list">
                <thead>
                    <tr>
                        <th scope="col">{t("security-passkeys-name")}</th>
                        <th scope="col">{t("security-passkeys-added")}</th>
                        <th scope="col">{t("security-passkeys-last-used")}</th>
                        <th scope="col"><span class="visually-hidden">{t("security-passkeys-actions")}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {passkeys.into_iter().map(|passkey| view! {
                        <tr>
                            <td>{passkey.name.clone()}</td>
                            <td>{passkey.added}</td>
                            <td>{passkey.last_used.unwrap_or_else(|| t("security-passkeys-never"))}</td>
                            <td>
                                {recent.then(|| view! {
                                    <form method="post" data-reload="" action=portal.path("/security")>
                                        <input type="hidden" name="intent" value="remove-passkey" />
                                        <input type="hidden" name="form[passkey]" value=passkey.id.to_string() />
                                        <button class="button button--secondary" type="submit" aria-label=t_with("security-passkeys-remove-label", &[("name", passkey.name.clone())])>{t("security-passkeys-remove")}</button>
                                    </form>
                                })}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    }
}

/// "Add a passkey": a name, then the browser's own dialog. It needs JavaScript, so it
/// stays hidden until `/passkeys.js` shows it.
#[component]
pub fn PasskeyAdder(portal: Portal) -> impl IntoView {
    view! {
        // No `FormSection` (nothing is posted here): one would put its errors in context
        // for the fields drawn after it.
        // Its messages are the page's, in the page's language (`data-msg-*`).
        <div
            class="passkey"
            data-passkeys="add"
            data-portal=format!("{portal:?}")
            data-msg-not-supported=t("passkeys-not-supported")
            data-msg-failed=t("passkeys-failed")
            data-msg-cancelled=t("passkeys-cancelled")
            data-msg-already-on-device=t("passkeys-already-on-device")
            data-msg-error-prefix=t("errors-error-prefix")
        >
            <p class="error-message" data-passkey-message="" aria-live="polite"></p>
            <form class="form" data-passkey-form="" hidden novalidate>
                <TextField
                    field=Field::PasskeyName
                    label=t("passkeys-name")
                    hint=t("passkeys-name-hint")
                />
                <button class="button" type="submit">{t("passkeys-add")}</button>
            </form>
            <noscript><p class="aside">{t("passkeys-add-needs-javascript")}</p></noscript>
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
        <PortalLayout portal title=t("security-app-setup-title")>
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
                                <h1>{t("security-confirm-title")}</h1>
                                <p class="lead">{t("security-confirm-first")}</p>
                                <p><a class="button" href=confirm>{t("security-confirm")}</a></p>
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
        <h1>{t("security-app-setup-title")}</h1>
        {setup.finishing_log_in.then(|| view! {
            <p class="lead" id="setup-required">{t("security-app-setup-required")}</p>
        })}
        <ol class="steps">
            <li>
                <p>{t("security-app-setup-scan")}</p>
                <div class="qr" role="img" aria-label=t("security-app-setup-qr-label") inner_html=setup.qr_svg></div>
            </li>
            <li>
                <p>{t("security-app-setup-key")}</p>
                <p><code class="secret" id="totp-secret">{setup.secret}</code></p>
            </li>
            <li>
                <p>{t("security-app-setup-code-step")}</p>
                <ErrorSummary />
                <form class="form" method="post" data-reload="" action=portal.path("/security/app") novalidate>
                    <TextField
                        field=Field::Code
                        label=t("security-app-setup-code")
                        autocomplete="one-time-code"
                        inputmode="numeric"
                    />
                    <button class="button" type="submit">{t("security-app-setup-submit")}</button>
                </form>
            </li>
        </ol>
        {(setup.finishing_log_in && setup.passkeys_here).then(|| view! {
            <h2>{t("security-app-setup-passkey-instead")}</h2>
            <PasskeyAdder portal />
        })}
        {(!setup.finishing_log_in).then(|| view! {
            <p><a href=portal.path("/security")>{t("security-back")}</a></p>
        })}
    }
}

/// `/security/recovery-codes`: new codes, shown once, and where to go on.
#[component]
pub fn RecoveryCodesPage(portal: Portal) -> impl IntoView {
    let codes = guarded_resource(fresh_recovery_codes);
    view! {
        <PortalLayout portal title=t("security-codes-page-title")>
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
            <h1>{t("security-codes-page-title")}</h1>
            <p class="lead" id="codes-left">{t_with(
                "security-codes-shown-already",
                &[("count", number(codes.left))],
            )}</p>
            <p><a class="button" href=portal.path("/security")>{t("security-title")}</a></p>
        }
        .into_any();
    }
    view! {
        <h1>{t("security-codes-save-title")}</h1>
        <p class="lead">{t("security-codes-save-lead")}</p>
        <ul class="recovery-codes" id="recovery-codes">
            {codes.codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
        </ul>
        <p><a class="button" href=codes.next>{t("security-codes-saved")}</a></p>
    }
    .into_any()
}

/// A count as the page's language writes it.
fn number(n: u64) -> String {
    #[cfg(feature = "ssr")]
    return crate::i18n::format_number(crate::i18n::lang(), n);
    #[cfg(not(feature = "ssr"))]
    return n.to_string();
}
