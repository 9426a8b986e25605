//! Where the signing keys live: the database, shared by every instance. Each algorithm
//! has one newest key (a unique index over the keys not retired). The first keys are made
//! at first need; `server keys rotate` makes a new key for every algorithm, published at
//! once but signing only after [`PUBLISH_LEAD`], and the key it replaces stays published
//! for [`PUBLISHED_AFTER_RETIREMENT`] after it stops signing.
//!
//! Private keys are stored sealed (`crate::secrets`, purpose `SigningKey`): sealed when a
//! key is made, opened when keys are loaded. A key that does not open (the secrets key
//! changed) is an error naming the key's setting, and the server does not start.
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter,
};

use super::{generate, new_kid, Algorithm, KeyError, Signer, LONGEST_TOKEN_LIFETIME};
use crate::db::entities::signing_key;
use crate::secrets::{Purpose, SecretBox, SecretError};

/// How long a new key is published before it signs: every instance reloads its keys
/// within a minute (`KeyCache`), and relying parties may keep our JWKS for a minute
/// (its `max-age`). By then each has seen the key.
pub const PUBLISH_LEAD: Duration = Duration::minutes(2);

/// Beyond a token's lifetime: for clocks that disagree, ours and the relying parties'.
pub const CLOCK_MARGIN: Duration = Duration::minutes(5);

/// How long a key stays published after it stops signing: the last token it signed is
/// still good for this long (its lifetime, and the margin).
pub const PUBLISHED_AFTER_RETIREMENT: Duration =
    Duration::minutes(LONGEST_TOKEN_LIFETIME.num_minutes() + CLOCK_MARGIN.num_minutes());

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error(transparent)]
    Sealed(#[from] SecretError),
}

/// A published key and when it signs.
pub struct StoredKey {
    pub signer: Signer,
    pub signs_from: DateTime<Utc>,
    pub retired_at: Option<DateTime<Utc>>,
}

/// A key that `rotate` made.
#[derive(Debug, serde::Serialize)]
pub struct Rotated {
    pub alg: &'static str,
    pub kid: String,
    pub signs_from: DateTime<Utc>,
}

/// The keys a verifier may meet at `now`: the newest of each algorithm (signing or about
/// to), and those that stopped signing within [`PUBLISHED_AFTER_RETIREMENT`].
pub async fn published<C: ConnectionTrait>(
    db: &C,
    secrets: &SecretBox,
    now: DateTime<Utc>,
) -> Result<Vec<StoredKey>, StoreError> {
    let rows = signing_key::Entity::find()
        .filter(
            signing_key::Column::RetiredAt
                .is_null()
                .or(signing_key::Column::RetiredAt.gt(now - PUBLISHED_AFTER_RETIREMENT)),
        )
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| stored_key(row, secrets))
        .collect()
}

fn stored_key(row: signing_key::Model, secrets: &SecretBox) -> Result<StoredKey, StoreError> {
    let alg = Algorithm::from_name(&row.algorithm)
        .ok_or_else(|| KeyError::UnknownAlgorithm(row.algorithm.clone()))?;
    let pkcs8_base64 = secrets.open(Purpose::SigningKey, &row.private_key_pkcs8)?;
    Ok(StoredKey {
        signer: Signer::from_stored(alg, row.kid, &pkcs8_base64)?,
        signs_from: row.signs_from.unwrap_or(row.created_at),
        retired_at: row.retired_at,
    })
}

/// Makes the first key of each algorithm that has none, signing at once (nobody can hold
/// a token of ours yet). Two instances starting together both insert; the unique index
/// keeps the first and the other's insert does nothing.
pub async fn make_missing(
    db: &DatabaseConnection,
    secrets: &SecretBox,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let newest = signing_key::Entity::find()
        .filter(signing_key::Column::RetiredAt.is_null())
        .all(db)
        .await?;
    for alg in Algorithm::ALL {
        if newest.iter().any(|row| row.algorithm == alg.name()) {
            continue;
        }
        let row = new_row(alg, secrets, now, now)?;
        signing_key::Entity::insert(row)
            // No conflict target: the index it meets is partial, and a target would have
            // to repeat its condition.
            .on_conflict(OnConflict::new().do_nothing().to_owned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Makes a new key for every algorithm, in one transaction. Each signs from `now` +
/// [`PUBLISH_LEAD`], when the key it replaces retires; an algorithm that had no key yet
/// signs at once.
pub async fn rotate(
    db: &DatabaseConnection,
    secrets: &SecretBox,
    now: DateTime<Utc>,
) -> Result<Vec<Rotated>, StoreError> {
    // Made before the transaction: an RSA key takes a while, and the write lock waits.
    let mut fresh = Vec::new();
    for alg in Algorithm::ALL {
        fresh.push((alg, generate::pkcs8(alg)?));
    }
    let switch = now + PUBLISH_LEAD;
    let txn = crate::db::begin_write(db).await?;
    let mut rotated = Vec::new();
    for (alg, pkcs8) in fresh {
        let replaced = signing_key::Entity::update_many()
            .col_expr(signing_key::Column::RetiredAt, Expr::value(switch))
            .filter(signing_key::Column::Algorithm.eq(alg.name()))
            .filter(signing_key::Column::RetiredAt.is_null())
            .exec(&txn)
            .await?;
        let signs_from = if replaced.rows_affected > 0 {
            switch
        } else {
            now
        };
        let kid = new_kid();
        let row = row_of(alg, kid.clone(), &pkcs8, secrets, now, signs_from);
        signing_key::Entity::insert(row)
            .exec_without_returning(&txn)
            .await?;
        rotated.push(Rotated {
            alg: alg.name(),
            kid,
            signs_from,
        });
    }
    txn.commit().await?;
    Ok(rotated)
}

fn new_row(
    alg: Algorithm,
    secrets: &SecretBox,
    now: DateTime<Utc>,
    signs_from: DateTime<Utc>,
) -> Result<signing_key::ActiveModel, KeyError> {
    let pkcs8 = generate::pkcs8(alg)?;
    Ok(row_of(alg, new_kid(), &pkcs8, secrets, now, signs_from))
}

/// A key's row, its private key sealed.
fn row_of(
    alg: Algorithm,
    kid: String,
    pkcs8: &[u8],
    secrets: &SecretBox,
    now: DateTime<Utc>,
    signs_from: DateTime<Utc>,
) -> signing_key::ActiveModel {
    signing_key::ActiveModel {
        kid: Set(kid),
        algorithm: Set(alg.name().to_owned()),
        private_key_pkcs8: Set(secrets.seal(Purpose::SigningKey, &STANDARD.encode(pkcs8))),
        created_at: Set(now),
        retired_at: Set(None),
        signs_from: Set(Some(signs_from)),
    }
}
