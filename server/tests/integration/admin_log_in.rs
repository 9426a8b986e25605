//! The administration's own log-in (`/admin/log-in`) on a real SQLite database:
//! administrators log in there (their second step included), only they do, and the
//! business portal's log-in sends them there with the address they typed kept.
use app::api::{Access, Confirmation, LogInOutcome};
use app::forms::{ErrorKind, Field};
use app::portal::Portal;
use chrono::{DateTime, Duration, Utc};
use server::bootstrap::{create_admin, NewPerson};
use server::factors::totp;
use tower_sessions::Session;

use crate::common::{app, client, log_in_form, TestApp, PASSWORD};
use crate::second_factors::{give, logged_in_person};

const ROOT: &str = "root@portico.example";

async fn with_root(app: &TestApp) {
    let root = NewPerson::parse(ROOT, "Root", "Admin", PASSWORD).unwrap();
    create_admin(&app.portico, root).await.unwrap();
}

async fn at_the_administration(
    app: &TestApp,
    session: &Session,
    email: &str,
    at: DateTime<Utc>,
) -> LogInOutcome {
    app.portico
        .admin_log_in_at(session, &client(), log_in_form(email, PASSWORD), at)
        .await
        .unwrap()
}

/// The kind of the form's error, if the log-in was refused.
fn refusal(outcome: &LogInOutcome) -> Option<ErrorKind> {
    match outcome {
        LogInOutcome::Rejected { errors } => errors.get(Field::Form).map(|e| e.kind),
        _ => None,
    }
}

#[tokio::test]
async fn an_administrator_logs_in_at_the_administrations_log_in_and_lands_in_it() {
    let app = app().await;
    with_root(&app).await;
    let session = app.new_session();
    assert_eq!(
        at_the_administration(&app, &session, ROOT, Utc::now()).await,
        LogInOutcome::LoggedIn {
            to: "/admin".into()
        }
    );
    assert!(logged_in_person(&app, &session).await);
}

#[tokio::test]
async fn an_administrator_with_an_app_gives_its_code_after_the_password_there() {
    let app = app().await;
    with_root(&app).await;
    let session = app.admin_logged_in(ROOT).await;
    // Not before the log-in (recorded in whole seconds).
    let t = Utc::now() + Duration::seconds(1);
    let Access::Granted(setup) = app.portico.totp_setup_at(&session, t).await.unwrap() else {
        panic!("setup refused");
    };
    let secret = setup.secret.replace(' ', "");
    let code = totp::code_at(&secret, t.timestamp() as u64).unwrap();
    let confirmed = app
        .portico
        .confirm_totp_at(&session, &client(), code, t)
        .await
        .unwrap();
    assert!(
        matches!(confirmed, Confirmation::Confirmed { .. }),
        "{confirmed:?}"
    );

    let later = t + Duration::minutes(2);
    let session = app.new_session();
    assert_eq!(
        at_the_administration(&app, &session, ROOT, later).await,
        LogInOutcome::SecondStep {
            to: "/csm/log-in/second-factor".into()
        }
    );
    assert!(!logged_in_person(&app, &session).await);
    let right = totp::code_at(&secret, later.timestamp() as u64).unwrap();
    assert_eq!(
        give(&app, &session, &right, later).await,
        LogInOutcome::LoggedIn {
            to: "/admin".into()
        }
    );
}

#[tokio::test]
async fn the_business_portals_log_in_sends_an_administrator_to_the_administrations_with_their_address(
) {
    let app = app().await;
    with_root(&app).await;
    let session = app.new_session();
    let outcome = app
        .portico
        .log_in_at(
            &session,
            &client(),
            Portal::Csm,
            log_in_form("Root@Portico.example", PASSWORD),
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(
        refusal(&outcome),
        Some(ErrorKind::AdministratorAccount),
        "{outcome:?}"
    );
    assert!(!logged_in_person(&app, &session).await);
    assert_eq!(
        app.portico.carried_admin_email(&session).await.unwrap(),
        ROOT,
        "the administration's log-in is filled in with the address"
    );

    // A wrong password tells nothing and carries nothing.
    let other = app.new_session();
    let wrong = app
        .portico
        .log_in_at(
            &other,
            &client(),
            Portal::Csm,
            log_in_form(ROOT, "not the password at all"),
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(refusal(&wrong), Some(ErrorKind::Invalid), "{wrong:?}");
    assert_eq!(app.portico.carried_admin_email(&other).await.unwrap(), "");
}

#[tokio::test]
async fn only_administrators_log_in_at_the_administrations_log_in() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let company = app
        .company("Acme", "ACME-2345-6789", "acme.example", true)
        .await;
    app.customer_admin("carol@acme.example", &company).await;
    let t = Utc::now();

    let consumer = app.new_session();
    let outcome = at_the_administration(&app, &consumer, "ada@example.com", t).await;
    assert_eq!(
        refusal(&outcome),
        Some(ErrorKind::EmailInPortal(Portal::Csp))
    );
    let contact = app.new_session();
    let outcome = at_the_administration(&app, &contact, "carol@acme.example", t).await;
    assert_eq!(
        refusal(&outcome),
        Some(ErrorKind::EmailInPortal(Portal::Csm))
    );
    assert!(!logged_in_person(&app, &consumer).await);
    assert!(!logged_in_person(&app, &contact).await);
}
