//! Portico as an OpenID Connect provider: the apps (clients), the authorizations waiting for
//! a log-in, and what an authorization grants — a code, then access and refresh tokens, all
//! stored hashed. A person's `subject` is the stable, opaque `sub` apps see; a login's `sid`
//! and `amr` say which Portico session signed them in and how.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OidcClients {
    Table,
    ClientId,
    Name,
    Description,
    SecretHash,
    RedirectUris,
    PostLogoutRedirectUris,
    BackchannelLogoutUri,
    InitiateLoginUri,
    Portal,
    FirstParty,
    RequirePkce,
    IdTokenSignedResponseAlg,
    CreatedAt,
    SecretRotatedAt,
}

#[derive(DeriveIden)]
enum OidcPendingAuthorizations {
    Table,
    IdHash,
    ClientId,
    RedirectUri,
    Scope,
    State,
    Nonce,
    CodeChallenge,
    Prompt,
    MaxAge,
    LoginHint,
    UiLocales,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum OidcGrants {
    Table,
    Id,
    ClientId,
    UserId,
    LoginId,
    Sid,
    Scope,
    Nonce,
    AuthTime,
    Amr,
    CreatedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum OidcCodes {
    Table,
    CodeHash,
    GrantId,
    ClientId,
    RedirectUri,
    CodeChallenge,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum OidcRefreshTokens {
    Table,
    TokenHash,
    GrantId,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum OidcAccessTokens {
    Table,
    TokenHash,
    GrantId,
    ClientId,
    UserId,
    Scope,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum OidcConsents {
    Table,
    UserId,
    ClientId,
    Scope,
    GrantedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Subject,
}

#[derive(DeriveIden)]
enum Logins {
    Table,
    Sid,
    Amr,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            clients(),
            pending_authorizations(),
            grants(),
            codes(),
            refresh_tokens(),
            access_tokens(),
            consents(),
        ] {
            manager.create_table(table).await?;
        }
        // One column per statement: SQLite alters one thing at a time. Unique indexes
        // rather than UNIQUE columns, which SQLite cannot add to an existing table.
        let columns = [
            (
                Users::Table.into_iden(),
                string_len_null(Users::Subject, 64),
            ),
            (Logins::Table.into_iden(), string_len_null(Logins::Sid, 64)),
            (Logins::Table.into_iden(), string_len_null(Logins::Amr, 64)),
        ];
        for (table, mut column) in columns {
            let alter = Table::alter()
                .table(table)
                .add_column(&mut column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        let indexes = [
            unique("users_subject", Users::Table, Users::Subject),
            unique("logins_sid", Logins::Table, Logins::Sid),
            index("oidc_grants_person", OidcGrants::Table, OidcGrants::UserId),
            index("oidc_grants_login", OidcGrants::Table, OidcGrants::LoginId),
            index("oidc_codes_grant", OidcCodes::Table, OidcCodes::GrantId),
            index(
                "oidc_refresh_grant",
                OidcRefreshTokens::Table,
                OidcRefreshTokens::GrantId,
            ),
            index(
                "oidc_access_grant",
                OidcAccessTokens::Table,
                OidcAccessTokens::GrantId,
            ),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            ("users_subject", Users::Table.into_iden()),
            ("logins_sid", Logins::Table.into_iden()),
        ] {
            let drop = Index::drop().name(name).table(table).to_owned();
            manager.drop_index(drop).await?;
        }
        for (table, column) in [
            (Users::Table.into_iden(), Users::Subject.into_iden()),
            (Logins::Table.into_iden(), Logins::Sid.into_iden()),
            (Logins::Table.into_iden(), Logins::Amr.into_iden()),
        ] {
            let alter = Table::alter().table(table).drop_column(column).to_owned();
            manager.alter_table(alter).await?;
        }
        for table in [
            OidcConsents::Table.into_iden(),
            OidcAccessTokens::Table.into_iden(),
            OidcRefreshTokens::Table.into_iden(),
            OidcCodes::Table.into_iden(),
            OidcGrants::Table.into_iden(),
            OidcPendingAuthorizations::Table.into_iden(),
            OidcClients::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn unique<T: IntoIden + 'static, C: IntoIden + 'static>(
    name: &str,
    table: T,
    column: C,
) -> IndexCreateStatement {
    Index::create()
        .name(name)
        .table(table)
        .col(column)
        .unique()
        .to_owned()
}

fn index<T: IntoIden + 'static, C: IntoIden + 'static>(
    name: &str,
    table: T,
    column: C,
) -> IndexCreateStatement {
    Index::create()
        .name(name)
        .table(table)
        .col(column)
        .to_owned()
}

fn cascade_to_client<T: IntoIden + 'static, C: IntoIden + 'static>(
    table: T,
    column: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(OidcClients::Table, OidcClients::ClientId)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn cascade_to_person<T: IntoIden + 'static, C: IntoIden + 'static>(
    table: T,
    column: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn cascade_to_grant<T: IntoIden + 'static, C: IntoIden + 'static>(
    table: T,
    column: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(OidcGrants::Table, OidcGrants::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn clients() -> TableCreateStatement {
    use OidcClients as C;
    Table::create()
        .table(C::Table)
        .col(string_len(C::ClientId, 64).primary_key())
        .col(string_len(C::Name, 200))
        .col(text_null(C::Description))
        .col(string_len_null(C::SecretHash, 64))
        // JSON arrays of the URIs exactly as registered: compared byte for byte.
        .col(text(C::RedirectUris))
        .col(text(C::PostLogoutRedirectUris))
        .col(string_len_null(C::BackchannelLogoutUri, 2000))
        .col(string_len_null(C::InitiateLoginUri, 2000))
        .col(string_len(C::Portal, 8))
        .col(boolean(C::FirstParty))
        .col(boolean(C::RequirePkce))
        .col(string_len(C::IdTokenSignedResponseAlg, 8))
        .col(timestamp_with_time_zone(C::CreatedAt))
        .col(timestamp_with_time_zone_null(C::SecretRotatedAt))
        .to_owned()
}

fn pending_authorizations() -> TableCreateStatement {
    use OidcPendingAuthorizations as P;
    Table::create()
        .table(P::Table)
        .col(string_len(P::IdHash, 64).primary_key())
        .col(string_len(P::ClientId, 64))
        .col(string_len(P::RedirectUri, 2000))
        .col(string_len(P::Scope, 500))
        .col(string_len_null(P::State, 1000))
        .col(string_len_null(P::Nonce, 1000))
        .col(string_len_null(P::CodeChallenge, 128))
        .col(string_len_null(P::Prompt, 64))
        .col(big_integer_null(P::MaxAge))
        .col(string_len_null(P::LoginHint, 320))
        .col(string_len_null(P::UiLocales, 200))
        .col(timestamp_with_time_zone(P::CreatedAt))
        .col(timestamp_with_time_zone(P::ExpiresAt))
        .foreign_key(&mut cascade_to_client(P::Table, P::ClientId))
        .to_owned()
}

fn grants() -> TableCreateStatement {
    use OidcGrants as G;
    Table::create()
        .table(G::Table)
        .col(string_len(G::Id, 64).primary_key())
        .col(string_len(G::ClientId, 64))
        .col(integer(G::UserId))
        // The Portico login it came from (secret, never sent); its end ends the grant.
        .col(string_len_null(G::LoginId, 64))
        .col(string_len_null(G::Sid, 64))
        .col(string_len(G::Scope, 500))
        .col(string_len_null(G::Nonce, 1000))
        .col(timestamp_with_time_zone(G::AuthTime))
        .col(string_len(G::Amr, 64))
        .col(timestamp_with_time_zone(G::CreatedAt))
        .col(timestamp_with_time_zone_null(G::RevokedAt))
        .foreign_key(&mut cascade_to_client(G::Table, G::ClientId))
        .foreign_key(&mut cascade_to_person(G::Table, G::UserId))
        .to_owned()
}

fn codes() -> TableCreateStatement {
    use OidcCodes as C;
    Table::create()
        .table(C::Table)
        .col(string_len(C::CodeHash, 64).primary_key())
        .col(string_len(C::GrantId, 64))
        .col(string_len(C::ClientId, 64))
        .col(string_len(C::RedirectUri, 2000))
        .col(string_len_null(C::CodeChallenge, 128))
        .col(timestamp_with_time_zone(C::ExpiresAt))
        .col(timestamp_with_time_zone_null(C::UsedAt))
        .foreign_key(&mut cascade_to_grant(C::Table, C::GrantId))
        .to_owned()
}

fn refresh_tokens() -> TableCreateStatement {
    use OidcRefreshTokens as R;
    Table::create()
        .table(R::Table)
        .col(string_len(R::TokenHash, 64).primary_key())
        .col(string_len(R::GrantId, 64))
        .col(timestamp_with_time_zone(R::CreatedAt))
        .col(timestamp_with_time_zone(R::ExpiresAt))
        .col(timestamp_with_time_zone_null(R::UsedAt))
        .foreign_key(&mut cascade_to_grant(R::Table, R::GrantId))
        .to_owned()
}

fn access_tokens() -> TableCreateStatement {
    use OidcAccessTokens as A;
    Table::create()
        .table(A::Table)
        .col(string_len(A::TokenHash, 64).primary_key())
        .col(string_len(A::GrantId, 64))
        .col(string_len(A::ClientId, 64))
        .col(integer(A::UserId))
        .col(string_len(A::Scope, 500))
        .col(timestamp_with_time_zone(A::CreatedAt))
        .col(timestamp_with_time_zone(A::ExpiresAt))
        .foreign_key(&mut cascade_to_grant(A::Table, A::GrantId))
        .to_owned()
}

fn consents() -> TableCreateStatement {
    use OidcConsents as C;
    Table::create()
        .table(C::Table)
        .col(integer(C::UserId))
        .col(string_len(C::ClientId, 64))
        .col(string_len(C::Scope, 500))
        .col(timestamp_with_time_zone(C::GrantedAt))
        .primary_key(Index::create().col(C::UserId).col(C::ClientId))
        .foreign_key(&mut cascade_to_client(C::Table, C::ClientId))
        .foreign_key(&mut cascade_to_person(C::Table, C::UserId))
        .to_owned()
}
