//! `/admin`: every company account, and a form to create one.
use leptos::prelude::*;

use leptos_router::hooks::use_query_map;

use crate::api::{accounts, save_account, AccountList};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::{action_notice, provide_form_errors};
use crate::forms::business::AccountForm;
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
        <AdminLayout title="Accounts">
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
        <h1>"Company accounts"</h1>
        <p class="lead">
            "Registrations without a code wait in "
            <a href="/admin/pending">"Pending registrations"</a> "."
        </p>
        <SearchBox path="/admin" label="Find a company by its name or code" query=listing.query.clone() />
        {(accounts.is_empty() && !listing.query.is_empty()).then(|| view! { <p>"No company matches."</p> })}
        <table class="table table--wide">
            <thead>
                <tr>
                    <th scope="col">"Company"</th>
                    <th scope="col">"Registration code"</th>
                    <th scope="col">"Email domains"</th>
                    <th scope="col">"Contacts"</th>
                    <th scope="col">"Awaiting approval"</th>
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
                                {account.auto_approve.then_some(" (approved automatically)")}
                                {account.require_two_factor.then_some(" · two-factor required")}
                            </td>
                            <td>{account.contacts}</td>
                            <td>{account.awaiting_approval}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
        <Pager path="/admin" listing />
        <h2>"Create an account"</h2>
        <form class="form" method="post" action="/admin" novalidate>
            <AccountFields form=typed />
            <button class="button" type="submit">"Create account"</button>
        </form>
    }
}
