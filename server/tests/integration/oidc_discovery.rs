//! Discovery and the JWKS as a relying party meets them: from the server binary, over
//! HTTP, with no session.
use serde_json::{json, Value};

use crate::common::server_process::{command as server_with, ServerProcess};

async fn get(server: &ServerProcess, path: &str) -> (reqwest::header::HeaderMap, Value) {
    let response = reqwest::Client::new()
        .get(server.url(path))
        // As a relying party's page on another site would ask.
        .header("Origin", "https://app.example")
        .header("Sec-Fetch-Site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    let headers = response.headers().clone();
    let body = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    (headers, body)
}

#[tokio::test]
async fn the_discovery_document_names_every_required_field_with_our_values() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let (headers, document) = get(&server, "/.well-known/openid-configuration").await;
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert!(headers.get("set-cookie").is_none());

    let base = &server.base;
    let at = |path: &str| json!(format!("{base}{path}"));
    // Required by Discovery 1.0 §3 (the issuer exactly as PUBLIC_URL: no slash added).
    assert_eq!(document["issuer"], json!(base));
    assert_eq!(document["authorization_endpoint"], at("/oidc/authorize"));
    assert_eq!(document["token_endpoint"], at("/oidc/token"));
    assert_eq!(document["jwks_uri"], at("/oidc/jwks"));
    assert_eq!(document["response_types_supported"], json!(["code"]));
    assert_eq!(document["subject_types_supported"], json!(["public"]));
    assert_eq!(
        document["id_token_signing_alg_values_supported"],
        json!(["RS256", "ES256", "EdDSA"])
    );
    // What the issue asks for beyond them.
    assert_eq!(document["userinfo_endpoint"], at("/oidc/userinfo"));
    assert_eq!(document["end_session_endpoint"], at("/oidc/logout"));
    assert_eq!(document["revocation_endpoint"], at("/oidc/revoke"));
    assert_eq!(document["introspection_endpoint"], at("/oidc/introspect"));
    assert_eq!(
        document["introspection_endpoint_auth_methods_supported"],
        json!(["client_secret_basic", "client_secret_post"])
    );
    assert_eq!(
        document["code_challenge_methods_supported"],
        json!(["S256"])
    );
    assert_eq!(
        document["authorization_response_iss_parameter_supported"],
        true
    );
    assert_eq!(document["backchannel_logout_supported"], true);
    assert_eq!(document["backchannel_logout_session_supported"], true);
    assert_eq!(
        document["scopes_supported"],
        json!(["openid", "profile", "email", "offline_access", "portico"])
    );
    let claims = document["claims_supported"].as_array().unwrap();
    for claim in [
        "sub",
        "email",
        "email_verified",
        "amr",
        "sid",
        "portal",
        "company",
        "role",
    ] {
        assert!(claims.contains(&json!(claim)), "{claim}");
    }
    assert_eq!(document["ui_locales_supported"], json!(["en", "de"]));
    assert_eq!(
        document["grant_types_supported"],
        json!(["authorization_code", "refresh_token"])
    );
    assert_eq!(
        document["token_endpoint_auth_methods_supported"],
        json!(["client_secret_basic", "client_secret_post", "none"])
    );
    assert_eq!(document["response_modes_supported"], json!(["query"]));
    // Discovery's defaults for these are true: said false explicitly.
    for unsupported in [
        "request_parameter_supported",
        "request_uri_parameter_supported",
        "claims_parameter_supported",
    ] {
        assert_eq!(document[unsupported], false, "{unsupported}");
    }
}

#[tokio::test]
async fn the_jwks_is_public_cached_for_a_minute_and_holds_a_public_key_per_algorithm() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let (headers, jwks) = get(&server, "/oidc/jwks").await;
    assert_eq!(headers["cache-control"], "public, max-age=60");
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert!(headers.get("set-cookie").is_none());

    let keys = jwks["keys"].as_array().unwrap();
    let mut kinds: Vec<_> = keys.iter().map(|k| k["kty"].as_str().unwrap()).collect();
    kinds.sort();
    assert_eq!(kinds, ["EC", "OKP", "RSA"]);
    for key in keys {
        assert_eq!(key["use"], "sig");
        assert!(key["kid"].as_str().is_some_and(|kid| !kid.is_empty()));
        assert!(key.get("d").is_none(), "no private part: {key}");
    }
    // The same keys again: made once, at first need.
    assert_eq!(get(&server, "/oidc/jwks").await.1, jwks);
}

#[tokio::test]
async fn protocol_routes_are_outside_the_same_origin_check() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    // A relying party's server posts to the protocol's endpoints from elsewhere: the
    // route answers (here: not a method it has), where a page would refuse with 403.
    let posted = reqwest::Client::new()
        .post(server.url("/oidc/jwks"))
        .header("Origin", "https://app.example")
        .header("Sec-Fetch-Site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 405);
}

#[tokio::test]
async fn keys_rotate_makes_a_key_per_algorithm_that_signs_two_minutes_later() {
    let dir = tempfile::tempdir().unwrap();
    let rotate = |dir: &std::path::Path| {
        server_with(dir, &[("PUBLIC_URL", "http://localhost:3000")])
            .args(["keys", "rotate"])
            .output()
            .unwrap()
    };
    let first = rotate(dir.path());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let first: Value = serde_json::from_slice(&first.stdout).unwrap();
    let algs: Vec<_> = first["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["alg"].clone())
        .collect();
    assert_eq!(algs, [json!("RS256"), json!("ES256"), json!("EdDSA")]);
    assert_eq!(first["published"].as_array().unwrap().len(), 3);

    let second: Value = serde_json::from_slice(&rotate(dir.path()).stdout).unwrap();
    assert_eq!(second["published"].as_array().unwrap().len(), 6);
    let signs_from = |output: &Value| -> chrono::DateTime<chrono::Utc> {
        output["keys"][0]["signs_from"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let lead = signs_from(&second) - signs_from(&first);
    assert!(lead >= chrono::Duration::minutes(2), "{lead}");
}
