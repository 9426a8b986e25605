//! `/admin/log-in`: the administration's own log-in, with a password (then the second
//! step, as at a portal's log-in) or a passkey. A plain form: the administration loads no
//! WASM. The pages of `/admin` send people who are not logged in here with `?next=`.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{admin_log_in, carried_admin_email, LogInOutcome};
use crate::components::fields::{ErrorSummary, TextField};
use crate::components::notice::provide_form_errors;
use crate::forms::{Field, FieldErrors};
use crate::i18n::t;
use crate::pages::admin::AdminLayout;
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::posted_submission;

/// The page's address.
pub const PATH: &str = crate::components::guarded::ADMIN_LOG_IN;

#[component]
pub fn AdminLogInPage() -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(admin_log_in);
    let carried = Resource::new_blocking(|| (), |_| carried_admin_email());
    view! {
        <AdminLayout title=t("admin-log-in-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let errors = match posted.as_ref().map(|s| &s.outcome) {
                        Some(Ok(LogInOutcome::Rejected { errors })) => errors.clone(),
                        Some(Err(error)) => failure_as_errors(error),
                        _ => FieldErrors::new(),
                    };
                    form_errors.reset(errors);
                    let typed = posted.map(|s| s.form);
                    let email = match &typed {
                        Some(form) => form.email.clone(),
                        None => carried.await.unwrap_or_default(),
                    };
                    let next = typed
                        .map(|form| form.next)
                        .filter(|next| !next.is_empty())
                        .or_else(|| use_query_map().with_untracked(|q| q.get("next")))
                        .unwrap_or_default();
                    view! { <LogInForm email next /> }
                })}
            </Suspense>
        </AdminLayout>
    }
}

#[component]
fn LogInForm(email: String, next: String) -> impl IntoView {
    view! {
        <h1>{t("admin-log-in-heading")}</h1>
        <p class="lead">{t("admin-log-in-lead")}</p>
        <ErrorSummary />
        <form class="form" id="form" method="post" action=PATH novalidate>
            <TextField field=Field::Email label=t("log-in-email") input_type="email" autocomplete="username webauthn" value=email />
            <TextField field=Field::Password label=t("log-in-password") input_type="password" autocomplete="current-password" />
            <input type="hidden" name="form[next]" value=next.clone() />
            <button class="button" type="submit">{t("log-in-submit")}</button>
        </form>
        // Administrators' accounts belong to the business portal's: its passkey log-in
        // and password reset are theirs too (`/passkeys.js`, loaded by the shell's
        // loader on this page, shows the button).
        <div
            class="passkey"
            data-passkeys="log-in"
            data-portal=format!("{:?}", Portal::Csm)
            data-next=next
            data-msg-not-supported=t("passkeys-not-supported")
            data-msg-failed=t("passkeys-failed")
            data-msg-cancelled=t("passkeys-cancelled")
        >
            <p class="error-message" data-passkey-message="" aria-live="polite"></p>
            <button class="button button--secondary" type="button" data-passkey-action="" hidden>{t("log-in-passkey")}</button>
        </div>
        <p>
            <a href=Portal::Csm.path("/reset")>{t("log-in-forgot-password")}</a>
        </p>
    }
}
