//! The account lifecycle: the new address an email-change token confirms, and the logins
//! (one per logged-in session) that a person sees and ends from their profile.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailTokens {
    Table,
    NewEmail,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Logins {
    Table,
    Id,
    UserId,
    SessionId,
    CreatedAt,
    LastSeenAt,
    UserAgent,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EmailTokens::Table)
                    .add_column(string_len_null(EmailTokens::NewEmail, 254))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Logins::Table)
                    .col(string_len(Logins::Id, 64).primary_key())
                    .col(integer(Logins::UserId))
                    // The session store's id, once the session has been saved with it.
                    .col(string_len_null(Logins::SessionId, 128))
                    .col(timestamp_with_time_zone(Logins::CreatedAt))
                    .col(timestamp_with_time_zone(Logins::LastSeenAt))
                    .col(string_len_null(Logins::UserAgent, 300))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Logins::Table, Logins::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("logins_user")
                    .table(Logins::Table)
                    .col(Logins::UserId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Logins::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(EmailTokens::Table)
                    .drop_column(EmailTokens::NewEmail)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
