//! Passkey log-ins keep their state in a cookie rather than the session store (so that
//! anonymous requests store nothing per visitor); each state is recorded here when it
//! comes back, so that it works once.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CeremoniesSpent {
    Table,
    Id,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CeremoniesSpent::Table)
                    .col(string_len(CeremoniesSpent::Id, 64).primary_key())
                    .col(timestamp_with_time_zone(CeremoniesSpent::ExpiresAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CeremoniesSpent::Table).to_owned())
            .await
    }
}
