//! Portico as a relying party (`server::relying_party`) against a provider on 127.0.0.1
//! that the tests script (`fake_provider`): discovery checked byte for byte and kept to
//! `OUTBOUND_ALLOW_RANGES`, size and redirects; the code redeemed with the client secret;
//! every ID token and logout token refused unless issuer, audience, time, nonce,
//! algorithm, key and signature are right; the keys fetched again for an unknown `kid`.
mod fake_provider;

use axum::http::StatusCode;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chrono::Utc;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use server::outbound::{OutboundPolicy, Refusal};
use server::relying_party::{
    Callback, ClientCredentials, LogoutToken, RelyingParty, RpError, TokenProblem, VerifiedIdentity,
};
use sha2::Sha256;

use fake_provider::{
    compact, signed, signed_with, token_answer, FakeProvider, CLIENT_ID, CLIENT_SECRET, KEYS,
    NONCE, REDIRECT_URI,
};

/// A relying party allowed to reach loopback, as `OUTBOUND_ALLOW_RANGES=127.0.0.0/8`.
fn relying_party() -> RelyingParty {
    let loopback = OutboundPolicy::allowing(vec!["127.0.0.0/8".parse().unwrap()]);
    RelyingParty::with_policy(loopback).unwrap()
}

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

/// A sign-in at `fake` whose token endpoint answers with `id_token`.
async fn sign_in(fake: &FakeProvider, id_token: &str) -> Result<VerifiedIdentity, RpError> {
    sign_in_with(&relying_party(), fake, id_token).await
}

async fn sign_in_with(
    rp: &RelyingParty,
    fake: &FakeProvider,
    id_token: &str,
) -> Result<VerifiedIdentity, RpError> {
    let provider = rp.provider(&fake.issuer).await?;
    fake.answer_with(id_token);
    let client = ClientCredentials {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uri: REDIRECT_URI,
    };
    let callback = Callback {
        code: "the-code",
        pkce_verifier: VERIFIER,
        nonce: NONCE,
    };
    rp.redeem(&provider, &client, &callback).await
}

fn id_token_refused(outcome: Result<VerifiedIdentity, RpError>) -> TokenProblem {
    match outcome {
        Err(RpError::IdToken(problem)) => problem,
        other => panic!("expected a refused ID token, got {other:?}"),
    }
}

/// `claims` with `changes` (a `null` removes a claim).
fn with(mut claims: Value, changes: Value) -> Value {
    for (name, value) in changes.as_object().unwrap() {
        match value {
            Value::Null => {
                claims.as_object_mut().unwrap().remove(name);
            }
            value => claims[name] = value.clone(),
        }
    }
    claims
}

#[tokio::test]
async fn a_valid_id_token_says_who_signed_in() {
    let fake = FakeProvider::start().await;
    let identity = sign_in(&fake, &signed(&fake.claims())).await.unwrap();
    assert_eq!(identity.issuer, fake.issuer);
    assert_eq!(identity.subject, "248289761001");
    assert_eq!(identity.email.as_deref(), Some("ann@acme.example"));
    assert!(identity.email_verified);
    assert_eq!(identity.name.as_deref(), Some("Ann Smith"));
    assert_eq!(identity.given_name.as_deref(), Some("Ann"));
    assert_eq!(identity.family_name.as_deref(), Some("Smith"));
    assert_eq!(identity.sid.as_deref(), Some("sid-1"));
    assert!(identity.expires_at > Utc::now());
    assert!(identity.authenticated_at.is_some());

    let unverified = with(
        fake.claims(),
        json!({ "email_verified": null, "sid": null }),
    );
    let identity = sign_in(&fake, &signed(&unverified)).await.unwrap();
    assert!(
        !identity.email_verified,
        "an absent email_verified counts as false"
    );
    assert_eq!(identity.sid, None);
}

#[tokio::test]
async fn the_code_is_redeemed_with_the_verifier_and_the_secret_in_basic_authentication() {
    let fake = FakeProvider::start().await;
    sign_in(&fake, &signed(&fake.claims())).await.unwrap();
    let request = fake.script().token_requests[0].clone();
    assert_eq!(request.form["grant_type"], "authorization_code");
    assert_eq!(request.form["code"], "the-code");
    assert_eq!(request.form["code_verifier"], VERIFIER);
    assert_eq!(request.form["redirect_uri"], REDIRECT_URI);
    assert!(!request.form.contains_key("client_secret"));
    // RFC 6749 §2.3.1: id and secret form-encoded, then Basic.
    let expected = STANDARD.encode("portico:s3cret%3Awith%2Fodd%26chars");
    assert_eq!(request.authorization, Some(format!("Basic {expected}")));
}

#[tokio::test]
async fn the_secret_is_posted_when_the_provider_offers_only_client_secret_post() {
    let fake = FakeProvider::start().await;
    fake.script().document["token_endpoint_auth_methods_supported"] = json!(["client_secret_post"]);
    sign_in(&fake, &signed(&fake.claims())).await.unwrap();
    let request = fake.script().token_requests[0].clone();
    assert_eq!(request.authorization, None);
    assert_eq!(request.form["client_id"], CLIENT_ID);
    assert_eq!(request.form["client_secret"], CLIENT_SECRET);
}

#[tokio::test]
async fn an_id_token_from_another_issuer_is_refused() {
    let fake = FakeProvider::start().await;
    for issuer in [format!("{}/", fake.issuer), "https://evil.example".into()] {
        let claims = with(fake.claims(), json!({ "iss": issuer }));
        assert_eq!(
            id_token_refused(sign_in(&fake, &signed(&claims)).await),
            TokenProblem::Issuer
        );
    }
}

#[tokio::test]
async fn an_id_token_for_another_client_or_for_more_than_us_is_refused() {
    let fake = FakeProvider::start().await;
    for aud in [
        json!("another-app"),
        json!([CLIENT_ID, "another-app"]),
        json!([]),
        Value::Null,
    ] {
        let claims = with(fake.claims(), json!({ "aud": aud }));
        assert_eq!(
            id_token_refused(sign_in(&fake, &signed(&claims)).await),
            TokenProblem::Audience
        );
    }
    let claims = with(fake.claims(), json!({ "azp": "another-app" }));
    let refused = id_token_refused(sign_in(&fake, &signed(&claims)).await);
    assert_eq!(refused, TokenProblem::AuthorizedParty);
}

#[tokio::test]
async fn an_expired_id_token_or_one_issued_in_the_future_is_refused() {
    let fake = FakeProvider::start().await;
    let now = Utc::now().timestamp();
    let expired = with(
        fake.claims(),
        json!({ "iat": now - 3600, "exp": now - 120 }),
    );
    assert_eq!(
        id_token_refused(sign_in(&fake, &signed(&expired)).await),
        TokenProblem::Expired
    );
    let future = with(fake.claims(), json!({ "iat": now + 600, "exp": now + 900 }));
    assert_eq!(
        id_token_refused(sign_in(&fake, &signed(&future)).await),
        TokenProblem::IssuedAt
    );
}

#[tokio::test]
async fn an_unsigned_id_token_is_refused() {
    let fake = FakeProvider::start().await;
    let unsigned = compact(&json!({ "alg": "none" }), &fake.claims(), |_| Vec::new());
    assert_eq!(
        id_token_refused(sign_in(&fake, &unsigned).await),
        TokenProblem::Algorithm
    );
}

/// The classic confusion: a verifier that took the key named by `kid` as an HMAC secret
/// would accept a token anyone can make from the provider's public key.
#[tokio::test]
async fn an_id_token_signed_with_hs256_and_the_public_key_is_refused() {
    let fake = FakeProvider::start().await;
    let jwk = serde_json::to_value(KEYS.first.jwk()).unwrap();
    let modulus = URL_SAFE_NO_PAD.decode(jwk["n"].as_str().unwrap()).unwrap();
    for public_key in [jwk.to_string().into_bytes(), modulus] {
        let hs256 = |input: &[u8]| {
            let mut mac = Hmac::<Sha256>::new_from_slice(&public_key).unwrap();
            mac.update(input);
            mac.finalize().into_bytes().to_vec()
        };
        let header = json!({ "alg": "HS256", "kid": "k1" });
        let forged = compact(&header, &fake.claims(), hs256);
        assert_eq!(
            id_token_refused(sign_in(&fake, &forged).await),
            TokenProblem::Algorithm
        );
    }
}

#[tokio::test]
async fn an_id_token_whose_signature_is_not_the_named_keys_is_refused() {
    let fake = FakeProvider::start().await;
    let header = json!({ "alg": "RS256", "kid": "k1" });
    let forged = compact(&header, &fake.claims(), |input| {
        KEYS.second.sign_bytes(input).unwrap()
    });
    assert_eq!(
        id_token_refused(sign_in(&fake, &forged).await),
        TokenProblem::Signature
    );
}

#[tokio::test]
async fn an_id_token_without_the_nonce_or_with_another_is_refused() {
    let fake = FakeProvider::start().await;
    for nonce in [Value::Null, json!("another-nonce")] {
        let claims = with(fake.claims(), json!({ "nonce": nonce }));
        assert_eq!(
            id_token_refused(sign_in(&fake, &signed(&claims)).await),
            TokenProblem::Nonce
        );
    }
}

#[tokio::test]
async fn an_answer_without_an_id_token_or_a_refused_code_signs_no_one_in() {
    let fake = FakeProvider::start().await;
    let rp = relying_party();
    let provider = rp.provider(&fake.issuer).await.unwrap();
    let client = ClientCredentials {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uri: REDIRECT_URI,
    };
    let callback = Callback {
        code: "c",
        pkce_verifier: VERIFIER,
        nonce: NONCE,
    };
    fake.script().token_answer = Some((StatusCode::OK, token_answer(None)));
    let outcome = rp.redeem(&provider, &client, &callback).await;
    assert_eq!(id_token_refused(outcome), TokenProblem::Missing);

    let refusal = json!({ "error": "invalid_grant", "error_description": "code c is used" });
    fake.script().token_answer = Some((StatusCode::BAD_REQUEST, refusal));
    let outcome = rp.redeem(&provider, &client, &callback).await;
    assert!(matches!(&outcome, Err(RpError::TokenRefused(code)) if code == "invalid_grant"));
    assert!(!outcome.unwrap_err().to_string().contains("code c"));
}

#[tokio::test]
async fn id_tokens_signed_with_es256_or_eddsa_are_accepted() {
    let fake = FakeProvider::start().await;
    fake.script().keys = vec![KEYS.es256.jwk().clone(), KEYS.eddsa.jwk().clone()];
    for key in [&KEYS.es256, &KEYS.eddsa] {
        let token = signed_with(key, json!({}), &fake.claims());
        assert!(
            sign_in(&fake, &token).await.is_ok(),
            "{:?}",
            key.algorithm()
        );
    }
}

#[tokio::test]
async fn a_key_published_after_discovery_is_found_by_fetching_the_keys_again() {
    let fake = FakeProvider::start().await;
    let rp = relying_party();
    rp.provider(&fake.issuer).await.unwrap();
    assert_eq!(fake.script().key_fetches, 1);
    fake.script().keys.push(KEYS.second.jwk().clone());

    let token = signed_with(&KEYS.second, json!({}), &fake.claims());
    assert!(sign_in_with(&rp, &fake, &token).await.is_ok());
    assert_eq!(fake.script().key_fetches, 2);
    assert!(sign_in_with(&rp, &fake, &token).await.is_ok());
    assert_eq!(fake.script().key_fetches, 2, "the new key is cached");
}

#[tokio::test]
async fn an_unknown_key_is_refused_and_fetches_the_keys_at_most_once_in_thirty_seconds() {
    let fake = FakeProvider::start().await;
    let rp = relying_party();
    let token = signed_with(&KEYS.second, json!({}), &fake.claims());
    let refused = id_token_refused(sign_in_with(&rp, &fake, &token).await);
    assert_eq!(refused, TokenProblem::UnknownKey);
    assert_eq!(fake.script().key_fetches, 2, "discovery's, then one more");

    // Published now, but within the cooldown nothing is fetched: still unknown.
    fake.script().keys.push(KEYS.second.jwk().clone());
    let refused = id_token_refused(sign_in_with(&rp, &fake, &token).await);
    assert_eq!(refused, TokenProblem::UnknownKey);
    assert_eq!(fake.script().key_fetches, 2);
}

#[tokio::test]
async fn discovery_naming_another_issuer_is_refused() {
    let fake = FakeProvider::start().await;
    fake.script().document["issuer"] = json!(format!("{}/", fake.issuer));
    let outcome = relying_party().discover(&fake.issuer).await;
    assert!(
        matches!(outcome, Err(RpError::IssuerMismatch(_))),
        "{outcome:?}"
    );
    // The other way round: configured with a slash the document does not have.
    let fake = FakeProvider::start().await;
    let outcome = relying_party().discover(&format!("{}/", fake.issuer)).await;
    assert!(
        matches!(outcome, Err(RpError::IssuerMismatch(_))),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn discovery_of_a_loopback_address_is_refused_without_the_allowance() {
    let fake = FakeProvider::start().await;
    let public_only = RelyingParty::with_policy(OutboundPolicy::public_only()).unwrap();
    let by_name = fake.issuer.replace("127.0.0.1", "localhost");
    for issuer in [&fake.issuer, &by_name] {
        let outcome = public_only.discover(issuer).await;
        let refused = matches!(
            outcome,
            Err(RpError::Refused(Refusal::PrivateAddress { .. }))
        );
        assert!(refused, "{issuer}: {outcome:?}");
    }
    assert_eq!(fake.script().document_fetches, 0);
}

#[tokio::test]
async fn a_discovery_document_over_256_kib_is_refused() {
    let fake = FakeProvider::start().await;
    let outcome = relying_party()
        .discover(&format!("{}/huge", fake.issuer))
        .await;
    assert!(
        matches!(outcome, Err(RpError::TooLarge(262_144))),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_redirected_discovery_is_not_followed() {
    let fake = FakeProvider::start().await;
    let outcome = relying_party()
        .discover(&format!("{}/moved", fake.issuer))
        .await;
    assert!(matches!(outcome, Err(RpError::Status(307))), "{outcome:?}");
}

#[tokio::test]
async fn discovery_shows_the_administrator_what_the_provider_offers() {
    let fake = FakeProvider::start().await;
    let provider = relying_party().discover(&fake.issuer).await.unwrap();
    let summary = provider.summary();
    assert_eq!(summary.issuer, fake.issuer);
    assert_eq!(
        summary.token_endpoint,
        Some(format!("{}/token", fake.issuer))
    );
    assert_eq!(summary.jwks_uri, format!("{}/jwks", fake.issuer));
    assert_eq!(
        summary.signing_algorithms,
        ["RS256", "ES256", "EdDSA", "HS256"]
    );
    assert_eq!(summary.accepted_algorithms, ["RS256", "ES256", "EdDSA"]);
    assert_eq!(summary.client_authentication, "client_secret_basic");
    assert!(summary.backchannel_logout && summary.backchannel_logout_session);
    assert_eq!(summary.keys, 1);
}

#[tokio::test]
async fn discovery_is_kept_an_hour_unless_asked_for_again() {
    let fake = FakeProvider::start().await;
    let rp = relying_party();
    rp.provider(&fake.issuer).await.unwrap();
    rp.provider(&fake.issuer).await.unwrap();
    assert_eq!(fake.script().document_fetches, 1);
    let moved_token_endpoint = format!("{}/token/v2", fake.issuer);
    fake.script().document["token_endpoint"] = json!(moved_token_endpoint);
    rp.discover(&fake.issuer).await.unwrap();
    let provider = rp.provider(&fake.issuer).await.unwrap();
    assert_eq!(fake.script().document_fetches, 2);
    assert_eq!(
        provider.summary().token_endpoint,
        Some(moved_token_endpoint)
    );
}

async fn logout(fake: &FakeProvider, token: &str) -> Result<LogoutToken, RpError> {
    let rp = relying_party();
    let provider = rp.provider(&fake.issuer).await?;
    rp.verify_logout_token(&provider, CLIENT_ID, token).await
}

fn logout_refused(outcome: Result<LogoutToken, RpError>) -> TokenProblem {
    match outcome {
        Err(RpError::LogoutToken(problem)) => problem,
        other => panic!("expected a refused logout token, got {other:?}"),
    }
}

#[tokio::test]
async fn a_valid_logout_token_names_the_session_to_end() {
    let fake = FakeProvider::start().await;
    let token = signed_with(
        &KEYS.first,
        json!({ "typ": "logout+jwt" }),
        &fake.logout_claims(),
    );
    let checked = logout(&fake, &token).await.unwrap();
    assert_eq!(checked.subject.as_deref(), Some("248289761001"));
    assert_eq!(checked.sid.as_deref(), Some("sid-1"));
    assert_eq!(checked.jti, "bWJq");
    let only_sid = with(
        fake.logout_claims(),
        json!({ "sub": null, "aud": [CLIENT_ID] }),
    );
    let checked = logout(&fake, &signed(&only_sid)).await.unwrap();
    assert_eq!(
        (checked.subject, checked.sid.as_deref()),
        (None, Some("sid-1"))
    );
}

#[tokio::test]
async fn a_logout_token_with_a_nonce_is_refused() {
    let fake = FakeProvider::start().await;
    let claims = with(fake.logout_claims(), json!({ "nonce": NONCE }));
    assert_eq!(
        logout_refused(logout(&fake, &signed(&claims)).await),
        TokenProblem::Nonce
    );
}

#[tokio::test]
async fn a_logout_token_without_the_logout_event_is_refused() {
    let fake = FakeProvider::start().await;
    for events in [
        Value::Null,
        json!({}),
        json!({ "http://schemas.openid.net/event/backchannel-logout": "yes" }),
    ] {
        let claims = with(fake.logout_claims(), json!({ "events": events }));
        assert_eq!(
            logout_refused(logout(&fake, &signed(&claims)).await),
            TokenProblem::Events
        );
    }
}

#[tokio::test]
async fn a_logout_token_for_another_client_is_refused() {
    let fake = FakeProvider::start().await;
    for aud in [
        json!("another-app"),
        json!([CLIENT_ID, "another-app"]),
        Value::Null,
    ] {
        let claims = with(fake.logout_claims(), json!({ "aud": aud }));
        assert_eq!(
            logout_refused(logout(&fake, &signed(&claims)).await),
            TokenProblem::Audience
        );
    }
}

#[tokio::test]
async fn a_logout_token_is_refused_for_each_other_wrong_claim() {
    let fake = FakeProvider::start().await;
    let now = Utc::now().timestamp();
    let cases = [
        (
            json!({ "iss": "https://evil.example" }),
            TokenProblem::Issuer,
        ),
        (
            json!({ "iat": now - 600, "exp": now - 300 }),
            TokenProblem::Expired,
        ),
        (json!({ "exp": null }), TokenProblem::Expired),
        (json!({ "iat": now + 600 }), TokenProblem::IssuedAt),
        (json!({ "jti": null }), TokenProblem::TokenId),
        (json!({ "sub": null, "sid": null }), TokenProblem::Subject),
    ];
    for (changes, problem) in cases {
        let claims = with(fake.logout_claims(), changes.clone());
        assert_eq!(
            logout_refused(logout(&fake, &signed(&claims)).await),
            problem,
            "{changes}"
        );
    }
}

#[tokio::test]
async fn a_logout_token_unsigned_or_signed_otherwise_is_refused() {
    let fake = FakeProvider::start().await;
    let claims = fake.logout_claims();
    let unsigned = compact(&json!({ "alg": "none" }), &claims, |_| Vec::new());
    assert_eq!(
        logout_refused(logout(&fake, &unsigned).await),
        TokenProblem::Algorithm
    );
    let public_key = KEYS.first.jwk().clone();
    let hs256 = |input: &[u8]| {
        let key = serde_json::to_vec(&public_key).unwrap();
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
        mac.update(input);
        mac.finalize().into_bytes().to_vec()
    };
    let forged = compact(&json!({ "alg": "HS256", "kid": "k1" }), &claims, hs256);
    assert_eq!(
        logout_refused(logout(&fake, &forged).await),
        TokenProblem::Algorithm
    );
    let header = json!({ "alg": "RS256", "kid": "k1" });
    let forged = compact(&header, &claims, |input| {
        KEYS.second.sign_bytes(input).unwrap()
    });
    assert_eq!(
        logout_refused(logout(&fake, &forged).await),
        TokenProblem::Signature
    );
    let unknown = signed_with(&KEYS.second, json!({}), &claims);
    assert_eq!(
        logout_refused(logout(&fake, &unknown).await),
        TokenProblem::UnknownKey
    );
    let access_token = signed_with(&KEYS.first, json!({ "typ": "at+jwt" }), &claims);
    assert_eq!(
        logout_refused(logout(&fake, &access_token).await),
        TokenProblem::Type
    );
}

#[tokio::test]
async fn an_id_token_is_not_a_logout_token() {
    let fake = FakeProvider::start().await;
    let id_token = signed(&with(fake.claims(), json!({ "jti": "j-1" })));
    let refused = logout_refused(logout(&fake, &id_token).await);
    assert_eq!(refused, TokenProblem::Events);
}
