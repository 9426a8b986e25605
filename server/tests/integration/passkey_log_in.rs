//! "Log in with a passkey" without a stored session: its state waits in a sealed cookie
//! (`services/ceremony_cookie.rs`), so that anyone starting one stores nothing, and works
//! once. Against the real server binary for what a script sees, and end to end with a
//! software passkey through the services.
use app::api::PasskeyStep;
use app::portal::Portal;
use chrono::{DateTime, Duration, Utc};
use futures::future::join_all;
use sea_orm::{ConnectionTrait, Statement};
use server::services::two_factor::passkey_ceremonies::PasskeyAnswer;

use crate::common::server_process::ServerProcess;
use crate::common::soft_passkey::SoftPasskey;
use crate::common::{app, client, TestApp};

const ADA: &str = "ada@example.com";
const NO_CEREMONY: &str = "This took too long or was started elsewhere";

async fn post_json(
    client: &reqwest::Client,
    url: String,
    cookie: Option<&str>,
    body: &str,
) -> reqwest::Response {
    let mut request = client
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

/// The `name=value` of the ceremony's cookie an answer sets.
fn ceremony_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("portico_passkey_log_in="))
        .map(|value| value.split(';').next().unwrap_or_default().to_owned())
}

async fn stored_sessions(dir: &std::path::Path) -> i64 {
    let url = format!("sqlite://{}/portico.db", dir.display());
    let db = sea_orm::Database::connect(url).await.unwrap();
    let row = db
        .query_one(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM tower_sessions",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

#[tokio::test]
async fn a_thousand_passkey_log_in_starts_without_a_cookie_store_no_session() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let http = reqwest::Client::new();
    let start = server.url("/api/passkey_log_in_start");
    for _ in 0..50 {
        let answers = join_all((0..20).map(|_| post_json(&http, start.clone(), None, "{}"))).await;
        for answer in answers {
            assert_eq!(answer.status(), 200);
            assert!(answer
                .headers()
                .get_all("set-cookie")
                .iter()
                .all(|c| !c.to_str().unwrap().starts_with("portico_session")));
            assert!(ceremony_cookie(&answer).is_some());
        }
    }
    assert_eq!(stored_sessions(dir.path()).await, 0);

    // The cookie carries the ceremony to the finish, once: an unreadable answer is
    // refused as such (the ceremony was found), and the same cookie again finds none.
    let started = post_json(&http, start, None, "{}").await;
    let cookie = ceremony_cookie(&started).unwrap();
    let finish = server.url("/api/passkey_log_in_finish");
    let body = r#"{"portal":"Csp","credential":"not a credential","next":""}"#;
    let first = post_json(&http, finish.clone(), Some(&cookie), body).await;
    assert_eq!(first.status(), 400);
    let forgotten = ceremony_cookie(&first).unwrap();
    assert_eq!(
        forgotten, "portico_passkey_log_in=",
        "the browser forgets it"
    );
    let first = first.text().await.unwrap();
    assert!(first.contains("could not be read"), "{first}");
    let again = post_json(&http, finish, Some(&cookie), body).await;
    assert_eq!(again.status(), 400);
    let again = again.text().await.unwrap();
    assert!(again.contains(NO_CEREMONY), "{again}");
    assert_eq!(stored_sessions(dir.path()).await, 0);
}

/// Ada, with a software passkey added on her security page.
async fn ada_with_a_passkey(app: &TestApp, t: DateTime<Utc>) -> SoftPasskey {
    app.register_verified(ADA).await;
    let session = app.logged_in(Portal::Csp, ADA).await;
    // Not before the log-in, whose time is recorded in whole seconds: a proof from the
    // future is no proof.
    let t = t.max(Utc::now());
    let PasskeyStep::Options { options } = app
        .portico
        .passkey_add_start_at(&session, "Laptop".into(), t)
        .await
        .unwrap()
    else {
        panic!("no options to add a passkey");
    };
    let (passkey, credential) = SoftPasskey::create(&options, "http://portal.test");
    let added = app
        .portico
        .passkey_add_finish_at(&session, &client(), credential, t)
        .await
        .unwrap();
    assert!(matches!(added, PasskeyStep::Done { .. }), "{added:?}");
    passkey
}

async fn finish(
    app: &TestApp,
    session: &tower_sessions::Session,
    answer: (Option<String>, String),
    t: DateTime<Utc>,
) -> PasskeyStep {
    let answer = PasskeyAnswer {
        sealed_state: answer.0,
        credential: answer.1,
    };
    app.portico
        .passkey_log_in_finish_at(session, &client(), Portal::Csp, answer, None, t)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_passkey_logs_in_once_per_ceremony_and_a_replayed_answer_is_refused() {
    let app = app().await;
    let t = Utc::now();
    let passkey = ada_with_a_passkey(&app, t).await;

    let (started, sealed) = app.portico.passkey_log_in_start_at(t);
    let PasskeyStep::Options { options } = started else {
        panic!("no options: {started:?}");
    };
    let answer = (sealed, passkey.assert(&options));
    let visitor = app.new_session();
    let done = finish(&app, &visitor, answer.clone(), t).await;
    assert_eq!(done, PasskeyStep::Done { to: "/csp".into() });
    let person = app.portico.session_person(&visitor).await.unwrap();
    assert_eq!(person.map(|p| p.email), Some(ADA.to_owned()));

    // Whoever captured the cookie and the answer cannot log in with them again.
    let replayer = app.new_session();
    let replayed = finish(&app, &replayer, answer.clone(), t).await;
    assert!(
        matches!(&replayed, PasskeyStep::Refused { message } if message.contains(NO_CEREMONY)),
        "{replayed:?}"
    );
    assert!(app
        .portico
        .session_person(&replayer)
        .await
        .unwrap()
        .is_none());
    // Without the cookie there is nothing to finish.
    let (_, credential) = answer;
    let without = finish(&app, &app.new_session(), (None, credential), t).await;
    assert!(
        matches!(without, PasskeyStep::Refused { .. }),
        "{without:?}"
    );
}

#[tokio::test]
async fn a_passkey_log_in_left_for_more_than_five_minutes_or_sealed_elsewhere_is_refused() {
    let app = app().await;
    let t = Utc::now();
    let passkey = ada_with_a_passkey(&app, t).await;

    let (started, sealed) = app.portico.passkey_log_in_start_at(t);
    let PasskeyStep::Options { options } = started else {
        panic!("no options: {started:?}");
    };
    let late = t + Duration::minutes(5) + Duration::seconds(1);
    let answer = (sealed.clone(), passkey.assert(&options));
    let refused = finish(&app, &app.new_session(), answer, late).await;
    assert!(
        matches!(&refused, PasskeyStep::Refused { message } if message.contains(NO_CEREMONY)),
        "{refused:?}"
    );
    // A cookie altered by one character is refused too.
    let mut forged = sealed.unwrap();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    let answer = (Some(forged), passkey.assert(&options));
    let refused = finish(&app, &app.new_session(), answer, t).await;
    assert!(
        matches!(refused, PasskeyStep::Refused { .. }),
        "{refused:?}"
    );
}
