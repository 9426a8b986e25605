//! The keys that sign ID tokens and logout tokens: made once for every instance, rotated
//! while the old key stays published until its tokens have expired, verifiable by anyone
//! with the JWKS alone (checked here with ring, not with our own code), and our own
//! tokens recognised (`jws::verify_own`, for `id_token_hint`).
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use openidconnect::{Audience, IssuerUrl, StandardClaims, SubjectIdentifier};
use ring::signature::{self, RsaPublicKeyComponents, UnparsedPublicKey};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};
use server::db::entities::signing_key;
use server::signing::store::{self, PUBLISHED_AFTER_RETIREMENT, PUBLISH_LEAD};
use server::signing::{
    id_token, jws, CompanyClaim, KeyRing, PorticoClaims, PorticoIdTokenClaims, ID_TOKEN_LIFETIME,
};

use crate::common;

const ISSUER: &str = "http://portal.test";

/// Whether `token` verifies with the key its header names in `jwks` (the JSON a relying
/// party downloads), by the rules of JWS alone.
pub fn verifies_with(jwks: &Value, token: &str) -> bool {
    let part = |s: &str| URL_SAFE_NO_PAD.decode(s).unwrap();
    let (signed, signature) = token.rsplit_once('.').unwrap();
    let header: Value = serde_json::from_slice(&part(signed.split('.').next().unwrap())).unwrap();
    let Some(jwk) = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|key| key["kid"] == header["kid"])
    else {
        return false;
    };
    let field = |name: &str| part(jwk[name].as_str().unwrap());
    let (message, signature) = (signed.as_bytes(), part(signature));
    let verified = match (
        header["alg"].as_str().unwrap(),
        jwk["kty"].as_str().unwrap(),
    ) {
        ("RS256", "RSA") => RsaPublicKeyComponents {
            n: field("n"),
            e: field("e"),
        }
        .verify(&signature::RSA_PKCS1_2048_8192_SHA256, message, &signature),
        ("ES256", "EC") => {
            assert_eq!(jwk["crv"], "P-256");
            let point = [vec![4], field("x"), field("y")].concat();
            UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, point)
                .verify(message, &signature)
        }
        ("EdDSA", "OKP") => {
            assert_eq!(jwk["crv"], "Ed25519");
            UnparsedPublicKey::new(&signature::ED25519, field("x")).verify(message, &signature)
        }
        _ => return false,
    };
    verified.is_ok()
}

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

fn header_of(token: &str) -> Value {
    let header = token.split('.').next().unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).unwrap()).unwrap()
}

fn id_token_claims(issuer: &str, now: DateTime<Utc>) -> PorticoIdTokenClaims {
    PorticoIdTokenClaims::new(
        IssuerUrl::new(issuer.into()).unwrap(),
        vec![Audience::new("the-app".into())],
        now + ID_TOKEN_LIFETIME,
        now,
        StandardClaims::new(SubjectIdentifier::new("subject-1".into())),
        PorticoClaims {
            sid: Some("login-1".into()),
            portal: Some("csm".into()),
            company: Some(CompanyClaim {
                id: 7,
                name: "Acme".into(),
            }),
            role: None,
        },
    )
}

fn jwks(ring: &KeyRing) -> Value {
    serde_json::to_value(ring.jwks()).unwrap()
}

fn kids(ring: &KeyRing) -> Vec<String> {
    jwks(ring)["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|key| key["kid"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_token_signed_by_the_previous_key_still_verifies_through_the_jwks_after_a_rotation() {
    let app = common::app().await;
    let start = Utc::now();
    let before = KeyRing::load(&app.db.conn, &app.portico.secrets, start)
        .await
        .unwrap();
    let token = id_token(&before, "RS256", id_token_claims(ISSUER, start)).unwrap();

    store::rotate(&app.db.conn, &app.portico.secrets, start)
        .await
        .unwrap();
    let after = KeyRing::load(
        &app.db.conn,
        &app.portico.secrets,
        start + Duration::seconds(1),
    )
    .await
    .unwrap();
    assert!(verifies_with(&jwks(&after), &token));
    assert_eq!(kids(&after).len(), 6, "old and new key of each algorithm");
    // The new key is published first and signs only once every instance has seen it.
    let old_kid = header_of(&token)["kid"].clone();
    assert_eq!(after.signer("RS256").unwrap().kid(), old_kid);
    let switched = KeyRing::load(&app.db.conn, &app.portico.secrets, start + PUBLISH_LEAD)
        .await
        .unwrap();
    let new_token = id_token(&switched, "RS256", id_token_claims(ISSUER, start)).unwrap();
    assert_ne!(header_of(&new_token)["kid"], old_kid);
    assert!(verifies_with(&jwks(&switched), &new_token));
}

#[tokio::test]
async fn a_retired_key_leaves_the_jwks_once_its_last_token_has_expired() {
    let app = common::app().await;
    let start = Utc::now();
    let first = KeyRing::load(&app.db.conn, &app.portico.secrets, start)
        .await
        .unwrap();
    let token = id_token(&first, "ES256", id_token_claims(ISSUER, start)).unwrap();
    store::rotate(&app.db.conn, &app.portico.secrets, start)
        .await
        .unwrap();

    // The old key signs until PUBLISH_LEAD; its last token expires ID_TOKEN_LIFETIME later.
    let last_token_expires = start + PUBLISH_LEAD + ID_TOKEN_LIFETIME;
    let then = KeyRing::load(&app.db.conn, &app.portico.secrets, last_token_expires)
        .await
        .unwrap();
    assert!(verifies_with(&jwks(&then), &token));
    let gone_at = start + PUBLISH_LEAD + PUBLISHED_AFTER_RETIREMENT + Duration::seconds(1);
    let later = KeyRing::load(&app.db.conn, &app.portico.secrets, gone_at)
        .await
        .unwrap();
    assert!(!verifies_with(&jwks(&later), &token));
    assert_eq!(kids(&later).len(), 3, "only the new key of each algorithm");
}

#[tokio::test]
async fn es256_and_eddsa_id_tokens_verify_with_the_published_jwk_and_carry_our_claims() {
    let app = common::app().await;
    let now = Utc::now();
    let ring = KeyRing::load(&app.db.conn, &app.portico.secrets, now)
        .await
        .unwrap();
    for alg in ["RS256", "ES256", "EdDSA"] {
        let token = id_token(&ring, alg, id_token_claims(ISSUER, now)).unwrap();
        assert_eq!(header_of(&token)["alg"], alg);
        assert!(verifies_with(&jwks(&ring), &token), "{alg}");
        let claims = claims_of(&token);
        assert_eq!(claims["iss"], ISSUER);
        assert_eq!(claims["aud"], json!(["the-app"]));
        assert_eq!(claims["sid"], "login-1");
        assert_eq!(claims["company"], json!({ "id": 7, "name": "Acme" }));
        assert!(claims.get("role").is_none(), "an absent claim is left out");
        let mut tampered = token.clone();
        tampered.insert(token.rfind('.').unwrap() + 1, 'A');
        assert!(!verifies_with(&jwks(&ring), &tampered), "{alg}");
    }
    assert!(id_token(&ring, "HS256", id_token_claims(ISSUER, now)).is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn instances_starting_together_make_one_key_per_algorithm() {
    let app = common::app().await;
    let now = Utc::now();
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(4));
    let mut instances = Vec::new();
    for _ in 0..4 {
        let other = common::app_on(&app.url).await;
        let start = start.clone();
        instances.push(tokio::spawn(async move {
            start.wait().await;
            kids(
                &KeyRing::load(&other.db.conn, &other.portico.secrets, now)
                    .await
                    .unwrap(),
            )
        }));
    }
    let mut seen = Vec::new();
    for instance in instances {
        let mut kids = instance.await.unwrap();
        kids.sort();
        seen.push(kids);
    }
    assert!(seen.windows(2).all(|pair| pair[0] == pair[1]), "{seen:?}");
    let stored = signing_key::Entity::find()
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(stored, 3);
}

#[tokio::test]
async fn every_instance_sees_another_ones_rotation_within_a_minute() {
    let first = common::app().await;
    let second = common::app_on(&first.url).await;
    let start = Utc::now();
    let cache = &first.portico.keys;
    let before = kids(&cache.ring(&first.db.conn, start).await.unwrap());

    store::rotate(&second.db.conn, &second.portico.secrets, start)
        .await
        .unwrap();
    let cached = cache
        .ring(&first.db.conn, start + Duration::seconds(30))
        .await
        .unwrap();
    assert_eq!(
        kids(&cached),
        before,
        "read from the cache, not the database"
    );
    let reloaded = cache
        .ring(&first.db.conn, start + Duration::seconds(61))
        .await
        .unwrap();
    assert_eq!(kids(&reloaded).len(), 6);
    assert!(before.iter().all(|kid| kids(&reloaded).contains(kid)));
}

#[tokio::test]
async fn a_cached_ring_signs_with_the_new_key_from_the_moment_it_starts_signing() {
    let app = common::app().await;
    let start = Utc::now();
    let cache = &app.portico.keys;
    let old = kids(&cache.ring(&app.db.conn, start).await.unwrap());
    store::rotate(&app.db.conn, &app.portico.secrets, start)
        .await
        .unwrap();

    let before = start + PUBLISH_LEAD - Duration::seconds(20);
    let ring = cache.ring(&app.db.conn, before).await.unwrap();
    assert!(old.contains(&ring.signer("RS256").unwrap().kid().to_owned()));
    // Loaded 20 s ago, yet the new key signs at once: the ring knew when it would.
    let ring = cache
        .ring(&app.db.conn, start + PUBLISH_LEAD)
        .await
        .unwrap();
    assert!(!old.contains(&ring.signer("RS256").unwrap().kid().to_owned()));
}

#[tokio::test]
async fn our_own_token_is_recognised_even_expired_and_so_is_a_logout_token() {
    let app = common::app().await;
    let now = Utc::now();
    let ring = KeyRing::load(&app.db.conn, &app.portico.secrets, now)
        .await
        .unwrap();
    let long_ago = now - Duration::hours(3);
    for alg in ["RS256", "ES256", "EdDSA"] {
        let expired = id_token(&ring, alg, id_token_claims(ISSUER, long_ago)).unwrap();
        let claims = jws::verify_own(&ring, &expired, ISSUER).expect("our token");
        assert_eq!(claims["sub"], "subject-1");
    }
    let logout = json!({
        "iss": ISSUER, "aud": "the-app", "iat": now.timestamp(), "exp": now.timestamp() + 120,
        "jti": "j1", "sid": "login-1",
        "events": { "http://schemas.openid.net/event/backchannel-logout": {} },
    });
    let token = jws::compact(&ring, "logout+jwt", &logout, "EdDSA").unwrap();
    let header = header_of(&token);
    assert_eq!(header["typ"], "logout+jwt");
    assert_eq!(header["alg"], "EdDSA");
    assert!(verifies_with(&jwks(&ring), &token));
    assert_eq!(jws::verify_own(&ring, &token, ISSUER), Some(logout));
}

#[tokio::test]
async fn a_token_of_another_issuer_a_tampered_one_and_garbage_are_not_ours() {
    let app = common::app().await;
    let now = Utc::now();
    let ring = KeyRing::load(&app.db.conn, &app.portico.secrets, now)
        .await
        .unwrap();
    let elsewhere = id_token(
        &ring,
        "RS256",
        id_token_claims("https://other.example", now),
    )
    .unwrap();
    assert_eq!(jws::verify_own(&ring, &elsewhere, ISSUER), None);

    let ours = id_token(&ring, "ES256", id_token_claims(ISSUER, now)).unwrap();
    let [header, payload, signature]: [&str; 3] =
        ours.split('.').collect::<Vec<_>>().try_into().unwrap();
    let mut claims = claims_of(&ours);
    claims["sub"] = json!("someone-else");
    let forged_payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let other_header = |header: Value| URL_SAFE_NO_PAD.encode(header.to_string());
    let mut header_json = header_of(&ours);
    header_json["alg"] = json!("none");
    let unknown_kid = json!({ "alg": "ES256", "kid": "not-ours" });
    let not_ours = [
        format!("{header}.{forged_payload}.{signature}"),
        format!("{header}.{payload}.{}", &signature[2..]),
        format!("{}.{payload}.{signature}", other_header(header_json)),
        format!("{header}.{payload}."),
        format!("{}.{payload}.{signature}", other_header(unknown_kid)),
        format!("{header}.{payload}.{signature}.extra"),
        format!("{header}.{payload}"),
        format!("{header}.!!!.{signature}"),
        format!(
            "{}.{payload}.{signature}",
            URL_SAFE_NO_PAD.encode("not json")
        ),
        format!("{}.{payload}.{signature}", other_header(json!([1, 2]))),
        String::new(),
        "...".into(),
        "a.b.c".into(),
        "é.ü.ß".into(),
        "x".repeat(100_000),
    ];
    for token in &not_ours {
        assert_eq!(jws::verify_own(&ring, token, ISSUER), None, "{token:.80}");
    }
    assert!(jws::verify_own(&ring, &ours, ISSUER).is_some());
}
