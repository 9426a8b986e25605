use sea_orm::entity::prelude::*;

use super::outbox::OutboxState;

/// One back-channel logout for one app: written in the transaction that ended the Portico
/// login, then posted by `backchannel::BackchannelWorker` and retried with backoff.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "backchannel_deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub client_id: String,
    /// The person's `sub` (`users.subject`), as the app knows them.
    pub sub: Option<String>,
    /// The ended login's `sid`.
    pub sid: Option<String>,
    /// The logout token's `jti`, the same on every attempt.
    pub jti: String,
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
