use sea_orm::entity::prelude::*;

use super::outbox::OutboxState;

/// One event for one endpoint: written in the transaction of the change, then posted by
/// the webhook worker and retried with backoff, like an email in the outbox.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub endpoint_id: i32,
    pub event: String,
    /// The JSON body, as it is signed and posted.
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    /// The address the event is about (erasing the person deletes the row).
    pub subject_email: Option<String>,
    pub state: OutboxState,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub delivered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
