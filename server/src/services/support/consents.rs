//! Consents: which version of each policy a person agreed to, and when. Registering and
//! accepting an invitation agree to the current ones; so does answering new terms.
use app::policies::Policy;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};

use crate::db::entities::consent;

/// Records that the person agreed to these documents' current versions, now.
pub async fn record_consents<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    policies: &[Policy],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for policy in policies {
        consent::ActiveModel {
            user_id: Set(user_id),
            document: Set(policy.document.to_owned()),
            version: Set(policy.version.to_owned()),
            agreed_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
