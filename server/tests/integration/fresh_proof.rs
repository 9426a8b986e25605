//! Changes that weaken others' security need a proof of identity from the last ten
//! minutes, as resetting second factors does: turning a company's two-factor rule off,
//! adding a webhook, deleting a person, disabling a login. Each is refused for an
//! administrator who logged in eleven minutes ago, and works once they confirm it's them.
use app::api::{ActionOutcome, Confirmation};
use app::forms::business::{AccountForm, ContactChange, ContactChangeForm};
use app::forms::leaving::AdminDeletionForm;
use app::forms::log_in::ConfirmIdentityForm;
use app::forms::webhooks::WebhookForm;
use app::forms::ErrorKind;
use chrono::{DateTime, Duration, Utc};
use sea_orm::EntityTrait;
use server::db::entities::user::UserStatus;
use server::db::entities::{account, user, webhook_endpoint};
use tower_sessions::Session;

use crate::common::{app, TestApp, PASSWORD};

const ACME_CODE: &str = "ACME-7K2Q-9XPW";

/// Eleven minutes after the log-ins of the test's sessions.
fn later() -> DateTime<Utc> {
    Utc::now() + Duration::minutes(11)
}

fn asks_to_confirm_first(outcome: &ActionOutcome) -> bool {
    matches!(outcome, ActionOutcome::Rejected { errors }
        if errors.iter().any(|e| e.kind == ErrorKind::Forbidden
            && e.message.text().contains("confirm it's you")))
}

/// The "Confirm it's you" page, answered at `at`.
async fn confirm(app: &TestApp, session: &Session, at: DateTime<Utc>) {
    let form = ConfirmIdentityForm {
        current_password: PASSWORD.into(),
        next: "/csm/contacts".into(),
    };
    let confirmed = app
        .portico
        .confirm_identity_at(session, form.validate().unwrap(), at)
        .await
        .unwrap();
    assert!(
        matches!(confirmed, Confirmation::Confirmed { .. }),
        "{confirmed:?}"
    );
}

async fn acme(app: &TestApp) -> account::Model {
    let acme = app.company("Acme", ACME_CODE, "acme.example", true).await;
    app.contact("dan@acme.example", ACME_CODE).await;
    acme
}

async fn requires_two_factor(app: &TestApp, id: i32) -> bool {
    account::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .require_two_factor
}

#[tokio::test]
async fn turning_a_companys_two_factor_rule_off_needs_a_fresh_proof() {
    let app = app().await;
    let acme = acme(&app).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    let t = later();
    // Turning it on weakens nothing: no proof needed.
    let on = app
        .portico
        .set_company_two_factor_at(&carol, true, t)
        .await
        .unwrap();
    assert!(matches!(on, ActionOutcome::Done { .. }), "{on:?}");
    let off = app
        .portico
        .set_company_two_factor_at(&carol, false, t)
        .await
        .unwrap();
    assert!(asks_to_confirm_first(&off), "{off:?}");
    assert!(requires_two_factor(&app, acme.id).await);
    // An administrator turning it off on the company's page, likewise.
    let admin = app.administrator().await;
    let form = AccountForm {
        account: acme.id.to_string(),
        name: "Acme".into(),
        email_domains: "acme.example".into(),
        auto_approve: "on".into(),
        require_two_factor: String::new(),
    }
    .validate()
    .unwrap();
    let saved = app
        .portico
        .save_account_at(&admin, form.clone(), t)
        .await
        .unwrap();
    assert!(asks_to_confirm_first(&saved), "{saved:?}");
    assert!(requires_two_factor(&app, acme.id).await);

    confirm(&app, &carol, t).await;
    let off = app
        .portico
        .set_company_two_factor_at(&carol, false, t)
        .await
        .unwrap();
    assert!(matches!(off, ActionOutcome::Done { .. }), "{off:?}");
    assert!(!requires_two_factor(&app, acme.id).await);
    app.portico
        .set_company_two_factor_at(&carol, true, t)
        .await
        .unwrap();
    confirm(&app, &admin, t).await;
    let saved = app.portico.save_account_at(&admin, form, t).await.unwrap();
    assert!(matches!(saved, ActionOutcome::Done { .. }), "{saved:?}");
    assert!(!requires_two_factor(&app, acme.id).await);
}

#[tokio::test]
async fn adding_a_webhook_needs_a_fresh_proof() {
    let mut app = app().await;
    // An on-premises receiver: no name to resolve, and its range allowed.
    let on_premises = vec!["127.0.0.0/8".parse().unwrap()];
    app.portico = app
        .portico
        .clone()
        .with_outbound_policy(server::outbound::OutboundPolicy::allowing(on_premises));
    let admin = app.administrator().await;
    let form = || {
        WebhookForm {
            url: "http://127.0.0.1:9/portico".into(),
            secret: "a shared secret of some length".into(),
            user_registered: "on".into(),
            ..Default::default()
        }
        .validate()
        .unwrap()
    };
    let t = later();
    let refused = app.portico.add_webhook_at(&admin, form(), t).await.unwrap();
    assert!(asks_to_confirm_first(&refused), "{refused:?}");
    assert_eq!(app.count(webhook_endpoint::Entity).await, 0);

    confirm(&app, &admin, t).await;
    let added = app.portico.add_webhook_at(&admin, form(), t).await.unwrap();
    assert!(matches!(added, ActionOutcome::Done { .. }), "{added:?}");
    assert_eq!(app.count(webhook_endpoint::Entity).await, 1);
}

#[tokio::test]
async fn deleting_a_person_needs_a_fresh_proof() {
    let app = app().await;
    let admin = app.administrator().await;
    app.register_verified("ada@example.com").await;
    let ada = app.person("ada@example.com").await;
    let form = AdminDeletionForm {
        person: ada.id.to_string(),
        reason: "Asked by phone".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    let t = later();
    let refused = app
        .portico
        .delete_person_at(&admin, form.clone(), t)
        .await
        .unwrap();
    assert!(asks_to_confirm_first(&refused), "{refused:?}");
    assert!(user::Entity::find_by_id(ada.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .is_some());

    confirm(&app, &admin, t).await;
    let deleted = app.portico.delete_person_at(&admin, form, t).await.unwrap();
    assert!(matches!(deleted, ActionOutcome::Done { .. }), "{deleted:?}");
    assert!(user::Entity::find_by_id(ada.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn disabling_a_login_needs_a_fresh_proof_from_an_administrator_or_a_customer_administrator() {
    let app = app().await;
    let acme = acme(&app).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    let admin = app.administrator().await;
    let dan = app.person("dan@acme.example").await;
    assert_eq!(dan.status, UserStatus::Active);
    let t = later();
    let disable = ContactChangeForm {
        contact: dan.id.to_string(),
        change: ContactChange::DisableLogin.form_value().into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    let by_customer_admin = app
        .portico
        .change_contact_at(&carol, disable.clone(), t)
        .await
        .unwrap();
    assert!(
        asks_to_confirm_first(&by_customer_admin),
        "{by_customer_admin:?}"
    );
    let by_admin = app
        .portico
        .switch_login_at(&admin, dan.id, false, t)
        .await
        .unwrap();
    assert!(asks_to_confirm_first(&by_admin), "{by_admin:?}");
    assert_eq!(
        app.person("dan@acme.example").await.status,
        UserStatus::Active
    );

    confirm(&app, &carol, t).await;
    let disabled = app
        .portico
        .change_contact_at(&carol, disable, t)
        .await
        .unwrap();
    assert!(
        matches!(disabled, ActionOutcome::Done { .. }),
        "{disabled:?}"
    );
    // Enabling it again weakens nothing: no proof needed.
    let enabled = app
        .portico
        .switch_login_at(&admin, dan.id, true, t)
        .await
        .unwrap();
    assert!(matches!(enabled, ActionOutcome::Done { .. }), "{enabled:?}");
    confirm(&app, &admin, t).await;
    let disabled = app
        .portico
        .switch_login_at(&admin, dan.id, false, t)
        .await
        .unwrap();
    assert!(
        matches!(disabled, ActionOutcome::Done { .. }),
        "{disabled:?}"
    );
    assert_eq!(
        app.person("dan@acme.example").await.status,
        UserStatus::Disabled
    );
}
