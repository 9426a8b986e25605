//! "Download my data": what the JSON holds, what it leaves out, and who may have it.
use crate::common;

use app::api::Access;
use app::portal::Portal;
use chrono::{Duration, Utc};
use common::{app, session};

#[tokio::test]
async fn the_export_holds_the_persons_data_and_no_secret_and_needs_a_recent_log_in() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let ada = app.logged_in(Portal::Csp, "ada@example.com").await;
    let now = Utc::now();

    let Access::Granted(json) = app.portico.export_data_at(&ada, now).await.unwrap() else {
        panic!("no export");
    };
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["profile"]["email"], "ada@example.com");
    let consents = data["consents"].as_array().unwrap();
    let documents: Vec<_> = consents
        .iter()
        .map(|c| {
            (
                c["document"].as_str().unwrap(),
                c["version"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        documents.contains(&("privacy_policy", app::policies::PRIVACY_POLICY.version)),
        "{documents:?}"
    );
    assert!(
        documents.contains(&("terms", app::policies::TERMS.version)),
        "{documents:?}"
    );
    assert_eq!(data["log_ins"].as_array().unwrap().len(), 1);
    assert!(data["emails"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["subject"]
            .as_str()
            .unwrap()
            .starts_with("Verify your email address")));
    assert!(
        data["audit_log"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["action"] == "registered"),
        "{}",
        data["audit_log"]
    );
    let person = app.person("ada@example.com").await;
    assert!(!json.contains(&person.password_hash), "no password hash");
    assert!(!json.contains("password_hash") && !json.contains("totp_secret"));

    // Eleven minutes on: the password again first.
    let later = now + Duration::minutes(11);
    assert_eq!(
        app.portico.export_data_at(&ada, later).await.unwrap(),
        Access::Denied
    );
    assert_eq!(
        app.portico.export_data_at(&session(), now).await.unwrap(),
        Access::LogInFirst
    );
}
