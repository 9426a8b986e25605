//! Second factors on a real SQLite database: nothing is logged in before the second step,
//! an authenticator app's code works in its window and once, recovery codes are stored
//! hashed and work once, wrong codes lock the step, companies that require a factor send
//! their contacts through setup, and bad passkey answers are refused with a message.
use crate::common;

use app::api::{Access, ActionOutcome, Confirmation, LogInOutcome, PasskeyStep};
use app::forms::two_factor::{SecondFactorCode, SecondFactorForm};
use app::forms::{ErrorKind, Field};
use app::portal::Portal;
use chrono::{DateTime, Duration, Utc};
use common::{app, client, log_in_form, TestApp, PASSWORD};
use sea_orm::EntityTrait;
use server::bootstrap::{create_admin, NewPerson};
use server::db::entities::recovery_code;
use server::factors::totp;
use server::services::two_factor::passkey_ceremonies::PasskeyAnswer;
use tower_sessions::Session;

pub(crate) const ADA: &str = "ada@example.com";

pub(crate) async fn password_step(
    app: &TestApp,
    session: &Session,
    email: &str,
    at: DateTime<Utc>,
) -> LogInOutcome {
    app.portico
        .log_in_at(
            session,
            &client(),
            Portal::Csp,
            log_in_form(email, PASSWORD),
            at,
        )
        .await
        .unwrap()
}

pub(crate) fn code(input: &str) -> SecondFactorCode {
    SecondFactorForm { code: input.into() }
        .validate()
        .expect("a well-formed code")
}

pub(crate) async fn give(
    app: &TestApp,
    session: &Session,
    input: &str,
    at: DateTime<Utc>,
) -> LogInOutcome {
    app.portico
        .second_factor_at(session, &client(), code(input), at)
        .await
        .unwrap()
}

pub(crate) fn wrong_code(outcome: &LogInOutcome) -> bool {
    matches!(outcome, LogInOutcome::Rejected { errors } if errors.get(Field::Code).is_some())
}

pub(crate) async fn logged_in_person(app: &TestApp, session: &Session) -> bool {
    app.portico.session_user(session).await.unwrap().is_some()
}

/// Ada, verified and logged in, turns an authenticator app on at `at`; returns its secret
/// and her recovery codes.
pub(crate) async fn ada_with_app(app: &TestApp, at: DateTime<Utc>) -> (String, Vec<String>) {
    app.register_verified(ADA).await;
    let session = app.logged_in(Portal::Csp, ADA).await;
    // Not before the log-in (whose time is recorded in whole seconds).
    let at = at.max(Utc::now());
    let Access::Granted(setup) = app.portico.totp_setup_at(&session, at).await.unwrap() else {
        panic!("setup refused");
    };
    let secret = setup.secret.replace(' ', "");
    let now_code = totp::code_at(&secret, at.timestamp() as u64).unwrap();
    let confirmed = app
        .portico
        .confirm_totp_at(&session, &client(), now_code, at)
        .await
        .unwrap();
    assert!(
        matches!(confirmed, Confirmation::Confirmed { ref to } if to == "/csp/security/recovery-codes"),
        "{confirmed:?}"
    );
    let Access::Granted(codes) = app.portico.fresh_recovery_codes_at(&session).await.unwrap()
    else {
        panic!("no codes");
    };
    assert_eq!(codes.codes.len(), 10);
    (secret, codes.codes)
}

#[tokio::test]
async fn after_the_password_no_session_exists_until_the_apps_code_is_given() {
    let app = app().await;
    let t = Utc::now();
    let (secret, _) = ada_with_app(&app, t).await;

    let session = app.new_session();
    let outcome = password_step(&app, &session, ADA, t + Duration::minutes(1)).await;
    assert_eq!(
        outcome,
        LogInOutcome::SecondStep {
            to: "/csp/log-in/second-factor".into()
        }
    );
    assert!(
        !logged_in_person(&app, &session).await,
        "no session before the second step"
    );
    let pending = app
        .portico
        .pending_second_factor_at(&session, t)
        .await
        .unwrap()
        .unwrap();
    assert!(pending.app && pending.recovery_codes);

    let later = t + Duration::minutes(2);
    let right = totp::code_at(&secret, later.timestamp() as u64).unwrap();
    assert!(matches!(
        give(&app, &session, &right, later).await,
        LogInOutcome::LoggedIn { .. }
    ));
    assert!(logged_in_person(&app, &session).await);
}

#[tokio::test]
async fn an_apps_code_works_one_step_either_side_and_only_once() {
    let app = app().await;
    let t = Utc::now();
    let (secret, _) = ada_with_app(&app, t).await;
    let later = t + Duration::minutes(5);
    let at = |step_offset: i64| (later.timestamp() + step_offset * 30) as u64;

    // Three steps old: refused.
    let session = app.new_session();
    password_step(&app, &session, ADA, later).await;
    let stale = totp::code_at(&secret, at(-3)).unwrap();
    assert!(wrong_code(&give(&app, &session, &stale, later).await));
    // One step late: accepted; then the same code again (a replay): refused.
    let late = totp::code_at(&secret, at(-1)).unwrap();
    assert!(matches!(
        give(&app, &session, &late, later).await,
        LogInOutcome::LoggedIn { .. }
    ));
    let replay = app.new_session();
    password_step(&app, &replay, ADA, later).await;
    assert!(
        wrong_code(&give(&app, &replay, &late, later).await),
        "a code is accepted once"
    );
    // Neither is an older step's code accepted after a newer one.
    let older = totp::code_at(&secret, at(-2)).unwrap();
    assert!(wrong_code(
        &give(&app, &replay, &older, later - Duration::seconds(30)).await
    ));
    assert!(!logged_in_person(&app, &replay).await);
}

#[tokio::test]
async fn recovery_codes_are_stored_hashed_and_each_works_once_with_a_notice() {
    let app = app().await;
    let t = Utc::now();
    let (_, codes) = ada_with_app(&app, t).await;

    let stored = recovery_code::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(stored.len(), 10);
    let plain: Vec<String> = codes
        .iter()
        .map(|c| c.replace('-', "").to_lowercase())
        .collect();
    for row in &stored {
        let kept = format!("{row:?}").to_lowercase();
        assert!(
            plain.iter().all(|p| !kept.contains(p)),
            "a code is kept only as its hash"
        );
    }

    let first = app.new_session();
    password_step(&app, &first, ADA, t).await;
    assert!(matches!(
        give(&app, &first, &codes[0], t).await,
        LogInOutcome::LoggedIn { .. }
    ));
    let notices = app.emails_to(ADA).await;
    assert!(notices
        .iter()
        .any(|e| e.text_body.contains("A recovery code was used")
            && e.text_body.contains("9 of your recovery codes are left")));

    let again = app.new_session();
    password_step(&app, &again, ADA, t).await;
    assert!(
        wrong_code(&give(&app, &again, &codes[0], t).await),
        "a recovery code works once"
    );
    assert!(matches!(
        give(&app, &again, &codes[1], t).await,
        LogInOutcome::LoggedIn { .. }
    ));
}

#[tokio::test]
async fn five_wrong_codes_lock_the_second_step_even_for_the_right_one() {
    let app = app().await;
    let t = Utc::now();
    let (secret, _) = ada_with_app(&app, t).await;
    let later = t + Duration::minutes(3);
    let session = app.new_session();
    password_step(&app, &session, ADA, later).await;
    for _ in 0..5 {
        assert!(wrong_code(&give(&app, &session, "000000", later).await));
    }
    let right = totp::code_at(&secret, later.timestamp() as u64).unwrap();
    let locked = give(&app, &session, &right, later).await;
    assert!(
        matches!(&locked, LogInOutcome::Rejected { errors } if errors.iter().any(|e| e.kind == ErrorKind::TooManyAttempts)),
        "{locked:?}"
    );
    assert!(!logged_in_person(&app, &session).await);
}

#[tokio::test]
async fn codes_of_the_wrong_shape_are_refused_on_their_field_before_any_check() {
    for input in [
        "",
        "12345",
        "1234567",
        "12ab56",
        "7k2q-9xpw",
        "x".repeat(5000).as_str(),
    ] {
        let refused = SecondFactorForm { code: input.into() }
            .validate()
            .unwrap_err();
        assert!(refused.get(Field::Code).is_some(), "{input:?}");
    }
}

#[tokio::test]
async fn a_contact_of_a_company_that_requires_two_factors_sets_one_up_before_any_session() {
    let app = app().await;
    let t = Utc::now();
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", true)
        .await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    let ruled = app
        .portico
        .set_company_two_factor_at(&carol, true, t)
        .await
        .unwrap();
    assert!(matches!(ruled, ActionOutcome::Done { .. }), "{ruled:?}");
    app.contact("hank@acme.example", "ACME-7K2Q-9XPW").await;

    let session = app.new_session();
    let outcome = app
        .portico
        .log_in_at(
            &session,
            &client(),
            Portal::Csm,
            log_in_form("hank@acme.example", PASSWORD),
            t,
        )
        .await
        .unwrap();
    assert_eq!(
        outcome,
        LogInOutcome::SecondStep {
            to: "/csm/security/app".into()
        }
    );
    assert!(!logged_in_person(&app, &session).await);
    let Access::Granted(setup) = app.portico.totp_setup_at(&session, t).await.unwrap() else {
        panic!("setup refused");
    };
    assert!(setup.finishing_log_in);
    let secret = setup.secret.replace(' ', "");
    let right = totp::code_at(&secret, t.timestamp() as u64).unwrap();
    let done = app
        .portico
        .confirm_totp_at(&session, &client(), right, t)
        .await
        .unwrap();
    assert!(matches!(done, Confirmation::Confirmed { .. }));
    assert!(
        logged_in_person(&app, &session).await,
        "logged in once a factor is set up"
    );
    let Access::Granted(codes) = app.portico.fresh_recovery_codes_at(&session).await.unwrap()
    else {
        panic!("no codes");
    };
    assert_eq!(codes.next, "/csm");
}

#[tokio::test]
async fn administrators_need_a_second_factor_when_the_server_says_so() {
    let mut app = app().await;
    app.portico = app
        .portico
        .clone()
        .with_administrators_needing_two_factors(true);
    let person = NewPerson::parse("root@portico.example", "Root", "Admin", PASSWORD).unwrap();
    create_admin(&app.portico, person).await.unwrap();
    let session = app.new_session();
    let outcome = app
        .portico
        .admin_log_in_at(
            &session,
            &client(),
            log_in_form("root@portico.example", PASSWORD),
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(
        outcome,
        LogInOutcome::SecondStep {
            to: "/csm/security/app".into()
        }
    );
}

#[tokio::test]
async fn an_administrator_resets_a_persons_factors_after_checking_who_they_are() {
    let app = app().await;
    let t = Utc::now();
    app.ada_with_app_and_admin(t).await;
}

impl TestApp {
    async fn ada_with_app_and_admin(&self, t: DateTime<Utc>) {
        ada_with_app(self, t).await;
        let person = NewPerson::parse("root@portico.example", "Root", "Admin", PASSWORD).unwrap();
        create_admin(&self.portico, person).await.unwrap();
        let admin = self.admin_logged_in("root@portico.example").await;
        // Not before the administrator's log-in (recorded in whole seconds).
        let t = t.max(Utc::now());
        let ada = self.person(ADA).await;
        let done = self
            .portico
            .reset_second_factors_at(&admin, ada.id, t)
            .await
            .unwrap();
        assert!(
            matches!(&done, ActionOutcome::Done { message } if message.contains("Removed the second factors")),
            "{done:?}"
        );
        assert!(self.emails_to(ADA).await.iter().any(|e| e
            .text_body
            .contains("An administrator removed the second factors")));
        // Her password alone logs her in again.
        let session = self.new_session();
        assert!(matches!(
            password_step(self, &session, ADA, t).await,
            LogInOutcome::LoggedIn { .. }
        ));
        assert_eq!(
            recovery_code::Entity::find()
                .all(&self.db.conn)
                .await
                .unwrap()
                .len(),
            0
        );
        // Nobody resets their own.
        let own = self
            .portico
            .reset_second_factors_at(&admin, self.person("root@portico.example").await.id, t)
            .await
            .unwrap();
        assert!(matches!(own, ActionOutcome::Rejected { .. }));
    }
}

#[tokio::test]
async fn malformed_or_foreign_passkey_answers_are_refused_with_a_message() {
    let app = app().await;
    app.register_verified(ADA).await;
    let session = app.logged_in(Portal::Csp, ADA).await;
    let t = Utc::now();

    // Finishing a ceremony that was never started, or with garbage.
    for garbage in [
        "",
        "not json",
        "{}",
        r#"{"id":"x","rawId":"!!","type":"public-key","response":{}}"#,
    ] {
        let refused = app
            .portico
            .passkey_add_finish_at(&session, &client(), garbage.into(), t)
            .await
            .unwrap();
        assert!(
            matches!(refused, PasskeyStep::Refused { .. }),
            "{garbage:?}: {refused:?}"
        );
        let refused = app
            .portico
            .passkey_log_in_finish_at(
                &app.new_session(),
                &client(),
                Portal::Csp,
                PasskeyAnswer {
                    sealed_state: None,
                    credential: garbage.into(),
                },
                None,
                t,
            )
            .await
            .unwrap();
        assert!(
            matches!(refused, PasskeyStep::Refused { .. }),
            "{garbage:?}: {refused:?}"
        );
    }

    // A ceremony started in one session cannot be finished in another.
    let started = app
        .portico
        .passkey_add_start_at(&session, "Laptop".into(), t)
        .await
        .unwrap();
    assert!(
        matches!(started, PasskeyStep::Options { .. }),
        "{started:?}"
    );
    let elsewhere = app.logged_in(Portal::Csp, ADA).await;
    let credential = r#"{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"attestationObject":"AAAA","clientDataJSON":"AAAA"},"extensions":{}}"#;
    let refused = app
        .portico
        .passkey_add_finish_at(&elsewhere, &client(), credential.into(), t)
        .await
        .unwrap();
    assert!(
        matches!(refused, PasskeyStep::Refused { .. }),
        "{refused:?}"
    );
    // And in its own session, a forged answer is refused too (and the ceremony is spent).
    let refused = app
        .portico
        .passkey_add_finish_at(&session, &client(), credential.into(), t)
        .await
        .unwrap();
    assert!(
        matches!(refused, PasskeyStep::Refused { .. }),
        "{refused:?}"
    );
    let (started, sealed) = app.portico.passkey_log_in_start_at(t);
    assert!(matches!(started, PasskeyStep::Options { .. }));
    assert!(sealed.is_some());
}
