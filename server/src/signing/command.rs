//! `server keys …`: what the command line does with the signing keys.
use sea_orm::DatabaseConnection;

use super::{cost, store};
use crate::secrets::{self, KeySource};

/// `keys rotate`: a new key for every algorithm, printed with the kids now published.
pub async fn rotate(db: &DatabaseConnection, key: &KeySource) -> anyhow::Result<()> {
    let secrets = secrets::open_at_start(key, db).await?;
    let now = chrono::Utc::now();
    let keys = store::rotate(db, &secrets, now).await?;
    let published = store::published(db, &secrets, now).await?;
    let kids: Vec<_> = published.iter().map(|key| key.signer.kid()).collect();
    println!("{}", serde_json::json!({ "keys": keys, "published": kids }));
    Ok(())
}

/// `keys signature-cost`: µs per signed ID token for each algorithm, as one JSON object.
pub fn print_signature_cost() -> anyhow::Result<()> {
    let costs: serde_json::Map<_, _> = cost::signature_cost()?
        .into_iter()
        .map(|(alg, micros)| (alg.to_owned(), serde_json::json!(micros.round())))
        .collect();
    println!("{}", serde_json::Value::Object(costs));
    Ok(())
}
