//! The person's own profile: their details, password, email address and sessions.
use app::api::{Access, ActionOutcome, ProfileView};
use app::forms::profile::{ValidName, ValidPasswordChange};
use app::forms::{ErrorKind, Field, NormalizedEmail};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tower_sessions::Session;

use crate::db::entities::email_token::{self, TokenPurpose};
use crate::db::entities::{account, user};
use crate::limits::wait_in_words;
use crate::mail::{language_of, outbox, templates};
use crate::password_rules;
use crate::services::session::reauthentication::CONFIRM_FIRST;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::email_tokens::VERIFICATION_LIFETIME;
use crate::services::support::email_tokens::{find_by_address, issue_limited_token};
use crate::services::support::password_refusal::weak_password;
use crate::services::support::views::date;
use crate::services::{Portico, ServiceError};

impl Portico {
    pub async fn profile_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Access<ProfileView>, ServiceError> {
        let Some((person, login)) = self.session_login(session).await? else {
            return Ok(Access::LogInFirst);
        };
        let company = match person.account_id {
            Some(id) => account::Entity::find_by_id(id)
                .one(&self.db)
                .await?
                .map(|a| a.name),
            None => None,
        };
        let pending_email = email_token::Entity::find()
            .filter(email_token::Column::UserId.eq(person.id))
            .filter(email_token::Column::Purpose.eq(TokenPurpose::ChangeEmail))
            .filter(email_token::Column::UsedAt.is_null())
            .filter(email_token::Column::ExpiresAt.gt(now))
            .order_by_desc(email_token::Column::CreatedAt)
            .one(&self.db)
            .await?
            .and_then(|t| t.new_email);
        Ok(Access::Granted(ProfileView {
            sessions: self.sessions_of(person.id, &login.id).await?,
            recently_authenticated: self.recently_authenticated(session, now).await?,
            first_name: person.first_name,
            last_name: person.last_name,
            email: person.email,
            company,
            registered: date(person.created_at),
            last_log_in: person.last_login_at.map(date),
            pending_email,
        }))
    }

    pub async fn update_name_at(
        &self,
        session: &Session,
        form: ValidName,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let Some(person) = self.session_person(session).await? else {
            return Ok(log_in_first());
        };
        let txn = crate::db::begin_write(&self.db).await?;
        user::Entity::update_many()
            .col_expr(
                user::Column::FirstName,
                Expr::value(form.first_name.as_str()),
            )
            .col_expr(user::Column::LastName, Expr::value(form.last_name.as_str()))
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(person.id))
            .exec(&txn)
            .await?;
        Audit::by_self(person.id)
            .record(&txn, AuditAction::NameChanged, now)
            .await?;
        txn.commit().await?;
        Ok(ActionOutcome::done(app::i18n::t_with(
            "service-profile-name-saved",
            &[("name", format!("{} {}", form.first_name, form.last_name))],
        )))
    }

    /// A new password, given the current one; the person's other sessions end.
    pub async fn change_password_at(
        &self,
        session: &Session,
        form: ValidPasswordChange,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let Some((person, login)) = self.session_login(session).await? else {
            return Ok(log_in_first());
        };
        if let Err(errors) = self
            .check_password_again(&person, form.current_password, now)
            .await?
        {
            return Ok(ActionOutcome::Rejected { errors });
        }
        // After the current password: the estimate's cost for whoever proved it only.
        let own = [&*person.email, &person.first_name, &person.last_name];
        if let Err(message) = password_rules::check(&form.password, &own) {
            return Ok(ActionOutcome::Rejected {
                errors: weak_password(message),
            });
        }
        let password_hash = self.hasher.hash(form.password).await?;
        let txn = crate::db::begin_write(&self.db).await?;
        let ended = self
            .replace_password(&txn, &person, password_hash, Some(&login.id), now)
            .await?;
        Audit::by_self(person.id)
            .record(&txn, AuditAction::PasswordChanged, now)
            .await?;
        txn.commit().await?;
        self.outbox.wake();
        let count = ended.len();
        self.delete_stored_sessions(ended).await;
        Ok(ActionOutcome::done(match count {
            0 => app::i18n::t("service-profile-password-changed"),
            _ => app::i18n::t("service-profile-password-changed-logged-out"),
        }))
    }

    /// Sends a link to the new address (the change happens when it is used) and a notice
    /// to the old one, if the person proved who they are recently; their other sessions
    /// end, so that a session left open elsewhere cannot follow the change.
    pub async fn request_email_change_at(
        &self,
        session: &Session,
        new_email: NormalizedEmail,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let Some((person, login)) = self.session_login(session).await? else {
            return Ok(log_in_first());
        };
        if !self.recently_authenticated(session, now).await? {
            return Ok(new_email_error(CONFIRM_FIRST, ErrorKind::Forbidden));
        }
        if new_email.normalized() == person.email_normalized {
            return Ok(new_email_error(
                "service-profile-same-email",
                ErrorKind::Invalid,
            ));
        }
        if find_by_address(&self.db, &new_email).await?.is_some() {
            return Ok(new_email_error(
                "service-profile-email-taken",
                ErrorKind::EmailTaken,
            ));
        }
        let portal = person.kind.portal();
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
                    app::forms::Message::key_with(
                        "service-profile-link-sent-lately",
                        &[("wait", wait_in_words(wait))],
                    ),
                    ErrorKind::TooManyAttempts,
                ));
            }
        };
        // Mail about them goes to that address from now on: erasing them looks there.
        crate::services::support::erasure::remember_address(
            &txn,
            person.id,
            new_email.normalized(),
            now,
        )
        .await?;
        let link = self.link(portal, &format!("/email-change?token={}", token.as_str()));
        outbox::enqueue(
            &txn,
            &templates::email_change_link(
                language_of(&person),
                portal,
                new_email.as_typed(),
                &person.first_name,
                link,
            ),
            now,
        )
        .await?;
        outbox::enqueue(
            &txn,
            &templates::email_change_notice(
                language_of(&person),
                portal,
                &person.email,
                &person.first_name,
                new_email.as_typed(),
            ),
            now,
        )
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
    }

    /// "Log out everywhere else".
    pub async fn end_other_sessions_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let Some((person, login)) = self.session_login(session).await? else {
            return Ok(log_in_first());
        };
        let txn = crate::db::begin_write(&self.db).await?;
        let ended = self.end_logins(&txn, person.id, Some(&login.id)).await?;
        Audit::by_self(person.id)
            .record(&txn, AuditAction::OtherSessionsEnded, now)
            .await?;
        txn.commit().await?;
        self.delete_stored_sessions(ended).await;
        Ok(ActionOutcome::done(app::i18n::t(
            "service-profile-other-sessions-ended",
        )))
    }
}

fn log_in_first() -> ActionOutcome {
    ActionOutcome::refused(
        Field::Form,
        "service-common-session-ended",
        ErrorKind::Forbidden,
    )
}

fn new_email_error(message: impl Into<app::forms::Message>, kind: ErrorKind) -> ActionOutcome {
    ActionOutcome::refused(Field::NewEmail, message, kind)
}
