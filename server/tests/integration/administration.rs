//! The administration's lists on a real SQLite database: searched and paged on the
//! server, and a company chosen by name or code where there are too many to list.
use crate::common::app;

use app::api::{Access, ActionOutcome, PER_PAGE};
use app::forms::business::{CompanyChoice, PendingDecision, ValidPendingDecision};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use server::db::entities::user::{self, UserKind, UserRole, UserStatus};

/// `count` consumers, inserted directly (hashing a password each would take minutes).
async fn consumers(app: &crate::common::TestApp, count: usize) {
    let now = Utc::now();
    for n in 0..count {
        user::ActiveModel {
            kind: Set(UserKind::Consumer),
            email: Set(format!("person{n:03}@example.com")),
            email_normalized: Set(format!("person{n:03}@example.com")),
            first_name: Set(format!("First{n:03}")),
            last_name: Set("Person".into()),
            password_hash: Set("not a hash".into()),
            status: Set(UserStatus::Active),
            created_at: Set(now),
            updated_at: Set(now),
            role: Set(UserRole::Member),
            ..Default::default()
        }
        .insert(&app.db.conn)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn people_are_searched_and_paged_on_the_server() {
    let app = app().await;
    let admin = app.administrator().await;
    consumers(&app, 120).await;
    let Access::Granted(first) = app
        .portico
        .people_at(&admin, String::new(), 0)
        .await
        .unwrap()
    else {
        panic!("no people page");
    };
    assert_eq!(first.people.len() as u64, PER_PAGE);
    assert!(first.more);
    let Access::Granted(last) = app
        .portico
        .people_at(&admin, String::new(), 2)
        .await
        .unwrap()
    else {
        panic!("no people page");
    };
    assert_eq!(
        last.people.len(),
        121 - 2 * PER_PAGE as usize,
        "120 and the administrator"
    );
    assert!(!last.more);
    let Access::Granted(found) = app
        .portico
        .people_at(&admin, "ON07".into(), 0)
        .await
        .unwrap()
    else {
        panic!("no people page");
    };
    let emails: Vec<&str> = found.people.iter().map(|p| p.email.as_str()).collect();
    assert_eq!(emails.len(), 10, "person070 to person079: {emails:?}");
    assert!(emails.iter().all(|e| e.starts_with("person07")));
}

#[tokio::test]
async fn companies_are_searched_by_name_or_code_and_paged() {
    let app = app().await;
    let admin = app.administrator().await;
    for n in 0..60 {
        server::services::admin::accounts::insert_account(
            &app.db.conn,
            &format!("Company {n:02}"),
            &[],
            false,
            Utc::now(),
        )
        .await
        .unwrap();
    }
    app.company("Acme Supplies", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let Access::Granted(page) = app
        .portico
        .accounts_at(&admin, String::new(), 0)
        .await
        .unwrap()
    else {
        panic!("no accounts page");
    };
    assert_eq!(page.accounts.len() as u64, PER_PAGE);
    assert!(page.listing.more);
    assert_eq!(page.accounts[0].name, "Acme Supplies", "by name");
    let Access::Granted(found) = app
        .portico
        .accounts_at(&admin, "acme-7k2q".into(), 0)
        .await
        .unwrap()
    else {
        panic!("no accounts page");
    };
    assert_eq!(found.accounts.len(), 1);
    assert_eq!(found.accounts[0].name, "Acme Supplies");
}

#[tokio::test]
async fn a_pending_request_is_assigned_to_a_company_typed_by_code_or_name() {
    let app = app().await;
    let admin = app.administrator().await;
    let acme = app
        .company("Acme Supplies", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    app.contact("dan@elsewhere.example", "").await;
    app.contact("eve@elsewhere.example", "").await;
    let Access::Granted(pending) = app
        .portico
        .pending_requests_at(&admin, "dan@".into(), 0)
        .await
        .unwrap()
    else {
        panic!("no pending page");
    };
    assert_eq!(pending.requests.len(), 1, "searched by address");
    let dan = pending.requests[0].id;
    let typed = |request: i32, typed: &str| ValidPendingDecision {
        request,
        decision: PendingDecision::Approve {
            account: CompanyChoice::Typed(typed.into()),
        },
    };
    let unknown = app
        .portico
        .settle_pending_at(&admin, typed(dan, "Initech"), Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(unknown, ActionOutcome::Rejected { .. }),
        "{unknown:?}"
    );
    let by_code = app
        .portico
        .settle_pending_at(&admin, typed(dan, "acme-7k2q-9xpw"), Utc::now())
        .await
        .unwrap();
    assert!(matches!(by_code, ActionOutcome::Done { .. }), "{by_code:?}");
    assert_eq!(
        app.person("dan@elsewhere.example").await.account_id,
        Some(acme.id)
    );

    let Access::Granted(pending) = app
        .portico
        .pending_requests_at(&admin, String::new(), 0)
        .await
        .unwrap()
    else {
        panic!("no pending page");
    };
    let by_name = app
        .portico
        .settle_pending_at(
            &admin,
            typed(pending.requests[0].id, "acme supplies"),
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(matches!(by_name, ActionOutcome::Done { .. }), "{by_name:?}");
    assert_eq!(
        app.person("eve@elsewhere.example").await.account_id,
        Some(acme.id)
    );
}
