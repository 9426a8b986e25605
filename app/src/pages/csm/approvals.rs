//! `/csm/approvals`: a customer administrator's list of their company's registration
//! requests, pending first, each with Approve and Reject (with an optional reason).
use leptos::prelude::*;

use crate::api::{company_requests, decide_request, RequestList, RequestStatus, RequestView};
use crate::components::confirm_step::{awaiting_confirmation, ConfirmStep};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::layout::PortalLayout;
use crate::components::notice::{action_notice, provide_form_errors};
use crate::forms::business::{DecisionForm, REASON_MAX_CHARS};
use crate::i18n::{format_number, lang, t, t_with};
use crate::portal::Portal;
use crate::submission::posted_submission;

const PORTAL: Portal = Portal::Csm;

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(decide_request);
    let requests = guarded_resource(move || async move {
        posted.await;
        company_requests().await
    });
    view! {
        <PortalLayout portal=PORTAL title=t("csm-approvals-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let asked = awaiting_confirmation(&posted);
                    let outcome = posted.map(|s| s.outcome);
                    let requests = requests.await;
                    let notice = action_notice(form_errors, outcome);
                    view! {
                        {notice}
                        {guarded(requests, move |data| view! { <Requests data asked=asked.clone() /> }.into_any())}
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}

/// The second look at a rejection, naming the person by address (none when the request
/// is not the company's: nothing was done either way).
fn confirm_rejection(form: DecisionForm, requests: &[RequestView]) -> Option<impl IntoView> {
    let request = requests
        .iter()
        .find(|r| r.id.to_string() == form.request.trim())?;
    let named = [
        ("name", request.name.clone()),
        ("email", request.email.clone()),
    ];
    Some(view! {
        <ConfirmStep
            question=t_with("csm-approvals-reject-question", &named)
            confirm=t_with("csm-approvals-reject-confirm", &named)
            action=PORTAL.path("/approvals")
            fields=vec![
                ("form[request]", request.id.to_string()),
                ("form[decision]", "reject".to_owned()),
                ("form[reason]", form.reason),
            ]
        />
    })
}

#[component]
fn Requests(data: RequestList, asked: Option<DecisionForm>) -> impl IntoView {
    let open = data.requests.iter().filter(|r| r.status.is_open()).count();
    let step = asked.and_then(|form| confirm_rejection(form, &data.requests));
    view! {
        <h1>{t("csm-approvals-title")}</h1>
        {step}
        <p class="lead">
            {format!("{} ", t_with("csm-approvals-lead", &[("company", data.company.clone())]))}
            {match open {
                0 => t("csm-approvals-waiting-none"),
                1 => t("csm-approvals-waiting-one"),
                n => t_with("csm-approvals-waiting-many", &[("count", format_number(lang(), n as u64))]),
            }}
        </p>
        <ul class="cards">
            {data.requests.into_iter().map(|request| view! { <RequestCard request /> }).collect_view()}
        </ul>
    }
}

#[component]
fn RequestCard(request: RequestView) -> impl IntoView {
    let reason_id = format!("reason-{}", request.id);
    let status_class = format!("tag tag--{}", request.status.css_name());
    view! {
        <li class="card">
            <h2 class="card__title">{request.name.clone()}</h2>
            <p class="card__meta">
                {request.email.clone()} " · "
                {t_with("csm-approvals-requested", &[("date", request.requested.clone())])} " · "
                <strong class=status_class>{request.status.label()}</strong>
                {request.decided.clone().map(|d| format!(" {d}"))}
            </p>
            {request.reason.clone().map(|reason| view! { <p class="card__reason">{t_with("csm-approvals-reason", &[("reason", reason)])}</p> })}
            {(request.status == RequestStatus::Rejected).then(|| view! {
                <form class="decision" method="post" action=PORTAL.path("/approvals")>
                    <input type="hidden" name="form[request]" value=request.id.to_string() />
                    <button
                        class="button button--secondary"
                        type="submit"
                        name="form[decision]"
                        value="reopen"
                        aria-label=t_with("csm-approvals-reopen-label", &[("email", request.email.clone())])
                    >
                        {t("csm-approvals-reopen")}
                    </button>
                </form>
            })}
            {request.status.is_open().then(|| view! {
                <form class="decision" method="post" action=PORTAL.path("/approvals")>
                    <input type="hidden" name="form[request]" value=request.id.to_string() />
                    <div class="field">
                        <label class="field__label" for=reason_id.clone()>{t("csm-approvals-reason-label")}</label>
                        <textarea
                            class="field__input"
                            id=reason_id.clone()
                            name="form[reason]"
                            rows="2"
                            maxlength=REASON_MAX_CHARS.to_string()
                        ></textarea>
                    </div>
                    <div class="actions">
                        <button class="button" type="submit" name="form[decision]" value="approve">
                            {t_with("csm-approvals-approve", &[("name", request.name.clone())])}
                        </button>
                        <button class="button button--warning" type="submit" name="form[decision]" value="reject">
                            {t_with("csm-approvals-reject", &[("name", request.name.clone())])}
                        </button>
                    </div>
                </form>
            })}
        </li>
    }
}
