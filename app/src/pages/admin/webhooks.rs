//! `/admin/webhooks`: where events go (endpoints, their events, how deliveries fare), a
//! form to add an endpoint, and the latest deliveries.
use leptos::prelude::*;

use crate::api::{
    add_webhook, remove_webhook, webhooks_overview, ActionOutcome, WebhookList, WebhookView,
};
use crate::components::confirm_step::{awaiting_confirmation, ConfirmStep};
use crate::components::fields::TextField;
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::{ConfirmHint, FormSection};
use crate::forms::webhooks::{WebhookForm, EVENTS};
use crate::forms::Field;
use crate::i18n::{format_number, lang, t, t_with};
use crate::pages::admin::outbox::DeliveriesTable;
use crate::pages::admin::AdminLayout;
use crate::submission::posted_submission_of;

#[component]
pub fn WebhooksPage() -> impl IntoView {
    let added = posted_submission_of(Some("add"), add_webhook);
    let removed = posted_submission_of(Some("remove"), remove_webhook);
    let list = guarded_resource(move || async move {
        added.await;
        removed.await;
        webhooks_overview().await
    });
    view! {
        <AdminLayout title=t("admin-webhooks-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let added = added.await;
                    let typed = added
                        .as_ref()
                        .filter(|s| !matches!(s.outcome, Ok(ActionOutcome::Done { .. })))
                        .map(|s| s.form.clone())
                        .unwrap_or_default();
                    let added = added.map(|s| s.outcome);
                    let removed = removed.await;
                    let asked = awaiting_confirmation(&removed).map(|form| form.endpoint);
                    let removed = removed.map(|s| s.outcome);
                    let list = list.await;
                    guarded(list, move |list| view! { <Webhooks list added typed removed asked=asked.clone() /> }.into_any())
                })}
            </Suspense>
        </AdminLayout>
    }
}

#[component]
fn Webhooks(
    list: WebhookList,
    added: Option<Result<ActionOutcome, ServerFnError>>,
    typed: WebhookForm,
    removed: Option<Result<ActionOutcome, ServerFnError>>,
    /// The endpoint whose Remove waits for its second look.
    asked: Option<String>,
) -> impl IntoView {
    let step = asked
        .and_then(|id| list.endpoints.iter().find(|e| e.id.to_string() == id.trim()))
        .map(|endpoint| {
            let url = [("url", endpoint.url.clone())];
            view! {
                <ConfirmStep
                    question=t_with("admin-webhooks-remove-question", &url)
                    confirm=t_with("admin-webhooks-remove-confirm", &url)
                    action="/admin/webhooks".to_owned()
                    fields=vec![("intent", "remove".to_owned()), ("form[endpoint]", endpoint.id.to_string())]
                />
            }
        });
    view! {
        <h1>{t("admin-webhooks-title")}</h1>
        <p class="lead">
            {t("admin-webhooks-lead")}
        </p>
        <FormSection outcome=removed>
            {step}
            {endpoints(list.endpoints)}
        </FormSection>
        <h2 id="add-webhook">{t("admin-webhooks-add-title")}</h2>
        <ConfirmHint here="/admin/webhooks".to_owned() />
        <FormSection outcome=added>
            <form class="form" method="post" data-reload="" action="/admin/webhooks" novalidate>
                <input type="hidden" name="intent" value="add" />
                <TextField field=Field::Url label=t("admin-webhooks-url") input_type="url" value=typed.url.clone() />
                <TextField
                    field=Field::Secret
                    label=t("admin-webhooks-secret")
                    input_type="password"
                    autocomplete="new-password"
                    hint=t("admin-webhooks-secret-hint")
                />
                <fieldset class="field" id="events">
                    <legend class="field__label">{t("admin-webhooks-events-legend")}</legend>
                    {EVENTS.into_iter().map(|(event, field)| {
                        let ticked = typed.ticked(field);
                        view! {
                            <div class="checkbox">
                                <input class="checkbox__input" type="checkbox" id=format!("event-{field}") name=format!("form[{field}]") value="on" checked=ticked />
                                <label class="checkbox__label" for=format!("event-{field}")>{event}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button class="button" type="submit">{t("admin-webhooks-add")}</button>
            </form>
        </FormSection>
        <h2>{t("admin-webhooks-latest")}</h2>
        <DeliveriesTable deliveries=list.deliveries retry=false />
    }
}

/// The endpoints, each with its events, how its deliveries fare, and its Remove button.
fn endpoints(endpoints: Vec<WebhookView>) -> impl IntoView {
    if endpoints.is_empty() {
        view! { <p>{t("admin-webhooks-empty")}</p> }.into_any()
    } else {
        view! {
            <table class="table table--wide">
                <thead>
                    <tr>
                        <th scope="col">{t("admin-webhooks-address")}</th>
                        <th scope="col">{t("admin-webhooks-events")}</th>
                        <th scope="col">{t("admin-webhooks-delivered")}</th>
                        <th scope="col">{t("admin-webhooks-waiting")}</th>
                        <th scope="col">{t("admin-webhooks-failed")}</th>
                        <th scope="col">{t("admin-webhooks-remove-column")}</th>
                    </tr>
                </thead>
                <tbody>
                    {endpoints.into_iter().map(|e| view! {
                        <tr>
                            <td>{e.url.clone()}</td>
                            <td>{e.events.join(", ")}</td>
                            <td>{format_number(lang(), e.delivered)}</td>
                            <td>{format_number(lang(), e.waiting)}</td>
                            <td>{format_number(lang(), e.failed)}</td>
                            <td>
                                <form method="post" data-reload="" action="/admin/webhooks">
                                    <input type="hidden" name="intent" value="remove" />
                                    <input type="hidden" name="form[endpoint]" value=e.id.to_string() />
                                    <button class="button button--small button--secondary" type="submit" aria-label=t_with("admin-webhooks-remove-label", &[("url", e.url.clone())])>{t("admin-webhooks-remove")}</button>
                                </form>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    }
}
