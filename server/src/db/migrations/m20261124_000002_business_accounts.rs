//! The business portal: company accounts, the contacts' link to their account and their
//! role, registration requests and their decisions, and the audit log.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    Name,
    RegistrationCode,
    EmailDomains,
    AutoApprove,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    AccountId,
    Role,
}

#[derive(DeriveIden)]
enum RegistrationRequests {
    Table,
    Id,
    UserId,
    AccountId,
    State,
    CreatedAt,
    DecidedBy,
    DecidedAt,
    Reason,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Action,
    SubjectId,
    AccountId,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(pk_auto(Accounts::Id))
                    .col(string_len(Accounts::Name, 200))
                    .col(string_len_uniq(Accounts::RegistrationCode, 32))
                    // Lower-case domains, one per line.
                    .col(text(Accounts::EmailDomains))
                    .col(boolean(Accounts::AutoApprove).default(false))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .col(timestamp_with_time_zone(Accounts::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        // SQLite cannot add a foreign key to an existing table except inline with a new
        // column, which both databases accept in this one form.
        let db = manager.get_connection();
        db.execute_unprepared(
            "ALTER TABLE users ADD COLUMN account_id INTEGER NULL REFERENCES accounts (id)",
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_len(Users::Role, 16).default("member"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("users_account")
                    .table(Users::Table)
                    .col(Users::AccountId)
                    .to_owned(),
            )
            .await?;
        create_requests_and_audit_log(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RegistrationRequests::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("users_account")
                    .table(Users::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Users::Role.into_iden(), Users::AccountId.into_iden()] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Accounts::Table).to_owned())
            .await?;
        Ok(())
    }
}

/// Registration requests and the audit log.
async fn create_requests_and_audit_log(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(RegistrationRequests::Table)
                .col(pk_auto(RegistrationRequests::Id))
                .col(integer_uniq(RegistrationRequests::UserId))
                .col(integer_null(RegistrationRequests::AccountId))
                .col(string_len(RegistrationRequests::State, 24))
                .col(timestamp_with_time_zone(RegistrationRequests::CreatedAt))
                .col(integer_null(RegistrationRequests::DecidedBy))
                .col(timestamp_with_time_zone_null(
                    RegistrationRequests::DecidedAt,
                ))
                .col(text_null(RegistrationRequests::Reason))
                .foreign_key(
                    ForeignKey::create()
                        .from(RegistrationRequests::Table, RegistrationRequests::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(RegistrationRequests::Table, RegistrationRequests::AccountId)
                        .to(Accounts::Table, Accounts::Id),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("registration_requests_account_state")
                .table(RegistrationRequests::Table)
                .col(RegistrationRequests::AccountId)
                .col(RegistrationRequests::State)
                .to_owned(),
        )
        .await?;
    // No foreign keys: the record outlives the rows it names.
    manager
        .create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(pk_auto(AuditLog::Id))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(integer_null(AuditLog::ActorId))
                .col(string_len(AuditLog::Action, 32))
                .col(integer_null(AuditLog::SubjectId))
                .col(integer_null(AuditLog::AccountId))
                .col(text_null(AuditLog::Detail))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("audit_log_subject")
                .table(AuditLog::Table)
                .col(AuditLog::SubjectId)
                .to_owned(),
        )
        .await?;
    Ok(())
}
