//! The janitor forgets what apps can no longer use, and keeps what still guards them.
use crate::common;
use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait};
use server::db::entities::{oidc_code, oidc_grant, oidc_refresh_token};
use server::services::oidc::grants::{issue_code, GrantRequest};
use server::services::support::app_clients::{register, AppPortal, NewApp};

#[tokio::test]
async fn expired_codes_and_refresh_tokens_are_swept_but_a_used_refresh_token_stays_until_it_expires(
) {
    let app = common::app().await;
    app.register_verified("sweep@example.com").await;
    let person = app.person("sweep@example.com").await;
    let now = Utc::now();
    let db = &app.db.conn;
    let client = register(db, new_app(), now).await.unwrap();
    let request = GrantRequest {
        client_id: client.client_id.clone(),
        user_id: person.id,
        login_id: None,
        sid: None,
        scope: "openid offline_access".into(),
        nonce: None,
        auth_time: now,
        amr: "pwd".into(),
        redirect_uri: "https://app.example.com/cb".into(),
        code_challenge: None,
    };
    issue_code(db, request.clone(), now - Duration::days(2))
        .await
        .unwrap();
    issue_code(db, request, now).await.unwrap();
    let grant = oidc_grant::Entity::find().one(db).await.unwrap().unwrap();
    for (hash, expires_in, used) in [("expired", -1, false), ("used-live", 10, true)] {
        oidc_refresh_token::Entity::insert(oidc_refresh_token::ActiveModel {
            token_hash: Set(hash.into()),
            grant_id: Set(grant.id.clone()),
            created_at: Set(now),
            expires_at: Set(now + Duration::days(expires_in)),
            used_at: Set(used.then_some(now)),
        })
        .exec_without_returning(db)
        .await
        .unwrap();
    }

    server::janitor::sweep(db, now, Duration::days(30)).await;

    let codes = oidc_code::Entity::find().all(db).await.unwrap();
    assert_eq!(
        codes.len(),
        1,
        "the code two days past its minute is gone, today's stays"
    );
    let left: Vec<_> = oidc_refresh_token::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|token| token.token_hash)
        .collect();
    assert_eq!(left, ["used-live"]);
}

fn new_app() -> NewApp {
    NewApp {
        name: "Shop".into(),
        description: None,
        redirect_uris: vec!["https://app.example.com/cb".into()],
        post_logout_redirect_uris: vec![],
        backchannel_logout_uri: None,
        initiate_login_uri: None,
        portal: AppPortal::Both,
        public: false,
        first_party: true,
    }
}
