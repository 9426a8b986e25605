//! Limits on attempts shared by every server instance (see `crate::limits`): one row per
//! limited subject, holding its GCRA arrival time in milliseconds since the epoch.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AttemptLimits {
    Table,
    Scope,
    Subject,
    Tat,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AttemptLimits::Table)
                    .col(string_len(AttemptLimits::Scope, 32))
                    .col(string_len(AttemptLimits::Subject, 320))
                    .col(big_integer(AttemptLimits::Tat))
                    .primary_key(
                        Index::create()
                            .col(AttemptLimits::Scope)
                            .col(AttemptLimits::Subject),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("attempt_limits_tat")
                    .table(AttemptLimits::Table)
                    .col(AttemptLimits::Tat)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AttemptLimits::Table).to_owned())
            .await
    }
}
