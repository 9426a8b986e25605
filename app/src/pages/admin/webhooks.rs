//! `/admin/webhooks`: where events go (endpoints, their events, how deliveries fare), a
//! form to add an endpoint, and the latest deliveries.
use leptos::prelude::*;

use crate::api::{add_webhook, remove_webhook, webhooks_overview, ActionOutcome, WebhookList};
use crate::components::fields::TextField;
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::FormSection;
use crate::forms::webhooks::{WebhookForm, EVENTS};
use crate::forms::Field;
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
        <AdminLayout title="Webhooks">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let added = added.await;
                    let typed = added
                        .as_ref()
                        .filter(|s| !matches!(s.outcome, Ok(ActionOutcome::Done { .. })))
                        .map(|s| s.form.clone())
                        .unwrap_or_default();
                    let added = added.map(|s| s.outcome);
                    let removed = removed.await.map(|s| s.outcome);
                    let list = list.await;
                    guarded(list, move |list| view! { <Webhooks list added typed removed /> }.into_any())
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
) -> impl IntoView {
    view! {
        <h1>"Webhooks"</h1>
        <p class="lead">
            "Other systems learn who joined: each event is posted as JSON, signed in the X-Portico-Signature header (t=<time>,v1=<HMAC-SHA256 of \"<time>.<body>\" with the secret>), and retried with backoff until it is accepted."
        </p>
        <FormSection outcome=removed>
            {if list.endpoints.is_empty() {
                view! { <p>"No webhooks yet."</p> }.into_any()
            } else {
                view! {
                    <table class="table table--wide">
                        <thead>
                            <tr>
                                <th scope="col">"Address"</th>
                                <th scope="col">"Events"</th>
                                <th scope="col">"Delivered"</th>
                                <th scope="col">"Waiting"</th>
                                <th scope="col">"Failed"</th>
                                <th scope="col">"Remove"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.endpoints.into_iter().map(|e| view! {
                                <tr>
                                    <td>{e.url.clone()}</td>
                                    <td>{e.events.join(", ")}</td>
                                    <td>{e.delivered}</td>
                                    <td>{e.waiting}</td>
                                    <td>{e.failed}</td>
                                    <td>
                                        <form method="post" data-reload="" action="/admin/webhooks">
                                            <input type="hidden" name="intent" value="remove" />
                                            <input type="hidden" name="form[endpoint]" value=e.id.to_string() />
                                            <button class="button button--small button--secondary" type="submit" aria-label=format!("Remove the webhook to {}", e.url)>"Remove"</button>
                                        </form>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </FormSection>
        <h2 id="add-webhook">"Add a webhook"</h2>
        <FormSection outcome=added>
            <form class="form" method="post" data-reload="" action="/admin/webhooks" novalidate>
                <input type="hidden" name="intent" value="add" />
                <TextField field=Field::Url label="Address (URL)" input_type="url" value=typed.url.clone() />
                <TextField
                    field=Field::Secret
                    label="Secret"
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 24 characters, shared with the receiver, which checks each signature with it."
                />
                <fieldset class="field" id="events">
                    <legend class="field__label">"Events"</legend>
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
                <button class="button" type="submit">"Add the webhook"</button>
            </form>
        </FormSection>
        <h2>"Latest deliveries"</h2>
        <DeliveriesTable deliveries=list.deliveries retry=false />
    }
}
