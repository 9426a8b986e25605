//! An OpenID Connect provider on 127.0.0.1 that the tests script: its discovery document,
//! its published keys (counting fetches) and a token endpoint answering with whatever ID
//! token the test forged (recording each request). Also a document too large to read and
//! one that moved (a redirect to a document that would otherwise be accepted).
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Utc;
use openidconnect::core::CoreJsonWebKey;
use serde_json::{json, Value};
use server::signing::{generate, Algorithm, Signer};

pub const CLIENT_ID: &str = "portico";
pub const CLIENT_SECRET: &str = "s3cret:with/odd&chars";
pub const REDIRECT_URI: &str = "http://localhost:3000/sso/callback";
pub const NONCE: &str = "n-0S6_WzA2Mj";

/// The test keys, made once: RSA key generation takes a while unoptimised.
pub struct Keys {
    /// Published from the start, as `k1`.
    pub first: Signer,
    /// Another RSA key, `k2`: published later, or never.
    pub second: Signer,
    pub es256: Signer,
    pub eddsa: Signer,
}

pub static KEYS: LazyLock<Keys> = LazyLock::new(|| {
    let key = |alg: Algorithm, kid: &str| {
        let pkcs8 = generate::pkcs8(alg).expect("a key");
        Signer::from_pkcs8(alg, kid.to_owned(), &pkcs8).expect("a signer")
    };
    Keys {
        first: key(Algorithm::Rs256, "k1"),
        second: key(Algorithm::Rs256, "k2"),
        es256: key(Algorithm::Es256, "e1"),
        eddsa: key(Algorithm::EdDsa, "d1"),
    }
});

/// What the token endpoint was sent.
#[derive(Clone, Debug)]
pub struct TokenRequest {
    pub authorization: Option<String>,
    pub form: HashMap<String, String>,
}

#[derive(Default)]
pub struct Scripted {
    pub document: Value,
    pub keys: Vec<CoreJsonWebKey>,
    pub document_fetches: usize,
    pub key_fetches: usize,
    /// The token endpoint's answer (status, JSON).
    pub token_answer: Option<(StatusCode, Value)>,
    pub token_requests: Vec<TokenRequest>,
}

#[derive(Clone)]
pub struct FakeProvider {
    /// `http://127.0.0.1:PORT`, the issuer.
    pub issuer: String,
    pub scripted: Arc<Mutex<Scripted>>,
}

impl FakeProvider {
    /// A provider publishing `k1`, whose token endpoint takes client_secret_basic.
    pub async fn start() -> FakeProvider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let scripted = Scripted {
            document: document(&issuer, &issuer),
            keys: vec![KEYS.first.jwk().clone()],
            ..Default::default()
        };
        let fake = FakeProvider {
            issuer,
            scripted: Arc::new(Mutex::new(scripted)),
        };
        let router = axum::Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/token", post(token))
            .route("/huge/.well-known/openid-configuration", get(huge))
            .route("/moved/.well-known/openid-configuration", get(moved))
            .route(
                "/elsewhere/.well-known/openid-configuration",
                get(elsewhere),
            )
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        fake
    }

    pub fn script(&self) -> std::sync::MutexGuard<'_, Scripted> {
        self.scripted.lock().unwrap()
    }

    /// The token endpoint answers with `id_token`.
    pub fn answer_with(&self, id_token: &str) {
        self.script().token_answer = Some((StatusCode::OK, token_answer(Some(id_token))));
    }

    /// The claims of a good ID token for [`CLIENT_ID`] with [`NONCE`].
    pub fn claims(&self) -> Value {
        let now = Utc::now().timestamp();
        json!({
            "iss": self.issuer, "sub": "248289761001", "aud": CLIENT_ID,
            "exp": now + 300, "iat": now, "auth_time": now - 5, "nonce": NONCE,
            "email": "ann@acme.example", "email_verified": true,
            "name": "Ann Smith", "given_name": "Ann", "family_name": "Smith", "sid": "sid-1",
        })
    }

    /// The claims of a good logout token for [`CLIENT_ID`].
    pub fn logout_claims(&self) -> Value {
        let now = Utc::now().timestamp();
        json!({
            "iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 120,
            "jti": "bWJq", "sub": "248289761001", "sid": "sid-1",
            "events": { "http://schemas.openid.net/event/backchannel-logout": {} },
        })
    }
}

/// A discovery document for `issuer` whose endpoints are at `base`.
pub fn document(issuer: &str, base: &str) -> Value {
    json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/token"),
        "userinfo_endpoint": format!("{base}/me"),
        "jwks_uri": format!("{base}/jwks"),
        "end_session_endpoint": format!("{base}/session/end"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256", "ES256", "EdDSA", "HS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "backchannel_logout_supported": true,
        "backchannel_logout_session_supported": true,
    })
}

pub fn token_answer(id_token: Option<&str>) -> Value {
    let mut answer = json!({ "access_token": "at-1", "token_type": "Bearer", "expires_in": 300 });
    if let Some(id_token) = id_token {
        answer["id_token"] = json!(id_token);
    }
    answer
}

/// A compact JWS of `claims` with `header`, signed by `sign`.
pub fn compact(header: &Value, claims: &Value, sign: impl Fn(&[u8]) -> Vec<u8>) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// `claims` signed by `key`, the header naming its algorithm and id, with `extra` added.
pub fn signed_with(key: &Signer, extra: Value, claims: &Value) -> String {
    let mut header = json!({ "alg": key.algorithm().name(), "kid": key.kid() });
    for (name, value) in extra.as_object().into_iter().flatten() {
        header[name] = value.clone();
    }
    compact(&header, claims, |input| key.sign_bytes(input).unwrap())
}

/// `claims` signed by the first key, as a provider would.
pub fn signed(claims: &Value) -> String {
    signed_with(&KEYS.first, json!({}), claims)
}

async fn discovery(State(fake): State<FakeProvider>) -> Json<Value> {
    let mut script = fake.script();
    script.document_fetches += 1;
    Json(script.document.clone())
}

async fn jwks(State(fake): State<FakeProvider>) -> Json<Value> {
    let mut script = fake.script();
    script.key_fetches += 1;
    Json(json!({ "keys": script.keys }))
}

async fn token(
    State(fake): State<FakeProvider>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let mut script = fake.script();
    script.token_requests.push(TokenRequest {
        authorization: headers
            .get("authorization")
            .map(|value| value.to_str().unwrap().to_owned()),
        form,
    });
    let (status, answer) = script
        .token_answer
        .clone()
        .unwrap_or((StatusCode::OK, token_answer(None)));
    (status, Json(answer)).into_response()
}

async fn huge(State(fake): State<FakeProvider>) -> Json<Value> {
    let issuer = format!("{}/huge", fake.issuer);
    let mut document = document(&issuer, &fake.issuer);
    document["padding"] = json!("x".repeat(300 * 1024));
    Json(document)
}

async fn moved() -> Redirect {
    Redirect::temporary("/elsewhere/.well-known/openid-configuration")
}

/// What `moved` leads to: a document for the issuer `…/moved`, which would be accepted.
async fn elsewhere(State(fake): State<FakeProvider>) -> Json<Value> {
    let issuer = format!("{}/moved", fake.issuer);
    Json(document(&issuer, &fake.issuer))
}
