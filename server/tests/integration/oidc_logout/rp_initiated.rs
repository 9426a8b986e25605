//! `/oidc/logout` as an app's browser redirect reaches the real server.
use super::*;

/// The server, its database open beside it, Ada logged in with a browser, and an app.
struct Site {
    _dir: tempfile::TempDir,
    server: ServerProcess,
    app: TestApp,
    browser: Browser,
    client_id: String,
    subject: String,
}

async fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let url = format!("sqlite://{}/portico.db?mode=rwc", dir.path().display());
    let app = app_on(&url).await;
    app.register_verified(ADA).await;
    let subject = give_subject(&app, ADA).await;
    let client_id = register_app(&app, Some("http://127.0.0.1:9/logout")).await;
    let mut browser = Browser::new(&server.base);
    let fields = [
        ("form[email]", ADA),
        ("form[password]", PASSWORD),
        ("form[next]", ""),
    ];
    assert_eq!(
        browser.post("/csp/log-in", &fields).await,
        303,
        "Ada logs in"
    );
    Site {
        _dir: dir,
        server,
        app,
        browser,
        client_id,
        subject,
    }
}

impl Site {
    async fn logins(&self) -> Vec<login::Model> {
        login::Entity::find().all(&self.app.db.conn).await.unwrap()
    }

    /// An ID token signed by this server's key, an hour old and expired.
    async fn hint(&self, issuer: &str) -> String {
        let now = Utc::now();
        let claims = serde_json::json!({
            "iss": issuer,
            "aud": self.client_id,
            "sub": self.subject,
            "iat": (now - Duration::hours(1)).timestamp(),
            "exp": (now - Duration::minutes(50)).timestamp(),
        });
        let ring = KeyRing::load(&self.app.db.conn, &self.app.portico.secrets, now)
            .await
            .unwrap();
        server::signing::jws::compact(&ring, "JWT", &claims, "RS256").unwrap()
    }
}

#[tokio::test]
async fn an_unregistered_post_logout_redirect_uri_gets_an_error_page_and_no_redirect() {
    let mut site = site().await;
    for uri in [
        "https://evil.example/logged-out",
        "https://rp.example/logged-out/",
        "https://rp.example/logged-out?next=x",
    ] {
        let path = format!(
            "/oidc/logout?client_id={}&post_logout_redirect_uri={uri}&state=s",
            site.client_id
        );
        assert_eq!(site.browser.get(&path).await, 400, "{uri}");
        assert_eq!(site.browser.location, None, "{uri}");
        assert!(site.browser.body.contains("has not registered"), "{uri}");
    }
    assert_eq!(site.logins().await.len(), 1, "still logged in");
}

#[tokio::test]
async fn a_hint_from_another_issuer_or_tampered_with_is_refused() {
    let mut site = site().await;
    let foreign = site.hint("https://other.example").await;
    let ours = site.hint(&site.server.base).await;
    let mut parts: Vec<String> = ours.split('.').map(str::to_owned).collect();
    let mut claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap();
    claims["sub"] = "someone-else".into();
    parts[1] = URL_SAFE_NO_PAD.encode(claims.to_string());
    let tampered = parts.join(".");
    for hint in [foreign, tampered, "not.a.token".to_owned()] {
        let path =
            format!("/oidc/logout?id_token_hint={hint}&post_logout_redirect_uri={RETURN}&state=s");
        assert_eq!(site.browser.get(&path).await, 400);
        assert_eq!(site.browser.location, None);
        assert!(site.browser.body.contains("did not issue"));
    }
    assert_eq!(site.logins().await.len(), 1, "still logged in");
}

#[tokio::test]
async fn a_hint_naming_the_signed_in_person_logs_out_at_once_and_returns_with_state() {
    let mut site = site().await;
    let login = site.logins().await.remove(0);
    let grant = app_session(&site.app, &login, &site.client_id).await;
    let hint = site.hint(&site.server.base).await;
    let path =
        format!("/oidc/logout?id_token_hint={hint}&post_logout_redirect_uri={RETURN}&state=a%20b");
    assert_eq!(site.browser.get(&path).await, 303);
    assert_eq!(
        site.browser.location.as_deref(),
        Some(&*format!("{RETURN}?state=a%20b"))
    );
    assert!(site.logins().await.is_empty(), "logged out of Portico");
    assert_ended(&site.app, &grant).await;
}

#[tokio::test]
async fn a_request_that_does_not_name_the_person_asks_first_on_a_same_origin_form() {
    let mut site = site().await;
    let path = format!(
        "/oidc/logout?client_id={}&post_logout_redirect_uri={RETURN}&state=xyz",
        site.client_id
    );
    assert_eq!(site.browser.get(&path).await, 200);
    assert!(site
        .browser
        .body
        .contains(r#"action="/oidc/logout/confirm""#));
    assert!(site.browser.body.contains("Rota asks you to log out"));
    assert_eq!(site.logins().await.len(), 1, "nothing happens on arrival");

    let fields = [
        ("client_id", site.client_id.as_str()),
        ("post_logout_redirect_uri", RETURN),
        ("state", "xyz"),
    ];
    site.browser.origin = "https://rp.example".into();
    assert_eq!(
        site.browser.post("/oidc/logout/confirm", &fields).await,
        403
    );
    assert_eq!(site.logins().await.len(), 1, "another site cannot press it");

    site.browser.origin = site.server.base.clone();
    assert_eq!(
        site.browser.post("/oidc/logout/confirm", &fields).await,
        303
    );
    assert_eq!(
        site.browser.location.as_deref(),
        Some(&*format!("{RETURN}?state=xyz"))
    );
    assert!(site.logins().await.is_empty());
}

#[tokio::test]
async fn without_a_session_the_page_says_you_are_logged_out() {
    let site = site().await;
    let mut stranger = Browser::new(&site.server.base);
    assert_eq!(stranger.get("/oidc/logout").await, 200);
    assert!(stranger.body.contains("You are logged out"));
    let (status, _, body) = stranger.get_in("/oidc/logout", "de").await;
    assert_eq!(status, 200);
    assert!(body.contains("Sie sind abgemeldet"));
}
