//! At start-up, values stored in clear before secrets were sealed (webhook endpoints'
//! secrets, signing keys' private keys) are sealed in place, in one transaction. Sealed
//! values are left alone, so the pass does nothing the second time. Each row is updated
//! only if it still holds the value in clear that was read, so that two instances
//! starting together do not seal one value twice.
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

use super::{Purpose, SecretBox};
use crate::db::entities::{signing_key, webhook_endpoint};

/// Whether anything in the database is sealed already (then a missing key file must be
/// restored, not made anew).
pub async fn holds_sealed_values<C: ConnectionTrait>(db: &C) -> Result<bool, DbErr> {
    let endpoints = webhook_endpoint::Entity::find().all(db).await?;
    let keys = signing_key::Entity::find().all(db).await?;
    Ok(endpoints.iter().any(|e| SecretBox::is_sealed(&e.secret))
        || keys
            .iter()
            .any(|k| SecretBox::is_sealed(&k.private_key_pkcs8)))
}

/// Seals every value still in clear; returns how many were.
pub async fn seal_stored_in_place(
    db: &DatabaseConnection,
    secrets: &SecretBox,
) -> Result<u64, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let mut sealed = 0;
    for endpoint in webhook_endpoint::Entity::find().all(&txn).await? {
        if SecretBox::is_sealed(&endpoint.secret) {
            continue;
        }
        let value = secrets.seal(Purpose::WebhookSecret, &endpoint.secret);
        sealed += webhook_endpoint::Entity::update_many()
            .col_expr(webhook_endpoint::Column::Secret, Expr::value(value))
            .filter(webhook_endpoint::Column::Id.eq(endpoint.id))
            .filter(webhook_endpoint::Column::Secret.eq(endpoint.secret))
            .exec(&txn)
            .await?
            .rows_affected;
    }
    for key in signing_key::Entity::find().all(&txn).await? {
        if SecretBox::is_sealed(&key.private_key_pkcs8) {
            continue;
        }
        let value = secrets.seal(Purpose::SigningKey, &key.private_key_pkcs8);
        sealed += signing_key::Entity::update_many()
            .col_expr(signing_key::Column::PrivateKeyPkcs8, Expr::value(value))
            .filter(signing_key::Column::Kid.eq(key.kid))
            .filter(signing_key::Column::PrivateKeyPkcs8.eq(key.private_key_pkcs8))
            .exec(&txn)
            .await?
            .rows_affected;
    }
    txn.commit().await?;
    if sealed > 0 {
        tracing::info!(sealed, "sealed the secrets that were stored in clear");
    }
    Ok(sealed)
}
