//! `/admin`: every company account, and a form to create one.
use leptos::prelude::*;

use crate::api::{accounts, save_account, AccountSummary};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::{action_notice, provide_form_errors};
use crate::forms::business::AccountForm;
use crate::pages::admin::account::AccountFields;
use crate::pages::admin::AdminLayout;
use crate::submission::posted_submission;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(save_account);
    let list = guarded_resource(move || async move {
        posted.await;
        accounts().await
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
                        {guarded(list, move |accounts| view! { <Accounts accounts typed /> }.into_any())}
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
}

#[component]
fn Accounts(accounts: Vec<AccountSummary>, typed: AccountForm) -> impl IntoView {
    view! {
        <h1>"Company accounts"</h1>
        <p class="lead">
            "Registrations without a code wait in "
            <a href="/admin/pending">"Pending registrations"</a> "."
        </p>
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
        <h2>"Create an account"</h2>
        <form class="form" method="post" action="/admin" novalidate>
            <AccountFields form=typed />
            <button class="button" type="submit">"Create account"</button>
        </form>
    }
}
