//! Pages seen from outside, against the real server binary: a missing page keeps the
//! frame of where it was asked, the administration has its own log-in and shows nothing to
//! a visitor, the dev mailbox is styled and its emails count as delivered, and the audit
//! log speaks in words in both languages.
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::browser::{create_admin, Browser, ADMIN};
use crate::common::server_process::{sign_up, ServerProcess};
use crate::common::PASSWORD;

const ENGLISH: &str = "en";
/// The administrator logs in with a password alone (the second step has its own tests).
const ONE_FACTOR: (&str, &str) = ("ADMIN_TWO_FACTOR", "false");
const GERMAN: &str = "de-DE,de;q=0.9";

#[tokio::test]
async fn a_missing_page_in_a_portal_keeps_the_portals_header_footer_and_language_switch() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let mut browser = Browser::new(&server.base);
    for (path, portal, language, missing) in [
        (
            "/csp/no-such-page",
            "Consumer Service Portal",
            ENGLISH,
            "Page not found",
        ),
        (
            "/csm/no/such/page",
            "Customer Service Management portal",
            ENGLISH,
            "Page not found",
        ),
        (
            "/csp/no-such-page",
            "Serviceportal für Privatkunden",
            GERMAN,
            "Seite nicht gefunden",
        ),
    ] {
        let (status, _, page) = browser.get_in(path, language).await;
        assert_eq!(status, 404, "{path}");
        assert!(page.contains(missing), "{path}: {page}");
        assert!(page.contains(portal), "{path} names its portal");
        for part in ["site-header", "site-footer", "language-switcher"] {
            assert!(page.contains(part), "{path} has its {part}");
        }
    }

    let (status, _, page) = browser.get_in("/admin/no-such-page", ENGLISH).await;
    assert_eq!(status, 404);
    assert!(page.contains("Page not found") && page.contains("admin-header"));
    assert!(!page.contains("admin-header__nav"), "no menu for a visitor");
}

#[tokio::test]
async fn logged_out_the_administration_sends_to_its_own_log_in_and_shows_no_menu() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[ONE_FACTOR]).await;
    create_admin(dir.path());
    let mut browser = Browser::new(&server.base);
    for path in ["/admin", "/admin/people", "/admin/audit"] {
        let (status, to, page) = browser.get_in(path, ENGLISH).await;
        assert_eq!(status, 303, "{path}");
        assert_eq!(to, format!("/admin/log-in?next={path}"));
        assert!(!page.contains("admin-header__nav"), "{path}: no menu");
        assert!(!page.contains("Log out"), "{path}: no Log out");
    }

    let (status, _, page) = browser
        .get_in("/admin/log-in?next=/admin/people", ENGLISH)
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Log in to the administration"));
    assert!(page.contains(r#"action="/admin/log-in""#));
    assert!(
        page.contains(r#"value="/admin/people""#),
        "it goes back there"
    );
    assert!(
        page.contains(r#"data-passkeys="log-in""#),
        "a passkey log-in"
    );
    assert!(page.contains(r#"import("/passkeys.js")"#), "and its script");
    assert!(
        page.contains(r#"href="/csm/reset""#),
        "forgot your password"
    );
    assert!(!page.contains("admin-header__nav") && !page.contains("Log out"));

    let logged_in = browser
        .post(
            "/admin/log-in",
            &[
                ("form[email]", ADMIN),
                ("form[password]", PASSWORD),
                ("form[next]", "/admin/people"),
            ],
        )
        .await;
    assert_eq!(logged_in, 303);
    let (status, _, page) = browser.get_in("/admin/people", ENGLISH).await;
    assert_eq!(status, 200);
    assert!(page.contains("admin-header__nav") && page.contains("Log out"));
}

#[tokio::test]
async fn an_administrator_at_the_business_log_in_is_sent_on_with_the_address_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    create_admin(dir.path());
    let mut browser = Browser::new(&server.base);
    let fields = [
        ("form[email]", ADMIN),
        ("form[password]", PASSWORD),
        ("form[next]", ""),
    ];
    assert_eq!(browser.post("/csm/log-in", &fields).await, 409);
    let (_, _, page) = browser.get_in("/admin/log-in", ENGLISH).await;
    assert!(
        page.contains(&format!(r#"value="{ADMIN}""#)),
        "the address typed at the business log-in: {page}"
    );
}

/// A site root with the stylesheet under the hashed name cargo-leptos gives it, and the
/// hash file that names it; the settings that point the server at them.
fn built_site(dir: &Path) -> Vec<(&'static str, String)> {
    let pkg = dir.join("site/pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("portico.c0ffee.css"), "body { color: black }").unwrap();
    let hashes = dir.join("hash.txt");
    std::fs::write(&hashes, "wasm: 1\njs: 2\ncss: c0ffee\n").unwrap();
    vec![
        ("DEV_MAILBOX", "true".to_owned()),
        ("LEPTOS_OUTPUT_NAME", "portico".to_owned()),
        ("LEPTOS_SITE_ROOT", dir.join("site").display().to_string()),
        // An absolute name: the server looks for it beside its binary otherwise.
        ("LEPTOS_HASH_FILE_NAME", hashes.display().to_string()),
    ]
}

fn stylesheet_of(page: &str) -> String {
    let link = page
        .split("<link")
        .find(|tag| tag.contains(r#"rel="stylesheet""#))
        .expect("a stylesheet link");
    let from = link.find("href=\"").expect("its address") + "href=\"".len();
    link[from..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_dev_mailbox_links_the_sites_stylesheet_and_it_answers() {
    let dir = tempfile::tempdir().unwrap();
    let settings = built_site(dir.path());
    let settings: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let server = ServerProcess::start(dir.path(), &settings).await;
    let mut browser = Browser::new(&server.base);
    let (status, _, mailbox) = browser.get_in("/dev/mailbox", ENGLISH).await;
    assert_eq!(status, 200);
    let stylesheet = stylesheet_of(&mailbox);
    let (_, _, page) = browser.get_in("/csp/log-in", ENGLISH).await;
    assert_eq!(
        stylesheet,
        stylesheet_of(&page),
        "the pages' own stylesheet"
    );
    let (status, _, css) = browser.get_in(&stylesheet, ENGLISH).await;
    assert_eq!(status, 200, "{stylesheet}");
    assert_eq!(css, "body { color: black }");
}

#[tokio::test]
async fn emails_delivered_to_the_dev_mailbox_are_not_listed_as_waiting_in_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[("DEV_MAILBOX", "true"), ONE_FACTOR]).await;
    create_admin(dir.path());
    assert!(sign_up(&reqwest::Client::new(), &server.base, "ada@example.com").await);
    let mut browser = Browser::new(&server.base);
    assert_eq!(browser.log_in().await, 303);

    let until = Instant::now() + Duration::from_secs(10);
    let outbox = loop {
        let (_, _, page) = browser.get_in("/admin/outbox", ENGLISH).await;
        if page.contains("delivered to the dev mailbox") || Instant::now() > until {
            break page;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let main = &outbox[outbox.find("<main").unwrap_or(0)..];
    assert!(
        main.contains("Emails delivered to the dev mailbox (not sent): 1."),
        "{main}"
    );
    assert!(main.contains("Everything was delivered."), "{main}");
    assert!(!main.contains("Pending"), "{main}");
    let (_, _, mailbox) = browser.get_in("/dev/mailbox", ENGLISH).await;
    assert!(mailbox.contains("ada@example.com") && mailbox.contains("/csp/verify?token="));
}

#[tokio::test]
async fn the_audit_log_says_what_happened_in_words_in_english_and_in_german() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[ONE_FACTOR]).await;
    create_admin(dir.path());
    assert!(sign_up(&reqwest::Client::new(), &server.base, "ada@example.com").await);
    let mut browser = Browser::new(&server.base);
    assert_eq!(browser.log_in().await, 303);

    let (_, _, english) = browser.get_in("/admin/audit", ENGLISH).await;
    for words in [
        "an administrator, created at the command line",
        "in the Consumer Service Portal",
        "administrator created",
    ] {
        assert!(english.contains(words), "{words}: {english}");
    }
    let (_, _, german) = browser.get_in("/admin/audit", GERMAN).await;
    for words in [
        "ein Administrator, über die Kommandozeile angelegt",
        "im Serviceportal für Privatkunden",
        "Administrator angelegt",
    ] {
        assert!(german.contains(words), "{words}: {german}");
    }
    for page in [&english, &german] {
        for internal in [
            "Staff",
            "Admin created",
            "CustomerAdmin",
            ">/csp<",
            ">admin_created<",
        ] {
            assert!(!page.contains(internal), "{internal} shown: {page}");
        }
    }
}
