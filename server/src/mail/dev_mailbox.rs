//! `/dev/mailbox`: with no SMTP server configured, every email stays in the outbox and
//! this page lists them with their links (as Phoenix and Rails do in development), so
//! that a new user can verify an address without a mail server. The route exists only
//! when the dev mailbox is on; then [`run`] marks every new email delivered there, so
//! that the administration's outbox does not list it as waiting.
use std::time::Duration;

use app::i18n::Lang;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Html;
use chrono::{DateTime, Utc};
use leptos::config::LeptosOptions;
use maud::{html, Markup, DOCTYPE};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use tokio_util::sync::CancellationToken;

use super::outbox::OutboxSignal;
use crate::db::entities::outbox::{self, OutboxState};

/// How often waiting emails are looked for when nobody wakes the delivery.
const POLL: Duration = Duration::from_secs(5);

/// Delivers the outbox's emails to the dev mailbox until shutdown: at once when a
/// transaction wakes it, and every few seconds.
pub async fn run(db: DatabaseConnection, signal: OutboxSignal, shutdown: CancellationToken) {
    while !shutdown.is_cancelled() {
        if let Err(error) = deliver_waiting(&db, Utc::now()).await {
            tracing::warn!(%error, "dev mailbox: could not mark emails delivered; will retry");
        }
        tokio::select! {
            _ = signal.woken() => {}
            _ = tokio::time::sleep(POLL) => {}
            _ = shutdown.cancelled() => break,
        }
    }
}

/// Marks every waiting email delivered to the dev mailbox (one attempt, now), keeping
/// its bodies for the page to show. How many it marked.
pub async fn deliver_waiting(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let delivered = outbox::Entity::update_many()
        .col_expr(outbox::Column::State, Expr::value(OutboxState::DevMailbox))
        .col_expr(outbox::Column::Attempts, Expr::value(1))
        .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
        .filter(outbox::Column::State.eq(OutboxState::Pending))
        .exec(db)
        .await?;
    Ok(delivered.rows_affected)
}

/// The page, in the language of the request (its `lang` cookie, else `Accept-Language`),
/// styled by the site's own stylesheet (whose name carries its content hash).
pub async fn page(
    State(db): State<DatabaseConnection>,
    State(options): State<LeptosOptions>,
    headers: HeaderMap,
) -> Html<String> {
    let lang = crate::http::language::of_request(&headers);
    let emails = outbox::Entity::find()
        .order_by_desc(outbox::Column::Id)
        .limit(50)
        .all(&db)
        .await;
    let body = match emails {
        Ok(emails) if emails.is_empty() => {
            html! {
                p {
                    (lang.text("mailbox-empty-before")) " "
                    a href="/csp/register" { "/csp/register" }
                    (lang.text("mailbox-empty-after"))
                }
            }
        }
        Ok(emails) => html! { @for email in &emails { (message(email, lang)) } },
        Err(error) => {
            tracing::error!(%error, "dev mailbox: could not read the outbox");
            html! { p { (lang.text("mailbox-unreadable")) } }
        }
    };
    Html(
        html! {
            (DOCTYPE)
            html lang=(lang.tag()) {
                head {
                    meta charset="utf-8";
                    title { (lang.text("mailbox-title")) }
                    link rel="stylesheet" href=(app::shell::stylesheet_href(&options));
                }
                body {
                    main class="site-main mailbox" {
                        h1 { (lang.text("mailbox-heading")) }
                        p class="lead" { (lang.text("mailbox-lead")) }
                        (body)
                    }
                }
            }
        }
        .into_string(),
    )
}

fn message(email: &outbox::Model, lang: Lang) -> Markup {
    html! {
        article class="mailbox__message" {
            h2 class="mailbox__subject" { (email.subject) }
            p class="mailbox__meta" {
                (lang.text("mailbox-to")) " " strong { (email.to_address) }
                " · " (email.created_at.format("%Y-%m-%d %H:%M:%S UTC"))
            }
            @let links = links_in(&email.text_body);
            @if !links.is_empty() {
                ul class="mailbox__links" { @for link in links { li { a href=(link) { (link) } } } }
            }
            pre class="mailbox__text" { (email.text_body) }
        }
    }
}

/// The http(s) links in a plain-text email.
fn links_in(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .filter(|word| word.starts_with("http://") || word.starts_with("https://"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_in_the_text() {
        let text =
            "Hello,\n\nhttp://127.0.0.1:3000/csp/verify?token=abc\n\nBye https://x.example/y";
        assert_eq!(
            links_in(text),
            vec![
                "http://127.0.0.1:3000/csp/verify?token=abc",
                "https://x.example/y"
            ]
        );
    }
}
