//! What a person meets between steps (issue 20): where a registration stands when its
//! owner logs in before the decision or after a "no"; the address carried from one step
//! to the next (never in a URL); and what a signed-in person's home says.
use app::api::{AccountState, CompanyAdmin, HomeRole, LogInOutcome};
use app::portal::Portal;
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::db::entities::registration_request;
use server::db::entities::user;

use crate::common::browser::Browser;
use crate::common::server_process::ServerProcess;
use crate::common::{app, app_on, client, log_in_form, TestApp, PASSWORD};

const ACME_CODE: &str = "ACME-7K2Q-9XPW";

/// Logs in at the business portal with a right password that meets an undecided or
/// rejected registration: the status page is next, nobody is logged in, and this is
/// what it shows.
pub async fn status_after_log_in(app: &TestApp, email: &str) -> AccountState {
    let session = app.new_session();
    let outcome = app
        .portico
        .log_in_at(
            &session,
            &client(),
            Portal::Csm,
            log_in_form(email, PASSWORD),
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(
        outcome,
        LogInOutcome::Status {
            to: "/csm/account-status".into()
        }
    );
    assert_eq!(app.portico.session_user(&session).await.unwrap(), None);
    app.portico
        .account_status_at(&session)
        .await
        .unwrap()
        .expect("a status")
        .state
}

async fn request_id(app: &TestApp, email: &str) -> i32 {
    let person = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    registration_request::Entity::find()
        .filter(registration_request::Column::UserId.eq(person.id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn logging_in_before_approval_names_the_company_whose_administrators_decide() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    app.customer_admin("carol@acme.example", &acme).await;
    app.contact("ada@acme.example", ACME_CODE).await;

    assert_eq!(
        status_after_log_in(&app, "ada@acme.example").await,
        AccountState::AwaitingCompany {
            company: "Acme".into()
        }
    );
}

#[tokio::test]
async fn logging_in_before_approval_without_a_code_says_our_staff_find_the_company() {
    let app = app().await;
    app.contact("ada@acme.example", "").await;

    assert_eq!(
        status_after_log_in(&app, "ada@acme.example").await,
        AccountState::AwaitingStaff
    );
}

#[tokio::test]
async fn a_rejected_contact_logging_in_is_told_why_by_whom_and_not_to_register_again() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    app.contact("eve@acme.example", ACME_CODE).await;
    let request = request_id(&app, "eve@acme.example").await;
    let reject = app::forms::business::Decision::Reject {
        reason: Some("Not one of our staff".into()),
    };
    app.portico
        .decide_request_at(
            &carol,
            app::forms::business::ValidDecision {
                request,
                decision: reject,
            },
            Utc::now(),
        )
        .await
        .unwrap();

    assert_eq!(
        status_after_log_in(&app, "eve@acme.example").await,
        AccountState::Rejected {
            company: Some("Acme".into()),
            reason: Some("Not one of our staff".into()),
            may_register_again: false,
        }
    );
}

#[tokio::test]
async fn a_contact_rejected_by_our_staff_without_a_company_may_register_again() {
    let app = app().await;
    let admin = app.administrator().await;
    app.contact("mallory@spam.example", "").await;
    let request = request_id(&app, "mallory@spam.example").await;
    app.portico
        .settle_pending_at(
            &admin,
            app::forms::business::ValidPendingDecision {
                request,
                decision: app::forms::business::PendingDecision::Reject { reason: None },
            },
            Utc::now(),
        )
        .await
        .unwrap();

    assert_eq!(
        status_after_log_in(&app, "mallory@spam.example").await,
        AccountState::Rejected {
            company: None,
            reason: None,
            may_register_again: true,
        }
    );
}

#[tokio::test]
async fn a_contacts_home_names_the_company_and_its_customer_administrators() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", true).await;
    app.customer_admin("carol@acme.example", &acme).await;
    app.contact("ada@acme.example", ACME_CODE).await;
    let ada = app.logged_in(Portal::Csm, "ada@acme.example").await;

    let home = app.portico.home_at(&ada).await.unwrap().unwrap();

    assert_eq!(home.role, HomeRole::Contact);
    assert_eq!(home.company.as_deref(), Some("Acme"));
    assert_eq!(
        home.customer_admins,
        vec![CompanyAdmin {
            name: "Carol Jones".into(),
            email: "carol@acme.example".into()
        }]
    );
}

// Against the real server, as a browser without JavaScript: what the pages say, and
// that no address travels in a URL.

/// Registers at `portal` through its form (the Security Code's question answered);
/// the answer's status.
async fn register(browser: &mut Browser, portal: Portal, email: &str, code: &str) -> u16 {
    assert_eq!(browser.get(&portal.path("/register")).await, 200);
    let page = browser.body.clone();
    let token = between(&page, "name=\"form[captcha_token]\" value=\"", "\"");
    let question = between(&page, "What is ", "?");
    let answer: u32 = question
        .split(" plus ")
        .filter_map(|n| n.parse::<u32>().ok())
        .sum();
    let answer = answer.to_string();
    let mut fields = vec![
        ("form[first_name]", "Ada"),
        ("form[last_name]", "Lovelace"),
        ("form[email]", email),
        ("form[password]", PASSWORD),
        ("form[confirm_password]", PASSWORD),
        ("form[security_code]", "on"),
        ("form[captcha_token]", token),
        ("form[captcha_answer]", &answer),
        ("form[consent]", "on"),
    ];
    if portal == Portal::Csm {
        fields.push(("form[registration_code]", code));
    }
    browser.post(&portal.path("/register"), &fields).await
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).expect(start) + start.len();
    let to = text[from..].find(end).expect(end) + from;
    &text[from..to]
}

/// Uses the verification link emailed to `email` (read from the database).
async fn verify(browser: &mut Browser, seeds: &TestApp, portal: Portal, email: &str) -> u16 {
    let token = seeds.token_emailed_to(email).await;
    browser
        .post(&portal.path("/verify"), &[("form[token]", &token)])
        .await
}

fn assert_no_address_in(location: &Option<String>) {
    let location = location.as_deref().expect("a redirect");
    assert!(
        !location.contains("email=") && !location.contains('@'),
        "{location}"
    );
}

#[tokio::test]
async fn registering_and_verifying_carry_the_address_to_the_next_forms_never_in_a_url() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let seeds = app_on(&format!("sqlite://{}/portico.db", dir.path().display())).await;
    let mut browser = Browser::new(&server.base);

    assert_eq!(
        register(&mut browser, Portal::Csp, "ada@example.com", "").await,
        303
    );
    assert_no_address_in(&browser.location);
    assert_eq!(browser.location.as_deref(), Some("/csp/register/sent"));
    assert_eq!(browser.get("/csp/register/sent").await, 200);
    assert!(browser.body.contains("<strong>ada@example.com</strong>"));
    assert!(browser.body.contains("href=\"/csp/resend\""));
    assert_eq!(browser.get("/csp/resend").await, 200);
    assert!(browser.body.contains("value=\"ada@example.com\""));

    // Verified in another browser (the link opened on a phone): its log-in form starts
    // with the address just verified.
    let mut phone = Browser::new(&server.base);
    assert_eq!(
        verify(&mut phone, &seeds, Portal::Csp, "ada@example.com").await,
        303
    );
    assert_no_address_in(&phone.location);
    assert_eq!(phone.get("/csp/log-in").await, 200);
    assert!(
        phone.body.contains("value=\"ada@example.com\""),
        "prefilled: {}",
        phone.body
    );
    // A browser that carried nothing gets an empty form.
    assert_eq!(Browser::new(&server.base).get("/csp/log-in").await, 200);
}

#[tokio::test]
async fn a_business_registration_without_a_code_says_our_staff_decide_not_the_company() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let seeds = app_on(&format!("sqlite://{}/portico.db", dir.path().display())).await;
    let mut browser = Browser::new(&server.base);

    assert_eq!(
        register(&mut browser, Portal::Csm, "ada@acme.example", "").await,
        303
    );
    assert_no_address_in(&browser.location);
    browser.get("/csm/register/sent").await;
    assert!(browser.body.contains("our staff first find your company"));
    assert!(!browser.body.contains("customer administrator"));

    assert_eq!(
        verify(&mut browser, &seeds, Portal::Csm, "ada@acme.example").await,
        303
    );
    assert_no_address_in(&browser.location);
    browser.get(&browser.location.clone().unwrap()).await;
    assert!(browser.body.contains("our staff first find your company"));
    assert!(!browser.body.contains("customer administrator"));

    // Logging in before the decision: a calm page, not an error.
    let posted = browser
        .post(
            "/csm/log-in",
            &[
                ("form[email]", "ada@acme.example"),
                ("form[password]", PASSWORD),
                ("form[next]", ""),
            ],
        )
        .await;
    assert_eq!(posted, 303);
    assert_eq!(browser.location.as_deref(), Some("/csm/account-status"));
    assert_eq!(browser.get("/csm/account-status").await, 200);
    assert!(browser
        .body
        .contains("Your registration is waiting for approval"));
    assert!(browser.body.contains("our staff at Portico first find"));
    assert!(!browser.body.contains("There is a problem"));
    assert!(!browser.body.contains("role=\"alert\""));
}

#[tokio::test]
async fn the_status_page_names_the_company_whose_administrators_decide() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let seeds = app_on(&format!("sqlite://{}/portico.db", dir.path().display())).await;
    seeds
        .company("Acme", ACME_CODE, "acme.example", false)
        .await;
    seeds.contact("ada@acme.example", ACME_CODE).await;
    let mut browser = Browser::new(&server.base);

    browser
        .post(
            "/csm/log-in",
            &[
                ("form[email]", "ada@acme.example"),
                ("form[password]", PASSWORD),
                ("form[next]", ""),
            ],
        )
        .await;
    assert_eq!(browser.get("/csm/account-status").await, 200);
    assert!(browser
        .body
        .contains("Your request to join Acme is with its customer administrators"));
    assert!(!browser.body.contains("There is a problem"));
    // Nobody else's browser sees it.
    let mut other = Browser::new(&server.base);
    assert_eq!(other.get("/csm/account-status").await, 200);
    assert!(!other.body.contains("Acme"));
}

#[tokio::test]
async fn the_wrong_portal_offers_one_button_to_the_right_one_whose_form_has_the_address() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let seeds = app_on(&format!("sqlite://{}/portico.db", dir.path().display())).await;
    seeds.register_verified("ada@example.com").await;
    let mut browser = Browser::new(&server.base);

    let posted = browser
        .post(
            "/csm/log-in",
            &[
                ("form[email]", "ada@example.com"),
                ("form[password]", PASSWORD),
                ("form[next]", ""),
            ],
        )
        .await;

    assert_eq!(posted, 409);
    let button = between(&browser.body, "error-summary__action\" href=\"", "\"").to_owned();
    assert_eq!(button, "/csp/log-in");
    assert!(
        !browser.body.contains("at /csp/log-in"),
        "no path in the sentence"
    );
    assert_eq!(browser.get(&button).await, 200);
    assert!(browser.body.contains("value=\"ada@example.com\""));
    assert!(!browser.body.contains(PASSWORD), "never the password");
}

#[tokio::test]
async fn a_consumers_home_says_what_the_account_is_for_without_role_or_status() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let seeds = app_on(&format!("sqlite://{}/portico.db", dir.path().display())).await;
    seeds.register_verified("ada@example.com").await;
    let mut browser = Browser::new(&server.base);
    browser
        .post(
            "/csp/log-in",
            &[
                ("form[email]", "ada@example.com"),
                ("form[password]", PASSWORD),
                ("form[next]", ""),
            ],
        )
        .await;

    assert_eq!(browser.get("/csp").await, 200);
    assert!(browser.body.contains("you will sign in to our apps"));
    for internal in ["Role", "Status", "Consumer<"] {
        assert!(
            !browser.body.contains(internal),
            "{internal} on the consumer's home"
        );
    }
}
