//! Logging out ends the app sessions too: every way a person's Portico logins end revokes
//! the OpenID Connect grants they opened (their tokens deleted) and queues a back-channel
//! logout for each app that takes them; the worker posts a signed logout token, retries,
//! and keeps to `OUTBOUND_ALLOW_RANGES`. RP-initiated logout (`/oidc/logout`) against the
//! real server: an unregistered return address or a foreign hint is an error page, a hint
//! for the signed-in person logs out and returns with `state`, anything else asks first.
use std::sync::{Arc, Mutex};

use app::api::account::AccountServices;
use app::api::ActionOutcome;
use app::forms::email_links::ValidNewPassword;
use app::forms::profile::ValidPasswordChange;
use app::portal::Portal;
use axum::extract::State;
use axum::http::StatusCode;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use server::backchannel::{BackchannelWorker, LOGOUT_EVENT};
use server::db::entities::outbox::OutboxState;
use server::db::entities::{
    backchannel_delivery, login, oidc_access_token, oidc_grant, oidc_refresh_token, user,
};
use server::outbound::{Outbound, OutboundPolicy};
use server::services::oidc::grants::{issue_code, GrantRequest};
use server::services::support::app_clients::{self, AppPortal, NewApp};
use server::signing::KeyRing;
use tower_sessions::Session;

use crate::common::browser::Browser;
use crate::common::server_process::ServerProcess;
use crate::common::{app, app_on, client, TestApp, PASSWORD};

const ADA: &str = "ada@example.com";
const RETURN: &str = "https://rp.example/logged-out";

async fn register_app(app: &TestApp, backchannel: Option<&str>) -> String {
    let new = NewApp {
        name: "Rota".into(),
        description: None,
        redirect_uris: vec!["https://rp.example/callback".into()],
        post_logout_redirect_uris: vec![RETURN.into()],
        backchannel_logout_uri: backchannel.map(str::to_owned),
        initiate_login_uri: None,
        portal: AppPortal::Both,
        public: false,
        first_party: true,
    };
    app_clients::register(&app.db.conn, new, Utc::now())
        .await
        .unwrap()
        .client_id
}

/// The person's `sub`, as the first authorization assigns it.
async fn give_subject(app: &TestApp, email: &str) -> String {
    let person = app.person(email).await;
    let subject = format!("subject-of-{}", person.id);
    user::Entity::update_many()
        .col_expr(user::Column::Subject, Expr::value(subject.clone()))
        .filter(user::Column::Id.eq(person.id))
        .exec(&app.db.conn)
        .await
        .unwrap();
    subject
}

/// An app session opened from `login`: a grant with an access and a refresh token.
async fn app_session(app: &TestApp, login: &login::Model, client_id: &str) -> oidc_grant::Model {
    let now = Utc::now();
    let request = GrantRequest {
        client_id: client_id.into(),
        user_id: login.user_id,
        login_id: Some(login.id.clone()),
        sid: login.sid.clone(),
        scope: "openid".into(),
        nonce: None,
        auth_time: login.created_at,
        amr: "pwd".into(),
        redirect_uri: "https://rp.example/callback".into(),
        code_challenge: None,
    };
    issue_code(&app.db.conn, request, now).await.unwrap();
    let grant = oidc_grant::Entity::find()
        .filter(oidc_grant::Column::LoginId.eq(login.id.clone()))
        .filter(oidc_grant::Column::ClientId.eq(client_id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let hash = |what: &str| format!("{what}-{}", grant.id);
    oidc_access_token::Entity::insert(oidc_access_token::ActiveModel {
        token_hash: Set(hash("access")),
        grant_id: Set(grant.id.clone()),
        client_id: Set(client_id.into()),
        user_id: Set(login.user_id),
        scope: Set("openid".into()),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(10)),
    })
    .exec_without_returning(&app.db.conn)
    .await
    .unwrap();
    oidc_refresh_token::Entity::insert(oidc_refresh_token::ActiveModel {
        token_hash: Set(hash("refresh")),
        grant_id: Set(grant.id.clone()),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(30)),
        used_at: Set(None),
    })
    .exec_without_returning(&app.db.conn)
    .await
    .unwrap();
    grant
}

async fn login_of(app: &TestApp, session: &Session) -> login::Model {
    app.portico.session_login(session).await.unwrap().unwrap().1
}

/// Ada (with a `sub`), logged in twice, each session signed in to the app.
struct Ada {
    here: Session,
    elsewhere: Session,
    here_grant: oidc_grant::Model,
    elsewhere_grant: oidc_grant::Model,
    client_id: String,
}

async fn ada_in_an_app(app: &TestApp) -> Ada {
    app.register_verified(ADA).await;
    give_subject(app, ADA).await;
    let client_id = register_app(app, Some("http://127.0.0.1:9/logout")).await;
    let here = app.logged_in(Portal::Csp, ADA).await;
    let elsewhere = app.logged_in(Portal::Csp, ADA).await;
    let here_grant = app_session(app, &login_of(app, &here).await, &client_id).await;
    let elsewhere_grant = app_session(app, &login_of(app, &elsewhere).await, &client_id).await;
    Ada {
        here,
        elsewhere,
        here_grant,
        elsewhere_grant,
        client_id,
    }
}

async fn deliveries(app: &TestApp) -> Vec<backchannel_delivery::Model> {
    backchannel_delivery::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
}

/// The grant is revoked (or gone with its person), its tokens are deleted, and the app
/// has a logout queued for its session.
async fn assert_ended(app: &TestApp, grant: &oidc_grant::Model) {
    let now = oidc_grant::Entity::find_by_id(grant.id.clone())
        .one(&app.db.conn)
        .await
        .unwrap();
    assert!(
        now.is_none_or(|g| g.revoked_at.is_some()),
        "the grant is revoked"
    );
    let access = oidc_access_token::Entity::find()
        .filter(oidc_access_token::Column::GrantId.eq(grant.id.clone()))
        .all(&app.db.conn)
        .await
        .unwrap();
    let refresh = oidc_refresh_token::Entity::find()
        .filter(oidc_refresh_token::Column::GrantId.eq(grant.id.clone()))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert!(
        access.is_empty() && refresh.is_empty(),
        "its tokens are gone"
    );
    let queued = deliveries(app).await;
    assert!(
        queued
            .iter()
            .any(|d| d.client_id == grant.client_id && d.sid == grant.sid),
        "a logout is queued for its session: {queued:?}"
    );
}

async fn assert_alive(app: &TestApp, grant: &oidc_grant::Model) {
    let now = oidc_grant::Entity::find_by_id(grant.id.clone())
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(now.revoked_at.is_none(), "the kept session's grant lives");
    assert!(
        deliveries(app).await.iter().all(|d| d.sid != grant.sid),
        "no logout for the kept session"
    );
}

#[tokio::test]
async fn logging_out_ends_the_app_sessions_of_that_login_only() {
    let app = app().await;
    let ada = ada_in_an_app(&app).await;
    app.portico.log_out(&ada.here).await.unwrap();
    assert_ended(&app, &ada.here_grant).await;
    assert_alive(&app, &ada.elsewhere_grant).await;
    let queued = deliveries(&app).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(
        queued[0].sub.as_deref(),
        Some(&*format!("subject-of-{}", ada.here_grant.user_id))
    );
    assert_eq!(queued[0].client_id, ada.client_id);
}

#[tokio::test]
async fn ending_the_other_sessions_ends_their_app_sessions_and_keeps_this_ones() {
    let app = app().await;
    let ada = ada_in_an_app(&app).await;
    let ended = app
        .portico
        .end_other_sessions_at(&ada.here, Utc::now())
        .await
        .unwrap();
    assert!(matches!(ended, ActionOutcome::Done { .. }), "{ended:?}");
    assert_ended(&app, &ada.elsewhere_grant).await;
    assert_alive(&app, &ada.here_grant).await;
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_app_sessions() {
    let app = app().await;
    let ada = ada_in_an_app(&app).await;
    let change = ValidPasswordChange {
        current_password: PASSWORD.into(),
        password: "a brand new passphrase".into(),
    };
    let changed = app
        .portico
        .change_password_at(&ada.here, change, Utc::now())
        .await
        .unwrap();
    assert!(matches!(changed, ActionOutcome::Done { .. }), "{changed:?}");
    assert_ended(&app, &ada.elsewhere_grant).await;
    assert_alive(&app, &ada.here_grant).await;
}

#[tokio::test]
async fn a_password_reset_ends_every_app_session() {
    let app = app().await;
    let ada = ada_in_an_app(&app).await;
    let email = app::forms::NormalizedEmail::parse(ADA).unwrap();
    app.portico
        .request_password_reset_at(&email, Utc::now())
        .await
        .unwrap();
    let form = ValidNewPassword {
        token: app.token_emailed_to(ADA).await,
        password: "a brand new passphrase".into(),
    };
    app.portico
        .reset_password_at(&app.new_session(), &client(), Portal::Csp, form, Utc::now())
        .await
        .unwrap();
    assert_ended(&app, &ada.here_grant).await;
    assert_ended(&app, &ada.elsewhere_grant).await;
}

#[tokio::test]
async fn disabling_a_login_ends_its_app_sessions() {
    let app = app().await;
    let ada = ada_in_an_app(&app).await;
    let admin = app.administrator().await;
    let id = app.person(ADA).await.id;
    let disabled = app
        .portico
        .switch_login_at(&admin, id, false, Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(disabled, ActionOutcome::Done { .. }),
        "{disabled:?}"
    );
    assert_ended(&app, &ada.here_grant).await;
    assert_ended(&app, &ada.elsewhere_grant).await;
}

#[tokio::test]
async fn deleting_an_account_ends_its_app_sessions() {
    let app = app().await;
    let ada = ada_in_an_app(&app).await;
    let deletion = app::forms::leaving::DeleteAccountForm {
        current_password: PASSWORD.into(),
    }
    .validate()
    .unwrap();
    let deleted = app
        .portico
        .delete_account_at(&ada.here, deletion, Utc::now())
        .await
        .unwrap();
    assert!(matches!(deleted, ActionOutcome::Done { .. }), "{deleted:?}");
    assert_ended(&app, &ada.here_grant).await;
    assert_ended(&app, &ada.elsewhere_grant).await;
}

#[tokio::test]
async fn erasing_a_person_tells_the_apps_they_are_logged_out() {
    let app = app().await;
    let ada = ada_in_an_app(&app).await;
    let admin = app.administrator().await;
    let deletion = app::forms::leaving::ValidAdminDeletion {
        person: ada.here_grant.user_id,
        reason: "Asked by phone".into(),
    };
    let erased = app
        .portico
        .delete_person_at(&admin, deletion, Utc::now())
        .await
        .unwrap();
    assert!(matches!(erased, ActionOutcome::Done { .. }), "{erased:?}");
    assert_ended(&app, &ada.here_grant).await;
    assert_ended(&app, &ada.elsewhere_grant).await;
}

#[tokio::test]
async fn resetting_second_factors_ends_the_app_sessions() {
    let app = app().await;
    let t = Utc::now();
    let (_, _) = crate::second_factors::ada_with_app(&app, t).await;
    give_subject(&app, ADA).await;
    let client_id = register_app(&app, Some("http://127.0.0.1:9/logout")).await;
    let person = app.person(ADA).await;
    let login = login::Entity::find()
        .filter(login::Column::UserId.eq(person.id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let grant = app_session(&app, &login, &client_id).await;
    let admin = app.administrator().await;
    let reset = app
        .portico
        .reset_second_factors_at(&admin, person.id, Utc::now())
        .await
        .unwrap();
    assert!(matches!(reset, ActionOutcome::Done { .. }), "{reset:?}");
    assert_ended(&app, &grant).await;
}

#[tokio::test]
async fn an_app_without_a_logout_uri_gets_its_grants_revoked_and_nothing_queued() {
    let app = app().await;
    app.register_verified(ADA).await;
    give_subject(&app, ADA).await;
    let client_id = register_app(&app, None).await;
    let here = app.logged_in(Portal::Csp, ADA).await;
    let grant = app_session(&app, &login_of(&app, &here).await, &client_id).await;
    app.portico.log_out(&here).await.unwrap();
    let now = oidc_grant::Entity::find_by_id(grant.id.clone())
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(now.revoked_at.is_some());
    assert!(deliveries(&app).await.is_empty());
}

mod delivery;
mod rp_initiated;
