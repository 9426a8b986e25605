//! `/admin/audit`: the audit log, newest first, filtered by person, company, action and
//! dates, 50 entries a page.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{audit_entries, AuditFilter, AuditPage, AuditView};
use crate::components::guarded::{guarded, guarded_resource};
use crate::i18n::t;
use crate::pages::admin::{page_number, page_of, AdminLayout};
use crate::portal::query_value;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let filter = use_query_map().with_untracked(|q| AuditFilter {
        person: q.get("person").unwrap_or_default(),
        company: q.get("company").unwrap_or_default(),
        action: q.get("action").unwrap_or_default(),
        from: q.get("from").unwrap_or_default(),
        to: q.get("to").unwrap_or_default(),
        page: page_of(q),
    });
    let page = guarded_resource(move || audit_entries(filter.clone()));
    view! {
        <AdminLayout title=t("admin-audit-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    guarded(page.await, |page| view! { <Audit page /> }.into_any())
                })}
            </Suspense>
        </AdminLayout>
    }
}

#[component]
fn Audit(page: AuditPage) -> impl IntoView {
    let filter = page.filter;
    let link = {
        let filter = filter.clone();
        move |to_page: u64| {
            let mut href = format!("/admin/audit?page={to_page}");
            for (name, value) in [
                ("person", &filter.person),
                ("company", &filter.company),
                ("action", &filter.action),
                ("from", &filter.from),
                ("to", &filter.to),
            ] {
                if !value.is_empty() {
                    href.push_str(&format!("&{name}={}", query_value(value)));
                }
            }
            href
        }
    };
    let number = filter.page;
    view! {
        <h1>{t("admin-audit-title")}</h1>
        <form class="filters" method="get" action="/admin/audit" role="search">
            <div class="field">
                <label class="field__label" for="person">{t("admin-audit-person")}</label>
                <input class="field__input" id="person" name="person" type="search" value=filter.person.clone() />
            </div>
            <div class="field">
                <label class="field__label" for="company">{t("admin-audit-company")}</label>
                <input class="field__input" id="company" name="company" type="search" value=filter.company.clone() />
            </div>
            <div class="field">
                <label class="field__label" for="action">{t("admin-audit-action")}</label>
                <select class="field__input" id="action" name="action">
                    <option value="">{t("admin-audit-any")}</option>
                    {page.actions.into_iter().map(|action| {
                        let chosen = action == filter.action;
                        view! { <option value=action.clone() selected=chosen>{action_text(&action)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="from">{t("admin-audit-from")}</label>
                <input class="field__input" id="from" name="from" type="date" value=filter.from.clone() />
            </div>
            <div class="field">
                <label class="field__label" for="to">{t("admin-audit-to")}</label>
                <input class="field__input" id="to" name="to" type="date" value=filter.to.clone() />
            </div>
            <button class="button button--secondary" type="submit">{t("admin-audit-filter")}</button>
        </form>
        {page.problem.map(|problem| view! { <p class="field__error" role="alert">{problem}</p> })}
        <AuditTable entries=page.entries />
        {(number > 0 || page.more).then(|| view! {
            <nav class="pager" aria-label=t("admin-pager-label")>
                {(number > 0).then(|| view! { <a href=link(number - 1) rel="prev">{t("admin-audit-newer")}</a> })}
                <span>{format!(" {} ", page_number(number))}</span>
                {page.more.then(|| view! { <a href=link(number + 1) rel="next">{t("admin-audit-older")}</a> })}
            </nav>
        })}
    }
}

/// Audit entries, newest first.
#[component]
pub fn AuditTable(entries: Vec<AuditView>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>{t("admin-audit-empty")}</p> }.into_any();
    }
    view! {
        // Focusable: on a narrow screen it scrolls sideways, by keyboard too.
        <table class="table table--wide" id="audit-entries" tabindex="0">
            <thead>
                <tr>
                    <th scope="col">{t("admin-audit-when")}</th>
                    <th scope="col">{t("admin-audit-who")}</th>
                    <th scope="col">{t("admin-audit-what")}</th>
                    <th scope="col">{t("admin-audit-about")}</th>
                    <th scope="col">{t("admin-audit-company")}</th>
                    <th scope="col">{t("admin-audit-detail")}</th>
                </tr>
            </thead>
            <tbody>
                {entries.into_iter().map(|e| view! {
                    <tr>
                        <td>{e.at}</td>
                        <td>{e.actor}</td>
                        <td>{action_text(&e.action)}</td>
                        <td>{e.subject.unwrap_or_default()}</td>
                        <td>{e.company.unwrap_or_default()}</td>
                        <td>{e.detail.unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// An audit action as people read it. The filter's choices are the stored names
/// (`login_disabled`); the entries' actions may come with spaces (`login disabled`). A name
/// this list does not know is shown as it is.
fn action_text(action: &str) -> String {
    let key = match action.replace(' ', "_").as_str() {
        "registered" => "admin-audit-action-registered",
        "verified" => "admin-audit-action-verified",
        "approved_automatically" => "admin-audit-action-approved-automatically",
        "approved" => "admin-audit-action-approved",
        "rejected" => "admin-audit-action-rejected",
        "reopened" => "admin-audit-action-reopened",
        "assigned_account" => "admin-audit-action-assigned-account",
        "login_disabled" => "admin-audit-action-login-disabled",
        "login_enabled" => "admin-audit-action-login-enabled",
        "made_customer_admin" => "admin-audit-action-made-customer-admin",
        "removed_customer_admin" => "admin-audit-action-removed-customer-admin",
        "account_created" => "admin-audit-action-account-created",
        "account_changed" => "admin-audit-action-account-changed",
        "code_regenerated" => "admin-audit-action-code-regenerated",
        "admin_created" => "admin-audit-action-admin-created",
        "password_reset_requested" => "admin-audit-action-password-reset-requested",
        "password_reset" => "admin-audit-action-password-reset",
        "password_changed" => "admin-audit-action-password-changed",
        "verification_resent" => "admin-audit-action-verification-resent",
        "email_change_requested" => "admin-audit-action-email-change-requested",
        "email_changed" => "admin-audit-action-email-changed",
        "name_changed" => "admin-audit-action-name-changed",
        "other_sessions_ended" => "admin-audit-action-other-sessions-ended",
        "recovery_code_used" => "admin-audit-action-recovery-code-used",
        "second_step_locked" => "admin-audit-action-second-step-locked",
        "authenticator_added" => "admin-audit-action-authenticator-added",
        "authenticator_removed" => "admin-audit-action-authenticator-removed",
        "recovery_codes_regenerated" => "admin-audit-action-recovery-codes-regenerated",
        "passkey_added" => "admin-audit-action-passkey-added",
        "passkey_removed" => "admin-audit-action-passkey-removed",
        "two_factor_rule_changed" => "admin-audit-action-two-factor-rule-changed",
        "second_factors_reset" => "admin-audit-action-second-factors-reset",
        "contact_invited" => "admin-audit-action-contact-invited",
        "invitation_resent" => "admin-audit-action-invitation-resent",
        "invitation_revoked" => "admin-audit-action-invitation-revoked",
        "invitation_accepted" => "admin-audit-action-invitation-accepted",
        "deletion_scheduled" => "admin-audit-action-deletion-scheduled",
        "deletion_cancelled" => "admin-audit-action-deletion-cancelled",
        "account_deleted" => "admin-audit-action-account-deleted",
        "terms_accepted" => "admin-audit-action-terms-accepted",
        "webhook_added" => "admin-audit-action-webhook-added",
        "webhook_removed" => "admin-audit-action-webhook-removed",
        "app_registered" => "admin-audit-action-app-registered",
        "app_changed" => "admin-audit-action-app-changed",
        "app_secret_regenerated" => "admin-audit-action-app-secret-regenerated",
        "app_removed" => "admin-audit-action-app-removed",
        "app_disconnected" => "admin-audit-action-app-disconnected",
        "identity_linked" => "admin-audit-action-identity-linked",
        "identity_unlinked" => "admin-audit-action-identity-unlinked",
        "sign_in_provider_set" => "admin-audit-action-sign-in-provider-set",
        "sign_in_provider_switched" => "admin-audit-action-sign-in-provider-switched",
        "sign_in_provider_removed" => "admin-audit-action-sign-in-provider-removed",
        "social_provider_added" => "admin-audit-action-social-provider-added",
        "social_provider_removed" => "admin-audit-action-social-provider-removed",
        _ => return action.replace('_', " "),
    };
    t(key)
}
