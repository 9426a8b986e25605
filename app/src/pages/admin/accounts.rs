//! `/admin`: every company account, and a form to create one.
use leptos::prelude::*;

use leptos_router::hooks::use_query_map;

use crate::api::{accounts, save_account, AccountList};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::{action_notice, provide_form_errors};
use crate::forms::business::AccountForm;
use crate::i18n::{format_number, lang, t};
use crate::pages::admin::account::AccountFields;
use crate::pages::admin::{page_of, AdminLayout, Pager, SearchBox};
use crate::submission::posted_submission;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(save_account);
    let (query, page) =
        use_query_map().with_untracked(|q| (q.get("q").unwrap_or_default(), page_of(q)));
    let list = guarded_resource(move || {
        let query = query.clone();
        async move {
            posted.await;
            accounts(query, page).await
        }
    });
    view! {
        <AdminLayout title=t("admin-accounts-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let submission = posted.await;
                    let list = list.await;
                    // After a rejected creation, the form keeps what was typed.
                    let typed = submission
                        .as_ref()
                        .filter(|s| !matches!(s.outcome, Ok(crate::api::ActionOutcome::Done { .. })))
                        .map(|s| s.form.clone())
                        .unwrap_or_default();
                    let outcome = submission.map(|s| s.outcome);
                    let notice = action_notice(form_errors, outcome);
                    view! {
                        {notice}
                        {guarded(list, move |list| view! { <Accounts list typed /> }.into_any())}
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
}

#[component]
fn Accounts(list: AccountList, typed: AccountForm) -> impl IntoView {
    let accounts = list.accounts;
    let listing = list.listing;
    view! {
        <h1>{t("admin-accounts-title")}</h1>
        <p class="lead">
            {t("admin-accounts-lead-before")} " "
            <a href="/admin/pending">{t("admin-accounts-lead-link")}</a> {t("admin-accounts-lead-after")}
        </p>
        <SearchBox path="/admin" label=t("admin-accounts-search") query=listing.query.clone() />
        {(accounts.is_empty() && !listing.query.is_empty()).then(|| view! { <p>{t("admin-accounts-no-match")}</p> })}
        <table class="table table--wide">
            <thead>
                <tr>
                    <th scope="col">{t("admin-accounts-company")}</th>
                    <th scope="col">{t("admin-accounts-code")}</th>
                    <th scope="col">{t("admin-accounts-domains")}</th>
                    <th scope="col">{t("admin-accounts-contacts")}</th>
                    <th scope="col">{t("admin-accounts-awaiting")}</th>
                </tr>
            </thead>
            <tbody>
                {accounts
                    .into_iter()
                    .map(|account| view! {
                        <tr>
                            <td><a href=format!("/admin/accounts/{}", account.id)>{account.name}</a></td>
                            <td><code class="code">{account.registration_code}</code></td>
                            <td>
                                {account.domains.join(", ")}
                                {account.auto_approve.then(|| format!(" {}", t("admin-accounts-auto-approved")))}
                                {account.require_two_factor.then(|| format!(" · {}", t("admin-accounts-two-factor")))}
                            </td>
                            <td>{format_number(lang(), account.contacts)}</td>
                            <td>{format_number(lang(), account.awaiting_approval)}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
        <Pager path="/admin" listing />
        <h2>{t("admin-accounts-create-title")}</h2>
        <form class="form" method="post" action="/admin" novalidate>
            <AccountFields form=typed />
            <button class="button" type="submit">{t("admin-accounts-create")}</button>
        </form>
    }
}
