//! A passkey on a software device: it answers the server's options as a browser's
//! WebAuthn API would (a P-256 key, "none" attestation, the person verified, a counter
//! that stays at 0 as synced passkeys' do), so that the tests can add a passkey and log
//! in with it end to end.
use std::collections::BTreeMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use rand::RngCore;
use serde_cbor_2::Value;
use sha2::{Digest, Sha256};

/// User present, user verified.
const PRESENT_AND_VERIFIED: u8 = 0x01 | 0x04;
/// …with attested credential data (a new credential).
const ATTESTED: u8 = 0x40;

pub struct SoftPasskey {
    key: SigningKey,
    id: Vec<u8>,
    user_handle: Vec<u8>,
    rp_id: String,
    origin: String,
}

fn b64(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn public_key_options(options: &str) -> serde_json::Value {
    let options: serde_json::Value = serde_json::from_str(options).expect("options as JSON");
    options["publicKey"].clone()
}

fn client_data(kind: &str, challenge: &serde_json::Value, origin: &str) -> String {
    serde_json::json!({
        "type": kind,
        "challenge": challenge,
        "origin": origin,
        "crossOrigin": false,
    })
    .to_string()
}

impl SoftPasskey {
    /// A new passkey for a registration's `options` (the server's JSON) at `origin`, and
    /// the credential the browser would send back (JSON).
    pub fn create(options: &str, origin: &str) -> (Self, String) {
        let options = public_key_options(options);
        let mut secret = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        let mut id = vec![0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut id);
        let passkey = Self {
            key: SigningKey::from_slice(&secret).expect("a P-256 key"),
            id,
            user_handle: URL_SAFE_NO_PAD
                .decode(options["user"]["id"].as_str().expect("a user handle"))
                .expect("a base64url user handle"),
            rp_id: options["rp"]["id"].as_str().expect("an RP id").to_owned(),
            origin: origin.to_owned(),
        };
        let mut auth_data = passkey.auth_data(PRESENT_AND_VERIFIED | ATTESTED);
        auth_data.extend([0u8; 16]); // no AAGUID
        auth_data.extend((passkey.id.len() as u16).to_be_bytes());
        auth_data.extend(&passkey.id);
        auth_data.extend(passkey.cose_key());
        let attestation = Value::Map(BTreeMap::from([
            (Value::Text("fmt".into()), Value::Text("none".into())),
            (Value::Text("attStmt".into()), Value::Map(BTreeMap::new())),
            (Value::Text("authData".into()), Value::Bytes(auth_data)),
        ]));
        let client_data = client_data("webauthn.create", &options["challenge"], origin);
        let credential = serde_json::json!({
            "id": b64(&passkey.id),
            "rawId": b64(&passkey.id),
            "type": "public-key",
            "response": {
                "attestationObject": b64(serde_cbor_2::to_vec(&attestation).unwrap()),
                "clientDataJSON": b64(client_data),
            },
            "extensions": {},
        });
        (passkey, credential.to_string())
    }

    /// The answer to a log-in's `options` (the server's JSON): an assertion, signed.
    pub fn assert(&self, options: &str) -> String {
        let options = public_key_options(options);
        let auth_data = self.auth_data(PRESENT_AND_VERIFIED);
        let client_data = client_data("webauthn.get", &options["challenge"], &self.origin);
        let mut signed = auth_data.clone();
        signed.extend(Sha256::digest(client_data.as_bytes()));
        let signature: Signature = self.key.sign(&signed);
        serde_json::json!({
            "id": b64(&self.id),
            "rawId": b64(&self.id),
            "type": "public-key",
            "response": {
                "authenticatorData": b64(auth_data),
                "clientDataJSON": b64(client_data),
                "signature": b64(signature.to_der().as_bytes()),
                "userHandle": b64(&self.user_handle),
            },
            "extensions": {},
        })
        .to_string()
    }

    /// The RP id's hash, the flags and a counter that stays at 0.
    fn auth_data(&self, flags: u8) -> Vec<u8> {
        let mut data = Sha256::digest(self.rp_id.as_bytes()).to_vec();
        data.push(flags);
        data.extend(0u32.to_be_bytes());
        data
    }

    /// The public key as COSE: EC2, ES256, P-256, x and y.
    fn cose_key(&self) -> Vec<u8> {
        let point = self.key.verifying_key().to_sec1_point(false);
        let bytes = point.as_bytes();
        let key = Value::Map(BTreeMap::from([
            (Value::Integer(1), Value::Integer(2)),
            (Value::Integer(3), Value::Integer(-7)),
            (Value::Integer(-1), Value::Integer(1)),
            (Value::Integer(-2), Value::Bytes(bytes[1..33].to_vec())),
            (Value::Integer(-3), Value::Bytes(bytes[33..65].to_vec())),
        ]));
        serde_cbor_2::to_vec(&key).unwrap()
    }
}
