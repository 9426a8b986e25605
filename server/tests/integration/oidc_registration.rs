//! Issue 22: a person without an account registers from an app's log-in, verifies their
//! address and comes back to the app — as a browser without JavaScript against the real
//! server, the verification link opened in another browser.
use chrono::{Duration, Utc};
use sea_orm::EntityTrait;
use server::db::entities::oidc_pending_authorization as pending;
use server::services::support::app_clients::{self, AppPortal, NewApp};
use tempfile::TempDir;

use crate::common::browser::Browser;
use crate::common::server_process::ServerProcess;
use crate::common::{app_on, TestApp, PASSWORD};

const REDIRECT: &str = "https://app.example/callback";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const GRACE: &str = "grace@example.com";

struct Site {
    server: ServerProcess,
    seeds: TestApp,
    _dir: TempDir,
}

async fn site() -> (Site, String) {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let seeds = app_on(&format!("sqlite://{}/portico.db", dir.path().display())).await;
    let app = NewApp {
        name: "Ledger".into(),
        description: None,
        redirect_uris: vec![REDIRECT.into()],
        post_logout_redirect_uris: vec![],
        backchannel_logout_uri: None,
        initiate_login_uri: None,
        portal: AppPortal::Csp,
        public: true,
        first_party: true,
    };
    let client_id = app_clients::register(&seeds.db.conn, app, Utc::now())
        .await
        .unwrap()
        .client_id;
    let site = Site {
        server,
        seeds,
        _dir: dir,
    };
    (site, client_id)
}

/// The app sends the browser to Portico; the log-in page it lands on.
async fn log_in_page_from_app(browser: &mut Browser, client_id: &str) -> String {
    let redirect: String = url::form_urlencoded::byte_serialize(REDIRECT.as_bytes()).collect();
    let authorize = format!(
        "/oidc/authorize?response_type=code&client_id={client_id}&redirect_uri={redirect}\
         &scope=openid%20email&state=xyz&code_challenge={CHALLENGE}&code_challenge_method=S256"
    );
    assert_eq!(browser.get(&authorize).await, 303);
    browser.location.clone().expect("the log-in page")
}

fn resume_of(log_in_page: &str) -> String {
    let next = log_in_page.split("next=").nth(1).expect("a next");
    next.replace("%2F", "/")
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).expect(start) + start.len();
    let to = text[from..].find(end).expect(end) + from;
    &text[from..to]
}

/// Fills in the registration form on the page the browser is at, as a person without
/// JavaScript does (the Security Code's question answered), and sends it with the page's
/// own hidden fields; the answer's status.
async fn register_on_page(browser: &mut Browser, email: &str) -> u16 {
    let page = browser.body.clone();
    let token = between(&page, "name=\"form[captcha_token]\" value=\"", "\"");
    let answer: u32 = between(&page, "What is ", "?")
        .split(" plus ")
        .filter_map(|n| n.parse::<u32>().ok())
        .sum();
    let answer = answer.to_string();
    let mut fields = vec![
        ("form[first_name]", "Grace"),
        ("form[last_name]", "Hopper"),
        ("form[email]", email),
        ("form[password]", PASSWORD),
        ("form[confirm_password]", PASSWORD),
        ("form[security_code]", "on"),
        ("form[captcha_token]", token),
        ("form[captcha_answer]", &answer),
        ("form[consent]", "on"),
    ];
    let next = page
        .contains("name=\"form[next]\"")
        .then(|| between(&page, "name=\"form[next]\" value=\"", "\"").to_owned());
    if let Some(next) = &next {
        fields.push(("form[next]", next));
    }
    browser.post("/csp/register", &fields).await
}

/// The path of the link in the newest email to `email`.
async fn emailed_link(seeds: &TestApp, email: &str) -> String {
    let emails = seeds.emails_to(email).await;
    let body = &emails.last().expect("an email").text_body;
    let from = body.find("/csp/verify?").expect("a verification link");
    body[from..].split_whitespace().next().unwrap().to_owned()
}

async fn expiry(seeds: &TestApp) -> chrono::DateTime<Utc> {
    pending::Entity::find()
        .one(&seeds.db.conn)
        .await
        .unwrap()
        .expect("a waiting authorization")
        .expires_at
}

#[tokio::test]
async fn a_person_registers_from_an_apps_log_in_and_comes_back_to_the_app_after_verifying() {
    let (site, client_id) = site().await;
    let mut browser = Browser::new(&site.server.base);
    let log_in_page = log_in_page_from_app(&mut browser, &client_id).await;
    let resume = resume_of(&log_in_page);
    assert_eq!(browser.get(&log_in_page).await, 200);
    let register = format!("/csp/register?next={resume}");
    assert!(browser.body.contains(&format!("href=\"{register}\"")));

    assert_eq!(browser.get(&register).await, 200);
    assert!(browser
        .body
        .contains(&format!("href=\"/csp/log-in?next={resume}\"")));
    let before = Utc::now();
    assert_eq!(register_on_page(&mut browser, GRACE).await, 303);
    // The app's sign-in waits as long as the verification link lives.
    assert!(expiry(&site.seeds).await > before + Duration::hours(23));

    // The email is opened in another browser.
    let link = emailed_link(&site.seeds, GRACE).await;
    assert!(link.ends_with(&format!("&next={resume}")), "{link}");
    let mut other = Browser::new(&site.server.base);
    assert_eq!(other.get(&link).await, 200);
    let token = between(&other.body, "name=\"form[token]\" value=\"", "\"").to_owned();
    let fields = [
        ("form[token]", token.as_str()),
        ("form[next]", resume.as_str()),
    ];
    assert_eq!(other.post("/csp/verify", &fields).await, 303);
    let verified = other.location.clone().expect("the verified page");
    assert_eq!(other.get(&verified).await, 200);
    let log_in = format!("/csp/log-in?next={resume}");
    assert!(
        other.body.contains(&format!("href=\"{log_in}\"")),
        "{}",
        other.body
    );

    assert_eq!(other.get(&log_in).await, 200);
    let fields = [
        ("form[email]", GRACE),
        ("form[password]", PASSWORD),
        ("form[next]", resume.as_str()),
    ];
    assert_eq!(other.post("/csp/log-in", &fields).await, 303);
    assert_eq!(other.location.as_deref(), Some(resume.as_str()));
    assert_eq!(other.get(&resume).await, 200);
    let to_app = between(&other.body, "content=\"0; url=", "\"").replace("&amp;", "&");
    assert!(to_app.starts_with(&format!("{REDIRECT}?code=")), "{to_app}");
    assert!(to_app.contains("state=xyz"), "{to_app}");
}

#[tokio::test]
async fn registering_from_an_apps_log_in_keeps_its_sign_in_waiting_a_day_not_half_an_hour() {
    let (site, client_id) = site().await;
    let mut browser = Browser::new(&site.server.base);
    let resume = resume_of(&log_in_page_from_app(&mut browser, &client_id).await);
    let asked = Utc::now();
    assert!(expiry(&site.seeds).await < asked + Duration::hours(1));
    assert_eq!(
        browser.get(&format!("/csp/register?next={resume}")).await,
        200
    );
    assert_eq!(register_on_page(&mut browser, GRACE).await, 303);
    let expires = expiry(&site.seeds).await;
    assert!(expires > asked + Duration::hours(23), "{expires}");
    assert!(expires <= Utc::now() + Duration::hours(24), "{expires}");
}

#[tokio::test]
async fn a_next_that_resumes_no_apps_sign_in_is_not_carried_through_registration() {
    let (site, _) = site().await;
    let mut browser = Browser::new(&site.server.base);
    for next in [
        "/csp/profile",
        "//evil.example/oidc/authorize/resume/x",
        "https://evil.example/",
    ] {
        let encoded: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
        assert_eq!(
            browser.get(&format!("/csp/log-in?next={encoded}")).await,
            200
        );
        assert!(browser.body.contains("href=\"/csp/register\""), "{next}");
        assert_eq!(
            browser.get(&format!("/csp/register?next={encoded}")).await,
            200
        );
        assert!(!browser.body.contains("name=\"form[next]\""), "{next}");
    }
    // Posted anyway, it is dropped: the link leads to nothing but the verification.
    assert_eq!(browser.get("/csp/register").await, 200);
    let page = browser.body.clone();
    browser.body = page.replace(
        "name=\"form[consent]\"",
        "name=\"form[next]\" value=\"//evil.example/\" x=\"\" name=\"form[consent]\"",
    );
    assert_eq!(register_on_page(&mut browser, GRACE).await, 303);
    let link = emailed_link(&site.seeds, GRACE).await;
    assert!(!link.contains("next="), "{link}");
}

#[tokio::test]
async fn an_unknown_apps_sign_in_is_not_carried_into_the_verification_link() {
    let (site, _) = site().await;
    let mut browser = Browser::new(&site.server.base);
    assert_eq!(
        browser
            .get("/csp/register?next=/oidc/authorize/resume/unknown")
            .await,
        200
    );
    assert_eq!(register_on_page(&mut browser, GRACE).await, 303);
    let link = emailed_link(&site.seeds, GRACE).await;
    assert!(!link.contains("next="), "{link}");
}

#[tokio::test]
async fn the_consumer_log_in_of_an_apps_sign_in_links_to_the_business_portal_keeping_it() {
    let (site, client_id) = site().await;
    let mut browser = Browser::new(&site.server.base);
    let log_in_page = log_in_page_from_app(&mut browser, &client_id).await;
    let resume = resume_of(&log_in_page);
    assert_eq!(browser.get(&log_in_page).await, 200);
    assert!(browser
        .body
        .contains(&format!("href=\"/csm/log-in?next={resume}\"")));
    assert_eq!(browser.get("/csp/log-in").await, 200);
    assert!(!browser.body.contains("href=\"/csm/log-in"));
}
