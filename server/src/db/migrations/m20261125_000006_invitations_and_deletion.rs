//! Invitations into a company, and the date a person's scheduled deletion falls due.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    DeletionDueAt,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    AccountId,
    Email,
    EmailNormalized,
    FirstName,
    LastName,
    Role,
    InvitedBy,
    TokenHash,
    CreatedAt,
    SentAt,
    ExpiresAt,
    AcceptedAt,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::DeletionDueAt))
                    .to_owned(),
            )
            .await?;
        // The janitor looks for deletions that fell due.
        manager
            .create_index(
                Index::create()
                    .name("users_deletion_due_at")
                    .table(Users::Table)
                    .col(Users::DeletionDueAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(pk_auto(Invitations::Id))
                    .col(integer(Invitations::AccountId))
                    .col(string_len(Invitations::Email, 320))
                    .col(string_len(Invitations::EmailNormalized, 320))
                    .col(string_len(Invitations::FirstName, 100))
                    .col(string_len(Invitations::LastName, 100))
                    .col(string_len(Invitations::Role, 16))
                    .col(integer_null(Invitations::InvitedBy))
                    // SHA-256 of the link's token; a resend replaces it.
                    .col(string_len_uniq(Invitations::TokenHash, 64))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .col(timestamp_with_time_zone(Invitations::SentAt))
                    .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitations::AcceptedAt))
                    .col(timestamp_with_time_zone_null(Invitations::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::InvitedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("invitations_account", Invitations::AccountId),
            ("invitations_email", Invitations::EmailNormalized),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Invitations::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Invitations::Table).to_owned())
            .await?;
        manager
            .drop_index(Index::drop().name("users_deletion_due_at").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::DeletionDueAt)
                    .to_owned(),
            )
            .await
    }
}
