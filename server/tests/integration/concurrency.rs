//! One account under concurrent changes, against the real server on SQLite: every answer
//! is a normal one (a session that another request ended is simply logged out), never a
//! 5xx from "database is locked" or from updating a row that is gone.
use std::time::{Duration, Instant};

use crate::common::browser::{create_admin, Browser};
use crate::common::server_process::ServerProcess;

#[tokio::test]
async fn one_account_logging_out_its_other_sessions_under_load_never_gets_a_5xx() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    create_admin(dir.path());

    let until = Instant::now() + Duration::from_secs(6);
    let clients: Vec<_> = (0..8u8)
        .map(|n| {
            let base = server.base.clone();
            tokio::spawn(async move {
                let mut browser = Browser::from_address(&base, [127, 0, 0, 10 + n].into());
                let mut statuses = vec![browser.log_in().await];
                let mut turn = usize::from(n);
                while Instant::now() < until {
                    turn += 1;
                    let status = if turn % 10 == 0 {
                        browser
                            .post("/csm/profile", &[("intent", "sessions")])
                            .await
                    } else {
                        let name = format!("Grace{turn}");
                        let fields = [
                            ("intent", "name"),
                            ("form[first_name]", name.as_str()),
                            ("form[last_name]", "Hopper"),
                        ];
                        browser.post("/csm/profile", &fields).await
                    };
                    statuses.push(status);
                    // Logged out by another client's "log out my other sessions": back in.
                    if status == 403 {
                        let logged_in = browser.log_in().await;
                        statuses.push(logged_in);
                        if logged_in == 429 {
                            // Other clients' log-ins are in flight: the address's limit
                            // counts each until its password is found right.
                            tokio::time::sleep(Duration::from_millis(20)).await;
                        }
                    }
                }
                statuses
            })
        })
        .collect();
    let mut answers = 0;
    for client in clients {
        let statuses = client.await.unwrap();
        answers += statuses.len();
        let mut by: std::collections::BTreeMap<u16, usize> = Default::default();
        for s in &statuses {
            *by.entry(*s).or_default() += 1;
        }
        eprintln!("LOADSTATS {by:?}");
        let failed: Vec<_> = statuses.iter().filter(|s| **s >= 500).collect();
        assert!(
            failed.is_empty(),
            "{} of {} answers were 5xx: {failed:?}\n{}",
            failed.len(),
            statuses.len(),
            server.log()
        );
    }
    assert!(answers > 80, "the load ran: {answers} answers");
}

#[tokio::test]
async fn over_https_the_session_cookie_is_a_host_only_secure_cookie() {
    let dir = tempfile::tempdir().unwrap();
    let site = "https://portal.example";
    let server = ServerProcess::start(dir.path(), &[("PUBLIC_URL", site)]).await;
    create_admin(dir.path());
    let mut browser = Browser::new(&server.base);
    browser.origin = site.to_owned();
    assert_eq!(browser.log_in().await, 303);
    let cookie = browser.set_cookie.clone().expect("a session cookie");
    assert!(cookie.starts_with("__Host-portico_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain"), "{cookie}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_changes_to_one_account_never_fail_with_a_locked_database() {
    use app::forms::profile::ValidName;
    use app::portal::Portal;
    use chrono::Utc;

    let generous = server::limits::Limit::new("log_in", 1_000_000, Duration::from_millis(1));
    let app = crate::common::app_with_limits(server::limits::Limits {
        log_in_per_address: generous,
        log_in_per_client: generous,
        ..crate::common::test_limits()
    })
    .await;
    let app = std::sync::Arc::new(app);
    app.register_verified("ada@example.com").await;
    let until = Instant::now() + Duration::from_secs(3);
    let tasks: Vec<_> = (0..8usize)
        .map(|n| {
            let app = app.clone();
            tokio::spawn(async move {
                let mut failures = Vec::new();
                let mut session = app.logged_in(Portal::Csp, "ada@example.com").await;
                let mut turn = n;
                while Instant::now() < until {
                    turn += 1;
                    let now = Utc::now();
                    let done = if turn % 5 == 0 {
                        app.portico.end_other_sessions_at(&session, now).await
                    } else {
                        let name = ValidName {
                            first_name: format!("Ada{turn}"),
                            last_name: "Lovelace".into(),
                        };
                        app.portico.update_name_at(&session, name, now).await
                    };
                    match done {
                        Err(error) => failures.push(error.to_string()),
                        Ok(app::api::ActionOutcome::Done { .. }) => {}
                        // Logged out by another task: in again.
                        Ok(_) => session = app.logged_in(Portal::Csp, "ada@example.com").await,
                    }
                }
                failures
            })
        })
        .collect();
    for task in tasks {
        let failures = task.await.unwrap();
        assert!(failures.is_empty(), "{failures:?}");
    }
}

/// Every `.rs` file under `dir`.
fn sources(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_transaction_begins_with_the_write_lock_on_sqlite() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let begun_elsewhere: Vec<String> = files
        .iter()
        .filter(|path| !path.ends_with("db/mod.rs"))
        .filter(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            text.contains(".begin()") || text.contains("TransactionTrait::begin(")
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        begun_elsewhere.is_empty(),
        "begin transactions with db::begin_write: {begun_elsewhere:?}"
    );
}
