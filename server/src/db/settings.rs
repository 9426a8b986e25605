//! Values the server keeps in the database so that every instance shares them, such as
//! the key that signs CAPTCHA challenges.
use rand::RngCore;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use super::entities::setting;

/// The value of a secret setting, created at random the first time any instance asks.
pub async fn secret_key(db: &DatabaseConnection, name: &str) -> Result<[u8; 32], DbErr> {
    let mut fresh = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut fresh);
    // Two instances starting together both try to insert; the first one wins.
    let inserted = setting::Entity::insert(setting::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(hex::encode(fresh)),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let _ = inserted;
    let stored = setting::Entity::find_by_id(name.to_owned())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(name.to_owned()))?;
    let bytes = hex::decode(&stored.value)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| DbErr::Custom(format!("setting {name} is not a 32-byte hex key")))?;
    Ok(bytes)
}
