//! The consumer registration service on a real SQLite database.
use crate::common;

use app::portal::Portal;

use common::CLIENT;

use app::api::RegisterOutcome;
use app::forms::{ErrorKind, Field};
use app::policies::{PRIVACY_POLICY, TERMS};
use chrono::{Duration, Utc};
use common::app;
use sea_orm::{ConnectionTrait, EntityTrait};
use server::db::entities::email_token::TokenPurpose;
use server::db::entities::outbox::OutboxState;
use server::db::entities::user::{UserKind, UserStatus};
use server::db::entities::{captcha_spent, consent, email_token, outbox, user};
use server::services::account::registration::VERIFICATION_LIFETIME;
use server::tokens::hash_token;

fn assert_email_taken(outcome: &RegisterOutcome) {
    match outcome {
        RegisterOutcome::Rejected { errors, .. } => {
            let error = errors
                .get(Field::Email)
                .expect("an error on the Email field");
            assert_eq!(
                error.message.text(),
                "An account with this email address already exists."
            );
            assert_eq!(error.kind, ErrorKind::EmailTaken);
        }
        other => panic!("expected the address to be taken, got {other:?}"),
    }
}

#[tokio::test]
async fn a_registration_writes_the_user_consents_token_and_email_together() {
    let app = app().await;
    let now = Utc::now();
    let outcome = app
        .portico
        .register_at(
            CLIENT,
            Portal::Csp,
            app.registration_at(" Ada@Example.com ", now),
            now,
        )
        .await
        .unwrap();
    assert_eq!(
        outcome,
        RegisterOutcome::Registered {
            to: "/csp/register/sent".into()
        }
    );

    let users = user::Entity::find().all(&app.db.conn).await.unwrap();
    assert_eq!(users.len(), 1);
    let ada = &users[0];
    assert_eq!(ada.email, "Ada@Example.com");
    assert_eq!(ada.email_normalized, "ada@example.com");
    assert_eq!(ada.kind, UserKind::Consumer);
    assert_eq!(ada.status, UserStatus::Unverified);
    assert!(ada.password_hash.starts_with("$argon2id$"));

    let consents = consent::Entity::find().all(&app.db.conn).await.unwrap();
    let mut agreed: Vec<(String, String)> = consents
        .iter()
        .map(|c| (c.document.clone(), c.version.clone()))
        .collect();
    agreed.sort();
    assert_eq!(
        agreed,
        vec![
            (
                PRIVACY_POLICY.document.into(),
                PRIVACY_POLICY.version.into()
            ),
            (TERMS.document.into(), TERMS.version.into()),
        ]
    );
    assert!(consents.iter().all(|c| c.user_id == ada.id));

    let tokens = email_token::Entity::find().all(&app.db.conn).await.unwrap();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].purpose, TokenPurpose::Verify);
    assert_eq!(tokens[0].expires_at, now + VERIFICATION_LIFETIME);

    let emails = outbox::Entity::find().all(&app.db.conn).await.unwrap();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].to_address, "Ada@Example.com");
    assert_eq!(emails[0].state, OutboxState::Pending);
    assert!(emails[0].text_body.contains("Hello Ada,"));
    assert!(emails[0]
        .text_body
        .contains("http://portal.test/csp/verify?token="));
    // The link's token is stored only as its SHA-256.
    let token = app.last_emailed_token().await;
    assert_eq!(tokens[0].token_hash, hash_token(&token));
    assert_ne!(tokens[0].token_hash, token);
}

#[tokio::test]
async fn a_failure_in_the_middle_writes_nothing() {
    let app = app().await;
    // The outbox insert is the last write of the transaction: make it fail for real.
    app.db
        .conn
        .execute_unprepared(
            "CREATE TRIGGER outbox_down BEFORE INSERT ON outbox \
             BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END;",
        )
        .await
        .unwrap();
    let result = app
        .portico
        .register_at(
            CLIENT,
            Portal::Csp,
            app.registration("ada@example.com"),
            Utc::now(),
        )
        .await;
    assert!(result.is_err(), "the failure is reported");
    assert_eq!(app.count(user::Entity).await, 0);
    assert_eq!(app.count(consent::Entity).await, 0);
    assert_eq!(app.count(email_token::Entity).await, 0);
    assert_eq!(app.count(outbox::Entity).await, 0);
    assert_eq!(app.count(captcha_spent::Entity).await, 0);
}

#[tokio::test]
async fn an_address_already_registered_is_refused_whatever_its_case() {
    let app = app().await;
    let now = Utc::now();
    app.register("ada@example.com").await;
    let again = app
        .portico
        .register_at(
            CLIENT,
            Portal::Csp,
            app.registration("  ADA@Example.COM"),
            now,
        )
        .await
        .unwrap();
    assert_email_taken(&again);
    assert_eq!(app.count(user::Entity).await, 1);
    assert_eq!(app.count(outbox::Entity).await, 1);
}

#[tokio::test]
async fn fifty_concurrent_sign_ups_with_one_address_make_one_account() {
    let app = app().await;
    let forms: Vec<_> = (0..50)
        .map(|i| {
            // Case varies, the address does not.
            let email = if i % 2 == 0 {
                "ada@example.com"
            } else {
                "ADA@example.com"
            };
            app.registration(email)
        })
        .collect();
    let tasks: Vec<_> = forms
        .into_iter()
        .map(|form| {
            let portico = app.portico.clone();
            tokio::spawn(async move {
                portico
                    .register_at(CLIENT, Portal::Csp, form, Utc::now())
                    .await
            })
        })
        .collect();
    let mut registered = 0;
    for task in tasks {
        let outcome = task.await.unwrap().expect("no request fails");
        match outcome {
            RegisterOutcome::Registered { .. } => registered += 1,
            rejected => assert_email_taken(&rejected),
        }
    }
    assert_eq!(registered, 1);
    assert_eq!(app.count(user::Entity).await, 1);
    assert_eq!(app.count(email_token::Entity).await, 1);
    assert_eq!(app.count(outbox::Entity).await, 1);
}

#[tokio::test]
async fn a_captcha_works_once() {
    let app = app().await;
    let now = Utc::now();
    let form = app.registration("ada@example.com");
    let mut reused = app.registration("grace@example.com");
    reused.captcha = form.captcha.clone();
    app.portico
        .register_at(CLIENT, Portal::Csp, form, now)
        .await
        .unwrap();
    let outcome = app
        .portico
        .register_at(CLIENT, Portal::Csp, reused, now)
        .await
        .unwrap();
    match outcome {
        RegisterOutcome::Rejected { errors, .. } => {
            assert!(errors.get(Field::Captcha).is_some());
        }
        other => panic!("a reused CAPTCHA was accepted: {other:?}"),
    }
    assert_eq!(app.count(user::Entity).await, 1);
}

#[tokio::test]
async fn a_solved_captcha_cannot_probe_a_second_taken_address() {
    let app = app().await;
    let now = Utc::now();
    app.register("ada@example.com").await;
    let probe = app.registration("ada@example.com");
    let mut second_probe = app.registration("ada@example.com");
    second_probe.captcha = probe.captcha.clone();
    assert_email_taken(
        &app.portico
            .register_at(CLIENT, Portal::Csp, probe, now)
            .await
            .unwrap(),
    );
    match app
        .portico
        .register_at(CLIENT, Portal::Csp, second_probe, now)
        .await
        .unwrap()
    {
        RegisterOutcome::Rejected { errors, .. } => assert!(errors.get(Field::Captcha).is_some()),
        other => panic!("expected the spent CAPTCHA to be refused, got {other:?}"),
    }
}

#[tokio::test]
async fn an_expired_captcha_is_refused() {
    let app = app().await;
    let long_ago = Utc::now() - Duration::hours(2);
    let form = app.registration_at("ada@example.com", long_ago);
    match app
        .portico
        .register_at(CLIENT, Portal::Csp, form, Utc::now())
        .await
        .unwrap()
    {
        RegisterOutcome::Rejected { errors, .. } => {
            assert!(errors
                .get(Field::Captcha)
                .unwrap()
                .message
                .text()
                .contains("expired"));
        }
        other => panic!("expected the CAPTCHA to have expired, got {other:?}"),
    }
}

/// The text of the error on the Security Code of a refused registration.
fn security_code_error(outcome: RegisterOutcome) -> String {
    match outcome {
        RegisterOutcome::Rejected { errors, .. } => errors
            .get(Field::Captcha)
            .expect("an error on the Security Code")
            .message
            .text(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// With JavaScript the browser solves the new challenge of every refusal by itself: the
/// person is only asked to sign up again, never to do the check (or press a Verify that
/// no longer exists). Without it, there is a new question to answer.
#[tokio::test]
async fn a_spent_or_expired_check_asks_a_browser_that_solved_it_only_to_sign_up_again() {
    let app = app().await;
    let now = Utc::now();
    let form = app.registration("ada@example.com");
    let mut reused = app.registration("grace@example.com");
    reused.captcha = form.captcha.clone();
    app.portico
        .register_at(CLIENT, Portal::Csp, form, now)
        .await
        .unwrap();
    let spent = app.portico.register_at(CLIENT, Portal::Csp, reused, now);
    let expired = app.registration_at("alan@example.com", now - Duration::hours(2));
    let expired = app.portico.register_at(CLIENT, Portal::Csp, expired, now);
    for (outcome, expected) in [
        (
            spent.await.unwrap(),
            "This security check had been used already and has been done again. Select Sign Up again",
        ),
        (
            expired.await.unwrap(),
            "The security check had expired and has been done again. Select Sign Up again",
        ),
    ] {
        assert_eq!(security_code_error(outcome), expected);
    }
}

#[tokio::test]
async fn a_spent_security_question_asks_for_the_new_question_to_be_answered() {
    let app = app().await;
    let now = Utc::now();
    let challenge = app.portico.captcha.issue(now);
    let sum: u32 = challenge
        .question
        .trim_end_matches('?')
        .split(' ')
        .filter_map(|w| w.parse::<u32>().ok())
        .sum();
    let answered = app::captcha::CaptchaResponse::Answer {
        token: challenge.token,
        answer: sum.to_string(),
    };
    let mut form = app.registration("ada@example.com");
    form.captcha = answered.clone();
    let mut reused = app.registration("grace@example.com");
    reused.captcha = answered;
    app.portico
        .register_at(CLIENT, Portal::Csp, form, now)
        .await
        .unwrap();
    let outcome = app
        .portico
        .register_at(CLIENT, Portal::Csp, reused, now)
        .await
        .unwrap();
    assert_eq!(
        security_code_error(outcome),
        "This security question has been answered already. Answer the new one"
    );
}

#[tokio::test]
async fn an_unverified_registration_whose_link_expired_can_be_made_again() {
    let app = app().await;
    let then = Utc::now() - VERIFICATION_LIFETIME - Duration::minutes(1);
    app.portico
        .register_at(
            CLIENT,
            Portal::Csp,
            app.registration_at("ada@example.com", then),
            then,
        )
        .await
        .unwrap();
    let now = Utc::now();
    let again = app
        .portico
        .register_at(
            CLIENT,
            Portal::Csp,
            app.registration_at("ada@example.com", now),
            now,
        )
        .await
        .unwrap();
    assert!(matches!(again, RegisterOutcome::Registered { .. }));
    assert_eq!(app.count(user::Entity).await, 1);
    // The old link went with the old registration.
    assert_eq!(app.count(email_token::Entity).await, 1);
    assert_eq!(app.count(consent::Entity).await, 2);
}

/// Both portals' registration forms are sent with one label, in each language (the
/// business form said "Submit" where the consumer form said "Sign Up").
#[tokio::test]
async fn both_portals_registration_forms_are_sent_with_the_same_button() {
    let dir = tempfile::tempdir().unwrap();
    let server = crate::common::server_process::ServerProcess::start(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    for (lang, label) in [("en", "Sign Up"), ("de", "Registrieren")] {
        for portal in ["csp", "csm"] {
            let page = client
                .get(server.url(&format!("/{portal}/register")))
                .header("cookie", format!("lang={lang}"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            // The form's own button, after its action.
            let form = format!("action=\"/{portal}/register\"");
            let button = page
                .split_once(form.as_str())
                .and_then(|(_, form)| form.split_once("class=\"button\">"))
                .and_then(|(_, button)| button.split_once("</button>"))
                .map(|(label, _)| label)
                .unwrap_or_default();
            assert_eq!(button, label, "/{portal}/register in {lang}");
        }
    }
}
