//! Where the signing keys live: the database, shared by every instance. The current key
//! is made at first need; `server keys rotate` makes a new one current, and the one it
//! replaces stays published until every token it signed has expired.
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use super::{KeyError, SigningKey, RS256};
use crate::db::entities::signing_key;

/// The longest any token signed by a key lives: a retired key is published this long.
pub const LONGEST_TOKEN_LIFETIME: Duration = Duration::hours(1);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error(transparent)]
    Key(#[from] KeyError),
}

/// The key that signs now, made and stored if there is none yet.
pub async fn current_key(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<SigningKey, StoreError> {
    if let Some(current) = current_row(db).await? {
        return Ok(SigningKey::from_stored(
            current.kid,
            &current.private_key_pkcs8,
        )?);
    }
    let txn = crate::db::begin_write(db).await?;
    // Two instances starting at once: the one that stores first wins, the other reads it.
    if let Some(current) = current_row(&txn).await? {
        return Ok(SigningKey::from_stored(
            current.kid,
            &current.private_key_pkcs8,
        )?);
    }
    let key = store_new(&txn, now).await?;
    txn.commit().await?;
    Ok(key)
}

/// Makes a new key current; the one it replaces is retired now (and still published).
pub async fn rotate(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<SigningKey, StoreError> {
    let txn = crate::db::begin_write(db).await?;
    signing_key::Entity::update_many()
        .col_expr(signing_key::Column::RetiredAt, Expr::value(now))
        .filter(signing_key::Column::RetiredAt.is_null())
        .exec(&txn)
        .await?;
    let key = store_new(&txn, now).await?;
    txn.commit().await?;
    Ok(key)
}

/// The keys a verifier may meet: the current one, and those retired within the longest
/// token lifetime. Newest first.
pub async fn published_keys<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<Vec<SigningKey>, StoreError> {
    let rows = signing_key::Entity::find()
        .filter(
            signing_key::Column::RetiredAt
                .is_null()
                .or(signing_key::Column::RetiredAt.gt(now - LONGEST_TOKEN_LIFETIME)),
        )
        .order_by_desc(signing_key::Column::CreatedAt)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| Ok(SigningKey::from_stored(row.kid, &row.private_key_pkcs8)?))
        .collect()
}

async fn current_row<C: ConnectionTrait>(db: &C) -> Result<Option<signing_key::Model>, DbErr> {
    signing_key::Entity::find()
        .filter(signing_key::Column::RetiredAt.is_null())
        .order_by_desc(signing_key::Column::CreatedAt)
        .one(db)
        .await
}

async fn store_new<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<SigningKey, StoreError> {
    let (key, pkcs8) = SigningKey::generate()?;
    signing_key::Entity::insert(signing_key::ActiveModel {
        kid: Set(key.kid.clone()),
        algorithm: Set(RS256.to_owned()),
        private_key_pkcs8: Set(STANDARD.encode(pkcs8)),
        created_at: Set(now),
        retired_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    async fn database() -> DatabaseConnection {
        let dir = std::env::temp_dir().join(format!("portico-keys-{}", rand::random::<u64>()));
        let url = format!("sqlite://{}/keys.db?mode=rwc", dir.display());
        db::Database::connect(&url).await.unwrap().conn
    }

    #[tokio::test]
    async fn the_first_key_is_made_once_and_every_instance_then_signs_with_it() {
        let db = database().await;
        let now = Utc::now();
        let first = current_key(&db, now).await.unwrap();
        let again = current_key(&db, now).await.unwrap();
        assert_eq!(first.kid, again.kid);
        assert_eq!(first.public_jwk(), again.public_jwk());
    }

    #[tokio::test]
    async fn a_rotated_key_stays_published_until_its_tokens_have_expired() {
        let db = database().await;
        let start = Utc::now();
        let old = current_key(&db, start).await.unwrap();
        let new = rotate(&db, start).await.unwrap();
        assert_ne!(old.kid, new.kid);
        assert_eq!(current_key(&db, start).await.unwrap().kid, new.kid);
        let kids = |keys: Vec<SigningKey>| keys.into_iter().map(|k| k.kid).collect::<Vec<_>>();
        let soon = start + Duration::minutes(59);
        let published = kids(published_keys(&db, soon).await.unwrap());
        assert!(published.contains(&old.kid) && published.contains(&new.kid));
        let later = start + LONGEST_TOKEN_LIFETIME + Duration::minutes(1);
        assert_eq!(
            kids(published_keys(&db, later).await.unwrap()),
            vec![new.kid]
        );
    }
}
