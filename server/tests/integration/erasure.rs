//! Erasing a person on a real SQLite database: afterwards no table holds their addresses
//! (every one they had or asked for), their names, or their passkeys' names, whether in
//! their own rows, in emails to other people, in webhook deliveries, in attempt limits or
//! in the audit log's details. Every table and every column is searched.
use crate::common;

use app::api::{ActionOutcome, LogInOutcome, RegisterOutcome, TokenStatus};
use app::forms::business::{ContactChange, Decision, ValidContactChange, ValidDecision};
use app::forms::invitations::{InvitationChange, InvitationForm, ValidInvitationChange};
use app::forms::leaving::{DeleteAccountForm, ValidAdminDeletion};
use app::forms::NormalizedEmail;
use app::portal::Portal;
use chrono::{DateTime, Duration, Utc};
use common::{app, client, log_in_form, TestApp, CLIENT, PASSWORD};
use lettre::message::Mailbox;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    Statement,
};
use server::db::entities::outbox::OutboxState;
use server::db::entities::{
    audit_entry, invitation, passkey, registration_request, webhook_delivery, webhook_endpoint,
};
use server::mail::outbox::{DeliveryWorker, OutboxSignal};
use tower_sessions::Session;

const ACME_CODE: &str = "ACME-7K2Q-9XPW";
const ZELDA: (&str, &str) = ("Zelda", "Quuxley");
const FIRST: &str = "zelda.first@elsewhere.example";
const SECOND: &str = "zelda.second@elsewhere.example";
const THIRD: &str = "zelda.third@elsewhere.example";
const ASKED: &str = "zelda.asked@elsewhere.example";

/// Every row of every table, as text, that mentions `needle` (case-insensitive).
async fn rows_mentioning(app: &TestApp, needle: &str) -> Vec<String> {
    let db = &app.db.conn;
    let backend = db.get_database_backend();
    let tables = db
        .query_all(Statement::from_string(
            backend,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        ))
        .await
        .unwrap();
    let mut found = Vec::new();
    for table in tables {
        let table: String = table.try_get("", "name").unwrap();
        let columns = db
            .query_all(Statement::from_string(
                backend,
                format!("PRAGMA table_info(\"{table}\")"),
            ))
            .await
            .unwrap();
        for column in columns {
            let column: String = column.try_get("", "name").unwrap();
            let hits = db
                .query_all(Statement::from_sql_and_values(
                    backend,
                    format!(
                        "SELECT CAST(\"{column}\" AS TEXT) AS value FROM \"{table}\" WHERE LOWER(CAST(\"{column}\" AS TEXT)) LIKE ?"
                    ),
                    [format!("%{}%", needle.to_lowercase()).into()],
                ))
                .await
                .unwrap();
            for hit in hits {
                let value: String = hit.try_get("", "value").unwrap_or_default();
                found.push(format!("{table}.{column}: {value}"));
            }
        }
    }
    found
}

/// Every event goes to a webhook: its deliveries hold people's data too.
async fn webhook_for_every_event(app: &TestApp) {
    webhook_endpoint::ActiveModel {
        url: Set("http://127.0.0.1:9/hooks".into()),
        events: Set(
            "user.registered,user.verified,registration.approved,registration.rejected,\
             contact.invited,user.deleted"
                .into(),
        ),
        secret: Set("a shared secret of some length".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
}

async fn invite(
    app: &TestApp,
    by: &Session,
    email: &str,
    (first, last): (&str, &str),
    at: DateTime<Utc>,
) {
    let form = InvitationForm {
        account: String::new(),
        first_name: first.into(),
        last_name: last.into(),
        email: email.into(),
        role: "member".into(),
    }
    .validate()
    .unwrap();
    let outcome = app.portico.invite_contact_at(by, form, at).await.unwrap();
    assert!(matches!(outcome, ActionOutcome::Done { .. }), "{outcome:?}");
}

/// Registers a business contact of Acme and verifies the address: their request waits
/// for a customer administrator. Returns the request's id.
async fn contact_awaiting_approval(app: &TestApp, email: &str, name: (&str, &str)) -> i32 {
    let now = Utc::now();
    let form = app.registration_named(email, ACME_CODE, name, now);
    let outcome = app
        .portico
        .register_at(CLIENT, Portal::Csm, form, now)
        .await
        .unwrap();
    assert!(
        matches!(outcome, RegisterOutcome::Registered { .. }),
        "{outcome:?}"
    );
    let token = app.token_emailed_to(email).await;
    app.portico.verify_email_at(&token, now).await.unwrap();
    let id = app.person(email).await.id;
    registration_request::Entity::find()
        .filter(registration_request::Column::UserId.eq(id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the request")
        .id
}

/// Sends every due email through an SMTP server that accepts everything.
async fn send_due_emails(app: &TestApp) {
    let sink = common::smtp_sink::SmtpSink::start().await;
    let from: Mailbox = "Portico <no-reply@localhost>".parse().unwrap();
    let worker = DeliveryWorker::new(
        app.db.conn.clone(),
        &sink.url(),
        from,
        OutboxSignal::default(),
    )
    .unwrap();
    assert!(worker.deliver_due().await.unwrap() > 0);
}

/// Two passkeys named as a person names them: the row holds the name.
async fn passkey_named(app: &TestApp, person: i32, name: &str) -> i32 {
    passkey::ActiveModel {
        user_id: Set(person),
        credential_id: Set(format!("credential-{name}")),
        name: Set(name.into()),
        passkey: Set("{}".into()),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap()
    .id
}

async fn change_address(app: &TestApp, session: &Session, to: &str, at: DateTime<Utc>) {
    let address = NormalizedEmail::parse(to).unwrap();
    let asked = app
        .portico
        .request_email_change_at(session, address, at)
        .await
        .unwrap();
    assert!(matches!(asked, ActionOutcome::Done { .. }), "{asked:?}");
}

fn deletion() -> app::forms::leaving::ValidDeletion {
    DeleteAccountForm {
        current_password: PASSWORD.into(),
    }
    .validate()
    .unwrap()
}

#[tokio::test]
async fn a_deletion_that_fell_due_leaves_no_personal_data_in_any_table() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    webhook_for_every_event(&app).await;
    let now = Utc::now();
    // Carol once invited the first address, then withdrew the invitation.
    invite(&app, &carol, FIRST, ZELDA, now).await;
    let withdrawn = invitation::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let change = ValidInvitationChange {
        invitation: withdrawn.id,
        change: InvitationChange::Revoke,
    };
    app.portico
        .change_invitation_at(&carol, change, now)
        .await
        .unwrap();
    // Zelda registers with Acme's code; Carol is asked, approves her and makes her a
    // customer administrator.
    let request = contact_awaiting_approval(&app, FIRST, ZELDA).await;
    let approve = ValidDecision {
        request,
        decision: Decision::Approve,
    };
    let approved = app
        .portico
        .decide_request_at(&carol, approve, now)
        .await
        .unwrap();
    assert!(
        matches!(approved, ActionOutcome::Done { .. }),
        "{approved:?}"
    );
    let id = app.person(FIRST).await.id;
    let promote = ValidContactChange {
        contact: id,
        change: ContactChange::MakeCustomerAdmin,
    };
    app.portico
        .change_contact_at(&carol, promote, now)
        .await
        .unwrap();
    // A wrong password under the first address: its attempt limit is kept by address.
    let wrong = log_in_form(FIRST, "a wrong password here");
    let failed = app
        .portico
        .log_in_at(&app.new_session(), &client(), Portal::Csm, wrong, now)
        .await
        .unwrap();
    assert!(matches!(failed, LogInOutcome::Rejected { .. }));
    // She invites Ivy: the email names her as its sender, and it goes out.
    let zelda = app.logged_in(Portal::Csm, FIRST).await;
    invite(
        &app,
        &zelda,
        "ivy@elsewhere.example",
        ("Ivy", "Invited"),
        Utc::now(),
    )
    .await;
    send_due_emails(&app).await;

    // Then, minute by minute (each emailed link has its own minute):
    let mut at = Utc::now();
    let mut next = || {
        at += Duration::minutes(1);
        at
    };
    // two named passkeys, one of which she removes (its name goes into an email and
    // the audit log);
    passkey_named(&app, id, "Quasar Key").await;
    let removed = passkey_named(&app, id, "Nebula Key").await;
    let outcome = app
        .portico
        .remove_passkey_at(&zelda, removed, next())
        .await
        .unwrap();
    assert!(matches!(outcome, ActionOutcome::Done { .. }), "{outcome:?}");
    // her address changes twice, and a third change is never confirmed;
    for address in [SECOND, THIRD] {
        change_address(&app, &zelda, address, next()).await;
        let token = app.token_emailed_to(address).await;
        let confirmed = app
            .portico
            .confirm_email_change_at(&token, next())
            .await
            .unwrap();
        assert!(
            matches!(confirmed, TokenStatus::Verified(_)),
            "{confirmed:?}"
        );
    }
    change_address(&app, &zelda, ASKED, next()).await;
    // a second invitation of hers still waits to be sent;
    invite(
        &app,
        &zelda,
        "jude@elsewhere.example",
        ("Jude", "Invited"),
        next(),
    )
    .await;
    // and she deletes her account.
    let deleted = app
        .portico
        .delete_account_at(&zelda, deletion(), next())
        .await
        .unwrap();
    assert!(matches!(deleted, ActionOutcome::Done { .. }), "{deleted:?}");

    let hers = [
        FIRST,
        SECOND,
        THIRD,
        ASKED,
        "Zelda",
        "Quuxley",
        "Quasar Key",
        "Nebula Key",
    ];
    for needle in hers {
        assert!(
            !rows_mentioning(&app, needle).await.is_empty(),
            "the test sees {needle}"
        );
    }
    let due = at + Duration::days(7) + Duration::minutes(1);
    assert_eq!(app.portico.erase_due_deletions(due).await.unwrap(), 1);
    for needle in hers {
        assert_eq!(
            rows_mentioning(&app, needle).await,
            Vec::<String>::new(),
            "{needle}"
        );
    }

    let entries = audit_entry::Entity::find().all(&app.db.conn).await.unwrap();
    assert!(entries
        .iter()
        .all(|e| e.actor_id != Some(id) && e.subject_id != Some(id)));
    let erased = entries
        .iter()
        .find(|e| e.action == "account_deleted")
        .expect("the fact");
    assert_eq!(erased.account_id, Some(acme.id));
    let mut told: Vec<_> = webhook_delivery::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.event)
        .collect();
    told.sort();
    assert_eq!(
        told,
        ["contact.invited", "contact.invited", "user.deleted"],
        "Ivy's and Jude's invitations, and the deletion by id"
    );
    // Ivy's invitation was sent: that stays known, without its words. Jude's, never
    // sent, would still name her: it is gone (the invitation itself can be resent).
    let to_ivy = app.emails_to("ivy@elsewhere.example").await;
    assert_eq!(to_ivy.len(), 1);
    assert_eq!(to_ivy[0].state, OutboxState::Sent);
    assert!(app.emails_to("jude@elsewhere.example").await.is_empty());

    // Her addresses are free again.
    for address in [FIRST, THIRD] {
        let registered = app.register(address).await;
        assert!(
            matches!(registered, RegisterOutcome::Registered { .. }),
            "{registered:?}"
        );
    }
}

#[tokio::test]
async fn rows_written_after_an_address_changed_hands_stay_with_its_new_owner() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let ada = app.logged_in(Portal::Csp, "ada@example.com").await;
    let now = Utc::now();
    change_address(&app, &ada, "ada.new@example.com", now).await;
    let token = app.token_emailed_to("ada.new@example.com").await;
    app.portico
        .confirm_email_change_at(&token, now)
        .await
        .unwrap();
    // Bob registers the address Ada left, and mistypes his password once.
    let later = now + Duration::minutes(1);
    let form = app.registration_named("ada@example.com", "", ("Bob", "Brown"), later);
    app.portico
        .register_at(CLIENT, Portal::Csp, form, later)
        .await
        .unwrap();
    let wrong = log_in_form("ada@example.com", "a wrong password here");
    app.portico
        .log_in_at(&app.new_session(), &client(), Portal::Csp, wrong, later)
        .await
        .unwrap();
    let deleted = app
        .portico
        .delete_account_at(&ada, deletion(), later)
        .await
        .unwrap();
    assert!(matches!(deleted, ActionOutcome::Done { .. }), "{deleted:?}");

    let due = later + Duration::days(7) + Duration::minutes(1);
    assert_eq!(app.portico.erase_due_deletions(due).await.unwrap(), 1);
    assert_eq!(
        rows_mentioning(&app, "Lovelace").await,
        Vec::<String>::new()
    );
    let to_bob = app.emails_to("ada@example.com").await;
    assert_eq!(to_bob.len(), 1, "Bob's verification email stays");
    assert!(to_bob[0].text_body.contains("Bob"));
    let limits = app
        .db
        .conn
        .query_all(Statement::from_string(
            app.db.conn.get_database_backend(),
            "SELECT subject FROM attempt_limits WHERE subject = 'ada@example.com'",
        ))
        .await
        .unwrap();
    assert_eq!(limits.len(), 1, "Bob's attempt stays counted");
}

#[tokio::test]
async fn an_expired_registration_replaced_by_a_new_one_leaves_nothing_of_the_first() {
    let app = app().await;
    webhook_for_every_event(&app).await;
    let then = Utc::now() - Duration::days(2);
    let first = app.registration_named("again@example.com", "", ("Olga", "Oldfield"), then);
    app.portico
        .register_at(CLIENT, Portal::Csp, first, then)
        .await
        .unwrap();
    let old = app.person("again@example.com").await.id;

    let registered = app.register("again@example.com").await;
    assert!(
        matches!(registered, RegisterOutcome::Registered { .. }),
        "{registered:?}"
    );
    assert_ne!(app.person("again@example.com").await.id, old);
    for needle in ["Olga", "Oldfield"] {
        assert_eq!(
            rows_mentioning(&app, needle).await,
            Vec::<String>::new(),
            "{needle}"
        );
    }
    let entries = audit_entry::Entity::find().all(&app.db.conn).await.unwrap();
    assert!(entries
        .iter()
        .all(|e| e.actor_id != Some(old) && e.subject_id != Some(old)));
    assert!(entries.iter().any(|e| e.action == "account_deleted"));
    let deliveries = webhook_delivery::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    assert!(
        deliveries
            .iter()
            .any(|d| d.event == "user.deleted" && d.payload.contains(&format!("\"user\":{old}"))),
        "other systems hear that the first registration is gone"
    );
}

#[tokio::test]
async fn erasing_a_rejected_contact_removes_the_reason_given_for_the_rejection() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    let request =
        contact_awaiting_approval(&app, "quentin@elsewhere.example", ("Quentin", "Quimby")).await;
    let reject = ValidDecision {
        request,
        decision: Decision::Reject {
            reason: Some("Mr Quimby does not work for us".into()),
        },
    };
    let rejected = app
        .portico
        .decide_request_at(&carol, reject, Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(rejected, ActionOutcome::Done { .. }),
        "{rejected:?}"
    );
    assert!(!rows_mentioning(&app, "does not work for us")
        .await
        .is_empty());

    let admin = app.administrator().await;
    let person = app.person("quentin@elsewhere.example").await.id;
    let deletion = ValidAdminDeletion {
        person,
        reason: "Asked by phone".into(),
    };
    let deleted = app
        .portico
        .delete_person_at(&admin, deletion, Utc::now())
        .await
        .unwrap();
    assert!(matches!(deleted, ActionOutcome::Done { .. }), "{deleted:?}");
    for needle in ["Quimby", "does not work for us"] {
        assert_eq!(
            rows_mentioning(&app, needle).await,
            Vec::<String>::new(),
            "{needle}"
        );
    }
}
