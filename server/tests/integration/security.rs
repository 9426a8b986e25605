//! What a security review of the account pages found, each pinned down on a real SQLite
//! database: limits counted before the work they protect, challenges spent by wrong
//! answers, link budgets that hold under concurrency, answers that do not tell which
//! addresses have accounts, and sessions that end when the account changes.
use crate::common;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::Duration as StdDuration;

use app::api::{
    AccountServices, ActionOutcome, Client, Confirmation, LinkRequestOutcome, LogInOutcome,
    RecoveryServices, RegisterOutcome,
};
use app::captcha::CaptchaResponse;
use app::forms::business::{ContactChange, ValidContactChange};
use app::forms::log_in::ConfirmIdentityForm;
use app::forms::{ErrorKind, Field, NormalizedEmail};
use app::i18n::Lang;
use app::portal::Portal;
use chrono::{Duration, Utc};
use common::{app, client, log_in_form, TestApp, CLIENT, PASSWORD};
use sea_orm::{ConnectionTrait, TransactionTrait};
use server::db::entities::user;
use server::limits::{Limit, Limits};
use server::services::recovery::links::{RESEND_SENT, RESET_SENT};
use server::services::session::keys::names::AUTHENTICATED_AT as SESSION_AUTHENTICATED_AT;

fn address(email: &str) -> NormalizedEmail {
    NormalizedEmail::parse(email).unwrap()
}

fn client_at(address: IpAddr) -> Client {
    Client {
        address,
        ..client()
    }
}

async fn log_in_from(app: &TestApp, from: &Client, email: &str, password: &str) -> LogInOutcome {
    app.portico
        .log_in_at(
            &app.new_session(),
            from,
            Portal::Csp,
            log_in_form(email, password),
            Utc::now(),
        )
        .await
        .unwrap()
}

fn is_too_many(outcome: &LogInOutcome) -> bool {
    matches!(outcome, LogInOutcome::Rejected { errors }
        if errors.get(Field::Form).is_some_and(|e| e.kind == ErrorKind::TooManyAttempts))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_wrong_passwords_hash_no_more_than_the_address_allows() {
    let app = Arc::new(app().await);
    app.register_verified("ada@example.com").await;
    let hashed_before = app.portico.hasher.hashes_done();

    let guesses: Vec<_> = (0..200u32)
        .map(|i| {
            let app = app.clone();
            // From many clients, so that only the address's limit stands in the way.
            let from = client_at(IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + i)));
            tokio::spawn(async move {
                log_in_from(&app, &from, "ada@example.com", "wrong password").await
            })
        })
        .collect();
    let mut refused = 0;
    for guess in guesses {
        let outcome = guess.await.unwrap();
        assert!(!matches!(outcome, LogInOutcome::LoggedIn { .. }));
        if is_too_many(&outcome) {
            refused += 1;
        }
    }
    let hashed = app.portico.hasher.hashes_done() - hashed_before;
    let budget = u64::from(app.portico.limits.log_in_per_address.burst);
    assert!(
        hashed <= budget,
        "{hashed} passwords hashed, budget {budget}"
    );
    assert_eq!(
        refused,
        200 - hashed,
        "every other guess was refused unhashed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_guesses_from_one_client_hash_no_more_than_it_allows() {
    let app = Arc::new(app().await);
    let hashed_before = app.portico.hasher.hashes_done();
    let guesses: Vec<_> = (0..200)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                let email = format!("person{i}@example.com");
                log_in_from(&app, &client(), &email, "wrong password").await
            })
        })
        .collect();
    for guess in guesses {
        guess.await.unwrap();
    }
    let hashed = app.portico.hasher.hashes_done() - hashed_before;
    let budget = u64::from(app.portico.limits.log_in_per_client.burst);
    assert!(
        hashed <= budget,
        "{hashed} passwords hashed, budget {budget}"
    );
}

#[tokio::test]
async fn logging_in_with_the_right_password_never_uses_up_the_limit() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    for _ in 0..12 {
        let outcome = log_in_from(&app, &client(), "ada@example.com", PASSWORD).await;
        assert!(
            matches!(outcome, LogInOutcome::LoggedIn { .. }),
            "{outcome:?}"
        );
    }
}

#[tokio::test]
async fn the_limits_are_shared_by_two_instances_on_one_database() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let second = common::app_on(&app.url).await;
    for instance in [&app, &second].iter().cycle().take(5) {
        log_in_from(instance, &client(), "ada@example.com", "wrong password").await;
    }
    assert!(is_too_many(
        &log_in_from(&second, &client(), "ada@example.com", "wrong password").await
    ));
    assert!(is_too_many(
        &log_in_from(&app, &client(), "ada@example.com", "wrong password").await
    ));
}

/// The registration form a browser without JavaScript sends: the question's answer.
fn answered(
    app: &TestApp,
    email: &str,
    answer: impl Fn(u32) -> u32,
) -> (app::forms::registration::ValidRegistration, String) {
    let challenge = app.portico.captcha.issue(Utc::now());
    let numbers: Vec<u32> = challenge
        .question
        .trim_end_matches('?')
        .split(' ')
        .filter_map(|w| w.parse().ok())
        .collect();
    let mut form = app.registration(email);
    form.captcha = CaptchaResponse::Answer {
        token: challenge.token.clone(),
        answer: answer(numbers.iter().sum()).to_string(),
    };
    (form, challenge.token)
}

fn captcha_error(outcome: &RegisterOutcome) -> Option<String> {
    match outcome {
        RegisterOutcome::Rejected { errors, .. } => {
            errors.get(Field::Captcha).map(|e| e.message.text())
        }
        RegisterOutcome::Registered { .. } => None,
    }
}

#[tokio::test]
async fn a_wrong_answer_to_the_security_question_spends_its_challenge() {
    // Answers per client are not what stops the guesses here.
    let app = common::app_with_limits(Limits {
        question_answers: Limit::per_hour("question_answer", 1000),
        ..common::test_limits()
    })
    .await;
    let (wrong, token) = answered(&app, "ada@example.com", |sum| sum + 1);
    let outcome = app
        .portico
        .register_at(CLIENT, Portal::Csp, wrong, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        captcha_error(&outcome).as_deref(),
        Some("The answer to the security question is not right")
    );
    // Every other answer to the same challenge comes too late, the right one among them:
    // one challenge, one answer.
    let (mut right, _) = answered(&app, "ada@example.com", |sum| sum);
    for guess in 2..=18 {
        right.captcha = CaptchaResponse::Answer {
            token: token.clone(),
            answer: guess.to_string(),
        };
        let outcome = app
            .portico
            .register_at(CLIENT, Portal::Csp, right.clone(), Utc::now())
            .await
            .unwrap();
        assert!(
            matches!(outcome, RegisterOutcome::Rejected { .. }),
            "answer {guess} to a spent challenge was accepted"
        );
    }
    assert_eq!(app.count(user::Entity).await, 0);
}

#[tokio::test]
async fn answers_to_the_security_question_are_limited_per_client() {
    let limits = Limits {
        question_answers: Limit::per_hour("question_answer", 3),
        ..Limits::default()
    };
    let app = common::app_with_limits(limits).await;
    for _ in 0..3 {
        let (wrong, _) = answered(&app, "ada@example.com", |sum| sum + 1);
        app.portico
            .register_at(CLIENT, Portal::Csp, wrong, Utc::now())
            .await
            .unwrap();
    }
    let (right, _) = answered(&app, "ada@example.com", |sum| sum);
    let outcome = app
        .portico
        .register_at(CLIENT, Portal::Csp, right.clone(), Utc::now())
        .await
        .unwrap();
    let message = captcha_error(&outcome).expect("refused on the Security Code");
    assert!(message.starts_with("Too many answers"), "{message}");
    assert!(
        message.contains("turn on JavaScript"),
        "offers the proof of work instead"
    );
    // Another network is not held back.
    let elsewhere: IpAddr = "198.51.100.7".parse().unwrap();
    let outcome = app
        .portico
        .register_at(elsewhere, Portal::Csp, right, Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(outcome, RegisterOutcome::Registered { .. }),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn registrations_are_limited_per_client_before_any_password_is_hashed() {
    let limits = Limits {
        registrations: Limit::per_hour("registration", 2),
        ..Limits::default()
    };
    let app = common::app_with_limits(limits).await;
    app.register("one@example.com").await;
    app.register("two@example.com").await;
    let hashed_before = app.portico.hasher.hashes_done();
    let outcome = app.register("three@example.com").await;
    let RegisterOutcome::Rejected { errors, .. } = outcome else {
        panic!("a third registration from one client was accepted");
    };
    let error = errors.get(Field::Form).expect("an error for the form");
    assert_eq!(error.kind, ErrorKind::TooManyAttempts);
    assert_eq!(app.portico.hasher.hashes_done(), hashed_before);
    assert_eq!(app.count(user::Entity).await, 2);
    assert_eq!(app.emails_to("three@example.com").await.len(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_for_a_link_send_one_email() {
    let app = Arc::new(app().await);
    app.register_verified("ada@example.com").await;
    let before = app.emails_to("ada@example.com").await.len();
    let now = Utc::now();
    let requests: Vec<_> = (0..20)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                app.portico
                    .request_password_reset_at(&address("ada@example.com"), now)
                    .await
                    .unwrap()
            })
        })
        .collect();
    for request in requests {
        request.await.unwrap();
    }
    assert_eq!(
        app.emails_to("ada@example.com").await.len(),
        before + 1,
        "one a minute, however many ask at once"
    );
}

/// The answer the page gets for a request for a link.
async fn link_answer(app: &TestApp, reset: bool, email: &str) -> LinkRequestOutcome {
    let email = address(email);
    let answer = if reset {
        app.portico.request_password_reset(Portal::Csp, email).await
    } else {
        app.portico.resend_verification(Portal::Csp, email).await
    };
    answer.unwrap()
}

#[tokio::test]
async fn link_requests_answer_alike_whatever_the_address() {
    let app = app().await;
    app.register_verified("verified@example.com").await;
    app.register("unverified@example.com").await;
    for reset in [true, false] {
        let expected = LinkRequestOutcome::Sent {
            message: app::i18n::Lang::DEFAULT.text(if reset { RESET_SENT } else { RESEND_SENT }),
        };
        for email in [
            "nobody@example.com",
            "verified@example.com",
            "unverified@example.com",
            // Asked twice: over the one-a-minute budget now.
            "unverified@example.com",
            "verified@example.com",
        ] {
            assert_eq!(link_answer(&app, reset, email).await, expected, "{email}");
        }
    }
}

#[tokio::test]
async fn link_requests_answer_without_waiting_for_the_work_they_cause() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let before = app.emails_to("ada@example.com").await.len();
    // Another writer holds the database: writing the link has to wait for it.
    let writer = app.db.conn.begin().await.unwrap();
    writer
        .execute_unprepared("UPDATE users SET updated_at = updated_at")
        .await
        .unwrap();
    for email in ["ada@example.com", "nobody@example.com"] {
        let answer =
            tokio::time::timeout(StdDuration::from_secs(3), link_answer(&app, true, email)).await;
        assert!(
            answer.is_ok(),
            "the answer for {email} waited for the database"
        );
    }
    writer.rollback().await.unwrap();
    // The link still goes out, once the database is free.
    for _ in 0..100 {
        if app.emails_to("ada@example.com").await.len() > before {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    panic!("the reset link was never sent");
}

#[tokio::test]
async fn an_email_change_needs_a_recent_proof_and_ends_the_other_sessions() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let here = app.logged_in(Portal::Csp, "ada@example.com").await;
    let elsewhere = app.logged_in(Portal::Csp, "ada@example.com").await;
    // The log-in was eleven minutes ago.
    let then = (Utc::now() - Duration::minutes(11)).timestamp();
    here.insert(SESSION_AUTHENTICATED_AT, then).await.unwrap();
    let ask = || {
        app.portico
            .request_email_change_at(&here, address("ada.new@example.com"), Utc::now())
    };
    let refused = ask().await.unwrap();
    assert!(
        matches!(&refused, ActionOutcome::Rejected { errors }
            if errors.get(Field::NewEmail).is_some_and(|e| e.kind == ErrorKind::Forbidden)),
        "{refused:?}"
    );
    assert!(app.emails_to("ada.new@example.com").await.is_empty());

    let confirm = |password: &str| {
        let form = ConfirmIdentityForm {
            current_password: password.into(),
            next: "/csp/profile".into(),
        };
        app.portico
            .confirm_identity_at(&here, form.validate().unwrap(), Utc::now())
    };
    assert!(matches!(
        confirm("wrong password").await.unwrap(),
        Confirmation::Rejected { errors } if errors.get(Field::CurrentPassword).is_some()
    ));
    assert_eq!(
        confirm(PASSWORD).await.unwrap(),
        Confirmation::Confirmed {
            to: "/csp/profile".into()
        }
    );
    assert!(matches!(ask().await.unwrap(), ActionOutcome::Done { .. }));
    assert_eq!(app.emails_to("ada.new@example.com").await.len(), 1);
    assert!(app.portico.session_user(&here).await.unwrap().is_some());
    assert_eq!(
        app.portico.session_user(&elsewhere).await.unwrap(),
        None,
        "the other session ended"
    );
}

#[tokio::test]
async fn a_disabled_login_stays_logged_out_when_it_is_enabled_again() {
    let app = app().await;
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", true)
        .await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    app.contact("dan@acme.example", "ACME-7K2Q-9XPW").await;
    let dan = app.logged_in(Portal::Csm, "dan@acme.example").await;
    let dan_id = app.person("dan@acme.example").await.id;
    for change in [ContactChange::DisableLogin, ContactChange::EnableLogin] {
        let outcome = app
            .portico
            .change_contact_at(
                &carol,
                ValidContactChange {
                    contact: dan_id,
                    change,
                },
                Utc::now(),
            )
            .await
            .unwrap();
        assert!(matches!(outcome, ActionOutcome::Done { .. }), "{outcome:?}");
    }
    assert_eq!(
        app.portico.session_user(&dan).await.unwrap(),
        None,
        "the session from before the login was disabled does not come back"
    );
    assert!(
        matches!(
            log_in_from(&app, &client(), "dan@acme.example", PASSWORD).await,
            LogInOutcome::Rejected { .. }
        ),
        "a contact logs in at /csm, not /csp"
    );
}

#[tokio::test]
async fn a_common_password_is_refused_on_its_field_wherever_a_password_is_chosen() {
    use app::api::NewPasswordOutcome;
    use app::forms::email_links::ValidNewPassword;
    use app::forms::profile::ValidPasswordChange;
    use server::password_rules::COMMON_PASSWORD;

    let app = app().await;
    let common = "Qwerty123456";
    let mut form = app.registration("ada@example.com");
    form.password = common.into();
    let outcome = app
        .portico
        .register_at(CLIENT, Portal::Csp, form, Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(&outcome, RegisterOutcome::Rejected { errors, .. }
            if errors.get(Field::Password).is_some_and(|e| e.message.key() == Some(COMMON_PASSWORD))),
        "{outcome:?}"
    );
    assert_eq!(app.count(user::Entity).await, 0);

    app.register_verified("ada@example.com").await;
    let session = app.logged_in(Portal::Csp, "ada@example.com").await;
    let change = ValidPasswordChange {
        current_password: PASSWORD.into(),
        password: common.into(),
    };
    let outcome = app
        .portico
        .change_password_at(&session, change, Utc::now())
        .await
        .unwrap();
    assert!(matches!(&outcome, ActionOutcome::Rejected { errors }
        if errors.get(Field::Password).is_some_and(|e| e.message.key() == Some(COMMON_PASSWORD))));

    app.portico
        .request_password_reset_at(&address("ada@example.com"), Utc::now())
        .await
        .unwrap();
    let token = app.token_emailed_to("ada@example.com").await;
    let outcome = app
        .portico
        .reset_password_at(
            &app.new_session(),
            &client(),
            Portal::Csp,
            ValidNewPassword {
                token,
                password: common.into(),
            },
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(matches!(&outcome, NewPasswordOutcome::Rejected { errors }
        if errors.get(Field::Password).is_some()));
    // The old password still works: nothing was changed.
    assert!(matches!(
        log_in_from(&app, &client(), "ada@example.com", PASSWORD).await,
        LogInOutcome::LoggedIn { .. }
    ));
}

#[tokio::test]
async fn the_security_code_grows_harder_while_one_client_keeps_signing_up() {
    let app = app().await;
    let elsewhere: IpAddr = "198.51.100.7".parse().unwrap();
    let base = app.portico.new_captcha(CLIENT, Lang::DEFAULT).max_number;
    // Seven: a backlog of six would be just under two thresholds once any time passed.
    for n in 0..7 {
        app.register(&format!("person{n}@example.com")).await;
    }
    let harder = app.portico.new_captcha(CLIENT, Lang::DEFAULT).max_number;
    assert!(
        harder >= 4 * base,
        "{harder} after seven sign-ups, {base} before"
    );
    assert_eq!(
        app.portico.new_captcha(elsewhere, Lang::DEFAULT).max_number,
        base,
        "another client is not affected"
    );
    // A rejected registration's new challenge is as hard.
    let (wrong, _) = answered(&app, "late@example.com", |sum| sum + 1);
    match app
        .portico
        .register_at(CLIENT, Portal::Csp, wrong, Utc::now())
        .await
        .unwrap()
    {
        RegisterOutcome::Rejected { captcha, .. } => assert_eq!(captcha.max_number, harder),
        other => panic!("{other:?}"),
    }
}
