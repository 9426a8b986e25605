//! One gate to a session: every way in after a first factor (a password, a reset link,
//! an invitation) passes the second step; a half-finished log-in ends when the person's
//! credentials change; wrong second-step codes lock the step until a reset by email.
use crate::common;
use crate::second_factors::{ada_with_app, give, logged_in_person, password_step, wrong_code, ADA};

use app::api::{Access, LogInOutcome, NewPasswordOutcome};
use app::forms::email_links::ValidNewPassword;
use app::forms::{Field, NormalizedEmail};
use app::portal::Portal;
use chrono::{DateTime, Duration, Utc};
use common::{app, client, log_in_form, TestApp, PASSWORD};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use server::bootstrap::{create_admin, NewPerson};
use server::db::entities::passkey;
use server::factors::totp;
use tower_sessions::Session;

const NEW_PASSWORD: &str = "a brand new passphrase";
const HANK: &str = "hank@acme.example";

/// Asks for a reset link for `email` and sets [`NEW_PASSWORD`] with it on `session`.
async fn reset_by_email(
    app: &TestApp,
    session: &Session,
    portal: Portal,
    email: &str,
    at: DateTime<Utc>,
) -> NewPasswordOutcome {
    app.portico
        .request_password_reset_at(&NormalizedEmail::parse(email).unwrap(), at)
        .await
        .unwrap();
    let form = ValidNewPassword {
        token: app.token_emailed_to(email).await,
        password: NEW_PASSWORD.into(),
    };
    app.portico
        .reset_password_at(session, &client(), portal, form, at)
        .await
        .unwrap()
}

/// Hank, a verified contact of Acme, whose customer administrator requires two factors.
async fn hank_whose_company_requires_two_factors(app: &TestApp, t: DateTime<Utc>) {
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", true)
        .await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    app.portico
        .set_company_two_factor_at(&carol, true, t)
        .await
        .unwrap();
    app.contact(HANK, "ACME-7K2Q-9XPW").await;
}

fn second_step_at(outcome: &NewPasswordOutcome, path: &str) -> bool {
    matches!(outcome, NewPasswordOutcome::SecondStep { to } if to == path)
}

#[tokio::test]
async fn a_reset_leads_a_person_with_an_app_to_the_second_step_not_into_a_session() {
    let app = app().await;
    let t = Utc::now();
    let (secret, _) = ada_with_app(&app, t).await;
    let session = app.new_session();
    let later = t + Duration::minutes(2);
    let outcome = reset_by_email(&app, &session, Portal::Csp, ADA, later).await;
    assert!(
        second_step_at(&outcome, "/csp/log-in/second-factor"),
        "{outcome:?}"
    );
    assert!(!logged_in_person(&app, &session).await, "no session yet");
    let right = totp::code_at(&secret, later.timestamp() as u64).unwrap();
    assert!(matches!(
        give(&app, &session, &right, later).await,
        LogInOutcome::LoggedIn { .. }
    ));
    assert!(logged_in_person(&app, &session).await);
}

#[tokio::test]
async fn a_reset_leads_a_person_with_a_passkey_to_the_second_step() {
    let app = app().await;
    app.register_verified(ADA).await;
    let ada = app.person(ADA).await;
    passkey::ActiveModel {
        user_id: Set(ada.id),
        credential_id: Set("credential".into()),
        name: Set("Laptop".into()),
        passkey: Set("{}".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
    let session = app.new_session();
    let outcome = reset_by_email(&app, &session, Portal::Csp, ADA, Utc::now()).await;
    assert!(
        second_step_at(&outcome, "/csp/log-in/second-factor"),
        "{outcome:?}"
    );
    assert!(!logged_in_person(&app, &session).await);
}

#[tokio::test]
async fn a_reset_sends_an_administrator_who_needs_a_factor_to_set_one_up() {
    let mut app = app().await;
    app.portico = app
        .portico
        .clone()
        .with_administrators_needing_two_factors(true);
    let root = NewPerson::parse("root@portico.example", "Root", "Admin", PASSWORD).unwrap();
    create_admin(&app.portico, root).await.unwrap();
    let session = app.new_session();
    let outcome = reset_by_email(
        &app,
        &session,
        Portal::Csm,
        "root@portico.example",
        Utc::now(),
    )
    .await;
    assert!(second_step_at(&outcome, "/csm/security/app"), "{outcome:?}");
    assert!(!logged_in_person(&app, &session).await);
}

#[tokio::test]
async fn a_reset_sends_a_contact_whose_company_requires_two_factors_to_set_one_up() {
    let app = app().await;
    let t = Utc::now();
    hank_whose_company_requires_two_factors(&app, t).await;
    let session = app.new_session();
    let outcome = reset_by_email(&app, &session, Portal::Csm, HANK, t).await;
    assert!(second_step_at(&outcome, "/csm/security/app"), "{outcome:?}");
    assert!(!logged_in_person(&app, &session).await);
}

#[tokio::test]
async fn a_pending_second_step_ends_when_the_password_is_reset_meanwhile() {
    let app = app().await;
    let t = Utc::now();
    let (secret, _) = ada_with_app(&app, t).await;
    let intruder = app.new_session();
    let later = t + Duration::minutes(2);
    password_step(&app, &intruder, ADA, later).await;
    // The owner resets the password and gives their code in their own browser.
    let owner = app.new_session();
    reset_by_email(&app, &owner, Portal::Csp, ADA, later).await;
    let code = totp::code_at(&secret, later.timestamp() as u64).unwrap();
    assert!(matches!(
        give(&app, &owner, &code, later).await,
        LogInOutcome::LoggedIn { .. }
    ));
    // The half-finished log-in from before the reset leads nowhere, even with a code.
    let next = later + Duration::seconds(30);
    let code = totp::code_at(&secret, next.timestamp() as u64).unwrap();
    let outcome = give(&app, &intruder, &code, next).await;
    assert!(
        matches!(&outcome, LogInOutcome::Rejected { errors } if errors.get(Field::Form).is_some()),
        "{outcome:?}"
    );
    assert!(!logged_in_person(&app, &intruder).await);
}

#[tokio::test]
async fn a_pending_second_step_ends_when_the_person_logs_out_everywhere_else() {
    let app = app().await;
    let t = Utc::now();
    let (secret, _) = ada_with_app(&app, t).await;
    let later = t + Duration::minutes(2);
    let intruder = app.new_session();
    password_step(&app, &intruder, ADA, later).await;
    // Ada, logged in elsewhere (her set-up session), ends every other session.
    let ada = app.new_session();
    password_step(&app, &ada, ADA, later).await;
    let code = totp::code_at(&secret, later.timestamp() as u64).unwrap();
    give(&app, &ada, &code, later).await;
    ada.save().await.unwrap();
    app.portico.session_user(&ada).await.unwrap();
    app.portico
        .end_other_sessions_at(&ada, later)
        .await
        .unwrap();
    let next = later + Duration::seconds(30);
    let code = totp::code_at(&secret, next.timestamp() as u64).unwrap();
    assert!(!matches!(
        give(&app, &intruder, &code, next).await,
        LogInOutcome::LoggedIn { .. }
    ));
    assert!(logged_in_person(&app, &ada).await, "her own session stays");
}

#[tokio::test]
async fn ten_wrong_codes_in_a_row_lock_the_second_step_until_a_reset_by_email() {
    let app = app().await;
    let t = Utc::now();
    let (secret, _) = ada_with_app(&app, t).await;
    let intruder = app.new_session();
    password_step(&app, &intruder, ADA, t).await;
    let mut at = t;
    for n in 0..9 {
        at = t + Duration::minutes(1 + n);
        assert!(wrong_code(&give(&app, &intruder, "000000", at).await));
        // The pending step lasts ten minutes: the guesser logs in again with the password.
        password_step(&app, &intruder, ADA, at).await;
    }
    at += Duration::minutes(1);
    let tenth = give(&app, &intruder, "000000", at).await;
    let LogInOutcome::Rejected { errors } = &tenth else {
        panic!("{tenth:?}");
    };
    assert!(
        errors
            .get(Field::Code)
            .unwrap()
            .message
            .text()
            .contains("locked"),
        "the page says what happened: {tenth:?}"
    );
    assert!(
        app.emails_to(ADA)
            .await
            .iter()
            .any(|e| e.text_body.contains("was locked after 10 wrong codes")),
        "the owner is told at once"
    );
    // Even the right code is refused now, in any session.
    let owner = app.new_session();
    at += Duration::minutes(5);
    password_step(&app, &owner, ADA, at).await;
    let right = totp::code_at(&secret, at.timestamp() as u64).unwrap();
    assert!(wrong_code(&give(&app, &owner, &right, at).await));
    assert!(!logged_in_person(&app, &owner).await);
    // A reset by email unlocks it.
    at += Duration::minutes(1);
    let reset = app.new_session();
    reset_by_email(&app, &reset, Portal::Csp, ADA, at).await;
    let right = totp::code_at(&secret, at.timestamp() as u64).unwrap();
    assert!(matches!(
        give(&app, &reset, &right, at).await,
        LogInOutcome::LoggedIn { .. }
    ));
}

#[tokio::test]
async fn wrong_codes_a_day_apart_do_not_add_up_to_a_lock() {
    let app = app().await;
    let t = Utc::now();
    let (secret, _) = ada_with_app(&app, t).await;
    let mut at = t;
    for day in 0..2 {
        for n in 0..5 {
            at = t + Duration::days(2 * day) + Duration::minutes(n);
            let session = app.new_session();
            password_step(&app, &session, ADA, at).await;
            assert!(wrong_code(&give(&app, &session, "000000", at).await));
        }
    }
    let session = app.new_session();
    password_step(&app, &session, ADA, at).await;
    at += Duration::minutes(1);
    let right = totp::code_at(&secret, at.timestamp() as u64).unwrap();
    assert!(matches!(
        give(&app, &session, &right, at).await,
        LogInOutcome::LoggedIn { .. }
    ));
}

#[tokio::test]
async fn what_was_set_before_a_log_in_does_not_live_on_in_the_logged_in_session() {
    let app = app().await;
    let t = Utc::now();
    hank_whose_company_requires_two_factors(&app, t).await;
    // Hank, part-way through logging in, is shown an authenticator secret…
    let shared = app.new_session();
    app.portico
        .log_in_at(
            &shared,
            &client(),
            Portal::Csm,
            log_in_form(HANK, PASSWORD),
            t,
        )
        .await
        .unwrap();
    let Access::Granted(hanks) = app.portico.totp_setup_at(&shared, t).await.unwrap() else {
        panic!("setup refused");
    };
    // …and Ada logs in on the same browser: her set-up starts with a secret of its own.
    app.register_verified(ADA).await;
    let outcome = password_step(&app, &shared, ADA, t).await;
    assert!(
        matches!(outcome, LogInOutcome::LoggedIn { .. }),
        "{outcome:?}"
    );
    let Access::Granted(adas) = app.portico.totp_setup_at(&shared, t).await.unwrap() else {
        panic!("setup refused");
    };
    assert_ne!(adas.secret, hanks.secret);
}
