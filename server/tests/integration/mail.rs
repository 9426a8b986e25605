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
    let page = dev_mailbox::page(State(app.db.conn.clone())).await.0;
    assert!(page.contains("ada@example.com"));
    let link = format!("http://portal.test/csp/verify?token={token}");
    assert!(
        page.contains(&format!("<a href=\"{link}\">")),
        "the link is clickable"
    );
}
