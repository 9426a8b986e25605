//! What the page frame offers on any screen: a signed-in person's links behind a "Menu"
//! that opens without JavaScript (a `<details>`), and errors drawn where a person looks.
use crate::common::browser::{create_admin, Browser};
use crate::common::server_process::ServerProcess;

/// The phone's account menu in a page: the `<details>` and what it holds.
fn account_menu(html: &str) -> &str {
    let start = html
        .find("<details class=\"account-menu\"")
        .unwrap_or_else(|| panic!("an account menu in the page's header:\n{}", header(html)));
    let end = html[start..].find("</details>").expect("the menu's end") + start;
    &html[start..end]
}

fn header(html: &str) -> &str {
    let start = html.find("<header").unwrap_or(0);
    let end = html.find("</header>").unwrap_or(html.len());
    &html[start..end]
}

async fn administrator(dir: &std::path::Path) -> (ServerProcess, Browser) {
    // The administrator has no second factor to give.
    let server = ServerProcess::start(dir, &[("ADMIN_TWO_FACTOR", "false")]).await;
    create_admin(dir);
    let mut browser = Browser::new(&server.base);
    assert_eq!(browser.log_in().await, 303);
    (server, browser)
}

#[tokio::test]
async fn a_signed_in_header_keeps_log_out_in_a_menu_that_opens_without_javascript() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, mut browser) = administrator(dir.path()).await;
    for page in [
        "/csm",
        "/csm/profile",
        "/admin",
        "/admin/people",
        "/admin/audit",
    ] {
        let (status, html) = browser.get_page(page).await;
        assert_eq!(status, 200, "{page}");
        let menu = account_menu(&html);
        assert!(
            menu.contains("<summary class=\"account-menu__toggle\">Menu</summary>"),
            "{page}: {menu}"
        );
        assert!(menu.contains("action=\"/csm/log-out\""), "{page}: {menu}");
        assert!(menu.contains("Log out"), "{page}: {menu}");
        assert!(menu.contains("href=\"/csm/security\""), "{page}: {menu}");
    }
    // The administration's menu holds its sections too.
    let (_, html) = browser.get_page("/admin/outbox").await;
    assert!(account_menu(&html).contains("href=\"/admin/people\""));
}

#[tokio::test]
async fn a_passkey_without_a_name_is_refused_on_its_name_field() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, mut browser) = administrator(dir.path()).await;
    let (status, body) = browser
        .post_json(
            "/api/passkey_add_start",
            serde_json::json!({ "name": "   " }),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["step"], "invalid", "{body}");
    assert_eq!(answer["field"], "passkey_name", "{body}");
    assert!(
        answer["message"].as_str().unwrap().contains("name"),
        "{body}"
    );
    // The security page gives the script what it needs to draw it there.
    let (_, html) = browser.get_page("/csm/security").await;
    assert!(
        html.contains("data-msg-error-prefix=\"Error:\""),
        "{}",
        &html[html.find("<main").unwrap_or(0)..]
    );
}
