//! The outbox and its delivery worker, on a real SQLite database.
use crate::common;

use axum::extract::State;
use chrono::Utc;
use common::app;
use common::server_process::free_port;
use lettre::message::Mailbox;
use sea_orm::EntityTrait;
use server::db::entities::outbox::{self, OutboxState};
use server::mail::dev_mailbox;
use server::mail::outbox::{DeliveryWorker, OutboxSignal};

#[tokio::test]
async fn an_email_is_kept_and_retried_later_while_the_smtp_server_is_down() {
    let app = app().await;
    app.register("ada@example.com").await;
    let from: Mailbox = "Portico <no-reply@localhost>".parse().unwrap();
    let url = // A port nothing listens on: binding and dropping a listener frees one.
    format!("smtp://127.0.0.1:{}", free_port());
    let worker =
        DeliveryWorker::new(app.db.conn.clone(), &url, from, OutboxSignal::default()).unwrap();

    let before = Utc::now();
    let sent = worker.deliver_due().await.unwrap();
    assert_eq!(sent, 0);

    let rows = outbox::Entity::find().all(&app.db.conn).await.unwrap();
    assert_eq!(rows.len(), 1, "the email is still there");
    let row = &rows[0];
    assert_eq!(row.state, OutboxState::Pending);
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.is_some());
    assert!(row.next_attempt_at > before, "the next attempt waits");
    assert!(row.sent_at.is_none());

    // Not due yet: a second pass leaves it alone.
    assert_eq!(worker.deliver_due().await.unwrap(), 0);
    let row = outbox::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.attempts, 1);
}

#[tokio::test]
async fn the_dev_mailbox_lists_emails_with_their_links() {
    let app = app().await;
    app.register("ada@example.com").await;
    let token = app.last_emailed_token().await;
    let options = leptos::config::LeptosOptions::builder()
        .output_name("portico")
        .build();
    let page = dev_mailbox::page(
        State(app.db.conn.clone()),
        State(options),
        Default::default(),
    )
    .await
    .0;
    assert!(page.contains("ada@example.com"));
    let link = format!("http://portal.test/csp/verify?token={token}");
    assert!(
        page.contains(&format!("<a href=\"{link}\">")),
        "the link is clickable"
    );
}

#[tokio::test]
async fn emails_claimed_but_not_tried_when_the_smtp_server_goes_away_are_handed_back_at_once() {
    let app = app().await;
    let now = Utc::now();
    for n in 0..20 {
        let email = server::mail::Email {
            to: format!("person{n}@example.com"),
            subject: "Subject".into(),
            text: "Text".into(),
            html: "<p>Text</p>".into(),
        };
        server::mail::outbox::enqueue(&app.db.conn, &email, now)
            .await
            .unwrap();
    }
    let from: Mailbox = "Portico <no-reply@localhost>".parse().unwrap();
    let url = format!("smtp://127.0.0.1:{}", free_port());
    let worker =
        DeliveryWorker::new(app.db.conn.clone(), &url, from, OutboxSignal::default()).unwrap();

    assert_eq!(worker.deliver_due().await.unwrap(), 0);

    let rows = outbox::Entity::find().all(&app.db.conn).await.unwrap();
    let tried: Vec<_> = rows.iter().filter(|row| row.attempts == 1).collect();
    let untried: Vec<_> = rows.iter().filter(|row| row.attempts == 0).collect();
    assert!(
        !tried.is_empty() && tried.len() <= server::mail::outbox::CONCURRENT_SENDS,
        "the first few were tried before the server was known to be gone: {}",
        tried.len()
    );
    assert!(!untried.is_empty(), "the rest were not tried");
    assert!(
        untried.iter().all(|row| row.leased_until.is_none()
            && row.state == OutboxState::Pending
            && row.next_attempt_at <= Utc::now()),
        "untried emails are not held by this worker: another one may send them now"
    );
    assert!(tried.iter().all(|row| row.leased_until.is_none()
        && row.last_error.is_some()
        && row.next_attempt_at > now));
}

#[tokio::test]
async fn a_sent_email_keeps_its_recipient_and_subject_but_not_its_body() {
    let app = app().await;
    app.register("ada@example.com").await;
    let sink = common::smtp_sink::SmtpSink::start().await;
    let from: Mailbox = "Portico <no-reply@localhost>".parse().unwrap();
    let worker = DeliveryWorker::new(
        app.db.conn.clone(),
        &sink.url(),
        from,
        OutboxSignal::default(),
    )
    .unwrap();
    assert_eq!(worker.deliver_due().await.unwrap(), 1);
    assert_eq!(sink.accepted().len(), 1, "the email went out whole");

    let row = outbox::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.state, OutboxState::Sent);
    assert_eq!(row.to_address, "ada@example.com");
    assert!(!row.subject.is_empty());
    assert!(row.sent_at.is_some());
    assert_eq!(
        (row.text_body.as_str(), row.html_body.as_str()),
        ("", ""),
        "the working link is not kept"
    );
}

#[tokio::test]
async fn the_janitor_deletes_sent_emails_past_their_retention_and_keeps_the_rest() {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, QueryFilter};

    let app = app().await;
    let now = Utc::now();
    let long_ago = now - chrono::Duration::days(40);
    for to in [
        "old@example.com",
        "recent@example.com",
        "unsent@example.com",
    ] {
        let email = server::mail::Email {
            to: to.into(),
            subject: "Subject".into(),
            text: "Text".into(),
            html: "<p>Text</p>".into(),
        };
        server::mail::outbox::enqueue(&app.db.conn, &email, long_ago)
            .await
            .unwrap();
    }
    for (to, sent) in [
        ("old@example.com", now - chrono::Duration::days(31)),
        ("recent@example.com", now - chrono::Duration::days(29)),
    ] {
        outbox::Entity::update_many()
            .col_expr(outbox::Column::State, Expr::value(OutboxState::Sent))
            .col_expr(outbox::Column::SentAt, Expr::value(sent))
            .filter(outbox::Column::ToAddress.eq(to))
            .exec(&app.db.conn)
            .await
            .unwrap();
    }

    server::janitor::sweep(&app.db.conn, now, chrono::Duration::days(30)).await;
    let mut left: Vec<_> = outbox::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.to_address)
        .collect();
    left.sort();
    assert_eq!(left, ["recent@example.com", "unsent@example.com"]);
}
