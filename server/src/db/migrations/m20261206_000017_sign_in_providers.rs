//! Signing in through another OpenID Connect provider (Portico as the relying party): a
//! company's own provider and the consumers' social ones, the email domains that lead to a
//! company's provider, each person's link to an identity there (issuer and `sub`), and on
//! a login the provider session it came from (for back-channel logout and its expiry).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum IdentityProviders {
    Table,
    Id,
    Kind,
    AccountId,
    Name,
    Preset,
    Issuer,
    ClientId,
    ClientSecretSealed,
    Discovered,
    Enabled,
    Required,
    TriedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum IdentityProviderDomains {
    Table,
    Domain,
    ProviderId,
}

#[derive(DeriveIden)]
enum ExternalIdentities {
    Table,
    Id,
    UserId,
    ProviderId,
    Issuer,
    Subject,
    Email,
    LinkedAt,
    LastSignInAt,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Logins {
    Table,
    ProviderId,
    ProviderSid,
    ProviderSubject,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [providers(), domains(), external_identities()] {
            manager.create_table(table).await?;
        }
        // One column per statement: SQLite alters one thing at a time. No foreign key on
        // the login's provider (SQLite cannot add one to an existing table); removing a
        // provider leaves its logins to end by their `expires_at`.
        let columns = [
            integer_null(Logins::ProviderId),
            string_len_null(Logins::ProviderSid, 255),
            string_len_null(Logins::ProviderSubject, 255),
            timestamp_with_time_zone_null(Logins::ExpiresAt),
        ];
        for mut column in columns {
            let alter = Table::alter()
                .table(Logins::Table)
                .add_column(&mut column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["logins_provider_sid", "logins_provider_subject"] {
            let drop = Index::drop().name(name).table(Logins::Table).to_owned();
            manager.drop_index(drop).await?;
        }
        for column in [
            Logins::ProviderId,
            Logins::ProviderSid,
            Logins::ProviderSubject,
            Logins::ExpiresAt,
        ] {
            let alter = Table::alter()
                .table(Logins::Table)
                .drop_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        for table in [
            ExternalIdentities::Table.into_iden(),
            IdentityProviderDomains::Table.into_iden(),
            IdentityProviders::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn providers() -> TableCreateStatement {
    use IdentityProviders as P;
    Table::create()
        .table(P::Table)
        .col(pk_auto(P::Id))
        // `company` or `social`.
        .col(string_len(P::Kind, 16))
        .col(integer_null(P::AccountId))
        .col(string_len(P::Name, 200))
        // `google` or `microsoft`: the preset the issuer came from.
        .col(string_len_null(P::Preset, 16))
        .col(string_len(P::Issuer, 2000))
        .col(string_len(P::ClientId, 500))
        // Sealed with the secrets key (`secrets::Purpose::ProviderClientSecret`).
        .col(text(P::ClientSecretSealed))
        // JSON of what discovery found, shown to the administrator.
        .col(text_null(P::Discovered))
        .col(boolean(P::Enabled))
        .col(boolean(P::Required))
        .col(timestamp_with_time_zone_null(P::TriedAt))
        .col(timestamp_with_time_zone(P::CreatedAt))
        .col(timestamp_with_time_zone(P::UpdatedAt))
        .foreign_key(
            ForeignKey::create()
                .from(P::Table, P::AccountId)
                .to(Accounts::Table, Accounts::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

fn domains() -> TableCreateStatement {
    use IdentityProviderDomains as D;
    Table::create()
        .table(D::Table)
        // Lower case, IDNA ASCII: the key itself makes a domain one company's only.
        .col(string_len(D::Domain, 255).primary_key())
        .col(integer(D::ProviderId))
        .foreign_key(
            ForeignKey::create()
                .from(D::Table, D::ProviderId)
                .to(IdentityProviders::Table, IdentityProviders::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

fn external_identities() -> TableCreateStatement {
    use ExternalIdentities as E;
    Table::create()
        .table(E::Table)
        .col(pk_auto(E::Id))
        .col(integer(E::UserId))
        .col(integer(E::ProviderId))
        .col(string_len(E::Issuer, 2000))
        .col(string_len(E::Subject, 255))
        // As the provider last said it: later sign-ins match on issuer and subject.
        .col(string_len(E::Email, 320))
        .col(timestamp_with_time_zone(E::LinkedAt))
        .col(timestamp_with_time_zone_null(E::LastSignInAt))
        .foreign_key(
            ForeignKey::create()
                .from(E::Table, E::UserId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .from(E::Table, E::ProviderId)
                .to(IdentityProviders::Table, IdentityProviders::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

fn indexes() -> Vec<IndexCreateStatement> {
    use ExternalIdentities as E;
    vec![
        // One provider per company; NULLs (social providers) never collide, on SQLite
        // and PostgreSQL alike.
        Index::create()
            .name("identity_providers_account")
            .table(IdentityProviders::Table)
            .col(IdentityProviders::AccountId)
            .unique()
            .to_owned(),
        Index::create()
            .name("identity_provider_domains_provider")
            .table(IdentityProviderDomains::Table)
            .col(IdentityProviderDomains::ProviderId)
            .to_owned(),
        Index::create()
            .name("external_identities_issuer_subject")
            .table(E::Table)
            .col(E::Issuer)
            .col(E::Subject)
            .unique()
            .to_owned(),
        Index::create()
            .name("external_identities_person")
            .table(E::Table)
            .col(E::UserId)
            .to_owned(),
        Index::create()
            .name("logins_provider_sid")
            .table(Logins::Table)
            .col(Logins::ProviderId)
            .col(Logins::ProviderSid)
            .to_owned(),
        Index::create()
            .name("logins_provider_subject")
            .table(Logins::Table)
            .col(Logins::ProviderId)
            .col(Logins::ProviderSubject)
            .to_owned(),
    ]
}
