//! The apps' pages as a browser without JavaScript uses them, against the real server
//! binary: the administration registers an app and sees its secret once, a refused
//! address is named on its field, a new secret and removing ask first, and a person's
//! home and profile show the app.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use server::db::entities::{oidc_client, oidc_grant};

use crate::common::browser::{create_admin, Browser};
use crate::common::server_process::ServerProcess;
use crate::common::{app_on, TestApp, PASSWORD};

struct Site {
    _dir: tempfile::TempDir,
    _server: ServerProcess,
    app: TestApp,
    admin: Browser,
    base: String,
}

async fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[("ADMIN_TWO_FACTOR", "false")]).await;
    create_admin(dir.path());
    let app = app_on(&format!(
        "sqlite://{}/portico.db?mode=rwc",
        dir.path().display()
    ))
    .await;
    let mut admin = Browser::new(&server.base);
    assert_eq!(admin.log_in().await, 303);
    Site {
        base: server.base.clone(),
        _dir: dir,
        _server: server,
        app,
        admin,
    }
}

fn registration<'a>(redirect: &'a str, start: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("intent", "create"),
        ("form[app_name]", "Support desk"),
        ("form[description]", "Ask us anything"),
        ("form[redirect_uris]", redirect),
        ("form[post_logout_redirect_uris]", ""),
        ("form[backchannel_logout_uri]", ""),
        ("form[initiate_login_uri]", start),
        ("form[portal]", "csp"),
        ("form[client_type]", "confidential"),
    ]
}

/// The text of the element with `id`, up to its closing tag.
fn text_of<'a>(body: &'a str, id: &str) -> &'a str {
    let marker = format!(r#"id="{id}">"#);
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no #{id} in:\n{body}"))
        + marker.len();
    let end = body[start..].find('<').unwrap();
    &body[start..start + end]
}

#[tokio::test]
async fn an_administrator_registers_an_app_and_sees_its_secret_once() {
    let mut site = site().await;
    let (status, body) = site
        .admin
        .post_page(
            "/admin/apps",
            &registration("https://desk.example/cb#x", ""),
        )
        .await;
    assert_eq!(status, 422);
    assert!(body.contains(r#"id="redirect_uris-error""#), "{body}");
    assert!(
        body.contains("https://desk.example/cb#x"),
        "what was typed is kept"
    );
    assert_eq!(site.app.count(oidc_client::Entity).await, 0);

    let (status, body) = site
        .admin
        .post_page(
            "/admin/apps",
            &registration("https://desk.example/cb", "https://desk.example/start"),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let client_id = text_of(&body, "issued-client-id").to_owned();
    let secret = text_of(&body, "issued-client-secret").to_owned();
    assert_eq!(secret.len(), 43);
    let client = server::services::support::app_clients::find(&site.app.db.conn, &client_id)
        .await
        .unwrap()
        .expect("registered");
    assert!(client.authenticate(&secret));

    let (_, list) = site.admin.get_page("/admin/apps").await;
    assert!(
        list.contains(&client_id) && !list.contains(&secret),
        "shown once"
    );
    let page = format!("/admin/apps/{client_id}");
    let (status, detail) = site.admin.get_page(&page).await;
    assert_eq!(status, 200);
    assert!(detail.contains(&client_id) && !detail.contains(&secret));

    // A new secret asks first, then is shown once.
    let fields = [
        ("intent", "secret"),
        ("form[client_id]", client_id.as_str()),
    ];
    let (_, asked) = site.admin.post_page(&page, &fields).await;
    assert!(asked.contains(r#"id="confirm-step""#), "{asked}");
    let mut confirmed = fields.to_vec();
    confirmed.push(("form[confirmed]", "yes"));
    let (_, renewed) = site.admin.post_page(&page, &confirmed).await;
    let new_secret = text_of(&renewed, "issued-client-secret");
    assert_ne!(new_secret, secret);

    // The consumer portal's home lists it for a consumer, with the issuer.
    site.app.register_verified("bob@example.com").await;
    let mut bob = Browser::new(&site.base);
    let status = bob
        .post(
            "/csp/log-in",
            &[
                ("form[email]", "bob@example.com"),
                ("form[password]", PASSWORD),
                ("form[next]", ""),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (_, home) = bob.get_page("/csp").await;
    let link = format!(
        r#"href="https://desk.example/start?iss={}""#,
        site.base.replace(':', "%3A").replace('/', "%2F")
    );
    assert!(home.contains(&link), "{link} in:\n{home}");
    assert!(home.contains("Ask us anything"));

    // Its profile lists it once signed in to, and disconnects it.
    let person = site.app.person("bob@example.com").await;
    oidc_grant::ActiveModel {
        id: Set("grant-1".into()),
        client_id: Set(client_id.clone()),
        user_id: Set(person.id),
        login_id: Set(None),
        sid: Set(None),
        scope: Set("openid".into()),
        nonce: Set(None),
        auth_time: Set(Utc::now()),
        amr: Set("pwd".into()),
        created_at: Set(Utc::now()),
        revoked_at: Set(None),
    }
    .insert(&site.app.db.conn)
    .await
    .unwrap();
    let (_, profile) = bob.get_page("/csp/profile").await;
    assert!(
        profile.contains(r#"id="connected-apps""#) && profile.contains("Support desk"),
        "{profile}"
    );
    let (status, after) = bob
        .post_page(
            "/csp/profile",
            &[
                ("intent", "disconnect-app"),
                ("form[client_id]", client_id.as_str()),
            ],
        )
        .await;
    assert_eq!(status, 200, "{after}");
    assert!(!after.contains(r#"id="connected-apps""#), "{after}");
    let grant = oidc_grant::Entity::find_by_id("grant-1".to_owned())
        .one(&site.app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(grant.revoked_at.is_some());

    // Removing asks first.
    let fields = [
        ("intent", "delete"),
        ("form[client_id]", client_id.as_str()),
    ];
    site.admin.post_page(&page, &fields).await;
    assert_eq!(
        site.app.count(oidc_client::Entity).await,
        1,
        "the first post removes nothing"
    );
    let mut confirmed = fields.to_vec();
    confirmed.push(("form[confirmed]", "yes"));
    site.admin.post_page(&page, &confirmed).await;
    assert_eq!(site.app.count(oidc_client::Entity).await, 0);
}
