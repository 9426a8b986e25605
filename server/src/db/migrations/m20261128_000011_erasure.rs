//! What erasing a person needs to find everything about them: the addresses they had or
//! asked for besides their current one (mail, invitations, webhook deliveries and attempt
//! limits are kept per address), and, on an email, the person it names when that is not
//! its recipient (an approval request names the contact, an invitation its sender).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum FormerAddresses {
    Table,
    Id,
    UserId,
    EmailNormalized,
    Until,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    AboutUserId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormerAddresses::Table)
                    .col(pk_auto(FormerAddresses::Id))
                    .col(integer(FormerAddresses::UserId))
                    .col(string_len(FormerAddresses::EmailNormalized, 320))
                    .col(timestamp_with_time_zone(FormerAddresses::Until))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FormerAddresses::Table, FormerAddresses::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("former_addresses_person_address")
                    .table(FormerAddresses::Table)
                    .col(FormerAddresses::UserId)
                    .col(FormerAddresses::EmailNormalized)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(integer_null(Outbox::AboutUserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("outbox_about_user")
                    .table(Outbox::Table)
                    .col(Outbox::AboutUserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("outbox_about_user").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::AboutUserId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(FormerAddresses::Table).to_owned())
            .await
    }
}
