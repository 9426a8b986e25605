//! The services on PostgreSQL, the configuration for several server instances, on a
//! throwaway cluster started from the machine's PostgreSQL 15 binaries.
use crate::common;

use app::portal::Portal;

use common::CLIENT;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use app::api::{AfterVerification, RegisterOutcome, TokenStatus};
use chrono::Utc;
use lettre::message::Mailbox;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, TransactionTrait};
use server::db::entities::{outbox, user};
use server::mail::outbox::{DeliveryWorker, OutboxSignal};
use tempfile::TempDir;

const BIN: &str = "/usr/lib/postgresql/15/bin";

/// A PostgreSQL cluster in a temporary directory, stopped when dropped.
struct Cluster {
    dir: TempDir,
    port: u16,
}

impl Cluster {
    fn start() -> Self {
        assert!(
            Path::new(BIN).join("initdb").exists(),
            "the PostgreSQL 15 server binaries are expected in {BIN}"
        );
        let dir = tempfile::tempdir().expect("a temporary directory");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        if running_as_root() {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            run("chown", &["postgres", &dir.path().display().to_string()]);
        }
        let data = dir.path().join("data");
        as_cluster_owner(&format!(
            "{BIN}/initdb -D {} -A trust -U portico",
            data.display()
        ));
        as_cluster_owner(&format!(
            "{BIN}/pg_ctl -D {} -w -l {} -o '-p {port} -k {} -c listen_addresses=127.0.0.1' start",
            data.display(),
            dir.path().join("log").display(),
            dir.path().display(),
        ));
        as_cluster_owner(&format!(
            "{BIN}/createdb -h 127.0.0.1 -p {port} -U portico portico"
        ));
        Self { dir, port }
    }

    fn url(&self) -> String {
        format!("postgres://portico@127.0.0.1:{}/portico", self.port)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = shell_as_owner(&format!(
            "{BIN}/pg_ctl -D {} -m immediate stop",
            self.data().display()
        ))
        .status();
    }
}

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn shell_as_owner(command: &str) -> Command {
    if running_as_root() {
        let mut su = Command::new("su");
        su.args(["postgres", "-c", command]);
        su
    } else {
        let mut sh = Command::new("sh");
        sh.args(["-c", command]);
        sh
    }
}

fn as_cluster_owner(command: &str) {
    let output = shell_as_owner(command).output().expect("a shell");
    assert!(
        output.status.success(),
        "{command} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn run(program: &str, args: &[&str]) {
    let status = Command::new(program).args(args).status().expect(program);
    assert!(status.success(), "{program} {args:?} failed");
}

#[tokio::test]
async fn on_postgresql_sign_ups_tokens_and_the_outbox_keep_their_rules() {
    let cluster = Cluster::start();
    let app = common::app_on(&cluster.url()).await;
    assert!(app.db.is_postgres());

    // Concurrent sign-ups with one address: exactly one account.
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let form = app.registration("ada@example.com");
            let portico = app.portico.clone();
            tokio::spawn(async move {
                portico
                    .register_at(CLIENT, Portal::Csp, form, Utc::now())
                    .await
            })
        })
        .collect();
    let mut registered = 0;
    for task in tasks {
        if let RegisterOutcome::Registered { .. } = task.await.unwrap().expect("no request fails") {
            registered += 1;
        }
    }
    assert_eq!(registered, 1);
    assert_eq!(app.count(user::Entity).await, 1);

    // A verification token works once.
    let token = app.last_emailed_token().await;
    let now = Utc::now();
    assert_eq!(
        app.portico.verify_email_at(&token, now).await.unwrap(),
        TokenStatus::Verified(AfterVerification::LogIn)
    );
    assert_eq!(
        app.portico.verify_email_at(&token, now).await.unwrap(),
        TokenStatus::Used
    );

    // Two instances' workers racing over the same outbox attempt each email once.
    for n in 0..6 {
        app.register(&format!("person{n}@example.com")).await;
    }
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let worker = || {
        let from: Mailbox = "Portico <no-reply@localhost>".parse().unwrap();
        let url = format!("smtp://127.0.0.1:{closed}");
        DeliveryWorker::new(app.db.conn.clone(), &url, from, OutboxSignal::default()).unwrap()
    };
    let (a, b) = (worker(), worker());

    // Another instance is in the middle of claiming the first email: its row is locked.
    let other_instance = app.db.conn.begin().await.unwrap();
    other_instance
        .execute_unprepared("SELECT id FROM outbox WHERE id = 1 FOR UPDATE")
        .await
        .unwrap();
    // A worker skips that row instead of waiting for it, and takes the rest.
    let skipped = tokio::time::timeout(Duration::from_secs(10), a.deliver_due()).await;
    assert!(skipped.is_ok(), "the worker waited for a locked row");
    other_instance.rollback().await.unwrap();
    let attempts =
        |rows: &[outbox::Model]| rows.iter().map(|r| (r.id, r.attempts)).collect::<Vec<_>>();
    let rows = outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[0].attempts,
        0,
        "the locked row was left alone: {:?}",
        attempts(&rows)
    );
    assert!(
        rows[1..].iter().all(|r| r.attempts == 1),
        "{:?}",
        attempts(&rows)
    );

    // Once released, the row is claimed; racing workers attempt each email once.
    let (ra, rb) = tokio::join!(a.deliver_due(), b.deliver_due());
    ra.unwrap();
    rb.unwrap();
    let rows = outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap();
    assert!(
        rows.iter().all(|r| r.attempts == 1),
        "{:?}",
        attempts(&rows)
    );
}

#[tokio::test]
async fn on_postgresql_a_request_is_decided_once_and_a_company_keeps_a_customer_admin() {
    use app::api::ActionOutcome;
    use app::forms::business::{ContactChange, Decision, ValidContactChange, ValidDecision};
    use server::db::entities::registration_request;

    let cluster = Cluster::start();
    let app = common::app_on(&cluster.url()).await;
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    let dave = app.customer_admin("dave@acme.example", &acme).await;
    app.contact("ada@acme.example", "ACME-7K2Q-9XPW").await;
    let request = registration_request::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id;

    // Ten decisions at once from two administrators: one counts.
    let racing: Vec<_> = (0..10)
        .map(|i| {
            let portico = app.portico.clone();
            let session = if i % 2 == 0 {
                carol.clone()
            } else {
                dave.clone()
            };
            let decision = if i % 3 == 0 {
                Decision::Reject { reason: None }
            } else {
                Decision::Approve
            };
            tokio::spawn(async move {
                portico
                    .decide_request_at(&session, ValidDecision { request, decision }, Utc::now())
                    .await
                    .expect("no decision fails")
            })
        })
        .collect();
    let mut done = 0;
    for task in racing {
        if let ActionOutcome::Done { .. } = task.await.unwrap() {
            done += 1;
        }
    }
    assert_eq!(done, 1);

    // Each steps down at the same moment: one of them must stay.
    let id = |email: &'static str| {
        let db = app.db.conn.clone();
        async move {
            user::Entity::find()
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .find(|u| u.email == email)
                .unwrap()
                .id
        }
    };
    let (carol_id, dave_id) = (
        id("carol@acme.example").await,
        id("dave@acme.example").await,
    );
    let step_down = |session: tower_sessions::Session, contact: i32| {
        let portico = app.portico.clone();
        tokio::spawn(async move {
            let change = ValidContactChange {
                contact,
                change: ContactChange::RemoveCustomerAdmin,
            };
            portico
                .change_contact_at(&session, change, Utc::now())
                .await
                .unwrap()
        })
    };
    let (a, b) = (
        step_down(carol.clone(), carol_id),
        step_down(dave.clone(), dave_id),
    );
    let outcomes = [a.await.unwrap(), b.await.unwrap()];
    let stepped_down = outcomes
        .iter()
        .filter(|o| matches!(o, ActionOutcome::Done { .. }))
        .count();
    assert_eq!(stepped_down, 1, "{outcomes:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgresql_two_instances_enforce_one_limit_and_one_link_budget() {
    use app::api::LogInOutcome;
    use app::forms::NormalizedEmail;
    use std::net::{IpAddr, Ipv4Addr};
    use std::sync::Arc;

    let cluster = Cluster::start();
    let first = Arc::new(common::app_on(&cluster.url()).await);
    let second = Arc::new(common::app_on(&cluster.url()).await);
    first.register_verified("ada@example.com").await;
    let hashed = || first.portico.hasher.hashes_done() + second.portico.hasher.hashes_done();
    let before = hashed();

    // A hundred wrong passwords at once, half through each instance, each from its own
    // client: only the address's limit stands in the way, and it is one limit.
    let guesses: Vec<_> = (0..100u32)
        .map(|i| {
            let instance = if i % 2 == 0 {
                first.clone()
            } else {
                second.clone()
            };
            tokio::spawn(async move {
                let from = app::api::Client {
                    address: IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + i)),
                    ..common::client()
                };
                instance
                    .portico
                    .log_in_at(
                        &instance.new_session(),
                        &from,
                        Portal::Csp,
                        common::log_in_form("ada@example.com", "wrong password"),
                        Utc::now(),
                    )
                    .await
                    .expect("no log-in fails")
            })
        })
        .collect();
    for guess in guesses {
        assert!(!matches!(
            guess.await.unwrap(),
            LogInOutcome::LoggedIn { .. }
        ));
    }
    let budget = u64::from(first.portico.limits.log_in_per_address.burst);
    assert!(
        hashed() - before <= budget,
        "{} passwords hashed across two instances, budget {budget}",
        hashed() - before
    );

    // Twenty requests for a reset link at once, through both: one email.
    let emails_before = first.emails_to("ada@example.com").await.len();
    let requests: Vec<_> = (0..20)
        .map(|i| {
            let instance = if i % 2 == 0 {
                first.clone()
            } else {
                second.clone()
            };
            tokio::spawn(async move {
                instance
                    .portico
                    .request_password_reset_at(
                        &NormalizedEmail::parse("ada@example.com").unwrap(),
                        Utc::now(),
                    )
                    .await
                    .expect("no request fails")
            })
        })
        .collect();
    for request in requests {
        request.await.unwrap();
    }
    assert_eq!(
        first.emails_to("ada@example.com").await.len(),
        emails_before + 1
    );
}

#[tokio::test]
async fn on_postgresql_invitations_at_once_through_two_instances_never_exceed_the_days_cap() {
    let cluster = Cluster::start();
    let first = common::app_on(&cluster.url()).await;
    let second = common::app_on(&cluster.url()).await;
    crate::invitation_limits::invitations_at_once_stay_under_the_cap(&first, &second).await;
}

#[tokio::test]
async fn on_postgresql_readiness_fails_once_the_database_is_gone() {
    let cluster = Cluster::start();
    let dir = tempfile::tempdir().unwrap();
    let url = cluster.url();
    let server =
        common::server_process::ServerProcess::start(dir.path(), &[("DATABASE_URL", url.as_str())])
            .await;
    let ready = reqwest::get(server.url("/readyz")).await.unwrap();
    assert_eq!(ready.status(), 200);

    drop(cluster); // stops PostgreSQL at once
    let gone = reqwest::get(server.url("/readyz")).await.unwrap();
    assert_eq!(gone.status(), 503);
    assert!(gone.text().await.unwrap().starts_with("not ready"));
    assert_eq!(
        reqwest::get(server.url("/healthz")).await.unwrap().status(),
        200,
        "the process itself is up"
    );
}

/// Waits until `count` of the cluster's connections wait for a row another holds.
async fn waiting_for_locks(app: &common::TestApp, count: i64) {
    use sea_orm::{DbBackend, Statement};
    let query = "SELECT count(*) AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock'";
    for _ in 0..2_000 {
        let row = app
            .db
            .conn
            .query_one(Statement::from_string(DbBackend::Postgres, query))
            .await
            .unwrap()
            .unwrap();
        if row.try_get::<i64>("", "waiting").unwrap() >= count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{count} transactions never waited for a lock");
}

/// Holds a row as another transaction would (an administrator changing a company, say),
/// until it is rolled back: whatever needs the row queues behind it, in order.
async fn hold_elsewhere(app: &common::TestApp, sql: &str, id: i32) -> sea_orm::DatabaseTransaction {
    use sea_orm::{DbBackend, Statement};
    let other = app.db.conn.begin().await.unwrap();
    other
        .execute(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [id.into()],
        ))
        .await
        .unwrap();
    other
}

/// A contact's own deletion holds their company, then writes them; a change to the
/// contact used to hold them, then their company. Lined up behind a third transaction
/// that holds the company, the two met in opposite orders: PostgreSQL found the deadlock
/// and failed one of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgresql_changing_a_contact_while_they_delete_their_account_does_not_deadlock() {
    use app::api::ActionOutcome;
    use app::forms::business::{ContactChange, ValidContactChange};
    use app::forms::leaving::DeleteAccountForm;

    let cluster = Cluster::start();
    let app = common::app_on(&cluster.url()).await;
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    let dave = app.customer_admin("dave@acme.example", &acme).await;
    let dave_id = app.person("dave@acme.example").await.id;

    let other = hold_elsewhere(&app, "UPDATE accounts SET id = id WHERE id = $1", acme.id).await;
    let portico = app.portico.clone();
    let deleting = tokio::spawn(async move {
        let form = DeleteAccountForm {
            current_password: common::PASSWORD.into(),
        }
        .validate()
        .unwrap();
        portico.delete_account_at(&dave, form, Utc::now()).await
    });
    waiting_for_locks(&app, 1).await;
    let portico = app.portico.clone();
    let changing = tokio::spawn(async move {
        let change = ValidContactChange {
            contact: dave_id,
            change: ContactChange::RemoveCustomerAdmin,
        };
        portico.change_contact_at(&carol, change, Utc::now()).await
    });
    waiting_for_locks(&app, 2).await;
    other.rollback().await.unwrap();

    let deleted = deleting.await.unwrap().expect("the deletion does not fail");
    let changed = changing.await.unwrap().expect("the change does not fail");
    assert!(matches!(deleted, ActionOutcome::Done { .. }), "{deleted:?}");
    assert!(matches!(changed, ActionOutcome::Done { .. }), "{changed:?}");
}

/// A decision holds the request, then writes its contact; erasing the contact used to
/// hold them, then delete the request: the same meeting in opposite orders.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgresql_deciding_a_request_while_its_contact_is_erased_does_not_deadlock() {
    use app::api::ActionOutcome;
    use app::forms::business::{Decision, ValidDecision};
    use app::forms::leaving::ValidAdminDeletion;
    use server::db::entities::registration_request;

    let cluster = Cluster::start();
    let app = common::app_on(&cluster.url()).await;
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    let admin = app.administrator().await;
    app.contact("ada@acme.example", "ACME-7K2Q-9XPW").await;
    let ada = app.person("ada@acme.example").await.id;
    let request = registration_request::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id;

    let sql = "UPDATE registration_requests SET id = id WHERE id = $1";
    let other = hold_elsewhere(&app, sql, request).await;
    let portico = app.portico.clone();
    let deciding = tokio::spawn(async move {
        let decision = ValidDecision {
            request,
            decision: Decision::Approve,
        };
        portico
            .decide_request_at(&carol, decision, Utc::now())
            .await
    });
    waiting_for_locks(&app, 1).await;
    let portico = app.portico.clone();
    let erasing = tokio::spawn(async move {
        let deletion = ValidAdminDeletion {
            person: ada,
            reason: "Asked by phone".into(),
        };
        portico.delete_person_at(&admin, deletion, Utc::now()).await
    });
    waiting_for_locks(&app, 2).await;
    other.rollback().await.unwrap();

    let decided = deciding.await.unwrap().expect("the decision does not fail");
    let erased = erasing.await.unwrap().expect("the erasure does not fail");
    assert!(matches!(decided, ActionOutcome::Done { .. }), "{decided:?}");
    assert!(matches!(erased, ActionOutcome::Done { .. }), "{erased:?}");
    assert_eq!(
        app.count(user::Entity).await,
        2,
        "Carol and the administrator"
    );
}
