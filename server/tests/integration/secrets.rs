//! Issue 23, secrets at rest: webhook endpoints' secrets and the signing keys' private
//! keys are stored sealed under a key outside the database (`PORTICO_SECRETS_KEY`, or the
//! key file beside the database), so that a copy of the database alone reveals none of
//! them; values stored in clear before are sealed when the server starts; a server with
//! another key cannot open them and says which setting to look at.
use std::collections::HashSet;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use app::api::ActionOutcome;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use server::db::entities::{signing_key, webhook_delivery, webhook_endpoint};
use server::db::Database;
use server::outbound::Outbound;
use server::secrets::{load_or_create, KeySource, Purpose, SecretBox, SEALED_PREFIX};
use server::signing::{generate, Algorithm};
use server::webhooks::WebhookWorker;

use crate::common::server_process::{command, free_port, ServerProcess};
use crate::common::TestApp;
use crate::webhooks::{
    app_allowing_loopback, loopback_allowed, signature_is_valid, start_receiver, webhook, SECRET,
};

/// Whether `haystack` holds any `WINDOW` bytes in a row of `needle` (all of it if
/// shorter): a secret cut anywhere, or its private part inside a larger structure.
const WINDOW: usize = 24;

fn windows(bytes: &[u8]) -> HashSet<&[u8]> {
    bytes.windows(WINDOW).collect()
}

fn shares_a_window(haystack: &HashSet<&[u8]>, needle: &[u8]) -> bool {
    needle.windows(WINDOW).any(|piece| haystack.contains(piece))
}

/// What an attacker with the file would look for: the webhook secret, and each private
/// key as stored before (base64 of PKCS#8) and as bytes (DER).
async fn secrets_in_clear(app: &TestApp) -> Vec<Vec<u8>> {
    let mut needles = vec![SECRET.as_bytes().to_vec()];
    let keys = signing_key::Entity::find().all(&app.db.conn).await.unwrap();
    assert_eq!(keys.len(), 3, "one key per algorithm");
    for key in keys {
        let opened = app
            .portico
            .secrets
            .open(Purpose::SigningKey, &key.private_key_pkcs8)
            .unwrap();
        needles.push(STANDARD.decode(&opened).unwrap());
        needles.push(opened.into_bytes());
    }
    needles
}

#[tokio::test]
async fn secrets_are_not_readable_from_a_copy_of_the_database() {
    let app = app_allowing_loopback().await;
    let admin = app.administrator().await;
    let (_receiver, url) = start_receiver(0).await;
    let added = app
        .portico
        .add_webhook_at(&admin, webhook(&url), Utc::now())
        .await
        .unwrap();
    assert!(matches!(added, ActionOutcome::Done { .. }), "{added:?}");
    let ring = app
        .portico
        .keys
        .ring(&app.db.conn, Utc::now())
        .await
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    let vacuum = format!("VACUUM INTO '{}'", copy.display());
    app.db.conn.execute_unprepared(&vacuum).await.unwrap();
    let copied = std::fs::read(&copy).unwrap();
    // The live files too, as a plain `cp` would take them (recent writes sit in the WAL).
    let live = server::secrets::key_source::default_key_file(&app.url).with_file_name("portico.db");
    let mut files = vec![copied];
    for suffix in ["", "-wal"] {
        if let Ok(bytes) = std::fs::read(format!("{}{suffix}", live.display())) {
            files.push(bytes);
        }
    }
    let kid = ring.signer("RS256").unwrap().kid().as_bytes();
    assert!(
        files[0].windows(kid.len()).any(|piece| piece == kid),
        "the copy holds the keys' rows: the scan sees what is there"
    );
    let needles = secrets_in_clear(&app).await;
    for (index, bytes) in files.iter().enumerate() {
        let seen = windows(bytes);
        for needle in &needles {
            assert!(
                !shares_a_window(&seen, needle),
                "file {index} holds a secret"
            );
        }
    }

    let copy_url = format!("sqlite://{}?mode=rw", copy.display());
    let copy_db = Database::connect(&copy_url).await.unwrap();
    let endpoints = webhook_endpoint::Entity::find()
        .all(&copy_db.conn)
        .await
        .unwrap();
    let keys = signing_key::Entity::find()
        .all(&copy_db.conn)
        .await
        .unwrap();
    let stored: Vec<&str> = endpoints
        .iter()
        .map(|e| e.secret.as_str())
        .chain(keys.iter().map(|k| k.private_key_pkcs8.as_str()))
        .collect();
    assert_eq!(stored.len(), 4);
    for value in stored {
        assert!(value.starts_with(SEALED_PREFIX), "{value}");
        assert!(!needles
            .iter()
            .any(|n| shares_a_window(&windows(value.as_bytes()), n)));
    }
}

fn worker_with(app: &TestApp, secrets: SecretBox) -> WebhookWorker {
    let outbound = Outbound::new(loopback_allowed(), "test").unwrap();
    WebhookWorker::new(app.db.conn.clone(), outbound, secrets)
}

#[tokio::test]
async fn a_delivery_whose_secret_does_not_open_fails_naming_the_key_setting_until_the_key_is_back()
{
    let app = app_allowing_loopback().await;
    let admin = app.administrator().await;
    let (receiver, url) = start_receiver(0).await;
    let added = app
        .portico
        .add_webhook_at(&admin, webhook(&url), Utc::now())
        .await
        .unwrap();
    assert!(matches!(added, ActionOutcome::Done { .. }), "{added:?}");
    app.register("ada@example.com").await;

    let another_key = SecretBox::new([1; 32], "PORTICO_SECRETS_KEY");
    let now = Utc::now();
    assert_eq!(
        worker_with(&app, another_key)
            .deliver_due(now)
            .await
            .unwrap(),
        0
    );
    assert!(
        receiver.received.lock().unwrap().is_empty(),
        "nothing posted"
    );
    let row = webhook_delivery::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let error = row.last_error.unwrap();
    assert!(error.contains("PORTICO_SECRETS_KEY"), "{error}");
    assert!(error.contains("webhook"), "{error}");

    let right_key = app.portico.secrets.clone();
    let later = now + chrono::Duration::hours(1);
    assert_eq!(
        worker_with(&app, right_key)
            .deliver_due(later)
            .await
            .unwrap(),
        1
    );
    let received = receiver.received.lock().unwrap();
    let (signature, body) = &received[0];
    assert!(
        signature_is_valid(signature, body),
        "signed with the secret"
    );
}

/// Starts the binary in `dir` and waits for it to stop by itself: what it printed.
async fn refused_start(dir: &Path, settings: &[(&str, &str)]) -> String {
    let address = format!("127.0.0.1:{}", free_port());
    let mut all = vec![("LEPTOS_SITE_ADDR", address.as_str())];
    all.extend_from_slice(settings);
    let child = tokio::process::Command::from(command(dir, &all))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let output = tokio::time::timeout(Duration::from_secs(30), child.wait_with_output())
        .await
        .expect("the server stops by itself")
        .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!output.status.success(), "it started: {printed}");
    printed
}

/// The key ids `/oidc/jwks` publishes.
async fn published_kids(server: &ServerProcess) -> Vec<String> {
    let jwks = reqwest::get(server.url("/oidc/jwks")).await.unwrap();
    let jwks: serde_json::Value = serde_json::from_str(&jwks.text().await.unwrap()).unwrap();
    let keys = jwks["keys"].as_array().unwrap();
    keys.iter()
        .map(|key| key["kid"].as_str().unwrap().to_owned())
        .collect()
}

#[cfg(unix)]
#[tokio::test]
async fn the_key_file_is_made_private_at_the_first_start_and_used_again_after() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("secrets.key");
    let mut server = ServerProcess::start(dir.path(), &[]).await;
    let kids = published_kids(&server).await;
    assert!(server.log().contains("back it up"), "{}", server.log());
    server.terminate().await;
    let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let key = std::fs::read_to_string(&key_file).unwrap();
    assert_eq!(STANDARD.decode(key.trim()).unwrap().len(), 32);

    let mut again = ServerProcess::start(dir.path(), &[]).await;
    assert_eq!(published_kids(&again).await, kids, "the same keys, opened");
    again.terminate().await;
    assert_eq!(
        std::fs::read_to_string(&key_file).unwrap(),
        key,
        "not replaced"
    );
}

#[tokio::test]
async fn a_server_with_another_key_cannot_open_the_signing_keys_and_says_which_setting() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("secrets.key");
    let mut server = ServerProcess::start(dir.path(), &[]).await;
    server.terminate().await;
    let key = std::fs::read_to_string(&key_file).unwrap();

    let another = STANDARD.encode([1u8; 32]);
    let printed = refused_start(dir.path(), &[("PORTICO_SECRETS_KEY", &another)]).await;
    assert!(printed.contains("signing key"), "{printed}");
    assert!(printed.contains("PORTICO_SECRETS_KEY"), "{printed}");

    std::fs::write(&key_file, format!("{another}\n")).unwrap();
    let printed = refused_start(dir.path(), &[]).await;
    assert!(
        printed.contains(&key_file.display().to_string()),
        "{printed}"
    );
    assert!(printed.contains("PORTICO_SECRETS_KEY_FILE"), "{printed}");

    std::fs::write(&key_file, &key).unwrap();
    let mut restored = ServerProcess::start(dir.path(), &[]).await;
    assert_eq!(published_kids(&restored).await.len(), 3);
    restored.terminate().await;
}

#[tokio::test]
async fn a_missing_key_file_is_not_made_anew_while_the_database_holds_sealed_values() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("secrets.key");
    let mut server = ServerProcess::start(dir.path(), &[]).await;
    server.terminate().await;
    std::fs::remove_file(&key_file).unwrap();

    let printed = refused_start(dir.path(), &[]).await;
    assert!(printed.contains("missing"), "{printed}");
    assert!(printed.contains("PORTICO_SECRETS_KEY_FILE"), "{printed}");
    assert!(!key_file.exists(), "no new key that would open nothing");
}

#[tokio::test]
async fn a_malformed_key_stops_the_server_naming_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let printed = refused_start(dir.path(), &[("PORTICO_SECRETS_KEY", "not a key")]).await;
    assert!(printed.contains("PORTICO_SECRETS_KEY"), "{printed}");

    let key_file = dir.path().join("elsewhere.key");
    std::fs::write(&key_file, "not a key either\n").unwrap();
    let named = key_file.display().to_string();
    let printed = refused_start(dir.path(), &[("PORTICO_SECRETS_KEY_FILE", &named)]).await;
    assert!(printed.contains(&named), "{printed}");
    assert!(printed.contains("PORTICO_SECRETS_KEY_FILE"), "{printed}");
    let kept = std::fs::read_to_string(&key_file).unwrap();
    assert_eq!(kept, "not a key either\n", "never overwritten");
}

/// A database as the previous version left it: a webhook endpoint's secret and an ES256
/// signing key stored in clear. The key's base64 PKCS#8 is returned.
async fn database_with_values_in_clear(url: &str) -> String {
    let db = Database::connect(url).await.unwrap();
    webhook_endpoint::ActiveModel {
        url: Set("https://hooks.example.com/portico".into()),
        events: Set("user.registered".into()),
        secret: Set(SECRET.into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&db.conn)
    .await
    .unwrap();
    let pkcs8 = STANDARD.encode(generate::pkcs8(Algorithm::Es256).unwrap());
    signing_key::ActiveModel {
        kid: Set("made-before".into()),
        algorithm: Set("ES256".into()),
        private_key_pkcs8: Set(pkcs8.clone()),
        created_at: Set(Utc::now()),
        retired_at: Set(None),
        signs_from: Set(Some(Utc::now())),
    }
    .insert(&db.conn)
    .await
    .unwrap();
    pkcs8
}

/// The stored webhook secret and the stored private key of `made-before`.
async fn stored_values(url: &str) -> (String, String) {
    let db = Database::connect(url).await.unwrap();
    let endpoint = webhook_endpoint::Entity::find()
        .one(&db.conn)
        .await
        .unwrap();
    let key = signing_key::Entity::find_by_id("made-before")
        .one(&db.conn)
        .await
        .unwrap();
    (endpoint.unwrap().secret, key.unwrap().private_key_pkcs8)
}

#[tokio::test]
async fn values_stored_in_clear_are_sealed_when_the_server_starts_and_only_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/portico.db?mode=rwc", dir.path().display());
    let pkcs8 = database_with_values_in_clear(&url).await;

    let mut server = ServerProcess::start(dir.path(), &[]).await;
    let kids = published_kids(&server).await;
    assert!(kids.contains(&"made-before".to_owned()), "{kids:?}");
    server.terminate().await;
    let (secret, key) = stored_values(&url).await;
    let key_file = KeySource::File(dir.path().join("secrets.key"));
    let secrets = load_or_create(&key_file, false).unwrap();
    assert!(secret.starts_with(SEALED_PREFIX) && key.starts_with(SEALED_PREFIX));
    assert_eq!(
        secrets.open(Purpose::WebhookSecret, &secret).unwrap(),
        SECRET
    );
    assert_eq!(secrets.open(Purpose::SigningKey, &key).unwrap(), pkcs8);

    let mut again = ServerProcess::start(dir.path(), &[]).await;
    again.terminate().await;
    assert_eq!(stored_values(&url).await, (secret, key), "sealed once");
}
