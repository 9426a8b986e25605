//! Indexes for an administration of 100,000 people and 10,000 companies: companies by
//! name (the list's order), requests by state (the pending list), and the audit log and
//! requests by the person who acted (a person's history, and erasing them).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Name,
}

#[derive(DeriveIden)]
enum RegistrationRequests {
    Table,
    State,
    Id,
    DecidedBy,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    ActorId,
    AccountId,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let indexes = [
            Index::create()
                .name("accounts_name")
                .table(Accounts::Table)
                .col(Accounts::Name)
                .to_owned(),
            Index::create()
                .name("registration_requests_state")
                .table(RegistrationRequests::Table)
                .col(RegistrationRequests::State)
                .col(RegistrationRequests::Id)
                .to_owned(),
            Index::create()
                .name("registration_requests_decided_by")
                .table(RegistrationRequests::Table)
                .col(RegistrationRequests::DecidedBy)
                .to_owned(),
            Index::create()
                .name("audit_log_actor")
                .table(AuditLog::Table)
                .col(AuditLog::ActorId)
                .to_owned(),
            Index::create()
                .name("audit_log_account")
                .table(AuditLog::Table)
                .col(AuditLog::AccountId)
                .to_owned(),
            Index::create()
                .name("audit_log_at")
                .table(AuditLog::Table)
                .col(AuditLog::At)
                .to_owned(),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "accounts_name",
            "registration_requests_state",
            "registration_requests_decided_by",
            "audit_log_actor",
            "audit_log_account",
            "audit_log_at",
        ] {
            manager
                .drop_index(Index::drop().name(name).to_owned())
                .await?;
        }
        Ok(())
    }
}
