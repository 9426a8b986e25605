//! The back office: an administrator registers webhook endpoints, sees how deliveries
//! fare, and retries a failed email or webhook delivery.
use app::api::{Access, ActionOutcome, DeliveryView, OutboxView, WebhookList, WebhookView};
use app::forms::webhooks::{DeliveryKind, ValidWebhook};
use app::forms::{ErrorKind, Field};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use tower_sessions::Session;

use crate::db::entities::outbox::{self, OutboxState};
use crate::db::entities::{webhook_delivery, webhook_endpoint};
use crate::outbound::Refusal;
use crate::services::session::caller::settle;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::views::date;
use crate::services::{Portico, ServiceError};

/// Rows per page of the outbox.
pub const OUTBOX_PAGE: u64 = 50;

impl Portico {
    pub async fn webhook_list_at(
        &self,
        session: &Session,
    ) -> Result<Access<WebhookList>, ServiceError> {
        settle(async {
            self.caller(session).await?.administrator()?;
            let mut endpoints = Vec::new();
            for endpoint in webhook_endpoint::Entity::find()
                .order_by_asc(webhook_endpoint::Column::Id)
                .all(&self.db)
                .await?
            {
                let count = |state: OutboxState| {
                    webhook_delivery::Entity::find()
                        .filter(webhook_delivery::Column::EndpointId.eq(endpoint.id))
                        .filter(webhook_delivery::Column::State.eq(state))
                        .count(&self.db)
                };
                endpoints.push(WebhookView {
                    id: endpoint.id,
                    url: endpoint.url.clone(),
                    events: endpoint.events.split(',').map(str::to_owned).collect(),
                    delivered: count(OutboxState::Sent).await?,
                    waiting: count(OutboxState::Pending).await?,
                    failed: count(OutboxState::Failed).await?,
                });
            }
            let urls: std::collections::HashMap<i32, String> =
                endpoints.iter().map(|e| (e.id, e.url.clone())).collect();
            let deliveries = webhook_delivery::Entity::find()
                .order_by_desc(webhook_delivery::Column::Id)
                .limit(20)
                .all(&self.db)
                .await?
                .into_iter()
                .map(|d| webhook_view(d, &urls))
                .collect();
            Ok(Access::Granted(WebhookList {
                endpoints,
                deliveries,
            }))
        })
        .await
    }

    pub async fn add_webhook_at(
        &self,
        session: &Session,
        form: ValidWebhook,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            // A webhook receives people's details from now on: it needs a fresh proof.
            self.fresh_proof(session, now).await?;
            // Checked again at each delivery: a name can resolve elsewhere later.
            if let Err(refusal) = self.outbound.check_url(&form.url).await {
                let message = match refusal {
                    Refusal::NotHttp => "service-operations-url-unreachable",
                    Refusal::UnknownHost(_) => "service-operations-url-unknown-host",
                    Refusal::PrivateAddress { .. } => "service-operations-url-private",
                };
                return Ok(ActionOutcome::refused(
                    Field::Url,
                    message,
                    ErrorKind::Invalid,
                ));
            }
            let txn = crate::db::begin_write(&self.db).await?;
            let endpoint = webhook_endpoint::ActiveModel {
                url: Set(form.url.clone()),
                events: Set(form.events.join(",")),
                secret: Set(self
                    .secrets
                    .seal(crate::secrets::Purpose::WebhookSecret, &form.secret)),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            Audit {
                actor: Some(admin.id),
                detail: Some(crate::services::support::audit::detail_message(
                    "audit-detail-webhook-added",
                    &[
                        ("id", endpoint.id.to_string()),
                        ("events", form.events.join(", ")),
                    ],
                )),
                ..Audit::default()
            }
            .record(&txn, AuditAction::WebhookAdded, now)
            .await?;
            txn.commit().await?;
            Ok(ActionOutcome::done(app::i18n::t_with(
                "service-operations-webhook-added",
                &[
                    ("events", form.events.join(", ")),
                    ("url", form.url.clone()),
                ],
            )))
        })
        .await
    }

    pub async fn remove_webhook_at(
        &self,
        session: &Session,
        endpoint: i32,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            let txn = crate::db::begin_write(&self.db).await?;
            let removed = webhook_endpoint::Entity::delete_by_id(endpoint)
                .exec(&txn)
                .await?;
            if removed.rows_affected == 0 {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-operations-no-such-webhook",
                    ErrorKind::NotFound,
                ));
            }
            webhook_delivery::Entity::delete_many()
                .filter(webhook_delivery::Column::EndpointId.eq(endpoint))
                .exec(&txn)
                .await?;
            Audit {
                actor: Some(admin.id),
                detail: Some(crate::services::support::audit::detail_message(
                    "audit-detail-webhook-removed",
                    &[("id", endpoint.to_string())],
                )),
                ..Audit::default()
            }
            .record(&txn, AuditAction::WebhookRemoved, now)
            .await?;
            txn.commit().await?;
            Ok(ActionOutcome::done(app::i18n::t(
                "service-operations-webhook-removed",
            )))
        })
        .await
    }

    /// Emails and webhook deliveries not delivered yet (pending, retrying, failed),
    /// oldest first, a page at a time.
    pub async fn outbox_waiting_at(
        &self,
        session: &Session,
        page: u64,
    ) -> Result<Access<OutboxView>, ServiceError> {
        settle(async {
            self.caller(session).await?.administrator()?;
            // Both lists are read up to the end of this page, merged by creation time; the
            // outbox of waiting rows is small unless something is down.
            let wanted = (page + 1) * OUTBOX_PAGE + 1;
            let emails = outbox::Entity::find()
                .filter(outbox::Column::State.is_in(WAITING))
                .order_by_asc(outbox::Column::Id)
                .limit(wanted)
                .all(&self.db)
                .await?;
            let urls: std::collections::HashMap<i32, String> = webhook_endpoint::Entity::find()
                .all(&self.db)
                .await?
                .into_iter()
                .map(|e| (e.id, e.url))
                .collect();
            let hooks = webhook_delivery::Entity::find()
                .filter(webhook_delivery::Column::State.ne(OutboxState::Sent))
                .order_by_asc(webhook_delivery::Column::Id)
                .limit(wanted)
                .all(&self.db)
                .await?;
            let mut all: Vec<(DateTime<Utc>, DeliveryView)> = emails
                .into_iter()
                .map(|e| (e.created_at, email_view(e)))
                .chain(
                    hooks
                        .into_iter()
                        .map(|d| (d.created_at, webhook_view(d, &urls))),
                )
                .collect();
            all.sort_by_key(|(at, _)| *at);
            let start = (page * OUTBOX_PAGE) as usize;
            let more = all.len() > start + OUTBOX_PAGE as usize;
            let waiting = all
                .into_iter()
                .skip(start)
                .take(OUTBOX_PAGE as usize)
                .map(|(_, view)| view)
                .collect();
            let in_dev_mailbox = outbox::Entity::find()
                .filter(outbox::Column::State.eq(OutboxState::DevMailbox))
                .count(&self.db)
                .await?;
            Ok(Access::Granted(OutboxView {
                waiting,
                page,
                more,
                in_dev_mailbox,
            }))
        })
        .await
    }

    /// "Retry now": a failed (or retrying) delivery is due again at once.
    pub async fn retry_delivery_at(
        &self,
        session: &Session,
        kind: DeliveryKind,
        id: i32,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            let retried = match kind {
                DeliveryKind::Email => {
                    outbox::Entity::update_many()
                        .col_expr(outbox::Column::State, Expr::value(OutboxState::Pending))
                        .col_expr(outbox::Column::NextAttemptAt, Expr::value(now))
                        .filter(outbox::Column::Id.eq(id))
                        .filter(outbox::Column::State.is_in(WAITING))
                        .exec(&self.db)
                        .await?
                }
                DeliveryKind::Webhook => {
                    webhook_delivery::Entity::update_many()
                        .col_expr(
                            webhook_delivery::Column::State,
                            Expr::value(OutboxState::Pending),
                        )
                        .col_expr(webhook_delivery::Column::Attempts, Expr::value(0))
                        .col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(now))
                        .filter(webhook_delivery::Column::Id.eq(id))
                        .filter(webhook_delivery::Column::State.ne(OutboxState::Sent))
                        .exec(&self.db)
                        .await?
                }
            };
            if retried.rows_affected == 0 {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-operations-delivered-meanwhile",
                    ErrorKind::Conflict,
                ));
            }
            tracing::info!(admin = admin.id, id, "retrying a delivery now");
            self.outbox.wake();
            Ok(ActionOutcome::done(app::i18n::t(
                "service-operations-retrying",
            )))
        })
        .await
    }
}

/// A delivery's state in the page's language ("Delivered", "Retrying", …).
/// The states of an email that is still to be delivered (or retried).
const WAITING: [OutboxState; 2] = [OutboxState::Pending, OutboxState::Failed];

fn state_label(state: OutboxState, attempts: i32) -> String {
    app::i18n::t(match state {
        OutboxState::Sent => "label-delivery-delivered",
        OutboxState::DevMailbox => "label-delivery-dev-mailbox",
        OutboxState::Failed => "label-delivery-failed",
        OutboxState::Pending if attempts > 0 => "label-delivery-retrying",
        OutboxState::Pending => "label-delivery-pending",
    })
}

fn email_view(email: outbox::Model) -> DeliveryView {
    DeliveryView {
        kind: DeliveryKind::Email,
        id: email.id,
        to: email.to_address,
        what: email.subject,
        state: state_label(email.state, email.attempts),
        attempts: email.attempts,
        last_error: email.last_error,
        created: date(email.created_at),
        failed: email.state == OutboxState::Failed,
    }
}

fn webhook_view(
    delivery: webhook_delivery::Model,
    urls: &std::collections::HashMap<i32, String>,
) -> DeliveryView {
    DeliveryView {
        kind: DeliveryKind::Webhook,
        id: delivery.id,
        to: urls.get(&delivery.endpoint_id).cloned().unwrap_or_default(),
        what: delivery.event,
        state: state_label(delivery.state, delivery.attempts),
        attempts: delivery.attempts,
        last_error: delivery.last_error,
        created: date(delivery.created_at),
        failed: delivery.state == OutboxState::Failed,
    }
}
