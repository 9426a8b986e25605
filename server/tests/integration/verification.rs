//! Verification links and logging in, on a real SQLite database.
use crate::common;

use app::api::{AfterVerification, LogInOutcome, TokenStatus};
use app::forms::Field;
use app::portal::Portal;
use chrono::{Duration, Utc};
use common::{app, client, log_in_form, session, PASSWORD};
use sea_orm::EntityTrait;
use server::db::entities::user::{self, UserStatus};
use server::services::account::registration::VERIFICATION_LIFETIME;
use server::services::session::keys::names::USER_ID as SESSION_USER_ID;

fn form_error(outcome: &LogInOutcome) -> String {
    match outcome {
        LogInOutcome::Rejected { errors } => errors
            .get(Field::Form)
            .expect("a form error")
            .message
            .text(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_verification_token_works_once() {
    let app = app().await;
    let now = Utc::now();
    app.register("ada@example.com").await;
    let token = app.last_emailed_token().await;

    assert_eq!(
        app.portico
            .verification_status_at(&token, now)
            .await
            .unwrap(),
        TokenStatus::Valid
    );
    assert_eq!(
        app.portico.verify_email_at(&token, now).await.unwrap(),
        TokenStatus::Verified(AfterVerification::LogIn)
    );
    let ada = user::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ada.status, UserStatus::Active);
    assert!(ada.verified_at.is_some());

    assert_eq!(
        app.portico.verify_email_at(&token, now).await.unwrap(),
        TokenStatus::Used
    );
    assert_eq!(
        app.portico
            .verification_status_at(&token, now)
            .await
            .unwrap(),
        TokenStatus::Used
    );
}

#[tokio::test]
async fn a_verification_token_does_not_work_after_it_expires() {
    let app = app().await;
    let now = Utc::now();
    app.register("ada@example.com").await;
    let token = app.last_emailed_token().await;
    let later = now + VERIFICATION_LIFETIME + Duration::seconds(1);
    assert_eq!(
        app.portico.verify_email_at(&token, later).await.unwrap(),
        TokenStatus::Expired
    );
    let ada = user::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ada.status, UserStatus::Unverified);
}

#[tokio::test]
async fn an_unknown_token_is_unknown() {
    let app = app().await;
    let now = Utc::now();
    for token in ["", "nonsense", &"x".repeat(5000)] {
        assert_eq!(
            app.portico.verify_email_at(token, now).await.unwrap(),
            TokenStatus::Unknown
        );
    }
}

#[tokio::test]
async fn racing_verifications_use_a_token_once() {
    let app = app().await;
    app.register("ada@example.com").await;
    let token = app.last_emailed_token().await;
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let portico = app.portico.clone();
            let token = token.clone();
            tokio::spawn(async move { portico.verify_email_at(&token, Utc::now()).await.unwrap() })
        })
        .collect();
    let mut verified = 0;
    for task in tasks {
        match task.await.unwrap() {
            TokenStatus::Verified(_) => verified += 1,
            other => assert_eq!(other, TokenStatus::Used),
        }
    }
    assert_eq!(verified, 1);
}

#[tokio::test]
async fn logging_in_needs_a_verified_address_and_the_right_password() {
    let app = app().await;
    let now = Utc::now();
    app.register("ada@example.com").await;
    let session = session();

    let unverified = app
        .portico
        .log_in_at(
            &session,
            &client(),
            Portal::Csp,
            log_in_form("ada@example.com", PASSWORD),
            now,
        )
        .await
        .unwrap();
    assert!(form_error(&unverified).starts_with("Verify your email address"));
    assert_eq!(session.get::<i32>(SESSION_USER_ID).await.unwrap(), None);

    let token = app.last_emailed_token().await;
    app.portico.verify_email_at(&token, now).await.unwrap();

    let wrong = app
        .portico
        .log_in_at(
            &session,
            &client(),
            Portal::Csp,
            log_in_form("ada@example.com", "not the password"),
            now,
        )
        .await
        .unwrap();
    let unknown = app
        .portico
        .log_in_at(
            &session,
            &client(),
            Portal::Csp,
            log_in_form("grace@example.com", PASSWORD),
            now,
        )
        .await
        .unwrap();
    // One message that does not say which was wrong.
    assert_eq!(form_error(&wrong), "Email address or password is incorrect");
    assert_eq!(
        form_error(&unknown),
        "Email address or password is incorrect"
    );

    let right = app
        .portico
        .log_in_at(
            &session,
            &client(),
            Portal::Csp,
            log_in_form("ADA@example.com", PASSWORD),
            now,
        )
        .await
        .unwrap();
    assert_eq!(right, LogInOutcome::LoggedIn { to: "/csp".into() });
    let user = app.portico.session_user(&session).await.unwrap().unwrap();
    assert_eq!(user.first_name, "Ada");
    assert_eq!(user.portal, Portal::Csp);
    let ada = user::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(ada.last_login_at.is_some());
}

#[tokio::test]
async fn a_consumer_is_sent_to_their_own_portal() {
    let app = app().await;
    let now = Utc::now();
    app.register_verified("ada@example.com").await;
    let outcome = app
        .portico
        .log_in_at(
            &session(),
            &client(),
            Portal::Csm,
            log_in_form("ada@example.com", PASSWORD),
            now,
        )
        .await
        .unwrap();
    assert!(form_error(&outcome).contains("Consumer Service Portal"));
}
