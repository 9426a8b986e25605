//! Back-channel logouts waiting to be posted: one row per app and app session (`sid`/`sub`)
//! that an ended Portico login had, written in the transaction that ended it. The logout
//! token is signed at each attempt (it lives two minutes, the retries half an hour), so
//! the row keeps the facts, not the token.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BackchannelDeliveries {
    Table,
    Id,
    ClientId,
    Sub,
    Sid,
    Jti,
    State,
    Attempts,
    NextAttemptAt,
    LastError,
    CreatedAt,
    DeliveredAt,
}

#[derive(DeriveIden)]
enum OidcClients {
    Table,
    ClientId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BackchannelDeliveries::Table)
                    .col(pk_auto(BackchannelDeliveries::Id))
                    .col(string(BackchannelDeliveries::ClientId))
                    .col(string_null(BackchannelDeliveries::Sub))
                    .col(string_null(BackchannelDeliveries::Sid))
                    // The same on every attempt: an app may drop a repeat by it.
                    .col(string(BackchannelDeliveries::Jti))
                    .col(string_len(BackchannelDeliveries::State, 16))
                    .col(integer(BackchannelDeliveries::Attempts))
                    .col(timestamp_with_time_zone(
                        BackchannelDeliveries::NextAttemptAt,
                    ))
                    .col(text_null(BackchannelDeliveries::LastError))
                    .col(timestamp_with_time_zone(BackchannelDeliveries::CreatedAt))
                    .col(timestamp_with_time_zone_null(
                        BackchannelDeliveries::DeliveredAt,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                BackchannelDeliveries::Table,
                                BackchannelDeliveries::ClientId,
                            )
                            .to(OidcClients::Table, OidcClients::ClientId)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("backchannel_deliveries_due")
                    .table(BackchannelDeliveries::Table)
                    .col(BackchannelDeliveries::State)
                    .col(BackchannelDeliveries::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BackchannelDeliveries::Table).to_owned())
            .await
    }
}
