//! `/admin/outbox`: emails and webhook deliveries that are pending, retrying (with the
//! last error) or failed, oldest first, with Retry now for the failed ones.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{outbox_waiting, retry_delivery, DeliveryView, OutboxView};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::FormSection;
use crate::forms::webhooks::DeliveryKind;
use crate::i18n::{format_number, lang, t, t_with};
use crate::pages::admin::AdminLayout;
use crate::submission::posted_submission;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let page = use_query_map()
        .with_untracked(|q| q.get("page").and_then(|p| p.parse::<u64>().ok()))
        .unwrap_or(0);
    let retried = posted_submission(retry_delivery);
    let waiting = guarded_resource(move || async move {
        retried.await;
        outbox_waiting(page).await
    });
    view! {
        <AdminLayout title=t("admin-outbox-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let retried = retried.await.map(|s| s.outcome);
                    let waiting = waiting.await;
                    guarded(waiting, move |waiting| view! {
                        <h1>{t("admin-outbox-title")}</h1>
                        <p class="lead">{t("admin-outbox-lead")}</p>
                        <FormSection outcome=retried>
                            <Waiting waiting />
                        </FormSection>
                    }.into_any())
                })}
            </Suspense>
        </AdminLayout>
    }
}

#[component]
fn Waiting(waiting: OutboxView) -> impl IntoView {
    let page = waiting.page;
    let in_dev_mailbox = waiting.in_dev_mailbox;
    view! {
        {(in_dev_mailbox > 0).then(|| view! {
            <p>
                {t_with("admin-outbox-dev-mailbox", &[("count", format_number(lang(), in_dev_mailbox))])}
                " "
                <a href="/dev/mailbox">{t("admin-outbox-dev-mailbox-open")}</a>
            </p>
        })}
        {if waiting.waiting.is_empty() {
            view! { <p>{t("admin-outbox-empty")}</p> }.into_any()
        } else {
            view! { <DeliveriesTable deliveries=waiting.waiting retry=true /> }.into_any()
        }}
        <nav class="pager" aria-label=t("admin-pager-label")>
            {(page > 0).then(|| view! { <a href=format!("/admin/outbox?page={}", page - 1)>{t("admin-outbox-earlier")}</a> })}
            {waiting.more.then(|| view! { <a href=format!("/admin/outbox?page={}", page + 1)>{t("admin-outbox-later")}</a> })}
        </nav>
    }
}

/// Emails and webhook deliveries with their state; `retry` adds Retry now to failed ones.
#[component]
pub fn DeliveriesTable(deliveries: Vec<DeliveryView>, retry: bool) -> impl IntoView {
    if deliveries.is_empty() {
        return view! { <p>{t("admin-deliveries-empty")}</p> }.into_any();
    }
    view! {
        // Focusable: on a narrow screen it scrolls sideways, by keyboard too.
        <table class="table table--wide" tabindex="0">
            <thead>
                <tr>
                    <th scope="col">{t("admin-deliveries-kind")}</th>
                    <th scope="col">{t("admin-deliveries-to")}</th>
                    <th scope="col">{t("admin-deliveries-what")}</th>
                    <th scope="col">{t("admin-deliveries-state")}</th>
                    <th scope="col">{t("admin-deliveries-attempts")}</th>
                    <th scope="col">{t("admin-deliveries-last-error")}</th>
                    <th scope="col">{t("admin-deliveries-created")}</th>
                    {retry.then(|| view! { <th scope="col">{t("admin-deliveries-retry")}</th> })}
                </tr>
            </thead>
            <tbody>
                {deliveries.into_iter().map(|d| {
                    let kind = match d.kind {
                        DeliveryKind::Email => "email",
                        DeliveryKind::Webhook => "webhook",
                    };
                    view! {
                        <tr>
                            <td>{t(if d.kind == DeliveryKind::Email { "admin-deliveries-email" } else { "admin-deliveries-webhook" })}</td>
                            <td>{d.to.clone()}</td>
                            <td>{d.what.clone()}</td>
                            <td>{d.state.clone()}</td>
                            <td>{format_number(lang(), d.attempts.max(0) as u64)}</td>
                            <td>{d.last_error.clone().unwrap_or_default()}</td>
                            <td>{d.created.clone()}</td>
                            {retry.then(|| view! {
                                <td>
                                    {d.failed.then(|| view! {
                                        <form method="post" data-reload="" action="/admin/outbox">
                                            <input type="hidden" name="form[kind]" value=kind />
                                            <input type="hidden" name="form[id]" value=d.id.to_string() />
                                            <button class="button button--small button--secondary" type="submit" aria-label=t_with("admin-deliveries-retry-label", &[("what", d.what.clone()), ("to", d.to.clone())])>{t("admin-deliveries-retry-now")}</button>
                                        </form>
                                    })}
                                </td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
