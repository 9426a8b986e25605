//! Apps (OpenID Connect clients) as people manage them: the administration registers one
//! with checked addresses and sees its secret once, a new secret ends the old one, the
//! command line registers with the same checks, a person disconnects an app they signed in
//! to, and a portal's home lists the apps of that portal.
use std::process::Command;

use app::api::{Access, ActionOutcome, AppIssueOutcome, IssuedCredentials};
use app::forms::apps::{AppForm, ValidApp};
use app::forms::Field;
use app::portal::Portal;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use server::db::entities::{
    audit_entry, oidc_access_token, oidc_client, oidc_consent, oidc_grant, oidc_refresh_token,
};
use server::db::Database;
use server::services::support::app_clients;

use crate::common::{app, TestApp};

fn desk() -> AppForm {
    AppForm {
        app_name: "Support desk".into(),
        description: "Ask us anything".into(),
        redirect_uris: "https://desk.example/callback\nhttp://localhost:8080/callback".into(),
        initiate_login_uri: "https://desk.example/start".into(),
        ..AppForm::default()
    }
}

fn valid(form: AppForm) -> ValidApp {
    form.validate().expect("the form's shape")
}

async fn create(
    app: &TestApp,
    session: &tower_sessions::Session,
    form: AppForm,
) -> AppIssueOutcome {
    app.portico
        .create_app_at(session, valid(form), Utc::now())
        .await
        .expect("the service")
}

fn issued(outcome: AppIssueOutcome) -> IssuedCredentials {
    match outcome {
        AppIssueOutcome::Issued(credentials) => credentials,
        other => panic!("not issued: {other:?}"),
    }
}

#[tokio::test]
async fn each_refused_address_is_named_on_its_field_and_nothing_is_registered() {
    let app = app().await;
    let admin = app.administrator().await;
    let cases = [
        ("https://*.desk.example/callback", Field::RedirectUris, "*"),
        (
            "https://desk.example/callback#done",
            Field::RedirectUris,
            "fragment",
        ),
        ("/callback", Field::RedirectUris, "https://"),
        (
            "http://desk.example/callback",
            Field::RedirectUris,
            "localhost",
        ),
        (
            "https://user@desk.example/callback",
            Field::RedirectUris,
            "user name",
        ),
    ];
    for (uri, field, words) in cases {
        let outcome = create(
            &app,
            &admin,
            AppForm {
                redirect_uris: uri.into(),
                ..desk()
            },
        )
        .await;
        let AppIssueOutcome::Rejected { errors } = outcome else {
            panic!("{uri} was accepted: {outcome:?}");
        };
        let error = errors.iter().next().expect("an error");
        assert_eq!(error.field, field, "{uri}");
        let text = error.message.text();
        assert!(text.contains(uri) && text.contains(words), "{uri}: {text}");
        assert_eq!(errors.http_status(), 422);
    }
    let post_logout = create(
        &app,
        &admin,
        AppForm {
            post_logout_redirect_uris: "https://desk.example/bye#x".into(),
            ..desk()
        },
    )
    .await;
    let AppIssueOutcome::Rejected { errors } = post_logout else {
        panic!("{post_logout:?}")
    };
    assert_eq!(
        errors.iter().next().unwrap().field,
        Field::PostLogoutRedirectUris
    );
    // The back-channel address is one Portico posts to: a private address is refused.
    let backchannel = create(
        &app,
        &admin,
        AppForm {
            backchannel_logout_uri: "https://10.0.0.8/logout".into(),
            ..desk()
        },
    )
    .await;
    let AppIssueOutcome::Rejected { errors } = backchannel else {
        panic!("{backchannel:?}")
    };
    let error = errors.iter().next().unwrap();
    assert_eq!(error.field, Field::BackchannelLogoutUri);
    // The message names what the address is for, not webhooks.
    assert_eq!(
        error.message.key(),
        Some("service-apps-backchannel-private")
    );
    assert_eq!(app.count(oidc_client::Entity).await, 0);
}

#[tokio::test]
async fn the_secret_is_shown_once_and_only_its_hash_is_stored() {
    let app = app().await;
    let admin = app.administrator().await;
    let credentials = issued(create(&app, &admin, desk()).await);
    let secret = credentials
        .client_secret
        .expect("a confidential app's secret");
    let row = oidc_client::Entity::find_by_id(credentials.client_id.clone())
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the app");
    assert_eq!(
        row.secret_hash.as_deref(),
        Some(server::tokens::hash_token(&secret).as_str())
    );
    assert!(!format!("{row:?}").contains(&secret));
    // Stored as typed, one a line.
    let stored = app_clients::find(&app.db.conn, &credentials.client_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.redirect_uris,
        vec![
            "https://desk.example/callback",
            "http://localhost:8080/callback"
        ]
    );
    assert!(stored.authenticate(&secret));
    // The page's view of the app has no secret to show again.
    let Access::Granted(Some(view)) = app
        .portico
        .app_details_at(&admin, credentials.client_id.clone())
        .await
        .unwrap()
    else {
        panic!("the administrator sees the app");
    };
    assert!(!format!("{view:?}").contains(&secret));
    let entries = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("app_registered"))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    // A public app gets none.
    let public = issued(
        create(
            &app,
            &admin,
            AppForm {
                client_type: "public".into(),
                ..desk()
            },
        )
        .await,
    );
    assert_eq!(public.client_secret, None);
}

#[tokio::test]
async fn a_new_secret_works_and_the_old_one_stops_working_at_once() {
    let app = app().await;
    let admin = app.administrator().await;
    let first = issued(create(&app, &admin, desk()).await);
    let old = first.client_secret.unwrap();
    let renewed = issued(
        app.portico
            .regenerate_app_secret_at(&admin, first.client_id.clone(), Utc::now())
            .await
            .unwrap(),
    );
    let new = renewed.client_secret.unwrap();
    assert_ne!(old, new);
    let client = app_clients::find(&app.db.conn, &first.client_id)
        .await
        .unwrap()
        .unwrap();
    assert!(client.authenticate(&new));
    assert!(!client.authenticate(&old));
}

#[tokio::test]
async fn only_administrators_register_apps() {
    let app = app().await;
    app.register_verified("bob@example.com").await;
    let bob = app.logged_in(Portal::Csp, "bob@example.com").await;
    let outcome = create(&app, &bob, desk()).await;
    assert!(
        matches!(outcome, AppIssueOutcome::Rejected { .. }),
        "{outcome:?}"
    );
    assert_eq!(app.count(oidc_client::Entity).await, 0);
}

fn apps_create(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["apps", "create"])
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "error")
        .output()
        .expect("the server binary runs")
}

#[tokio::test]
async fn the_command_line_prints_the_credentials_as_json_and_refuses_what_the_page_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/portico.db?mode=rwc", dir.path().display());
    let confidential = apps_create(
        &url,
        &[
            "--name",
            "Desk",
            "--redirect-uri",
            "https://desk.example/a",
            "--redirect-uri",
            "https://desk.example/b",
            "--portal",
            "csp",
            "--first-party",
        ],
    );
    assert!(
        confidential.status.success(),
        "{}",
        String::from_utf8_lossy(&confidential.stderr)
    );
    let printed: serde_json::Value =
        serde_json::from_slice(&confidential.stdout).expect("one JSON object");
    let client_id = printed["client_id"].as_str().expect("a client_id");
    let secret = printed["client_secret"].as_str().expect("a client_secret");

    let public = apps_create(
        &url,
        &[
            "--name",
            "Phone",
            "--redirect-uri",
            "http://127.0.0.1:9000/cb",
            "--public",
        ],
    );
    assert!(
        public.status.success(),
        "{}",
        String::from_utf8_lossy(&public.stderr)
    );
    let printed: serde_json::Value = serde_json::from_slice(&public.stdout).unwrap();
    assert!(printed.get("client_secret").is_none(), "{printed}");

    let refused = apps_create(
        &url,
        &[
            "--name",
            "Evil",
            "--redirect-uri",
            "https://*.evil.example/cb",
        ],
    );
    assert!(!refused.status.success());
    assert!(refused.stdout.is_empty());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("redirect_uris"));

    let db = Database::connect(&url).await.unwrap();
    let stored = app_clients::find(&db.conn, client_id)
        .await
        .unwrap()
        .expect("the app");
    assert!(stored.authenticate(secret));
    assert_eq!(stored.portal, app_clients::AppPortal::Csp);
    assert!(stored.first_party);
    assert_eq!(
        stored.redirect_uris,
        vec!["https://desk.example/a", "https://desk.example/b"]
    );
    assert_eq!(app_clients::all(&db.conn).await.unwrap().len(), 2);
}

/// A grant of `client_id` to `user_id` with an access and a refresh token, and a consent,
/// as a sign-in through the authorization flow leaves them.
async fn signed_in_to(app: &TestApp, user_id: i32, client_id: &str, grant: &str) {
    let now = Utc::now();
    let db = &app.db.conn;
    oidc_grant::ActiveModel {
        id: Set(grant.into()),
        client_id: Set(client_id.into()),
        user_id: Set(user_id),
        login_id: Set(None),
        sid: Set(None),
        scope: Set("openid email".into()),
        nonce: Set(None),
        auth_time: Set(now),
        amr: Set("pwd".into()),
        created_at: Set(now),
        revoked_at: Set(None),
    }
    .insert(db)
    .await
    .unwrap();
    oidc_access_token::ActiveModel {
        token_hash: Set(format!("access-{grant}")),
        grant_id: Set(grant.into()),
        client_id: Set(client_id.into()),
        user_id: Set(user_id),
        scope: Set("openid email".into()),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(10)),
    }
    .insert(db)
    .await
    .unwrap();
    oidc_refresh_token::ActiveModel {
        token_hash: Set(format!("refresh-{grant}")),
        grant_id: Set(grant.into()),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(30)),
        used_at: Set(None),
    }
    .insert(db)
    .await
    .unwrap();
    oidc_consent::ActiveModel {
        user_id: Set(user_id),
        client_id: Set(client_id.into()),
        scope: Set("openid email".into()),
        granted_at: Set(now),
    }
    .insert(db)
    .await
    .unwrap();
}

#[tokio::test]
async fn disconnecting_an_app_revokes_the_persons_grants_and_tokens_and_forgets_the_consent() {
    let app = app().await;
    let admin = app.administrator().await;
    let desk = issued(create(&app, &admin, desk()).await).client_id;
    let shop = issued(
        create(
            &app,
            &admin,
            AppForm {
                app_name: "Shop".into(),
                ..self::desk()
            },
        )
        .await,
    )
    .client_id;
    app.register_verified("bob@example.com").await;
    app.register_verified("eve@example.com").await;
    let bob = app.person("bob@example.com").await;
    let eve = app.person("eve@example.com").await;
    signed_in_to(&app, bob.id, &desk, "bob-desk").await;
    signed_in_to(&app, bob.id, &shop, "bob-shop").await;
    signed_in_to(&app, eve.id, &desk, "eve-desk").await;
    let session = app.logged_in(Portal::Csp, "bob@example.com").await;

    let Access::Granted(connected) = app.portico.connected_apps_at(&session).await.unwrap() else {
        panic!("bob sees his apps");
    };
    let names: Vec<_> = connected.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, vec!["Shop", "Support desk"]);

    let outcome = app
        .portico
        .disconnect_app_at(&session, desk.clone(), Utc::now())
        .await
        .unwrap();
    assert!(matches!(outcome, ActionOutcome::Done { .. }), "{outcome:?}");
    let grant = oidc_grant::Entity::find_by_id("bob-desk".to_owned())
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(grant.revoked_at.is_some());
    let tokens =
        |hash: &str| oidc_access_token::Entity::find_by_id(hash.to_owned()).one(&app.db.conn);
    assert!(tokens("access-bob-desk").await.unwrap().is_none());
    assert!(
        oidc_refresh_token::Entity::find_by_id("refresh-bob-desk".to_owned())
            .one(&app.db.conn)
            .await
            .unwrap()
            .is_none()
    );
    assert!(oidc_consent::Entity::find_by_id((bob.id, desk.clone()))
        .one(&app.db.conn)
        .await
        .unwrap()
        .is_none());
    // His other app and another person's grant to the same app are untouched.
    assert!(tokens("access-bob-shop").await.unwrap().is_some());
    assert!(tokens("access-eve-desk").await.unwrap().is_some());
    let eve_grant = oidc_grant::Entity::find_by_id("eve-desk".to_owned())
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(eve_grant.revoked_at.is_none());

    let Access::Granted(connected) = app.portico.connected_apps_at(&session).await.unwrap() else {
        panic!();
    };
    assert_eq!(connected.len(), 1);
    let again = app
        .portico
        .disconnect_app_at(&session, desk, Utc::now())
        .await
        .unwrap();
    assert!(matches!(again, ActionOutcome::Rejected { .. }), "{again:?}");
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("app_disconnected"))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
}

#[tokio::test]
async fn a_portals_home_lists_the_apps_of_that_portal_with_a_start_address() {
    let app = app().await;
    let admin = app.administrator().await;
    for (name, portal, start) in [
        ("Consumers' shop", "csp", "https://shop.example/start"),
        ("Partner extranet", "csm", "https://extranet.example/start"),
        (
            "Help centre",
            "both",
            "https://help.example/start?from=portal",
        ),
        ("No start address", "both", ""),
    ] {
        let form = AppForm {
            app_name: name.into(),
            portal: portal.into(),
            initiate_login_uri: start.into(),
            ..desk()
        };
        issued(create(&app, &admin, form).await);
    }
    app.register_verified("bob@example.com").await;
    let bob = app.logged_in(Portal::Csp, "bob@example.com").await;
    let apps = app.portico.portal_apps_at(&bob).await.unwrap();
    let listed: Vec<_> = apps
        .iter()
        .map(|a| (a.name.as_str(), a.start.as_str()))
        .collect();
    assert_eq!(
        listed,
        vec![
            (
                "Consumers' shop",
                "https://shop.example/start?iss=http%3A%2F%2Fportal.test"
            ),
            (
                "Help centre",
                "https://help.example/start?from=portal&iss=http%3A%2F%2Fportal.test"
            ),
        ]
    );
    assert_eq!(apps[0].description, "Ask us anything");
    // A visitor is offered none.
    assert!(app
        .portico
        .portal_apps_at(&app.new_session())
        .await
        .unwrap()
        .is_empty());
}
