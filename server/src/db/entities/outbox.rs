use sea_orm::entity::prelude::*;

/// One email to send. Written in the same transaction as the change that caused it, so
/// that a crash never loses it; the delivery worker sends it and retries on failure. Once
/// sent, its bodies are blanked (they hold working links) and the janitor deletes the row
/// after the retention period.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub to_address: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub text_body: String,
    #[sea_orm(column_type = "Text")]
    pub html_body: String,
    pub state: OutboxState,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// While a worker sends it: other workers leave it alone until then.
    pub leased_until: Option<DateTimeUtc>,
    /// The person the email names when that is not its recipient (the contact in an
    /// approval request, the sender of an invitation): erasing them finds it.
    pub about_user_id: Option<i32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum OutboxState {
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "sent")]
    Sent,
    /// The SMTP server refused it permanently (say, the mailbox does not exist).
    #[sea_orm(string_value = "failed")]
    Failed,
    /// Kept for the dev mailbox (`DEV_MAILBOX=true`, no SMTP server), which shows it:
    /// delivered there, with its bodies, and never sent.
    #[sea_orm(string_value = "dev_mailbox")]
    DevMailbox,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
