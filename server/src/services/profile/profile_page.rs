//! The person's own profile: their details, password and sessions (a new email address
//! is `email_change`).
use app::api::{Access, ActionOutcome, ProfileView};
use app::forms::profile::{ValidName, ValidPasswordChange};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tower_sessions::Session;

use crate::db::entities::email_token::{self, TokenPurpose};
use crate::db::entities::{account, user};
use crate::password_rules;
use crate::services::session::caller::settle;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::password_refusal::weak_password;
use crate::services::support::views::date;
use crate::services::{Portico, ServiceError};

impl Portico {
    pub async fn profile_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Access<ProfileView>, ServiceError> {
        settle(async {
            let (person, login) = self.caller(session).await?.login()?;
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
        })
        .await
    }

    pub async fn update_name_at(
        &self,
        session: &Session,
        form: ValidName,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
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
        })
        .await
    }

    /// A new password, given the current one; the person's other sessions end.
    pub async fn change_password_at(
        &self,
        session: &Session,
        form: ValidPasswordChange,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let (person, login) = self.caller(session).await?.login()?;
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
        })
        .await
    }

    /// "Log out everywhere else".
    pub async fn end_other_sessions_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let (person, login) = self.caller(session).await?.login()?;
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
        })
        .await
    }
}
