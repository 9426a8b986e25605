//! The OpenID Connect token, userinfo, revocation and introspection endpoints, against the
//! real server binary as an app's server calls them. Apps, people and codes are written
//! beside it into its database (the authorization endpoint is tested on its own).
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use serde_json::Value;
use server::db::entities::user::{self, UserStatus};
use server::services::oidc::grants::{issue_code, GrantRequest};
use server::services::support::app_clients::{self, AppPortal, NewApp, Registered};
use sha2::{Digest, Sha256};

use crate::common::server_process::ServerProcess;
use crate::common::{app_on, TestApp};

const REDIRECT: &str = "https://app.example/callback";
const VERIFIER: &str = "dBjftJeZ4CK-89T6VwSrOYqhRJbS-sSO-fyJR5N9AxI";
const ALICE: &str = "alice@example.com";
const ACME_CODE: &str = "ACME-7K2Q-9XPW";

/// The server, its database open beside it, and an HTTP client.
struct Provider {
    _dir: tempfile::TempDir,
    server: ServerProcess,
    app: TestApp,
    http: reqwest::Client,
}

async fn provider() -> Provider {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let app = app_on(&format!(
        "sqlite://{}/portico.db?mode=rwc",
        dir.path().display()
    ))
    .await;
    Provider {
        _dir: dir,
        server,
        app,
        http: reqwest::Client::new(),
    }
}

/// A token endpoint's (or another endpoint's) answer: status, JSON body, headers.
struct Answer {
    status: u16,
    body: Value,
    headers: reqwest::header::HeaderMap,
}

impl Answer {
    fn error(&self) -> &str {
        self.body["error"].as_str().unwrap_or_default()
    }
}

async fn read(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Answer {
        status,
        body,
        headers,
    }
}

/// How an app authenticates: with its secret in the header or the body, or not at all.
#[derive(Clone, Copy)]
enum Auth<'a> {
    Basic(&'a Registered),
    Post(&'a Registered),
    Public(&'a Registered),
}

impl Provider {
    async fn register_app(&self, public: bool, portal: AppPortal) -> Registered {
        let app = NewApp {
            name: "Forum".into(),
            description: None,
            redirect_uris: vec![REDIRECT.into()],
            post_logout_redirect_uris: vec![],
            backchannel_logout_uri: None,
            initiate_login_uri: None,
            portal,
            public,
            first_party: true,
        };
        app_clients::register(&self.app.db.conn, app, Utc::now())
            .await
            .unwrap()
    }

    async fn app(&self) -> Registered {
        self.register_app(false, AppPortal::Both).await
    }

    /// A code for `email`'s sign-in to `client` with `scope`, PKCE with [`VERIFIER`].
    async fn code(&self, client: &Registered, email: &str, scope: &str) -> String {
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(VERIFIER.as_bytes()));
        self.code_with(client, email, scope, Some(challenge)).await
    }

    async fn code_with(
        &self,
        client: &Registered,
        email: &str,
        scope: &str,
        challenge: Option<String>,
    ) -> String {
        let person = self.app.person(email).await;
        let request = GrantRequest {
            client_id: client.client_id.clone(),
            user_id: person.id,
            login_id: None,
            sid: Some("the-login-sid".into()),
            scope: scope.into(),
            nonce: Some("n-0S6_WzA2Mj".into()),
            auth_time: Utc::now() - Duration::minutes(3),
            amr: "pwd otp mfa".into(),
            redirect_uri: REDIRECT.into(),
            code_challenge: challenge,
        };
        issue_code(&self.app.db.conn, request, Utc::now())
            .await
            .unwrap()
    }

    async fn post(&self, path: &str, auth: Auth<'_>, fields: &[(&str, &str)]) -> Answer {
        let mut fields: Vec<(&str, &str)> = fields.to_vec();
        let mut request = self.http.post(self.server.url(path));
        match auth {
            Auth::Basic(client) => {
                request = request.basic_auth(&client.client_id, client.client_secret.as_ref());
            }
            Auth::Post(client) => {
                fields.push(("client_id", &client.client_id));
                fields.push(("client_secret", client.client_secret.as_deref().unwrap()));
            }
            Auth::Public(client) => fields.push(("client_id", &client.client_id)),
        }
        read(request.form(&fields).send().await.unwrap()).await
    }

    async fn exchange(&self, client: &Registered, code: &str) -> Answer {
        self.exchange_as(Auth::Basic(client), code, REDIRECT, VERIFIER)
            .await
    }

    async fn exchange_as(
        &self,
        auth: Auth<'_>,
        code: &str,
        redirect_uri: &str,
        verifier: &str,
    ) -> Answer {
        let fields = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("code_verifier", verifier),
        ];
        self.post("/oidc/token", auth, &fields).await
    }

    async fn refresh(&self, client: &Registered, refresh_token: &str) -> Answer {
        let fields = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ];
        self.post("/oidc/token", Auth::Basic(client), &fields).await
    }

    async fn userinfo(&self, access_token: &str) -> Answer {
        let request = self
            .http
            .get(self.server.url("/oidc/userinfo"))
            .bearer_auth(access_token);
        read(request.send().await.unwrap()).await
    }

    async fn introspect(&self, client: &Registered, token: &str) -> Answer {
        self.post("/oidc/introspect", Auth::Basic(client), &[("token", token)])
            .await
    }

    async fn revoke(&self, auth: Auth<'_>, token: &str) -> Answer {
        let fields = [("token", token), ("token_type_hint", "refresh_token")];
        self.post("/oidc/revoke", auth, &fields).await
    }

    async fn set_status(&self, email: &str, status: UserStatus) {
        let mut person: user::ActiveModel = self.app.person(email).await.into();
        person.status = Set(status);
        person.update(&self.app.db.conn).await.unwrap();
    }

    /// The ID token's claims, after checking its signature with the published key.
    async fn id_token_claims(&self, answer: &Answer) -> Value {
        let token = answer.body["id_token"].as_str().expect("an ID token");
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3, "a compact JWS: {token}");
        let header: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["alg"], "RS256");
        let ring = server::signing::KeyRing::load(
            &self.app.db.conn,
            &self.app.portico.secrets,
            Utc::now(),
        )
        .await
        .unwrap();
        let jwks = serde_json::to_value(ring.jwks()).unwrap();
        assert!(
            crate::oidc_keys::verifies_with(&jwks, token),
            "the ID token's signature verifies with the published key"
        );
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap()
    }

    /// Acme (auto-approving acme.example) with a contact and a customer administrator.
    async fn acme(&self) -> server::db::entities::account::Model {
        let acme = self
            .app
            .company("Acme", ACME_CODE, "acme.example", true)
            .await;
        self.app.contact("dan@acme.example", ACME_CODE).await;
        let carol = server::bootstrap::NewPerson::parse(
            "carol@acme.example",
            "Carol",
            "Jones",
            crate::common::PASSWORD,
        )
        .unwrap();
        server::bootstrap::create_customer_admin(&self.app.portico, carol, acme.id)
            .await
            .unwrap();
        acme
    }
}

fn access_token(answer: &Answer) -> &str {
    answer.body["access_token"]
        .as_str()
        .expect("an access token")
}

fn refresh_token(answer: &Answer) -> &str {
    answer.body["refresh_token"]
        .as_str()
        .expect("a refresh token")
}

#[tokio::test]
async fn a_consumer_exchanges_a_code_for_a_signed_id_token_and_userinfo_with_the_same_claims() {
    let p = provider().await;
    p.app.register_verified(ALICE).await;
    let client = p.app().await;
    let code = p.code(&client, ALICE, "openid email profile portico").await;
    let answer = p.exchange(&client, &code).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.headers["cache-control"], "no-store");
    assert_eq!(answer.body["token_type"], "Bearer");
    assert_eq!(answer.body["expires_in"], 600);
    assert!(
        answer.body.get("refresh_token").is_none(),
        "no offline_access, no refresh token"
    );
    let claims = p.id_token_claims(&answer).await;
    let subject = p.app.person(ALICE).await.subject.expect("a subject given");
    assert_eq!(subject.len(), 22);
    assert_eq!(claims["sub"], subject.as_str());
    assert_eq!(claims["iss"], p.server.base.as_str());
    // A string or a list of one (both are the spec's; openidconnect's types write a list).
    let audience = &claims["aud"];
    assert!(
        *audience == client.client_id.as_str()
            || *audience == serde_json::json!([client.client_id]),
        "{audience}"
    );
    assert_eq!(claims["nonce"], "n-0S6_WzA2Mj");
    assert_eq!(claims["sid"], "the-login-sid");
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "otp", "mfa"]));
    let (iat, exp) = (
        claims["iat"].as_i64().unwrap(),
        claims["exp"].as_i64().unwrap(),
    );
    assert_eq!(exp - iat, 600);
    assert!(claims["auth_time"].as_i64().unwrap() < iat);
    assert_eq!(claims["email"], ALICE);
    assert_eq!(claims["email_verified"], true);
    assert_eq!(claims["name"], "Ada Lovelace");
    assert_eq!(claims["given_name"], "Ada");
    assert_eq!(claims["family_name"], "Lovelace");
    assert_eq!(claims["portal"], "csp");
    assert!(claims.get("company").is_none() && claims.get("role").is_none());

    let info = p.userinfo(access_token(&answer)).await;
    assert_eq!(info.status, 200, "{}", info.body);
    for claim in [
        "sub",
        "email",
        "email_verified",
        "name",
        "given_name",
        "family_name",
        "portal",
    ] {
        assert_eq!(info.body[claim], claims[claim], "{claim}");
    }
    assert!(info.body.get("nonce").is_none());
}

#[tokio::test]
async fn contacts_get_their_company_and_role_only_with_the_portico_scope() {
    let p = provider().await;
    let acme = p.acme().await;
    let client = p.app().await;
    for (email, role) in [
        ("dan@acme.example", "contact"),
        ("carol@acme.example", "customer_admin"),
    ] {
        let code = p.code(&client, email, "openid portico").await;
        let answer = p.exchange(&client, &code).await;
        assert_eq!(answer.status, 200, "{email}: {}", answer.body);
        let claims = p.id_token_claims(&answer).await;
        assert_eq!(claims["portal"], "csm", "{email}");
        assert_eq!(claims["role"], role, "{email}");
        assert_eq!(claims["company"]["id"], acme.id, "{email}");
        assert_eq!(claims["company"]["name"], "Acme", "{email}");
        assert!(claims.get("email").is_none(), "no email scope: {claims}");
        let info = p.userinfo(access_token(&answer)).await;
        assert_eq!(info.body["role"], role);
        assert_eq!(info.body["company"], claims["company"]);

        let code = p.code(&client, email, "openid email").await;
        let answer = p.exchange(&client, &code).await;
        let claims = p.id_token_claims(&answer).await;
        assert_eq!(claims["email"], email);
        for claim in ["portal", "company", "role"] {
            assert!(
                claims.get(claim).is_none(),
                "{claim} without portico: {claims}"
            );
        }
    }
}

#[tokio::test]
async fn a_code_used_twice_is_refused_and_revokes_what_its_first_exchange_issued() {
    let p = provider().await;
    p.app.register_verified(ALICE).await;
    let client = p.app().await;
    let code = p.code(&client, ALICE, "openid offline_access").await;
    let first = p.exchange(&client, &code).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(p.userinfo(access_token(&first)).await.status, 200);

    let second = p.exchange(&client, &code).await;
    assert_eq!((second.status, second.error()), (400, "invalid_grant"));
    let info = p.userinfo(access_token(&first)).await;
    assert_eq!(info.status, 401);
    assert!(info.headers["www-authenticate"]
        .to_str()
        .unwrap()
        .contains(r#"error="invalid_token""#));
    let refreshed = p.refresh(&client, refresh_token(&first)).await;
    assert_eq!(
        (refreshed.status, refreshed.error()),
        (400, "invalid_grant")
    );
}

#[tokio::test]
async fn a_code_is_refused_to_another_client_with_another_redirect_uri_or_a_wrong_verifier() {
    let p = provider().await;
    p.app.register_verified(ALICE).await;
    let client = p.app().await;
    let other = p.app().await;
    let code = p.code(&client, ALICE, "openid").await;
    let (wrong, accented) = ("x".repeat(43), "é".repeat(50));
    let refusals = [
        (Auth::Basic(&other), REDIRECT, VERIFIER, "invalid_grant"),
        (
            Auth::Basic(&client),
            "https://app.example/callback/",
            VERIFIER,
            "invalid_grant",
        ),
        (
            Auth::Basic(&client),
            REDIRECT,
            wrong.as_str(),
            "invalid_grant",
        ),
        (
            Auth::Basic(&client),
            REDIRECT,
            "too-short",
            "invalid_request",
        ),
        (
            Auth::Basic(&client),
            REDIRECT,
            accented.as_str(),
            "invalid_request",
        ),
    ];
    for (auth, redirect_uri, verifier, error) in refusals {
        let answer = p.exchange_as(auth, &code, redirect_uri, verifier).await;
        assert_eq!(
            (answer.status, answer.error()),
            (400, error),
            "{redirect_uri} {verifier}"
        );
    }
    // None of them used the code up.
    assert_eq!(p.exchange(&client, &code).await.status, 200);

    let request = GrantRequest {
        client_id: client.client_id.clone(),
        user_id: p.app.person(ALICE).await.id,
        login_id: None,
        sid: None,
        scope: "openid".into(),
        nonce: None,
        auth_time: Utc::now() - Duration::minutes(5),
        amr: "pwd".into(),
        redirect_uri: REDIRECT.into(),
        code_challenge: Some(URL_SAFE_NO_PAD.encode(Sha256::digest(VERIFIER.as_bytes()))),
    };
    let expired = issue_code(&p.app.db.conn, request, Utc::now() - Duration::seconds(61))
        .await
        .unwrap();
    let answer = p.exchange(&client, &expired).await;
    assert_eq!(
        (answer.status, answer.error()),
        (400, "invalid_grant"),
        "an expired code"
    );

    let without_challenge = p.code_with(&client, ALICE, "openid", None).await;
    let answer = p.exchange(&client, &without_challenge).await;
    assert_eq!((answer.status, answer.error()), (400, "invalid_grant"));
}

#[tokio::test]
async fn refresh_tokens_rotate_and_one_used_again_revokes_the_whole_family() {
    let p = provider().await;
    p.app.register_verified(ALICE).await;
    let client = p.app().await;
    let code = p.code(&client, ALICE, "openid email offline_access").await;
    let first = p.exchange(&client, &code).await;
    let second = p.refresh(&client, refresh_token(&first)).await;
    assert_eq!(second.status, 200, "{}", second.body);
    assert_ne!(refresh_token(&second), refresh_token(&first));
    let claims = p.id_token_claims(&second).await;
    assert_eq!(claims["email"], ALICE);
    assert!(
        claims.get("nonce").is_none(),
        "a refreshed ID token has no nonce"
    );
    let third = p.refresh(&client, refresh_token(&second)).await;
    assert_eq!(third.status, 200, "{}", third.body);
    assert_eq!(p.userinfo(access_token(&third)).await.status, 200);

    let replayed = p.refresh(&client, refresh_token(&first)).await;
    assert_eq!((replayed.status, replayed.error()), (400, "invalid_grant"));
    assert_eq!(p.userinfo(access_token(&third)).await.status, 401);
    let newest = p.refresh(&client, refresh_token(&third)).await;
    assert_eq!((newest.status, newest.error()), (400, "invalid_grant"));
}

#[tokio::test]
async fn a_disabled_person_cannot_refresh_or_use_their_tokens_and_an_enabled_one_can_again() {
    let p = provider().await;
    p.app.register_verified(ALICE).await;
    let client = p.app().await;
    let code = p.code(&client, ALICE, "openid offline_access").await;
    let tokens = p.exchange(&client, &code).await;
    p.set_status(ALICE, UserStatus::Disabled).await;
    let refused = p.refresh(&client, refresh_token(&tokens)).await;
    assert_eq!((refused.status, refused.error()), (400, "invalid_grant"));
    assert_eq!(p.userinfo(access_token(&tokens)).await.status, 401);
    let introspected = p.introspect(&client, access_token(&tokens)).await;
    assert_eq!(introspected.body, serde_json::json!({ "active": false }));

    p.set_status(ALICE, UserStatus::Active).await;
    assert_eq!(p.refresh(&client, refresh_token(&tokens)).await.status, 200);
}

#[tokio::test]
async fn people_who_may_not_use_the_app_cannot_exchange_a_code() {
    let p = provider().await;
    p.acme().await;
    p.app.administrator().await;
    let client = p.app().await;
    let consumers_only = p.register_app(false, AppPortal::Csp).await;
    let refused = |answer: Answer, who: &str| {
        assert_eq!(
            (answer.status, answer.error()),
            (400, "invalid_grant"),
            "{who}: {}",
            answer.body
        );
    };
    let code = p.code(&consumers_only, "dan@acme.example", "openid").await;
    refused(
        p.exchange(&consumers_only, &code).await,
        "a contact, consumers' app",
    );
    // Administrators cannot log in at a portal either.
    let code = p.code(&client, "admin@portico.example", "openid").await;
    refused(p.exchange(&client, &code).await, "an administrator");
    let code = p.code(&client, "dan@acme.example", "openid").await;
    p.set_status("dan@acme.example", UserStatus::PendingApproval)
        .await;
    refused(
        p.exchange(&client, &code).await,
        "a contact waiting for approval",
    );
}

#[tokio::test]
async fn clients_authenticate_one_way_with_the_right_secret_and_public_ones_by_pkce() {
    let p = provider().await;
    p.app.register_verified(ALICE).await;
    let client = p.app().await;
    let public = p.register_app(true, AppPortal::Csp).await;
    let code = p.code(&client, ALICE, "openid").await;
    let wrong = Registered {
        client_id: client.client_id.clone(),
        client_secret: Some("not-the-secret".into()),
    };
    let answer = p
        .exchange_as(Auth::Basic(&wrong), &code, REDIRECT, VERIFIER)
        .await;
    assert_eq!((answer.status, answer.error()), (401, "invalid_client"));
    assert!(answer.headers["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Basic"));
    let answer = p
        .exchange_as(Auth::Post(&wrong), &code, REDIRECT, VERIFIER)
        .await;
    assert_eq!((answer.status, answer.error()), (401, "invalid_client"));
    assert!(answer.headers.get("www-authenticate").is_none());
    // A confidential client without its secret.
    let answer = p
        .exchange_as(Auth::Public(&client), &code, REDIRECT, VERIFIER)
        .await;
    assert_eq!((answer.status, answer.error()), (401, "invalid_client"));
    // Two methods at once.
    let both = p
        .http
        .post(p.server.url("/oidc/token"))
        .basic_auth(&client.client_id, client.client_secret.as_ref())
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
            ("client_secret", client.client_secret.as_deref().unwrap()),
        ]);
    let answer = read(both.send().await.unwrap()).await;
    assert_eq!((answer.status, answer.error()), (400, "invalid_request"));
    // Basic credentials are form-urlencoded before they are joined (RFC 6749 §2.3.1).
    let encoded = Registered {
        client_id: client
            .client_id
            .bytes()
            .map(|b| format!("%{b:02X}"))
            .collect(),
        client_secret: client.client_secret.clone(),
    };
    let answer = p
        .exchange_as(Auth::Basic(&encoded), &code, REDIRECT, VERIFIER)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);

    let code = p.code(&public, ALICE, "openid").await;
    let answer = p
        .exchange_as(Auth::Public(&public), &code, REDIRECT, VERIFIER)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let code = p.code_with(&public, ALICE, "openid", None).await;
    let answer = p
        .exchange_as(Auth::Public(&public), &code, REDIRECT, "")
        .await;
    assert_eq!(
        (answer.status, answer.error()),
        (400, "invalid_grant"),
        "PKCE is a must"
    );
}

#[tokio::test]
async fn userinfo_takes_the_token_in_the_header_or_a_posted_form_but_not_both() {
    let p = provider().await;
    p.app.register_verified(ALICE).await;
    let client = p.app().await;
    let code = p.code(&client, ALICE, "openid email").await;
    let tokens = p.exchange(&client, &code).await;
    let token = access_token(&tokens);
    let url = p.server.url("/oidc/userinfo");
    let posted = read(
        p.http
            .post(&url)
            .form(&[("access_token", token)])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(posted.status, 200, "{}", posted.body);
    assert_eq!(posted.body["email"], ALICE);
    let bearer = read(p.http.post(&url).bearer_auth(token).send().await.unwrap()).await;
    assert_eq!(bearer.body["email"], ALICE);
    let both = p
        .http
        .post(&url)
        .bearer_auth(token)
        .form(&[("access_token", token)]);
    let both = read(both.send().await.unwrap()).await;
    assert_eq!((both.status, both.error()), (400, "invalid_request"));
    let none = read(p.http.get(&url).send().await.unwrap()).await;
    assert_eq!(none.status, 401);
    assert!(none.headers["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    assert_eq!(p.userinfo("not-a-token").await.status, 401);
}

#[tokio::test]
async fn revoking_a_refresh_token_ends_its_grant_and_an_access_token_goes_alone() {
    let p = provider().await;
    p.app.register_verified(ALICE).await;
    let client = p.app().await;
    let other = p.app().await;
    let code = p.code(&client, ALICE, "openid offline_access").await;
    let tokens = p.exchange(&client, &code).await;
    let (access, refresh) = (
        access_token(&tokens).to_owned(),
        refresh_token(&tokens).to_owned(),
    );

    let refused = p.revoke(Auth::Post(&other), &refresh).await;
    assert_eq!((refused.status, refused.error()), (400, "invalid_grant"));
    assert_eq!(
        p.userinfo(&access).await.status,
        200,
        "another client's request changes nothing"
    );
    assert_eq!(p.revoke(Auth::Post(&other), &access).await.status, 400);
    assert_eq!(p.userinfo(&access).await.status, 200);

    assert_eq!(p.revoke(Auth::Basic(&client), &access).await.status, 200);
    assert_eq!(p.userinfo(&access).await.status, 401);
    let refreshed = p.refresh(&client, &refresh).await;
    assert_eq!(
        refreshed.status, 200,
        "revoking an access token leaves the grant"
    );

    assert_eq!(
        p.revoke(Auth::Basic(&client), refresh_token(&refreshed))
            .await
            .status,
        200
    );
    assert_eq!(p.userinfo(access_token(&refreshed)).await.status, 401);
    assert_eq!(
        p.refresh(&client, refresh_token(&refreshed)).await.status,
        400
    );
    assert_eq!(
        p.revoke(Auth::Basic(&client), "never-issued").await.status,
        200
    );
}

#[tokio::test]
async fn introspection_describes_a_live_token_to_its_own_confidential_client_only() {
    let p = provider().await;
    p.app.register_verified(ALICE).await;
    let client = p.app().await;
    let other = p.app().await;
    let public = p.register_app(true, AppPortal::Both).await;
    let code = p.code(&client, ALICE, "openid email offline_access").await;
    let tokens = p.exchange(&client, &code).await;
    let answer = p.introspect(&client, access_token(&tokens)).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let body = &answer.body;
    assert_eq!(body["active"], true);
    assert_eq!(body["scope"], "openid email offline_access");
    assert_eq!(body["client_id"], client.client_id.as_str());
    assert_eq!(body["aud"], client.client_id.as_str());
    assert_eq!(body["iss"], p.server.base.as_str());
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(
        body["sub"],
        p.app.person(ALICE).await.subject.unwrap().as_str()
    );
    assert_eq!(
        body["exp"].as_i64().unwrap() - body["iat"].as_i64().unwrap(),
        600
    );
    let refresh = p.introspect(&client, refresh_token(&tokens)).await;
    assert_eq!(refresh.body["active"], true);

    let inactive = serde_json::json!({ "active": false });
    assert_eq!(
        p.introspect(&other, access_token(&tokens)).await.body,
        inactive
    );
    assert_eq!(p.introspect(&client, "unknown").await.body, inactive);
    let from_public = p
        .post(
            "/oidc/introspect",
            Auth::Public(&public),
            &[("token", access_token(&tokens))],
        )
        .await;
    assert_eq!(
        (from_public.status, from_public.error()),
        (401, "invalid_client")
    );
    p.post(
        "/oidc/revoke",
        Auth::Basic(&client),
        &[("token", refresh_token(&tokens))],
    )
    .await;
    assert_eq!(
        p.introspect(&client, access_token(&tokens)).await.body,
        inactive
    );
    assert_eq!(
        p.introspect(&client, refresh_token(&tokens)).await.body,
        inactive
    );
}

#[tokio::test]
async fn malformed_requests_get_a_4xx_json_error_never_a_500() {
    let p = provider().await;
    let client = p.app().await;
    let form = "application/x-www-form-urlencoded";
    let huge = format!("grant_type=authorization_code&code={}", "a".repeat(60_000));
    let cases: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "/oidc/token",
            form,
            b"grant_type=\xff\xfe".to_vec(),
            "invalid_request",
        ),
        (
            "/oidc/token",
            form,
            b"grant_type=%ff%fe".to_vec(),
            "invalid_request",
        ),
        (
            "/oidc/token",
            form,
            b"grant_type=refresh_token&grant_type=authorization_code".to_vec(),
            "invalid_request",
        ),
        ("/oidc/token", form, huge.into_bytes(), "invalid_request"),
        ("/oidc/token", form, b"".to_vec(), "invalid_request"),
        (
            "/oidc/token",
            form,
            b"grant_type=password&username=a&password=b".to_vec(),
            "unsupported_grant_type",
        ),
        (
            "/oidc/token",
            form,
            b"grant_type=authorization_code".to_vec(),
            "invalid_request",
        ),
        (
            "/oidc/token",
            form,
            b"grant_type=refresh_token&refresh_token=x".to_vec(),
            "invalid_grant",
        ),
        (
            "/oidc/token",
            "application/json",
            br#"{"grant_type":"x"}"#.to_vec(),
            "invalid_request",
        ),
        (
            "/oidc/token",
            form,
            b"=&&=%&a=%zz&%%%".to_vec(),
            "invalid_request",
        ),
        (
            "/oidc/revoke",
            form,
            b"token_type_hint=access_token".to_vec(),
            "invalid_request",
        ),
        (
            "/oidc/introspect",
            form,
            b"token=a&token=b".to_vec(),
            "invalid_request",
        ),
    ];
    for (path, content_type, body, error) in cases {
        let request = p
            .http
            .post(p.server.url(path))
            .basic_auth(&client.client_id, client.client_secret.as_ref())
            .header("content-type", content_type)
            .body(body.clone());
        let answer = read(request.send().await.unwrap()).await;
        let shown = String::from_utf8_lossy(&body[..body.len().min(80)]).into_owned();
        assert_eq!(answer.status, 400, "{path} {shown}: {}", answer.body);
        assert_eq!(answer.error(), error, "{path} {shown}");
    }
    for header in ["Basic !!!", "Basic Zm9v", "Bearer abc", "Basic"] {
        let request = p
            .http
            .post(p.server.url("/oidc/token"))
            .header("authorization", header)
            .form(&[("grant_type", "refresh_token"), ("refresh_token", "x")]);
        let answer = read(request.send().await.unwrap()).await;
        assert_eq!(
            (answer.status, answer.error()),
            (401, "invalid_client"),
            "{header}"
        );
    }
    let request = p
        .http
        .get(p.server.url("/oidc/userinfo"))
        .header("authorization", "Bearer");
    assert_eq!(read(request.send().await.unwrap()).await.status, 401);
}
