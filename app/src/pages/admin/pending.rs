//! `/admin/pending`: registration requests that came without a registration code. An
//! administrator assigns a company (its customer administrators then decide), approves
//! the contact into a company at once, or rejects the request.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{pending_requests, settle_pending, PendingList, RequestStatus, RequestView};
use crate::components::confirm_step::{awaiting_confirmation, ConfirmStep};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::{action_notice, provide_form_errors};
use crate::forms::business::{PendingForm, REASON_MAX_CHARS};
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
                    let posted = posted.await;
                    let asked = awaiting_confirmation(&posted);
                    let outcome = posted.map(|s| s.outcome);
                    let pending = pending.await;
                    let notice = action_notice(form_errors, outcome);
                    view! {
                        {notice}
                        {guarded(pending, move |data| view! { <Pending data asked=asked.clone() /> }.into_any())}
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
}

/// The second look at a rejection, naming the person by address (none when the request
/// is no longer listed: nothing was done either way).
fn confirm_rejection(form: PendingForm, requests: &[RequestView]) -> Option<impl IntoView> {
    let request = requests
        .iter()
        .find(|r| r.id.to_string() == form.request.trim())?;
    let named = [
        ("name", request.name.clone()),
        ("email", request.email.clone()),
    ];
    Some(view! {
        <ConfirmStep
            question=t_with("admin-pending-reject-question", &named)
            confirm=t_with("admin-pending-reject-confirm", &named)
            action="/admin/pending".to_owned()
            fields=vec![
                ("form[request]", request.id.to_string()),
                ("form[account]", form.account),
                ("form[decision]", "reject".to_owned()),
                ("form[reason]", form.reason),
            ]
        />
    })
}

#[component]
fn Pending(data: PendingList, asked: Option<PendingForm>) -> impl IntoView {
    let accounts = data.accounts;
    let listing = data.listing;
    let step = asked.and_then(|form| confirm_rejection(form, &data.requests));
    view! {
        <h1>{t("admin-pending-title")}</h1>
        {step}
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

/// A request the staff rejected (found by a search), with Reopen.
#[component]
fn RejectedCard(request: RequestView) -> impl IntoView {
    view! {
        <li class="card">
            <h2 class="card__title">{request.name.clone()}</h2>
            <p class="card__meta">
                {request.email.clone()} " · "
                <strong class="tag tag--rejected">{request.status.label()}</strong>
                {request.decided.clone().map(|d| format!(" {d}"))}
            </p>
            <form class="decision" method="post" action="/admin/pending">
                <input type="hidden" name="form[request]" value=request.id.to_string() />
                <button
                    class="button button--secondary"
                    type="submit"
                    name="form[decision]"
                    value="reopen"
                    aria-label=t_with("admin-pending-reopen-label", &[("email", request.email.clone())])
                >
                    {t("admin-pending-reopen")}
                </button>
            </form>
        </li>
    }
}

#[component]
fn PendingCard(request: RequestView, accounts: Vec<(i32, String)>) -> impl IntoView {
    if request.status == RequestStatus::Rejected {
        return view! { <RejectedCard request /> }.into_any();
    }
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
    .into_any()
}
