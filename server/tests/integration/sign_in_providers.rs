//! Sign-in providers as administrators set them up (Portico as the relying party): a
//! company's provider is checked by discovery and its domains lead to it once it is on;
//! public email services, another company's domain and an issuer that is private,
//! unreachable or names another issuer are refused on their fields; the command line
//! sets one with the same checks; social providers are added and removed.
use std::process::Command;

use app::forms::sign_in_providers::{CompanyProviderForm, SocialProviderForm};
use app::forms::{Field, FieldErrors};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::db::entities::{audit_entry, identity_provider, identity_provider_domain};
use server::outbound::OutboundPolicy;
use server::services::sign_in_providers::company::ProviderSet;
use server::services::support::identity_providers::provider_for_email;

use crate::common::{app, TestApp};

/// A provider on loopback that serves a discovery document naming `issuer` (its own
/// address unless `claimed` says another); its issuer URL.
pub async fn discovery_server(claimed: Option<&'static str>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let named = claimed.map_or(issuer.clone(), str::to_owned);
    let document = serde_json::json!({
        "issuer": named,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "id_token_signing_alg_values_supported": ["RS256"],
        "backchannel_logout_supported": true,
    });
    let router = axum::Router::new().route(
        "/.well-known/openid-configuration",
        axum::routing::get(move || {
            let document = document.clone();
            async move { axum::Json(document) }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    issuer
}

/// A Portico that may fetch from loopback, as `OUTBOUND_ALLOW_RANGES=127.0.0.0/8` allows.
async fn app_reaching_loopback() -> TestApp {
    let mut app = app().await;
    app.portico = app
        .portico
        .clone()
        .with_outbound_policy(OutboundPolicy::allowing(vec!["127.0.0.0/8"
            .parse()
            .unwrap()]));
    app
}

fn form(account: i32, issuer: &str, domains: &str) -> CompanyProviderForm {
    CompanyProviderForm {
        account: account.to_string(),
        issuer: issuer.into(),
        client_id: "portico".into(),
        client_secret: "s3cret".into(),
        email_domains: domains.into(),
        required: String::new(),
    }
}

async fn put(
    app: &TestApp,
    form: CompanyProviderForm,
    switch_on: bool,
) -> Result<ProviderSet, FieldErrors> {
    app.portico
        .put_company_provider_at(None, form.validate().unwrap(), switch_on, Utc::now())
        .await
        .expect("the service")
}

fn message_on(errors: &FieldErrors, field: Field) -> String {
    errors
        .iter()
        .find(|error| error.field == field)
        .map(|error| error.message.text())
        .unwrap_or_else(|| panic!("no error on {field:?}: {errors:?}"))
}

#[tokio::test]
async fn a_company_provider_is_set_and_its_domains_lead_to_it_only_once_it_is_on() {
    let app = app_reaching_loopback().await;
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let issuer = discovery_server(None).await;
    let set = put(
        &app,
        form(acme.id, &issuer, "Acme.Example, straße.example"),
        false,
    )
    .await
    .unwrap();
    assert_eq!(set.redirect_uri, "http://portal.test/sso/callback");
    assert_eq!(
        set.backchannel_logout_uri,
        format!(
            "http://portal.test/sso/backchannel-logout/{}",
            set.provider_id
        )
    );
    assert_eq!(set.domains, vec!["acme.example", "xn--strae-oqa.example"]);
    assert!(!set.enabled, "off until it has been tried");
    assert_eq!(
        provider_for_email(&app.db.conn, "ann@acme.example")
            .await
            .unwrap(),
        None
    );

    app.portico
        .switch_company_provider_at(None, acme.id, true, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let found = provider_for_email(&app.db.conn, "Ann@ACME.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (found.id, found.company_name.as_str()),
        (set.provider_id, "Acme")
    );
    assert_eq!(
        provider_for_email(&app.db.conn, "ann@other.example")
            .await
            .unwrap(),
        None
    );

    let opened = app
        .portico
        .sign_in_provider(set.provider_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (opened.client_secret.as_str(), opened.issuer.as_str()),
        ("s3cret", issuer.as_str())
    );
    // Stored sealed under the secrets key: the column alone reveals nothing.
    let row = identity_provider::Entity::find_by_id(set.provider_id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(
        row.client_secret_sealed
            .starts_with(server::secrets::SEALED_PREFIX),
        "{}",
        row.client_secret_sealed
    );
    assert!(!row.client_secret_sealed.contains("s3cret"));
    let stored = app
        .portico
        .company_provider(acme.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.found.unwrap().token_endpoint,
        format!("{issuer}/token")
    );
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("sign_in_provider_set"))
        .filter(audit_entry::Column::AccountId.eq(acme.id))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
}

#[tokio::test]
async fn replacing_a_provider_keeps_its_secret_when_none_is_typed_and_removing_frees_its_domains() {
    let app = app_reaching_loopback().await;
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let globex = app
        .company("Globex", "GBEX-4K2Q-9XPW", "globex.example", false)
        .await;
    let issuer = discovery_server(None).await;
    let first = put(&app, form(acme.id, &issuer, "acme.example"), true)
        .await
        .unwrap();
    let replaced = put(
        &app,
        CompanyProviderForm {
            client_secret: String::new(),
            required: "on".into(),
            ..form(acme.id, &issuer, "acme.example acme.test")
        },
        false,
    )
    .await
    .unwrap();
    assert_eq!(replaced.provider_id, first.provider_id);
    assert!(replaced.enabled, "the same issuer and client stay on");
    let opened = app
        .portico
        .sign_in_provider(first.provider_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(opened.client_secret, "s3cret");
    assert!(opened.required);

    app.portico
        .remove_company_provider_at(None, acme.id, Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(app.count(identity_provider_domain::Entity).await, 0);
    assert!(put(&app, form(globex.id, &issuer, "acme.example"), true)
        .await
        .is_ok());
}

#[tokio::test]
async fn public_email_services_and_another_companys_domains_are_refused_on_the_field() {
    let app = app_reaching_loopback().await;
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let globex = app
        .company("Globex", "GBEX-4K2Q-9XPW", "globex.example", false)
        .await;
    let issuer = discovery_server(None).await;
    let errors = put(
        &app,
        form(acme.id, &issuer, "acme.example, gmail.com"),
        true,
    )
    .await
    .unwrap_err();
    assert!(
        message_on(&errors, Field::EmailDomains).contains("gmail.com is a public email service")
    );
    let errors = put(&app, form(acme.id, &issuer, "not a domain!"), true)
        .await
        .unwrap_err();
    message_on(&errors, Field::EmailDomains);

    put(&app, form(acme.id, &issuer, "acme.example"), true)
        .await
        .unwrap();
    let errors = put(
        &app,
        form(globex.id, &issuer, "globex.example ACME.example"),
        true,
    )
    .await
    .unwrap_err();
    assert_eq!(
        message_on(&errors, Field::EmailDomains),
        "acme.example already leads to the sign-in of Acme"
    );
    assert_eq!(app.count(identity_provider::Entity).await, 1);
}

#[tokio::test]
async fn an_issuer_that_is_private_unreachable_or_names_another_issuer_is_refused_on_its_field() {
    let app = app().await;
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let issuer = discovery_server(None).await;
    // Without OUTBOUND_ALLOW_RANGES, loopback is never fetched.
    let errors = put(&app, form(acme.id, &issuer, "acme.example"), true)
        .await
        .unwrap_err();
    assert!(message_on(&errors, Field::Issuer).contains("does not fetch from this address"));
    let errors = put(
        &app,
        form(acme.id, "http://id.acme.example", "acme.example"),
        true,
    )
    .await
    .unwrap_err();
    assert!(message_on(&errors, Field::Issuer).contains("https://"));

    let app = app_reaching_loopback().await;
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let lying = discovery_server(Some("https://id.elsewhere.example")).await;
    let errors = put(&app, form(acme.id, &lying, "acme.example"), true)
        .await
        .unwrap_err();
    assert!(message_on(&errors, Field::Issuer).contains("https://id.elsewhere.example"));
    let errors = put(
        &app,
        form(acme.id, &format!("{issuer}/nothing-here"), "acme.example"),
        true,
    )
    .await
    .unwrap_err();
    assert!(message_on(&errors, Field::Issuer).contains("could not read"));
    assert_eq!(app.count(identity_provider::Entity).await, 0);
}

#[tokio::test]
async fn social_providers_are_added_listed_as_buttons_and_removed() {
    let app = app_reaching_loopback().await;
    let issuer = discovery_server(None).await;
    let form = SocialProviderForm {
        provider_name: "Example ID".into(),
        issuer: issuer.clone(),
        client_id: "portico".into(),
        client_secret: "s3cret".into(),
        ..SocialProviderForm::default()
    };
    let id = app
        .portico
        .add_social_provider_at(None, form.validate().unwrap(), Utc::now())
        .await
        .unwrap()
        .unwrap();
    let buttons = app.portico.social_providers().await.unwrap();
    assert_eq!(
        (buttons[0].id, buttons[0].name.as_str()),
        (id, "Example ID")
    );
    // A social provider never answers for a domain.
    assert_eq!(
        provider_for_email(&app.db.conn, "ann@gmail.com")
            .await
            .unwrap(),
        None
    );
    app.portico
        .remove_social_provider_at(None, id, Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert!(app.portico.social_providers().await.unwrap().is_empty());
    let gone = app
        .portico
        .remove_social_provider_at(None, id, Utc::now())
        .await
        .unwrap();
    assert!(gone.is_err());
}

fn sso_set(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["companies", "sso", "set"])
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("OUTBOUND_ALLOW_RANGES", "127.0.0.0/8")
        .env("PUBLIC_URL", "http://localhost:3000")
        .env("RUST_LOG", "error")
        .output()
        .expect("the server binary runs")
}

#[tokio::test]
async fn the_command_line_sets_a_switched_on_provider_and_refuses_what_the_page_refuses() {
    let app = app().await;
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let issuer = discovery_server(None).await;
    let (url, set_issuer) = (app.url.clone(), issuer.clone());
    let args = move |domain: &'static str| {
        let (url, issuer) = (url.clone(), set_issuer.clone());
        tokio::task::spawn_blocking(move || {
            sso_set(
                &url,
                &[
                    "--code",
                    "acme-7k2q-9xpw",
                    "--issuer",
                    &issuer,
                    "--client-id",
                    "portico",
                    "--client-secret",
                    "s3cret",
                    "--domain",
                    domain,
                    "--required",
                ],
            )
        })
    };
    let made = args("acme.example").await.unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let printed: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
    let id = printed["provider_id"].as_i64().unwrap();
    assert_eq!(
        printed["redirect_uri"],
        "http://localhost:3000/sso/callback"
    );
    assert_eq!(
        printed["backchannel_logout_uri"],
        format!("http://localhost:3000/sso/backchannel-logout/{id}")
    );
    assert_eq!(printed["domains"], serde_json::json!(["acme.example"]));
    let found = provider_for_email(&app.db.conn, "ann@acme.example")
        .await
        .unwrap()
        .unwrap();
    assert!(found.required, "switched on, and required");
    assert_eq!(found.account_id, acme.id);

    let refused = args("gmail.com").await.unwrap();
    assert!(!refused.status.success());
    assert!(refused.stdout.is_empty());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("email_domains"));
}

/// The company page's section as a browser without JavaScript uses it, against the real
/// server binary.
#[tokio::test]
async fn the_company_page_sets_a_provider_and_names_a_refused_domain_on_its_field() {
    use crate::common::browser::{create_admin, Browser};
    use crate::common::server_process::ServerProcess;

    let dir = tempfile::tempdir().unwrap();
    let settings = [
        ("ADMIN_TWO_FACTOR", "false"),
        ("OUTBOUND_ALLOW_RANGES", "127.0.0.0/8"),
    ];
    let server = ServerProcess::start(dir.path(), &settings).await;
    create_admin(dir.path());
    let app = crate::common::app_on(&format!(
        "sqlite://{}/portico.db?mode=rwc",
        dir.path().display()
    ))
    .await;
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let issuer = discovery_server(None).await;
    let mut admin = Browser::new(&server.base);
    assert_eq!(admin.log_in().await, 303);
    let page = format!("/admin/accounts/{}", acme.id);
    let account = acme.id.to_string();
    let posted = |domains: &'static str| {
        vec![
            ("intent", "sso".to_owned()),
            ("form[account]", account.clone()),
            ("form[issuer]", issuer.clone()),
            ("form[client_id]", "portico".to_owned()),
            ("form[client_secret]", "s3cret".to_owned()),
            ("form[email_domains]", domains.to_owned()),
        ]
    };
    let as_pairs =
        |fields: &[(&'static str, String)]| -> Vec<(&'static str, String)> { fields.to_vec() };
    let refused = as_pairs(&posted("acme.example, gmail.com"));
    let refused: Vec<(&str, &str)> = refused.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = admin.post_page(&page, &refused).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains(r#"id="email_domains-error""#), "{body}");
    assert!(!body.contains("s3cret"), "the secret is never drawn back");

    let accepted = as_pairs(&posted("acme.example"));
    let accepted: Vec<(&str, &str)> = accepted.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _) = admin.post_page(&page, &accepted).await;
    assert!(status < 400, "{status}");
    let (_, body) = admin.get_page(&page).await;
    assert!(
        body.contains("/sso/callback"),
        "the redirect URI to register"
    );
    assert!(body.contains("/sso/try/"), "{body}");
    assert!(
        body.contains(&format!("{issuer}/token")),
        "what discovery found is shown"
    );
    assert_eq!(app.count(identity_provider_domain::Entity).await, 1);
}
