//! The outbox's claim on a row moves out of `next_attempt_at` into its own column, so
//! that a row being sent (claimed until a moment) and a row waiting after a failure (due
//! at a moment) can be told apart: when the SMTP server comes back, the waiting ones are
//! retried at once while the claimed ones stay with the worker sending them.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    LeasedUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(
                        ColumnDef::new(Outbox::LeasedUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::LeasedUntil)
                    .to_owned(),
            )
            .await
    }
}
