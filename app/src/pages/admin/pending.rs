//! `/admin/pending`: registration requests that came without a registration code. An
//! administrator assigns a company (its customer administrators then decide), approves
//! the contact into a company at once, or rejects the request.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{pending_requests, settle_pending, PendingList, RequestView};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::{action_notice, provide_form_errors};
use crate::forms::business::REASON_MAX_CHARS;
use crate::i18n::{t, t_with};
use crate::pages::admin::{page_of, AdminLayout, Pager, SearchBox};
use crate::submission::posted_submission;

#[component]
pub fn PendingPage() -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(settle_pending);
    let (query, page) =
        use_query_map().with_untracked(|q| (q.get("q").unwrap_or_default(), page_of(q)));
    let pending = guarded_resource(move || {
        let query = query.clone();
        async move {
            posted.await;
            pending_requests(query, page).await
        }
    });
    view! {
        <AdminLayout title=t("admin-pending-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let outcome = posted.await.map(|s| s.outcome);
                    let pending = pending.await;
                    let notice = action_notice(form_errors, outcome);
                    view! {
                        {notice}
                        {guarded(pending, |data| view! { <Pending data /> }.into_any())}
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
}

#[component]
fn Pending(data: PendingList) -> impl IntoView {
    let accounts = data.accounts;
    let listing = data.listing;
    view! {
        <h1>{t("admin-pending-title")}</h1>
        <p class="lead">{t("admin-pending-lead")}</p>
        <SearchBox path="/admin/pending" label=t("admin-pending-search") query=listing.query.clone() />
        {if data.requests.is_empty() {
            view! { <p>{t("admin-pending-empty")}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {data
                        .requests
                        .into_iter()
                        .map(|request| view! { <PendingCard request accounts=accounts.clone() /> })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
        <Pager path="/admin/pending" listing />
    }
}

#[component]
fn PendingCard(request: RequestView, accounts: Vec<(i32, String)>) -> impl IntoView {
    let account_id = format!("account-{}", request.id);
    let reason_id = format!("reason-{}", request.id);
    view! {
        <li class="card">
            <h2 class="card__title">{request.name.clone()}</h2>
            <p class="card__meta">
                {request.email.clone()} " · "
                {t_with("admin-pending-requested", &[("date", request.requested.clone())])}
            </p>
            <form class="decision" method="post" action="/admin/pending">
                <input type="hidden" name="form[request]" value=request.id.to_string() />
                <div class="field">
                    <label class="field__label" for=account_id.clone()>{t("admin-pending-company")}</label>
                    {if accounts.is_empty() {
                        // Too many companies to list: typed, by name or registration code.
                        view! {
                            <input class="field__input" id=account_id name="form[account]" type="text" placeholder=t("admin-pending-company-placeholder") />
                        }
                        .into_any()
                    } else {
                        view! {
                            <select class="field__input" id=account_id name="form[account]">
                                <option value="">{t("admin-pending-choose")}</option>
                                {accounts
                                    .into_iter()
                                    .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                                    .collect_view()}
                            </select>
                        }
                        .into_any()
                    }}
                </div>
                <div class="field">
                    <label class="field__label" for=reason_id.clone()>{t("admin-pending-reason")}</label>
                    <textarea
                        class="field__input"
                        id=reason_id
                        name="form[reason]"
                        rows="2"
                        maxlength=REASON_MAX_CHARS.to_string()
                    ></textarea>
                </div>
                <div class="actions">
                    <button class="button" type="submit" name="form[decision]" value="assign">
                        {t("admin-pending-assign")}
                    </button>
                    <button class="button button--secondary" type="submit" name="form[decision]" value="approve">
                        {t("admin-pending-approve")}
                    </button>
                    <button class="button button--warning" type="submit" name="form[decision]" value="reject">
                        {t("admin-pending-reject")}
                    </button>
                </div>
            </form>
        </li>
    }
}
