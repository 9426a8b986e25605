//! The administration's records on a real SQLite database: a person's page, their login
//! switched off and on (with its audit rows), and the audit log's filters and pages.
use crate::common::app;

use app::api::{Access, ActionOutcome, AuditFilter};
use app::portal::Portal;
use chrono::Utc;
use server::db::entities::user::UserStatus;

#[tokio::test]
async fn an_administrator_disables_a_login_which_ends_its_sessions_and_enables_it_again() {
    let app = app().await;
    let admin = app.administrator().await;
    app.register_verified("ada@example.com").await;
    let ada = app.logged_in(Portal::Csp, "ada@example.com").await;
    let id = app.person("ada@example.com").await.id;

    let Access::Granted(Some(record)) = app.portico.person_record_at(&admin, id).await.unwrap()
    else {
        panic!("no person page");
    };
    assert_eq!(record.sessions.len(), 1);
    assert!(record.can_disable);
    assert!(record.history.iter().any(|e| e.action == "registered"));

    let disabled = app
        .portico
        .switch_login_at(&admin, id, false, Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(disabled, ActionOutcome::Done { .. }),
        "{disabled:?}"
    );
    assert_eq!(
        app.person("ada@example.com").await.status,
        UserStatus::Disabled
    );
    assert!(app.portico.session_person(&ada).await.unwrap().is_none());
    let again = app
        .portico
        .switch_login_at(&admin, id, false, Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(again, ActionOutcome::Rejected { .. }),
        "already disabled"
    );

    app.portico
        .switch_login_at(&admin, id, true, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        app.person("ada@example.com").await.status,
        UserStatus::Active
    );
    let Access::Granted(Some(record)) = app.portico.person_record_at(&admin, id).await.unwrap()
    else {
        panic!("no person page");
    };
    let actions: Vec<&str> = record.history.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"login disabled") && actions.contains(&"login enabled"),
        "{actions:?}"
    );

    // Not for anyone else, and not on oneself.
    assert!(matches!(
        app.portico
            .switch_login_at(&ada, id, false, Utc::now())
            .await
            .unwrap(),
        ActionOutcome::Rejected { .. }
    ));
    let own = app.person("admin@portico.example").await.id;
    assert!(matches!(
        app.portico
            .switch_login_at(&admin, own, false, Utc::now())
            .await
            .unwrap(),
        ActionOutcome::Rejected { .. }
    ));
}

#[tokio::test]
async fn the_audit_log_is_filtered_by_person_action_and_date() {
    let app = app().await;
    let admin = app.administrator().await;
    app.register_verified("ada@example.com").await;
    app.register_verified("bob@example.com").await;
    let filter = |person: &str, action: &str| AuditFilter {
        person: person.into(),
        action: action.into(),
        ..Default::default()
    };
    let Access::Granted(page) = app
        .portico
        .audit_entries_at(&admin, filter("ada@", ""))
        .await
        .unwrap()
    else {
        panic!("no audit page");
    };
    assert!(!page.entries.is_empty());
    assert!(page
        .entries
        .iter()
        .all(|e| e.actor.contains("ada@example.com")));

    let Access::Granted(page) = app
        .portico
        .audit_entries_at(&admin, filter("", "verified"))
        .await
        .unwrap()
    else {
        panic!("no audit page");
    };
    assert_eq!(page.entries.len(), 2);
    assert!(page.entries.iter().all(|e| e.action == "verified"));

    let Access::Granted(page) = app
        .portico
        .audit_entries_at(
            &admin,
            AuditFilter {
                to: "2020-01-01".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap()
    else {
        panic!("no audit page");
    };
    assert!(page.entries.is_empty(), "nothing before 2020");

    let Access::Granted(page) = app
        .portico
        .audit_entries_at(&admin, filter("nobody-like-this", ""))
        .await
        .unwrap()
    else {
        panic!("no audit page");
    };
    assert!(page.entries.is_empty());
    assert!(page.problem.unwrap().contains("No person matches"));

    let ada = app.logged_in(Portal::Csp, "ada@example.com").await;
    assert_eq!(
        app.portico
            .audit_entries_at(&ada, AuditFilter::default())
            .await
            .unwrap(),
        Access::Denied
    );
}
