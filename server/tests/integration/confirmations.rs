//! No destructive click without a second look: the first post of each destructive action
//! (as a browser without JavaScript sends it) does nothing and shows a confirmation that
//! names who or what is affected by address; only the confirmed post acts. Against the
//! real server binary, with the data written beside it into its database.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use server::db::entities::registration_request::{self, RequestState};
use server::db::entities::user::{self, UserStatus};
use server::db::entities::{invitation, recovery_code, webhook_endpoint};

use crate::common::browser::{create_admin, Browser, ADMIN};
use crate::common::server_process::ServerProcess;
use crate::common::{app_on, TestApp};

const ACME_CODE: &str = "ACME-7K2Q-9XPW";
const CAROL: &str = "carol@acme.example";

/// The server, its database open beside it, and a browser logged in as `who`
/// ([`ADMIN`], or [`CAROL`], Acme's customer administrator).
struct Site {
    _dir: tempfile::TempDir,
    _server: ServerProcess,
    app: TestApp,
    browser: Browser,
}

async fn site(who: &str) -> Site {
    let dir = tempfile::tempdir().unwrap();
    // Administrators without a second factor, as in the demo data.
    let server = ServerProcess::start(dir.path(), &[("ADMIN_TWO_FACTOR", "false")]).await;
    create_admin(dir.path());
    let app = app_on(&format!(
        "sqlite://{}/portico.db?mode=rwc",
        dir.path().display()
    ))
    .await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", true).await;
    app.customer_admin(CAROL, &acme).await;
    let mut browser = Browser::new(&server.base);
    let status = if who == ADMIN {
        browser.log_in().await
    } else {
        browser.log_in_as(who).await
    };
    assert_eq!(status, 303, "{who} logs in");
    Site {
        _dir: dir,
        _server: server,
        app,
        browser,
    }
}

/// The confirmation step of a page, which must be there.
fn confirmation(body: &str) -> &str {
    let start = body
        .find(r#"id="confirm-step""#)
        .unwrap_or_else(|| panic!("no confirmation step in:\n{body}"));
    let end = body[start..].find("</section>").expect("the step's end");
    &body[start..start + end]
}

/// Asks for a confirmation naming `email`, whose Confirm button posts `confirmed`.
fn asks_about(body: &str, email: &str) {
    let step = confirmation(body);
    assert!(step.contains(email), "the step names {email}:\n{step}");
    assert!(
        step.contains(r#"name="form[confirmed]" value="yes""#),
        "{step}"
    );
}

fn confirmed<'a>(fields: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = fields.to_vec();
    fields.push(("form[confirmed]", "yes"));
    fields
}

async fn status_of(app: &TestApp, email: &str) -> Option<UserStatus> {
    user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email))
        .one(&app.db.conn)
        .await
        .unwrap()
        .map(|u| u.status)
}

async fn request_of(app: &TestApp, email: &str) -> registration_request::Model {
    let person = app.person(email).await;
    registration_request::Entity::find()
        .filter(registration_request::Column::UserId.eq(person.id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("a registration request")
}

#[tokio::test]
async fn deleting_a_person_asks_first_naming_their_address_and_only_the_confirmed_post_deletes() {
    let mut site = site(ADMIN).await;
    site.app.register_verified("ada@example.com").await;
    let id = site.app.person("ada@example.com").await.id.to_string();
    let fields = [
        ("intent", "delete"),
        ("form[person]", id.as_str()),
        ("form[reason]", "Asked by phone"),
    ];

    let (status, body) = site.browser.post_page("/admin/people", &fields).await;
    assert_eq!(status, 200);
    asks_about(&body, "ada@example.com");
    assert!(
        confirmation(&body).contains("Asked by phone"),
        "the reason is kept"
    );
    assert_eq!(
        status_of(&site.app, "ada@example.com").await,
        Some(UserStatus::Active),
        "the first post deletes nothing"
    );

    let (status, _) = site
        .browser
        .post_page("/admin/people", &confirmed(&fields))
        .await;
    assert_eq!(status, 200);
    assert_eq!(status_of(&site.app, "ada@example.com").await, None);
}

#[tokio::test]
async fn an_administrator_has_no_delete_button_on_their_own_row_and_cannot_delete_themselves() {
    let mut site = site(ADMIN).await;
    site.app.register_verified("ada@example.com").await;
    let (_, list) = site.browser.get_page("/admin/people").await;
    assert!(
        list.contains("Delete account now: ada@example.com"),
        "{list}"
    );
    assert!(
        !list.contains(&format!("Delete account now: {ADMIN}")),
        "{list}"
    );

    let own = site.app.person(ADMIN).await.id.to_string();
    let fields = [
        ("intent", "delete"),
        ("form[person]", own.as_str()),
        ("form[reason]", "Leaving"),
    ];
    let (status, body) = site
        .browser
        .post_page("/admin/people", &confirmed(&fields))
        .await;
    assert_eq!(status, 422, "refused");
    assert!(
        body.contains("You cannot delete your own account here"),
        "{body}"
    );
    assert_eq!(status_of(&site.app, ADMIN).await, Some(UserStatus::Active));
}

#[tokio::test]
async fn resetting_second_factors_asks_first_naming_the_address() {
    let mut site = site(ADMIN).await;
    site.app.register_verified("ada@example.com").await;
    let ada = site.app.person("ada@example.com").await;
    recovery_code::ActiveModel {
        user_id: Set(ada.id),
        code_hash: Set("not a real hash".into()),
        created_at: Set(Utc::now()),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&site.app.db.conn)
    .await
    .unwrap();
    let id = ada.id.to_string();
    let fields = [
        ("intent", "factors"),
        ("form[person]", id.as_str()),
        ("form[identity_checked]", "on"),
    ];
    let codes = || async {
        recovery_code::Entity::find()
            .filter(recovery_code::Column::UserId.eq(ada.id))
            .all(&site.app.db.conn)
            .await
            .unwrap()
            .len()
    };

    let (status, body) = site.browser.post_page("/admin/people", &fields).await;
    assert_eq!(status, 200);
    asks_about(&body, "ada@example.com");
    assert_eq!(codes().await, 1, "the first post resets nothing");

    let (status, _) = site
        .browser
        .post_page("/admin/people", &confirmed(&fields))
        .await;
    assert_eq!(status, 200);
    assert_eq!(codes().await, 0);
}

#[tokio::test]
async fn disabling_a_login_asks_first_on_the_persons_page() {
    let mut site = site(ADMIN).await;
    site.app.register_verified("ada@example.com").await;
    let id = site.app.person("ada@example.com").await.id.to_string();
    let page = format!("/admin/people/{id}");
    let fields = [("form[person]", id.as_str()), ("form[change]", "disable")];

    let (status, body) = site.browser.post_page(&page, &fields).await;
    assert_eq!(status, 200);
    asks_about(&body, "ada@example.com");
    assert_eq!(
        status_of(&site.app, "ada@example.com").await,
        Some(UserStatus::Active)
    );

    site.browser.post_page(&page, &confirmed(&fields)).await;
    assert_eq!(
        status_of(&site.app, "ada@example.com").await,
        Some(UserStatus::Disabled)
    );
}

#[tokio::test]
async fn removing_a_webhook_asks_first_naming_its_address() {
    let mut site = site(ADMIN).await;
    let endpoint = webhook_endpoint::ActiveModel {
        url: Set("https://hooks.example.com/portico".into()),
        events: Set("user_registered".into()),
        secret: Set("a secret of some length".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&site.app.db.conn)
    .await
    .unwrap();
    let id = endpoint.id.to_string();
    let fields = [("intent", "remove"), ("form[endpoint]", id.as_str())];
    let endpoints = || async {
        webhook_endpoint::Entity::find()
            .all(&site.app.db.conn)
            .await
            .unwrap()
            .len()
    };

    let (status, body) = site.browser.post_page("/admin/webhooks", &fields).await;
    assert_eq!(status, 200);
    asks_about(&body, "https://hooks.example.com/portico");
    assert_eq!(endpoints().await, 1, "the first post removes nothing");

    site.browser
        .post_page("/admin/webhooks", &confirmed(&fields))
        .await;
    assert_eq!(endpoints().await, 0);
}

#[tokio::test]
async fn an_administrators_rejection_asks_first_and_a_search_finds_it_to_reopen() {
    let mut site = site(ADMIN).await;
    site.app.contact("zoe@nowhere.example", "").await;
    let id = request_of(&site.app, "zoe@nowhere.example")
        .await
        .id
        .to_string();
    let fields = [
        ("form[request]", id.as_str()),
        ("form[account]", ""),
        ("form[decision]", "reject"),
        ("form[reason]", ""),
    ];

    let (status, body) = site.browser.post_page("/admin/pending", &fields).await;
    assert_eq!(status, 200);
    asks_about(&body, "zoe@nowhere.example");
    let request = request_of(&site.app, "zoe@nowhere.example").await;
    assert_eq!(request.state, RequestState::AwaitingAccount);

    site.browser
        .post_page("/admin/pending", &confirmed(&fields))
        .await;
    let request = request_of(&site.app, "zoe@nowhere.example").await;
    assert_eq!(request.state, RequestState::Rejected);

    let (_, found) = site.browser.get_page("/admin/pending?q=zoe").await;
    assert!(
        found.contains("Reopen the registration of zoe@nowhere.example"),
        "{found}"
    );
    let reopen = [("form[request]", id.as_str()), ("form[decision]", "reopen")];
    let (status, _) = site.browser.post_page("/admin/pending", &reopen).await;
    assert_eq!(status, 200);
    let request = request_of(&site.app, "zoe@nowhere.example").await;
    assert_eq!(request.state, RequestState::AwaitingAccount);
    assert_eq!(
        status_of(&site.app, "zoe@nowhere.example").await,
        Some(UserStatus::PendingApproval)
    );
}

#[tokio::test]
async fn a_customer_administrators_rejection_asks_first_and_can_be_reopened() {
    let mut site = site(CAROL).await;
    // Outside Acme's domain: it waits for Carol.
    site.app.contact("erin@elsewhere.example", ACME_CODE).await;
    let id = request_of(&site.app, "erin@elsewhere.example")
        .await
        .id
        .to_string();
    let fields = [
        ("form[request]", id.as_str()),
        ("form[decision]", "reject"),
        ("form[reason]", "Not one of ours"),
    ];

    let (status, body) = site.browser.post_page("/csm/approvals", &fields).await;
    assert_eq!(status, 200);
    asks_about(&body, "erin@elsewhere.example");
    let request = request_of(&site.app, "erin@elsewhere.example").await;
    assert_eq!(request.state, RequestState::AwaitingApproval);

    let (_, body) = site
        .browser
        .post_page("/csm/approvals", &confirmed(&fields))
        .await;
    assert!(
        body.contains("Reopen the registration of erin@elsewhere.example"),
        "{body}"
    );
    let request = request_of(&site.app, "erin@elsewhere.example").await;
    assert_eq!(request.state, RequestState::Rejected);

    let reopen = [("form[request]", id.as_str()), ("form[decision]", "reopen")];
    site.browser.post_page("/csm/approvals", &reopen).await;
    let request = request_of(&site.app, "erin@elsewhere.example").await;
    assert_eq!(request.state, RequestState::AwaitingApproval);
    assert_eq!(request.reason, None, "the old decision's reason is gone");
}

#[tokio::test]
async fn disabling_a_contact_and_revoking_an_invitation_ask_first() {
    let mut site = site(CAROL).await;
    site.app.contact("dan@acme.example", ACME_CODE).await;
    let dan = site.app.person("dan@acme.example").await.id.to_string();
    let disable = [
        ("intent", "contact"),
        ("form[contact]", dan.as_str()),
        ("form[change]", "disable"),
    ];
    let (status, body) = site.browser.post_page("/csm/contacts", &disable).await;
    assert_eq!(status, 200);
    asks_about(&body, "dan@acme.example");
    assert_eq!(
        status_of(&site.app, "dan@acme.example").await,
        Some(UserStatus::Active)
    );
    site.browser
        .post_page("/csm/contacts", &confirmed(&disable))
        .await;
    assert_eq!(
        status_of(&site.app, "dan@acme.example").await,
        Some(UserStatus::Disabled)
    );

    let invite = [
        ("intent", "invite"),
        ("form[first_name]", "Ivy"),
        ("form[last_name]", "Invited"),
        ("form[email]", "ivy@acme.example"),
        ("form[role]", "member"),
    ];
    site.browser.post_page("/csm/contacts", &invite).await;
    let ivy = invitation::Entity::find()
        .one(&site.app.db.conn)
        .await
        .unwrap()
        .expect("an invitation");
    let id = ivy.id.to_string();
    let revoke = [
        ("intent", "invitation"),
        ("form[invitation]", id.as_str()),
        ("form[change]", "revoke"),
    ];
    let (status, body) = site.browser.post_page("/csm/contacts", &revoke).await;
    assert_eq!(status, 200);
    asks_about(&body, "ivy@acme.example");
    let open = || async {
        invitation::Entity::find_by_id(ivy.id)
            .one(&site.app.db.conn)
            .await
            .unwrap()
            .expect("the invitation")
            .revoked_at
            .is_none()
    };
    assert!(open().await, "the first post revokes nothing");
    site.browser
        .post_page("/csm/contacts", &confirmed(&revoke))
        .await;
    assert!(!open().await);
}

#[tokio::test]
async fn a_rejection_is_reopened_only_by_whoever_decided_it_and_the_audit_log_says_who() {
    use app::forms::business::{Decision, PendingDecision, ValidDecision, ValidPendingDecision};
    use server::db::entities::audit_entry;

    let app = crate::common::app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", true).await;
    let globex = app
        .company("Globex", "GBXN-4RTV-8HZM", "globex.example", true)
        .await;
    let carol = app.customer_admin(CAROL, &acme).await;
    let gina = app.customer_admin("gina@globex.example", &globex).await;
    let admin = app.administrator().await;
    app.contact("erin@elsewhere.example", ACME_CODE).await;
    let request = request_of(&app, "erin@elsewhere.example").await.id;
    let decide = |decision| ValidDecision { request, decision };
    let rejected = app
        .portico
        .decide_request_at(
            &carol,
            decide(Decision::Reject { reason: None }),
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(matches!(rejected, app::api::ActionOutcome::Done { .. }));

    // Neither another company's customer administrator nor the staff reopen Acme's.
    let other = app
        .portico
        .decide_request_at(&gina, decide(Decision::Reopen), Utc::now())
        .await
        .unwrap();
    assert!(matches!(other, app::api::ActionOutcome::Rejected { .. }));
    let staff = ValidPendingDecision {
        request,
        decision: PendingDecision::Reopen,
    };
    let staff = app
        .portico
        .settle_pending_at(&admin, staff, Utc::now())
        .await
        .unwrap();
    assert!(matches!(staff, app::api::ActionOutcome::Rejected { .. }));
    assert_eq!(
        request_of(&app, "erin@elsewhere.example").await.state,
        RequestState::Rejected
    );

    let reopened = app
        .portico
        .decide_request_at(&carol, decide(Decision::Reopen), Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(reopened, app::api::ActionOutcome::Done { .. }),
        "{reopened:?}"
    );
    assert_eq!(
        request_of(&app, "erin@elsewhere.example").await.state,
        RequestState::AwaitingApproval
    );
    assert_eq!(
        status_of(&app, "erin@elsewhere.example").await,
        Some(UserStatus::PendingApproval)
    );
    let erin = app.person("erin@elsewhere.example").await;
    let carol_id = app.person(CAROL).await.id;
    let entry = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("reopened"))
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the reopening is audited");
    assert_eq!(entry.actor_id, Some(carol_id));
    assert_eq!(entry.subject_id, Some(erin.id));

    // Reopened, the request is decided again as any other.
    let approved = app
        .portico
        .decide_request_at(&carol, decide(Decision::Approve), Utc::now())
        .await
        .unwrap();
    assert!(matches!(approved, app::api::ActionOutcome::Done { .. }));
}
