//! `/admin/accounts/:id`: one company account: edit it, show, copy and regenerate its
//! registration code, and see and change its contacts.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{
    account_detail, change_contact, change_invitation, invite_contact, regenerate_code,
    save_account, AccountRecord, ActionOutcome, RequestStatus,
};
use crate::components::confirm_step::awaiting_confirmation;
use crate::components::fields::{CheckboxField, TextField};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::invitations::Invitations;
use crate::components::notice::{action_notice, provide_form_errors, ConfirmHint};
use crate::forms::business::{AccountForm, ContactChangeForm};
use crate::forms::{is_ticked, Field};
use crate::i18n::{t, t_with};
use crate::pages::admin::company_sign_in::{section, SectionResources};
use crate::pages::admin::AdminLayout;
use crate::pages::csm::contacts::ContactsTable;
use crate::submission::posted_submission_of;

#[component]
pub fn AccountPage() -> impl IntoView {
    let form_errors = provide_form_errors();
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()))
        .unwrap_or(0);
    let edited = posted_submission_of(Some("account"), save_account);
    let code = posted_submission_of(Some("code"), regenerate_code);
    let contact = posted_submission_of(Some("contact"), change_contact);
    let invited = posted_submission_of(Some("invite"), invite_contact);
    let invitation = posted_submission_of(Some("invitation"), change_invitation);
    let sso = SectionResources::new(id);
    let detail = guarded_resource(move || async move {
        edited.await;
        code.await;
        contact.await;
        invited.await;
        invitation.await;
        account_detail(id).await
    });
    view! {
        <AdminLayout title=t("admin-account-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let edited = edited.await;
                    let outcome = edited
                        .as_ref()
                        .map(|s| s.outcome.clone())
                        .or(code.await.map(|s| s.outcome))
                        .or(contact.await.map(|s| s.outcome));
                    let asked = awaiting_confirmation(&contact.await);
                    let typed = edited
                        .filter(|s| !matches!(s.outcome, Ok(ActionOutcome::Done { .. })))
                        .map(|s| s.form);
                    let invited = invited.await;
                    let typed_invitation = invited
                        .as_ref()
                        .filter(|s| !matches!(s.outcome, Ok(ActionOutcome::Done { .. })))
                        .map(|s| s.form.clone());
                    let invited = invited.map(|s| s.outcome);
                    let invitation = invitation.await;
                    let asked_invitation = awaiting_confirmation(&invitation);
                    let changed = invitation.map(|s| s.outcome);
                    let detail = detail.await;
                    let (posted, sign_in) = sso.load().await;
                    let notice = action_notice(form_errors, outcome);
                    view! {
                        {notice}
                        {guarded(detail, move |detail| match detail {
                            Some(mut detail) => {
                                let invitations = std::mem::take(&mut detail.invitations);
                                let company = detail.account.name.clone();
                                let posted = posted.clone();
                                let section = section(id, company, sign_in.clone(), posted.clone());
                                view! {
                                <Account detail typed asked=asked.clone() />
                                {section}
                                <Invitations
                                    invitations
                                    action=format!("/admin/accounts/{id}")
                                    account=id
                                    invited=invited.clone()
                                    typed=typed_invitation.clone()
                                    changed=changed.clone()
                                    asked=asked_invitation.clone()
                                />
                                }.into_any()
                            }
                            None => view! {
                                <h1>{t("admin-account-missing")}</h1>
                                <p><a href="/admin">{t("admin-account-all")}</a></p>
                            }
                            .into_any(),
                        })}
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
}

#[component]
fn Account(
    detail: AccountRecord,
    typed: Option<AccountForm>,
    asked: Option<ContactChangeForm>,
) -> impl IntoView {
    let account = detail.account;
    let here = format!("/admin/accounts/{}", account.id);
    let form = typed.unwrap_or_else(|| AccountForm {
        account: account.id.to_string(),
        name: account.name.clone(),
        email_domains: account.domains.join(", "),
        auto_approve: if account.auto_approve {
            "on".into()
        } else {
            String::new()
        },
        require_two_factor: if account.require_two_factor {
            "on".into()
        } else {
            String::new()
        },
    });
    let pending: Vec<_> = detail
        .requests
        .into_iter()
        .filter(|r| r.status == RequestStatus::AwaitingApproval)
        .collect();
    view! {
        <p><a href="/admin">{t("admin-account-all")}</a></p>
        <h1>{account.name.clone()}</h1>
        <section class="code-panel" aria-labelledby="code-title">
            <h2 id="code-title">{t("admin-account-code-title")}</h2>
            <p>
                <code class="code code--large" id="registration-code">{account.registration_code.clone()}</code>
                <CopyButton />
            </p>
            <p class="field__hint">
                {t("admin-account-code-hint")}
            </p>
            <form method="post" action=here.clone()>
                <input type="hidden" name="intent" value="code" />
                <input type="hidden" name="form[account]" value=account.id.to_string() />
                <button class="button button--secondary" type="submit">{t("admin-account-code-regenerate")}</button>
            </form>
        </section>
        <h2>{t("admin-account-details")}</h2>
        <ConfirmHint here=here.clone() />
        <form class="form" method="post" action=here.clone() novalidate>
            <input type="hidden" name="intent" value="account" />
            <AccountFields form />
            <button class="button" type="submit">{t("admin-account-save")}</button>
        </form>
        <h2>{t("admin-account-contacts")}</h2>
        <ConfirmHint here=here.clone() />
        <ContactsTable contacts=detail.contacts action=here asked />
        <h2>{t("admin-account-awaiting-title")}</h2>
        {if pending.is_empty() {
            view! { <p>{t("admin-account-none-waiting")}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {pending
                        .into_iter()
                        .map(|r| view! {
                            <li>
                                {t_with(
                                    "admin-account-request",
                                    &[("name", r.name), ("email", r.email), ("requested", r.requested)],
                                )}
                            </li>
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// The fields of the account form, for creating and editing.
#[component]
pub fn AccountFields(form: AccountForm) -> impl IntoView {
    let ticked = is_ticked(&form.auto_approve);
    view! {
        <input type="hidden" name="form[account]" value=form.account />
        <TextField field=Field::CompanyName label=t("admin-account-company-name") value=form.name />
        <TextField
            field=Field::EmailDomains
            label=t("admin-account-email-domains")
            hint=t("admin-account-email-domains-hint")
            value=form.email_domains
        />
        <CheckboxField field=Field::AutoApprove checked=ticked>
            {t("admin-account-auto-approve")}
        </CheckboxField>
        <CheckboxField field=Field::RequireTwoFactor checked=is_ticked(&form.require_two_factor)>
            {t("admin-account-require-two-factor")}
        </CheckboxField>
    }
}

/// Copies the code to the clipboard. The admin pages are not hydrated (see
/// `app::is_server_only`), so a line of inline script does it; without JavaScript the code
/// is plain text to select.
#[component]
fn CopyButton() -> impl IntoView {
    view! {
        <button
            class="button button--small button--secondary"
            type="button"
            data-copy-from="registration-code"
            data-copied=t("admin-account-copied")
        >
            {t("admin-account-copy")}
        </button>
    }
}
