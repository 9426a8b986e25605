//! The account lifecycle on a real SQLite database: password reset, a new verification
//! link, password and address changes, sessions, and limits on failed log-ins.
use crate::common;

use app::api::{AfterVerification, LogInOutcome, NewPasswordOutcome, TokenStatus};
use app::forms::email_links::ValidNewPassword;
use app::forms::profile::ValidPasswordChange;
use app::forms::{ErrorKind, Field, NormalizedEmail};
use app::portal::Portal;
use chrono::{DateTime, Duration, Utc};
use common::{app, client, log_in_form, TestApp, PASSWORD};
use server::services::recovery::links::LinkRequest;
use tower_sessions::{Session, SessionStore};

const NEW_PASSWORD: &str = "a brand new passphrase";

fn address(email: &str) -> NormalizedEmail {
    NormalizedEmail::parse(email).unwrap()
}

async fn ask_for_reset(app: &TestApp, email: &str, at: DateTime<Utc>) -> LinkRequest {
    app.portico
        .request_password_reset_at(&address(email), at)
        .await
        .unwrap()
}

async fn reset(
    app: &TestApp,
    session: &Session,
    token: &str,
    at: DateTime<Utc>,
) -> NewPasswordOutcome {
    let form = ValidNewPassword {
        token: token.to_owned(),
        password: NEW_PASSWORD.into(),
    };
    app.portico
        .reset_password_at(session, &client(), Portal::Csp, form, at)
        .await
        .unwrap()
}

async fn log_in(app: &TestApp, email: &str, password: &str) -> LogInOutcome {
    app.portico
        .log_in_at(
            &app.new_session(),
            &client(),
            Portal::Csp,
            log_in_form(email, password),
            Utc::now(),
        )
        .await
        .unwrap()
}

fn logged_in(outcome: &LogInOutcome) -> bool {
    matches!(outcome, LogInOutcome::LoggedIn { .. })
}

#[tokio::test]
async fn a_reset_link_sets_the_password_ends_other_sessions_and_logs_in() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let elsewhere = app.logged_in(Portal::Csp, "ada@example.com").await;
    let now = Utc::now();

    let outcome = ask_for_reset(&app, "ada@example.com", now).await;
    assert_eq!(outcome, LinkRequest::Sent);
    let email = app.emails_to("ada@example.com").await.pop().unwrap();
    assert!(email
        .text_body
        .contains("http://portal.test/csp/reset/new?token="));
    let token = app.token_emailed_to("ada@example.com").await;

    let here = app.new_session();
    let outcome = reset(&app, &here, &token, now).await;

    assert_eq!(outcome, NewPasswordOutcome::LoggedIn { to: "/csp".into() });
    assert!(
        app.portico.session_user(&here).await.unwrap().is_some(),
        "logged in here"
    );
    assert_eq!(
        app.portico.session_user(&elsewhere).await.unwrap(),
        None,
        "other sessions end"
    );
    assert!(
        !logged_in(&log_in(&app, "ada@example.com", PASSWORD).await),
        "the old password is refused"
    );
    assert!(logged_in(
        &log_in(&app, "ada@example.com", NEW_PASSWORD).await
    ));
    assert_eq!(
        app.emails_to("ada@example.com")
            .await
            .pop()
            .unwrap()
            .subject,
        "Your password was changed"
    );
    // Once only.
    assert_eq!(
        reset(&app, &app.new_session(), &token, now).await,
        NewPasswordOutcome::Link(TokenStatus::Used)
    );
}

#[tokio::test]
async fn a_reset_link_expires_after_an_hour_and_a_newer_one_replaces_it() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let t0 = Utc::now();
    ask_for_reset(&app, "ada@example.com", t0).await;
    let first = app.token_emailed_to("ada@example.com").await;
    ask_for_reset(&app, "ada@example.com", t0 + Duration::seconds(61)).await;
    let second = app.token_emailed_to("ada@example.com").await;
    assert_ne!(first, second);

    let later = t0 + Duration::seconds(62);
    assert_eq!(
        reset(&app, &app.new_session(), &first, later).await,
        NewPasswordOutcome::Link(TokenStatus::Expired)
    );
    let too_late = t0 + Duration::seconds(61) + Duration::minutes(61);
    assert_eq!(
        reset(&app, &app.new_session(), &second, too_late).await,
        NewPasswordOutcome::Link(TokenStatus::Expired)
    );
    assert!(matches!(
        reset(&app, &app.new_session(), &second, later).await,
        NewPasswordOutcome::LoggedIn { .. }
    ));
}

#[tokio::test]
async fn a_reset_sends_nothing_for_an_unknown_address() {
    let app = app().await;
    let outcome = ask_for_reset(&app, "nobody@example.com", Utc::now()).await;
    assert_eq!(outcome, LinkRequest::NoSuchAccount);
    assert_eq!(app.count(server::db::entities::outbox::Entity).await, 0);
}

#[tokio::test]
async fn each_link_works_only_for_its_own_purpose() {
    let app = app().await;
    app.register("ada@example.com").await;
    let verify = app.last_emailed_token().await;
    // A verification token is not a reset token…
    assert_eq!(
        reset(&app, &app.new_session(), &verify, Utc::now()).await,
        NewPasswordOutcome::Link(TokenStatus::Unknown)
    );
    assert_eq!(
        app.portico
            .confirm_email_change_at(&verify, Utc::now())
            .await
            .unwrap(),
        TokenStatus::Unknown
    );
    // …and a reset token does not verify an address.
    ask_for_reset(&app, "ada@example.com", Utc::now()).await;
    let reset_token = app.token_emailed_to("ada@example.com").await;
    assert_eq!(
        app.portico
            .verify_email_at(&reset_token, Utc::now())
            .await
            .unwrap(),
        TokenStatus::Unknown
    );
    assert_eq!(
        app.portico
            .verify_email_at(&verify, Utc::now())
            .await
            .unwrap(),
        TokenStatus::Verified(AfterVerification::LogIn),
        "the verification token still works for its purpose"
    );
}

#[tokio::test]
async fn a_new_verification_link_waits_a_minute_replaces_older_ones_and_comes_five_times_a_day() {
    let app = app().await;
    let t0 = Utc::now();
    app.register("ada@example.com").await;
    let original = app.last_emailed_token().await;
    let resend = |at: DateTime<Utc>| {
        let portico = app.portico.clone();
        async move {
            portico
                .resend_verification_at(&address("ada@example.com"), at)
                .await
                .unwrap()
        }
    };

    assert_eq!(
        resend(t0 + Duration::seconds(10)).await,
        LinkRequest::TooSoon
    );
    for n in 1..=5 {
        assert_eq!(
            resend(t0 + Duration::seconds(61 * n)).await,
            LinkRequest::Sent,
            "resend {n}"
        );
    }
    assert_eq!(
        resend(t0 + Duration::seconds(61 * 6)).await,
        LinkRequest::TooSoon,
        "five a day"
    );

    let newest = app.last_emailed_token().await;
    let at = t0 + Duration::seconds(61 * 6);
    assert_eq!(
        app.portico.verify_email_at(&original, at).await.unwrap(),
        TokenStatus::Expired,
        "older links stop working"
    );
    assert_eq!(
        app.portico.verify_email_at(&newest, at).await.unwrap(),
        TokenStatus::Verified(AfterVerification::LogIn)
    );
    // Verified: nothing more is sent, whatever is asked.
    let outcome = resend(t0 + Duration::days(2)).await;
    assert_eq!(outcome, LinkRequest::NoSuchAccount);
    assert_eq!(app.last_emailed_token().await, newest);
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_the_other_sessions() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let here = app.logged_in(Portal::Csp, "ada@example.com").await;
    let elsewhere = app.logged_in(Portal::Csp, "ada@example.com").await;
    let change = |current: &str| ValidPasswordChange {
        current_password: current.into(),
        password: NEW_PASSWORD.into(),
    };

    let wrong = app
        .portico
        .change_password_at(&here, change("not my password"), Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(wrong, app::api::ActionOutcome::Rejected { ref errors } if errors.get(Field::CurrentPassword).is_some())
    );

    let done = app
        .portico
        .change_password_at(&here, change(PASSWORD), Utc::now())
        .await
        .unwrap();
    assert!(matches!(done, app::api::ActionOutcome::Done { .. }));
    assert!(
        app.portico.session_user(&here).await.unwrap().is_some(),
        "this session stays"
    );
    assert_eq!(
        app.portico.session_user(&elsewhere).await.unwrap(),
        None,
        "the other ends"
    );
    let stored = elsewhere.id().expect("a saved session");
    assert_eq!(
        app.store.load(&stored).await.unwrap(),
        None,
        "and is deleted from the store"
    );
    assert!(logged_in(
        &log_in(&app, "ada@example.com", NEW_PASSWORD).await
    ));
}

#[tokio::test]
async fn logging_out_everywhere_else_ends_every_other_session() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let here = app.logged_in(Portal::Csp, "ada@example.com").await;
    let phone = app.logged_in(Portal::Csp, "ada@example.com").await;
    let laptop = app.logged_in(Portal::Csp, "ada@example.com").await;

    let profile = match app.portico.profile_at(&here, Utc::now()).await.unwrap() {
        app::api::Access::Granted(profile) => profile,
        other => panic!("{other:?}"),
    };
    assert_eq!(profile.sessions.len(), 3);
    assert_eq!(profile.sessions.iter().filter(|s| s.current).count(), 1);
    assert_eq!(profile.sessions[0].browser, "Chrome on Linux");

    app.portico
        .end_other_sessions_at(&here, Utc::now())
        .await
        .unwrap();

    assert!(app.portico.session_user(&here).await.unwrap().is_some());
    for other in [phone, laptop] {
        assert_eq!(app.portico.session_user(&other).await.unwrap(), None);
        assert_eq!(app.store.load(&other.id().unwrap()).await.unwrap(), None);
    }
}

#[tokio::test]
async fn an_email_change_takes_effect_when_the_new_address_confirms_it() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    app.register_verified("taken@example.com").await;
    let session = app.logged_in(Portal::Csp, "ada@example.com").await;
    let ask = |email: &str| {
        let (portico, session, email) = (app.portico.clone(), session.clone(), address(email));
        async move {
            portico
                .request_email_change_at(&session, email, Utc::now())
                .await
                .unwrap()
        }
    };

    let taken = ask("Taken@example.com").await;
    assert!(
        matches!(taken, app::api::ActionOutcome::Rejected { ref errors } if errors.get(Field::NewEmail).is_some())
    );
    assert!(matches!(
        ask("ada.new@example.com").await,
        app::api::ActionOutcome::Done { .. }
    ));

    let notice = app.emails_to("ada@example.com").await.pop().unwrap();
    assert_eq!(
        notice.subject,
        "A change of your email address was requested"
    );
    assert!(notice.text_body.contains("ada.new@example.com"));
    assert!(
        logged_in(&log_in(&app, "ada@example.com", PASSWORD).await),
        "nothing changes before the link"
    );

    let token = app.token_emailed_to("ada.new@example.com").await;
    assert_eq!(
        app.portico
            .confirm_email_change_at(&token, Utc::now())
            .await
            .unwrap(),
        TokenStatus::Verified(AfterVerification::LogIn)
    );
    assert!(logged_in(
        &log_in(&app, "ada.new@example.com", PASSWORD).await
    ));
    assert!(!logged_in(&log_in(&app, "ada@example.com", PASSWORD).await));
    assert_eq!(
        app.portico
            .confirm_email_change_at(&token, Utc::now())
            .await
            .unwrap(),
        TokenStatus::Used
    );
}

#[tokio::test]
async fn repeated_failed_log_ins_lock_the_address_but_a_reset_still_works() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    for _ in 0..5 {
        assert!(!logged_in(
            &log_in(&app, "ada@example.com", "wrong password").await
        ));
    }
    let locked = log_in(&app, "ada@example.com", "wrong password").await;
    let message = match &locked {
        LogInOutcome::Rejected { errors } => errors.get(Field::Form).unwrap().clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(message.kind, ErrorKind::TooManyAttempts);
    assert!(message.message.text().contains("reset your password"));
    // Even the right password waits now…
    assert!(!logged_in(&log_in(&app, "ada@example.com", PASSWORD).await));
    // …but the owner can reset it, and then log in as usual.
    ask_for_reset(&app, "ada@example.com", Utc::now()).await;
    let token = app.token_emailed_to("ada@example.com").await;
    assert!(matches!(
        reset(&app, &app.new_session(), &token, Utc::now()).await,
        NewPasswordOutcome::LoggedIn { .. }
    ));
    assert!(logged_in(
        &log_in(&app, "ada@example.com", NEW_PASSWORD).await
    ));
}
