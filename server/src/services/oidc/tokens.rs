//! Access and refresh tokens: issued for a grant, refreshed with rotation, and revoked
//! with their whole grant. Opaque, 32 random bytes, only their SHA-256 stored.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::claims::{may_sign_in, person_claims};
use super::id_token::{self, id_token_claims, IdTokenFields};
use crate::db::entities::{oidc_access_token, oidc_grant, oidc_refresh_token, user};
use crate::services::support::app_clients::AppClient;
use crate::services::Portico;
use crate::signing::store::StoreError;
use crate::tokens::{hash_token, Token};

pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::minutes(10);
pub const REFRESH_TOKEN_LIFETIME: Duration = Duration::days(30);
/// The scope that asks for a refresh token.
pub const OFFLINE_ACCESS: &str = "offline_access";

/// What the token endpoint hands out.
#[derive(Debug)]
pub struct Issued {
    pub access_token: String,
    pub expires_in: i64,
    pub id_token: String,
    pub refresh_token: Option<String>,
    pub scope: String,
}

/// Why a request is refused, as RFC 6749 §5.2 names it, with a description for the app's
/// developer.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    InvalidRequest(&'static str),
    InvalidGrant(&'static str),
    InvalidScope(&'static str),
}

/// What went wrong that is not the app's doing.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error("signing: {0}")]
    Signing(#[from] StoreError),
}

pub type Answer<T> = Result<Result<T, Refusal>, TokenError>;

/// The tokens of one exchange, written in the caller's transaction; the ID token's claims
/// wait to be signed after it commits.
pub(super) struct Unsigned {
    pub issued: Issued,
    pub id_token_claims: serde_json::Value,
}

/// Writes an access token (and a refresh token when the grant's scope has
/// `offline_access`) for `grant` and prepares its ID token.
pub(super) async fn issue<C: ConnectionTrait>(
    db: &C,
    issuer: &str,
    grant: &oidc_grant::Model,
    person: &user::Model,
    first_exchange: bool,
    now: DateTime<Utc>,
) -> Result<Unsigned, DbErr> {
    let access = Token::generate();
    oidc_access_token::Entity::insert(oidc_access_token::ActiveModel {
        token_hash: Set(access.hash()),
        grant_id: Set(grant.id.clone()),
        client_id: Set(grant.client_id.clone()),
        user_id: Set(person.id),
        scope: Set(grant.scope.clone()),
        created_at: Set(now),
        expires_at: Set(now + ACCESS_TOKEN_LIFETIME),
    })
    .exec_without_returning(db)
    .await?;
    let refresh = if grant.scope.split(' ').any(|s| s == OFFLINE_ACCESS) {
        Some(issue_refresh_token(db, &grant.id, now).await?)
    } else {
        None
    };
    let person_claims = person_claims(db, person, &grant.scope).await?;
    let fields = IdTokenFields {
        issuer,
        grant,
        with_nonce: first_exchange,
        access_token: access.as_str(),
        now,
    };
    Ok(Unsigned {
        id_token_claims: id_token_claims(fields, person_claims),
        issued: Issued {
            access_token: access.as_str().to_owned(),
            expires_in: ACCESS_TOKEN_LIFETIME.num_seconds(),
            id_token: String::new(),
            refresh_token: refresh,
            scope: grant.scope.clone(),
        },
    })
}

async fn issue_refresh_token<C: ConnectionTrait>(
    db: &C,
    grant_id: &str,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = Token::generate();
    oidc_refresh_token::Entity::insert(oidc_refresh_token::ActiveModel {
        token_hash: Set(token.hash()),
        grant_id: Set(grant_id.to_owned()),
        created_at: Set(now),
        expires_at: Set(now + REFRESH_TOKEN_LIFETIME),
        used_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(token.as_str().to_owned())
}

/// Ends a grant: marked revoked, and every access and refresh token of it deleted.
pub(super) async fn revoke_grant<C: ConnectionTrait>(
    db: &C,
    grant_id: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    oidc_grant::Entity::update_many()
        .col_expr(oidc_grant::Column::RevokedAt, Expr::value(now))
        .filter(oidc_grant::Column::Id.eq(grant_id))
        .filter(oidc_grant::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    oidc_access_token::Entity::delete_many()
        .filter(oidc_access_token::Column::GrantId.eq(grant_id))
        .exec(db)
        .await?;
    oidc_refresh_token::Entity::delete_many()
        .filter(oidc_refresh_token::Column::GrantId.eq(grant_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The grant and its person, if the grant stands and the person may still sign in to
/// the app.
pub(super) async fn standing_grant<C: ConnectionTrait>(
    db: &C,
    grant_id: &str,
    client: &AppClient,
) -> Result<Option<(oidc_grant::Model, user::Model)>, DbErr> {
    let Some(grant) = oidc_grant::Entity::find_by_id(grant_id.to_owned())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if grant.revoked_at.is_some() || grant.client_id != client.client_id {
        return Ok(None);
    }
    let person = user::Entity::find_by_id(grant.user_id).one(db).await?;
    Ok(person
        .filter(|person| may_sign_in(person, client))
        .map(|person| (grant, person)))
}

impl Portico {
    /// Signs the prepared ID token once its transaction has committed (signing may make
    /// the first key, in a transaction of its own).
    pub(super) async fn signed(
        &self,
        client: &AppClient,
        unsigned: Unsigned,
        now: DateTime<Utc>,
    ) -> Answer<Issued> {
        let mut issued = unsigned.issued;
        let alg = &client.id_token_signed_response_alg;
        let claims = &unsigned.id_token_claims;
        issued.id_token = id_token::sign(&self.keys, &self.db, alg, claims, now).await?;
        Ok(Ok(issued))
    }

    /// `grant_type=refresh_token`: the presented token is used up and a new one issued
    /// (rotation); a used one presented again revokes its whole grant, since one of its
    /// two holders is not the app. The person is checked again each time.
    pub async fn refresh_at(
        &self,
        client: &AppClient,
        presented: &str,
        scope: Option<&str>,
        now: DateTime<Utc>,
    ) -> Answer<Issued> {
        let txn = crate::db::begin_write(&self.db).await?;
        let Some(row) = oidc_refresh_token::Entity::find_by_id(hash_token(presented))
            .one(&txn)
            .await?
        else {
            return Ok(Err(Refusal::InvalidGrant("unknown refresh token")));
        };
        let Some((grant, person)) = standing_grant(&txn, &row.grant_id, client).await? else {
            return Ok(Err(Refusal::InvalidGrant(
                "the refresh token was revoked, issued to another client, or its person may no longer sign in",
            )));
        };
        if row.used_at.is_some() || !use_up(&txn, &row.token_hash, now).await? {
            revoke_grant(&txn, &grant.id, now).await?;
            txn.commit().await?;
            tracing::warn!(
                grant = grant.id,
                "a used refresh token came back: grant revoked"
            );
            return Ok(Err(Refusal::InvalidGrant(
                "the refresh token was already used",
            )));
        }
        if row.expires_at <= now {
            return Ok(Err(Refusal::InvalidGrant("the refresh token has expired")));
        }
        if let Some(asked) = scope {
            let granted: Vec<&str> = grant.scope.split(' ').collect();
            if !asked.split(' ').all(|s| granted.contains(&s)) {
                return Ok(Err(Refusal::InvalidScope("more scope than was granted")));
            }
        }
        let unsigned = issue(&txn, &self.public_url, &grant, &person, false, now).await?;
        txn.commit().await?;
        self.signed(client, unsigned, now).await
    }
}

/// Marks a refresh token used, unless it already was: one conditional `UPDATE`, so that
/// of two requests with the same token only one gets new tokens.
async fn use_up<C: ConnectionTrait>(
    db: &C,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let updated = oidc_refresh_token::Entity::update_many()
        .col_expr(oidc_refresh_token::Column::UsedAt, Expr::value(now))
        .filter(oidc_refresh_token::Column::TokenHash.eq(token_hash))
        .filter(oidc_refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}
