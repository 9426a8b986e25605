//! A new email address for the person: a link to the new address (the change happens
//! when it is used) and a notice to the old one. It needs a proof of who they are from
//! the last ten minutes, and ends their other sessions, so that a session left open
//! elsewhere can neither make nor follow the change.
use app::api::ActionOutcome;
use app::forms::{ErrorKind, Field, Message, NormalizedEmail};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseTransaction;
use tower_sessions::Session;

use crate::db::entities::email_token::TokenPurpose;
use crate::db::entities::user;
use crate::limits::wait_in_words;
use crate::mail::{language_of, outbox, templates};
use crate::services::session::caller::settle;
use crate::services::session::reauthentication::CONFIRM_FIRST;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::email_tokens::VERIFICATION_LIFETIME;
use crate::services::support::email_tokens::{find_by_address, issue_limited_token};
use crate::services::support::erasure::remember_address;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Sends a link to the new address (the change happens when it is used) and a notice
    /// to the old one, if the person proved who they are recently; their other sessions
    /// end, so that a session left open elsewhere cannot follow the change.
    pub async fn request_email_change_at(
        &self,
        session: &Session,
        new_email: NormalizedEmail,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let (person, login) = self.caller(session).await?.login()?;
            // On the new address's field, not the form: the page shows it there, with
            // its link to "Confirm it's you".
            if !self.recently_authenticated(session, now).await? {
                return Ok(new_email_error(CONFIRM_FIRST, ErrorKind::Forbidden));
            }
            if let Some(refusal) = self.unusable_address(&person, &new_email).await? {
                return Ok(refusal);
            }
            let txn = crate::db::begin_write(&self.db).await?;
            let token = match issue_limited_token(
                &txn,
                person.id,
                TokenPurpose::ChangeEmail,
                VERIFICATION_LIFETIME,
                Some(new_email.as_typed().to_owned()),
                now,
            )
            .await?
            {
                Ok(token) => token,
                Err(wait) => {
                    txn.rollback().await?;
                    return Ok(new_email_error(
                        Message::key_with(
                            "service-profile-link-sent-lately",
                            &[("wait", wait_in_words(wait))],
                        ),
                        ErrorKind::TooManyAttempts,
                    ));
                }
            };
            // Mail about them goes to that address from now on: erasing them looks there.
            remember_address(&txn, person.id, new_email.normalized(), now).await?;
            self.write_email_change(&txn, &person, &new_email, token.as_str(), now)
                .await?;
            let ended = self.end_logins(&txn, person.id, Some(&login.id)).await?;
            Audit::by_self(person.id)
                .detail(new_email.as_typed())
                .record(&txn, AuditAction::EmailChangeRequested, now)
                .await?;
            txn.commit().await?;
            self.outbox.wake();
            self.delete_stored_sessions(ended).await;
            Ok(ActionOutcome::done(app::i18n::t_with(
                "service-profile-email-link-sent",
                &[
                    ("new", new_email.as_typed().to_owned()),
                    ("current", person.email.clone()),
                ],
            )))
        })
        .await
    }

    /// Why the person cannot move to `new_email`, if they cannot: it is theirs already,
    /// or another account's.
    async fn unusable_address(
        &self,
        person: &user::Model,
        new_email: &NormalizedEmail,
    ) -> Result<Option<ActionOutcome>, ServiceError> {
        if new_email.normalized() == person.email_normalized {
            return Ok(Some(new_email_error(
                "service-profile-same-email",
                ErrorKind::Invalid,
            )));
        }
        if find_by_address(&self.db, new_email).await?.is_some() {
            return Ok(Some(new_email_error(
                "service-profile-email-taken",
                ErrorKind::EmailTaken,
            )));
        }
        Ok(None)
    }

    /// The two emails of a change (in `txn`): the link, to the new address; the notice,
    /// to the old one.
    async fn write_email_change(
        &self,
        txn: &DatabaseTransaction,
        person: &user::Model,
        new_email: &NormalizedEmail,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let portal = person.kind.portal();
        let link = self.link(portal, &format!("/email-change?token={token}"));
        outbox::enqueue(
            txn,
            &templates::email_change_link(
                language_of(person),
                portal,
                new_email.as_typed(),
                &person.first_name,
                link,
            ),
            now,
        )
        .await?;
        outbox::enqueue(
            txn,
            &templates::email_change_notice(
                language_of(person),
                portal,
                &person.email,
                &person.first_name,
                new_email.as_typed(),
            ),
            now,
        )
        .await?;
        Ok(())
    }
}

fn new_email_error(message: impl Into<Message>, kind: ErrorKind) -> ActionOutcome {
    ActionOutcome::refused(Field::NewEmail, message, kind)
}
