//! The app sessions a Portico login opened (OpenID Connect grants) end with it: when a
//! person logs out, ends their other sessions, changes or resets their password, is
//! disabled, deleted or erased, or an administrator resets their second factors. Each grant
//! is revoked (its codes, access and refresh tokens deleted), and every app with a
//! back-channel logout URI gets one logout per app session (`sid`/`sub`), queued in the
//! same transaction as the change (`backchannel` posts it).
use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait};
use sea_orm::{QueryFilter, QuerySelect};

use crate::db::entities::outbox::OutboxState;
use crate::db::entities::{
    backchannel_delivery, oidc_access_token, oidc_code, oidc_grant, oidc_refresh_token, user,
};
use crate::services::support::app_clients;
use crate::tokens::Token;

/// Ends the app sessions that came from the login `login_id` (logging out).
pub async fn end_app_sessions_of_login<C: ConnectionTrait>(
    db: &C,
    login_id: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let grants = live_grants()
        .filter(oidc_grant::Column::LoginId.eq(login_id))
        .all(db)
        .await?;
    end_grants(db, grants, now).await
}

/// Ends every app session of a person (disabling, deleting, erasing, a reset of their
/// second factors).
pub async fn end_app_sessions_of_person<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    end_app_sessions_of_person_but(db, user_id, None, now).await
}

/// Ends every app session of a person but those of the login `keep` (the session that
/// changed the password or ended the others). Grants whose login is gone already (an
/// offline refresh token outliving its session) end too: "everywhere else" includes them.
pub async fn end_app_sessions_of_person_but<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    keep: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut grants = live_grants().filter(oidc_grant::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        grants = grants.filter(
            Condition::any()
                .add(oidc_grant::Column::LoginId.is_null())
                .add(oidc_grant::Column::LoginId.ne(keep)),
        );
    }
    end_grants(db, grants.all(db).await?, now).await
}

/// Ends a person's sessions with one app (they disconnected it); how many there were.
pub async fn end_app_sessions_with_app<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    client_id: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let grants = live_grants()
        .filter(oidc_grant::Column::UserId.eq(user_id))
        .filter(oidc_grant::Column::ClientId.eq(client_id))
        .all(db)
        .await?;
    let ended = grants.len();
    end_grants(db, grants, now).await?;
    Ok(ended)
}

fn live_grants() -> sea_orm::Select<oidc_grant::Entity> {
    oidc_grant::Entity::find().filter(oidc_grant::Column::RevokedAt.is_null())
}

async fn end_grants<C: ConnectionTrait>(
    db: &C,
    grants: Vec<oidc_grant::Model>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if grants.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = grants.iter().map(|g| g.id.clone()).collect();
    oidc_grant::Entity::update_many()
        .col_expr(oidc_grant::Column::RevokedAt, Expr::value(now))
        .filter(oidc_grant::Column::Id.is_in(ids.clone()))
        .filter(oidc_grant::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    oidc_access_token::Entity::delete_many()
        .filter(oidc_access_token::Column::GrantId.is_in(ids.clone()))
        .exec(db)
        .await?;
    oidc_refresh_token::Entity::delete_many()
        .filter(oidc_refresh_token::Column::GrantId.is_in(ids.clone()))
        .exec(db)
        .await?;
    // A code not yet exchanged would otherwise open the session again.
    oidc_code::Entity::delete_many()
        .filter(oidc_code::Column::GrantId.is_in(ids))
        .exec(db)
        .await?;
    queue_logouts(db, &grants, now).await
}

/// One delivery per app that takes back-channel logouts and per app session it had.
async fn queue_logouts<C: ConnectionTrait>(
    db: &C,
    grants: &[oidc_grant::Model],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let subjects = subjects_of(db, grants).await?;
    let mut sessions = BTreeSet::new();
    for grant in grants {
        let sub = subjects.get(&grant.user_id).cloned().flatten();
        if sub.is_some() || grant.sid.is_some() {
            sessions.insert((grant.client_id.clone(), grant.sid.clone(), sub));
        }
    }
    let mut takes_logouts = HashMap::new();
    for (client_id, sid, sub) in sessions {
        if !takes_logouts.contains_key(&client_id) {
            let client = app_clients::find(db, &client_id).await?;
            let has_uri = client.is_some_and(|c| c.backchannel_logout_uri.is_some());
            takes_logouts.insert(client_id.clone(), has_uri);
        }
        if takes_logouts.get(&client_id) != Some(&true) {
            continue;
        }
        backchannel_delivery::Entity::insert(backchannel_delivery::ActiveModel {
            client_id: Set(client_id),
            sub: Set(sub),
            sid: Set(sid),
            jti: Set(Token::generate().as_str()[..22].to_owned()),
            state: Set(OutboxState::Pending),
            attempts: Set(0),
            next_attempt_at: Set(now),
            last_error: Set(None),
            created_at: Set(now),
            delivered_at: Set(None),
            ..Default::default()
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// The `sub` apps know each person of `grants` by.
async fn subjects_of<C: ConnectionTrait>(
    db: &C,
    grants: &[oidc_grant::Model],
) -> Result<HashMap<i32, Option<String>>, DbErr> {
    let people: BTreeSet<i32> = grants.iter().map(|g| g.user_id).collect();
    let rows: Vec<(i32, Option<String>)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Subject)
        .filter(user::Column::Id.is_in(people))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}
