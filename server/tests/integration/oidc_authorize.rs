//! Issue 22: the authorization endpoint, as an app's user meets it in a browser without
//! JavaScript against the real server: which requests never leave Portico, which errors
//! go back to the app, single sign-on, the log-in round trip, consent.
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveEnum, ColumnTrait, EntityTrait, QueryFilter};
use server::db::entities::{oidc_code, oidc_grant, oidc_pending_authorization, user};
use server::services::support::app_clients::{self, AppPortal, NewApp};
use tempfile::TempDir;

use crate::common::browser::Browser;
use crate::common::server_process::ServerProcess;
use crate::common::{app_on, TestApp, PASSWORD};

const REDIRECT: &str = "https://app.example/callback";
/// A well-formed S256 challenge (43 base64url characters).
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const ADA: &str = "ada@example.com";

struct Site {
    server: ServerProcess,
    seeds: TestApp,
    _dir: TempDir,
}

async fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let seeds = app_on(&format!("sqlite://{}/portico.db", dir.path().display())).await;
    seeds.register_verified(ADA).await;
    Site {
        server,
        seeds,
        _dir: dir,
    }
}

impl Site {
    /// Registers an app whose only redirect URI is [`REDIRECT`]; its client id.
    async fn app(&self, first_party: bool, portal: AppPortal) -> String {
        let app = NewApp {
            name: "Ledger".into(),
            description: Some("Invoices and payments".into()),
            redirect_uris: vec![REDIRECT.into()],
            post_logout_redirect_uris: vec![],
            backchannel_logout_uri: None,
            initiate_login_uri: None,
            portal,
            public: true,
            first_party,
        };
        app_clients::register(&self.seeds.db.conn, app, Utc::now())
            .await
            .unwrap()
            .client_id
    }

    fn browser(&self) -> Browser {
        Browser::new(&self.server.base)
    }

    /// A browser logged in to the consumer portal as [`ADA`].
    async fn logged_in(&self) -> Browser {
        let mut browser = self.browser();
        assert_eq!(log_in(&mut browser, "").await, 303);
        browser
    }

    async fn codes(&self) -> usize {
        oidc_code::Entity::find()
            .all(&self.seeds.db.conn)
            .await
            .unwrap()
            .len()
    }

    async fn set_status(&self, status: user::UserStatus) {
        user::Entity::update_many()
            .col_expr(user::Column::Status, Expr::value(status.to_value()))
            .filter(user::Column::EmailNormalized.eq(ADA))
            .exec(&self.seeds.db.conn)
            .await
            .unwrap();
    }
}

async fn log_in(browser: &mut Browser, next: &str) -> u16 {
    let fields = [
        ("form[email]", ADA),
        ("form[password]", PASSWORD),
        ("form[next]", next),
    ];
    browser.post("/csp/log-in", &fields).await
}

fn encoded(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// A good request of `client_id` to [`REDIRECT`], with `extra` parameters appended.
fn authorize(client_id: &str, extra: &str) -> String {
    format!(
        "/oidc/authorize?response_type=code&client_id={client_id}&redirect_uri={}\
         &scope=openid%20email&state=xyz&code_challenge={CHALLENGE}\
         &code_challenge_method=S256{extra}",
        encoded(REDIRECT)
    )
}

/// The query of an address the browser was sent to at the app.
fn at_app(location: Option<&str>) -> HashMap<String, String> {
    let location = location.expect("a redirect");
    let query = location
        .strip_prefix(&format!("{REDIRECT}?"))
        .unwrap_or_else(|| panic!("not back at the app: {location}"));
    url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Where the last answer sent the browser: its redirect, or the page that goes on by
/// itself after a form (a redirect there would break the form's `form-action 'self'`).
fn sent_to(browser: &Browser) -> Option<String> {
    if browser.location.is_some() {
        return browser.location.clone();
    }
    let marker = "http-equiv=\"refresh\" content=\"0; url=";
    let from = browser.body.find(marker)? + marker.len();
    let to = browser.body[from..].find('"')? + from;
    Some(browser.body[from..to].replace("&amp;", "&"))
}

fn error_at_app(browser: &Browser, site: &Site, error: &str) {
    let query = at_app(sent_to(browser).as_deref());
    assert_eq!(
        query.get("error").map(String::as_str),
        Some(error),
        "{query:?}"
    );
    assert!(!query.contains_key("code"));
    assert_eq!(query.get("state").map(String::as_str), Some("xyz"));
    assert_eq!(query.get("iss"), Some(&site.server.base));
}

fn code_at_app(browser: &Browser, site: &Site) -> String {
    let query = at_app(sent_to(browser).as_deref());
    assert_eq!(query.get("state").map(String::as_str), Some("xyz"));
    assert_eq!(query.get("iss"), Some(&site.server.base));
    query.get("code").expect("a code").clone()
}

fn is_log_in_page(location: Option<&str>) -> bool {
    location.is_some_and(|l| l.starts_with("/csp/log-in?next=%2Foidc%2Fauthorize%2Fresume%2F"))
}

#[tokio::test]
async fn a_redirect_uri_not_registered_byte_for_byte_gets_an_error_page_and_no_redirect() {
    let site = site().await;
    let client_id = site.app(true, AppPortal::Both).await;
    let mut browser = site.logged_in().await;
    let attacks = [
        "https://app.example/callback/more",
        "https://app.example/callback/..;/evil",
        "https://app.example/callback/%2e%2e/evil",
        "https://app.example/%2e%2e/callback",
        "https://app.example%40evil.example/callback",
        "https://app.example%25@evil.example/callback",
        "https://evil.example@app.example/callback",
        "http://app.example/callback",
        "https://app.example:8443/callback",
        "https://APP.example/callback",
        "https://app.example/callback/",
        "https://app.example/callback?x=1",
        "https://app.example/callback#fragment",
        "",
    ];
    for attack in attacks {
        let path = format!(
            "/oidc/authorize?response_type=code&client_id={client_id}&redirect_uri={}\
             &scope=openid&state=xyz&code_challenge={CHALLENGE}&code_challenge_method=S256",
            encoded(attack)
        );
        assert_eq!(browser.get(&path).await, 400, "{attack}");
        assert_eq!(browser.location, None, "{attack}");
        assert!(browser.body.contains("not registered"), "{attack}");
    }
    // In the person's language (a browser without a session: the browser's).
    let path = authorize(&client_id, "").replace("callback", "callback%2F");
    let (status, location, body) = site.browser().get_in(&path, "de").await;
    assert_eq!((status, location.as_str()), (400, ""));
    assert!(body.contains("nicht registriert"), "{body}");
    assert_eq!(site.codes().await, 0);
}

#[tokio::test]
async fn an_unknown_or_missing_app_gets_no_redirect_whatever_its_redirect_uri() {
    let site = site().await;
    let client_id = site.app(true, AppPortal::Both).await;
    let mut browser = site.logged_in().await;
    let repeated = authorize(&client_id, &format!("&client_id={client_id}"));
    for path in [
        authorize("unknown-app", ""),
        authorize("", ""),
        authorize(&client_id, "").replace(&format!("client_id={client_id}"), "x=1"),
        repeated,
    ] {
        assert_eq!(browser.get(&path).await, 400, "{path}");
        assert_eq!(browser.location, None, "{path}");
    }
}

#[tokio::test]
async fn nothing_malformed_answers_a_server_error() {
    let site = site().await;
    let client_id = site.app(true, AppPortal::Both).await;
    let mut browser = site.browser();
    let long = "a".repeat(5000);
    let many: String = (0..100).map(|n| format!("&p{n}=1")).collect();
    for path in [
        "/oidc/authorize".to_owned(),
        "/oidc/authorize?%zz=%ff%fe".to_owned(),
        format!("/oidc/authorize?client_id=%ff{client_id}"),
        authorize(&client_id, &format!("&nonce={long}")),
        authorize(&client_id, &many),
        authorize(&client_id, "&max_age=-1"),
        authorize(&client_id, "&max_age=99999999999999999999999"),
        "/oidc/authorize/resume/nonsense".to_owned(),
        format!("/oidc/authorize/resume/{long}"),
        "/oidc/consent/nonsense".to_owned(),
    ] {
        let status = browser.get(&path).await;
        assert!((300..500).contains(&status), "{path}: {status}");
    }
}

#[tokio::test]
async fn once_the_app_and_address_are_known_errors_go_back_to_the_app() {
    let site = site().await;
    let client_id = site.app(true, AppPortal::Both).await;
    let mut browser = site.logged_in().await;
    let cases = [
        (
            authorize(&client_id, "").replace("response_type=code", "response_type=token"),
            "unsupported_response_type",
        ),
        (
            authorize(&client_id, "").replace("openid%20email", "email"),
            "invalid_scope",
        ),
        (
            authorize(&client_id, "").replace("S256", "plain"),
            "invalid_request",
        ),
        (
            authorize(&client_id, "").replace(&format!("&code_challenge={CHALLENGE}"), ""),
            "invalid_request",
        ),
        (
            authorize(&client_id, "&request=eyJ"),
            "request_not_supported",
        ),
        (
            authorize(&client_id, "&request_uri=https%3A%2F%2Fx"),
            "request_uri_not_supported",
        ),
        (
            authorize(&client_id, "&prompt=none%20login"),
            "invalid_request",
        ),
        (authorize(&client_id, "&nonce=1&nonce=2"), "invalid_request"),
    ];
    for (path, error) in cases {
        assert_eq!(browser.get(&path).await, 303, "{path}");
        error_at_app(&browser, &site, error);
    }
    assert_eq!(site.codes().await, 0);
}

#[tokio::test]
async fn prompt_none_without_a_session_answers_login_required_with_iss_and_state() {
    let site = site().await;
    let client_id = site.app(true, AppPortal::Both).await;
    let mut browser = site.browser();
    assert_eq!(
        browser.get(&authorize(&client_id, "&prompt=none")).await,
        303
    );
    error_at_app(&browser, &site, "login_required");
}

#[tokio::test]
async fn the_whole_flow_without_javascript_goes_log_in_resume_code() {
    let site = site().await;
    let client_id = site.app(true, AppPortal::Csp).await;
    let mut browser = site.browser();
    assert_eq!(browser.get(&authorize(&client_id, "&nonce=n-1")).await, 303);
    let log_in_page = browser.location.clone().unwrap();
    assert!(is_log_in_page(Some(&log_in_page)), "{log_in_page}");
    let next = log_in_page
        .split("next=")
        .nth(1)
        .unwrap()
        .replace("%2F", "/");
    assert_eq!(browser.get(&log_in_page).await, 200);
    assert!(
        browser.body.contains(&format!("value=\"{next}\"")),
        "the form keeps next"
    );

    assert_eq!(log_in(&mut browser, &next).await, 303);
    assert_eq!(browser.location.as_deref(), Some(next.as_str()));
    assert_eq!(
        browser.get(&next).await,
        200,
        "a page, not a redirect, after the log-in form"
    );
    code_at_app(&browser, &site);
    let grant = oidc_grant::Entity::find()
        .one(&site.seeds.db.conn)
        .await
        .unwrap()
        .expect("a grant");
    assert_eq!(grant.user_id, site.seeds.person(ADA).await.id);
    assert_eq!(grant.nonce.as_deref(), Some("n-1"));
    assert_eq!(grant.scope, "openid email");
    assert_eq!(grant.amr, "pwd");
    assert!(grant.sid.is_some());

    // The waiting authorization is used up.
    assert_eq!(browser.get(&next).await, 400);
    assert_eq!(site.codes().await, 1);
}

#[tokio::test]
async fn a_session_signs_in_to_a_first_party_app_at_once() {
    let site = site().await;
    let client_id = site.app(true, AppPortal::Csp).await;
    let mut browser = site.logged_in().await;
    assert_eq!(browser.get(&authorize(&client_id, "")).await, 303);
    code_at_app(&browser, &site);
    assert_eq!(
        browser.get(&authorize(&client_id, "&prompt=none")).await,
        303
    );
    code_at_app(&browser, &site);
    assert_eq!(site.codes().await, 2);
}

#[tokio::test]
async fn prompt_login_and_max_age_ask_for_a_new_log_in() {
    let site = site().await;
    let client_id = site.app(true, AppPortal::Csp).await;
    let mut browser = site.logged_in().await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    for extra in ["&prompt=login", "&max_age=0"] {
        assert_eq!(browser.get(&authorize(&client_id, extra)).await, 303);
        assert!(is_log_in_page(browser.location.as_deref()), "{extra}");
    }
    assert_eq!(
        browser
            .get(&authorize(&client_id, "&max_age=0&prompt=none"))
            .await,
        303
    );
    error_at_app(&browser, &site, "login_required");
    assert_eq!(site.codes().await, 0);

    // Logging in again answers prompt=login.
    browser.get(&authorize(&client_id, "&prompt=login")).await;
    let next = browser.location.clone().unwrap();
    let next = next.split("next=").nth(1).unwrap().replace("%2F", "/");
    assert_eq!(log_in(&mut browser, &next).await, 303);
    assert_eq!(
        browser.get(&next).await,
        200,
        "a page, not a redirect, after the log-in form"
    );
    code_at_app(&browser, &site);
}

#[tokio::test]
async fn people_who_may_not_use_the_app_get_no_code() {
    let site = site().await;
    // A consumer and a business app: refused once they are known.
    let business_app = site.app(true, AppPortal::Csm).await;
    let mut browser = site.logged_in().await;
    assert_eq!(browser.get(&authorize(&business_app, "")).await, 303);
    error_at_app(&browser, &site, "access_denied");

    let client_id = site.app(true, AppPortal::Both).await;
    use user::UserStatus::*;
    for status in [Disabled, PendingApproval, Unverified, Rejected] {
        site.set_status(status).await;
        assert_eq!(browser.get(&authorize(&client_id, "")).await, 303);
        assert!(is_log_in_page(browser.location.as_deref()), "{status:?}");
        assert_eq!(
            browser.get(&authorize(&client_id, "&prompt=none")).await,
            303
        );
        error_at_app(&browser, &site, "login_required");
    }
    site.set_status(Active).await;
    user::Entity::delete_many()
        .filter(user::Column::EmailNormalized.eq(ADA))
        .exec(&site.seeds.db.conn)
        .await
        .unwrap();
    assert_eq!(
        browser.get(&authorize(&client_id, "&prompt=none")).await,
        303
    );
    error_at_app(&browser, &site, "login_required");
    assert_eq!(site.codes().await, 0);
}

#[tokio::test]
async fn a_third_party_app_asks_for_consent_once_and_again_with_prompt_consent() {
    let site = site().await;
    let client_id = site.app(false, AppPortal::Csp).await;
    let mut browser = site.logged_in().await;
    assert_eq!(
        browser.get(&authorize(&client_id, "&prompt=none")).await,
        303
    );
    error_at_app(&browser, &site, "consent_required");

    assert_eq!(browser.get(&authorize(&client_id, "")).await, 303);
    let consent = browser.location.clone().unwrap();
    assert!(consent.starts_with("/oidc/consent/"), "{consent}");
    assert_eq!(browser.get(&consent).await, 200);
    assert!(browser.body.contains("Ledger") && browser.body.contains("Invoices and payments"));
    assert!(browser.body.contains("your email address"));
    assert!(browser.body.contains(">Allow<") && browser.body.contains(">Cancel<"));
    assert_eq!(site.codes().await, 0);

    assert_eq!(browser.post(&consent, &[("decision", "allow")]).await, 200);
    code_at_app(&browser, &site);
    // Remembered: no question the next time.
    assert_eq!(browser.get(&authorize(&client_id, "")).await, 303);
    code_at_app(&browser, &site);

    // prompt=consent asks again; "Cancel" tells the app.
    assert_eq!(
        browser.get(&authorize(&client_id, "&prompt=consent")).await,
        303
    );
    let consent = browser.location.clone().unwrap();
    assert!(consent.starts_with("/oidc/consent/"), "{consent}");
    // In the person's language: Ada, now German-speaking, in a second browser.
    user::Entity::update_many()
        .col_expr(user::Column::PreferredLanguage, Expr::value("de"))
        .filter(user::Column::EmailNormalized.eq(ADA))
        .exec(&site.seeds.db.conn)
        .await
        .unwrap();
    let (status, page) = site.logged_in().await.get_page(&consent).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(">Zulassen<") && page.contains(">Abbrechen<"),
        "{page}"
    );

    assert_eq!(browser.post(&consent, &[("decision", "cancel")]).await, 200);
    error_at_app(&browser, &site, "access_denied");
    assert_eq!(site.codes().await, 2);
}

#[tokio::test]
async fn authorizations_nobody_came_back_to_are_swept_once_expired() {
    let site = site().await;
    let client_id = site.app(true, AppPortal::Csp).await;
    assert_eq!(site.browser().get(&authorize(&client_id, "")).await, 303);
    let waiting = || async {
        oidc_pending_authorization::Entity::find()
            .all(&site.seeds.db.conn)
            .await
            .unwrap()
            .len()
    };
    let month = chrono::Duration::days(30);
    server::janitor::sweep(&site.seeds.db.conn, Utc::now(), month).await;
    assert_eq!(waiting().await, 1);
    let later = Utc::now() + chrono::Duration::minutes(31);
    server::janitor::sweep(&site.seeds.db.conn, later, month).await;
    assert_eq!(waiting().await, 0);
}

#[tokio::test]
async fn login_hint_fills_the_log_in_form_and_ui_locales_chooses_its_language() {
    let site = site().await;
    let client_id = site.app(true, AppPortal::Csp).await;
    let mut browser = site.browser();
    let path = authorize(&client_id, &format!("&login_hint={}", encoded(ADA)));
    assert_eq!(browser.get(&path).await, 303);
    let log_in_page = browser.location.clone().unwrap();
    assert!(
        !log_in_page.contains("ada"),
        "no address in a URL: {log_in_page}"
    );
    assert_eq!(browser.get(&log_in_page).await, 200);
    assert!(
        browser.body.contains(&format!("value=\"{ADA}\"")),
        "{}",
        browser.body
    );

    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let answer = http
        .get(
            site.server
                .url(&authorize(&client_id, "&ui_locales=fr%20de-CH")),
        )
        .send()
        .await
        .unwrap();
    let cookies: Vec<_> = answer.headers().get_all("set-cookie").iter().collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("lang=de")),
        "{cookies:?}"
    );
}
