//! Email verification. Using a token is one conditional update (unused, unexpired, the
//! right purpose), so a token works once even when two requests race.
use app::api::{AfterVerification, TokenStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::db::entities::email_token::TokenPurpose;
use crate::db::entities::user::{self, UserKind, UserStatus};
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::email_tokens::use_token;
use crate::services::{Portico, ServiceError};
use crate::tokens::could_be_a_token;
use crate::webhooks::{self, Event};

impl Portico {
    /// What a verification link's token is now, without using it.
    pub async fn verification_status_at(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<TokenStatus, ServiceError> {
        self.token_status_at(token, TokenPurpose::Verify, now).await
    }

    /// Uses a verification token: the address is verified. A consumer's account becomes
    /// active; a business contact's request goes on to its approval.
    pub async fn verify_email_at(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<TokenStatus, ServiceError> {
        Ok(self.verify_email_of_at(token, now).await?.0)
    }

    /// [`Self::verify_email_at`], with the person verified (when one was).
    pub async fn verify_email_of_at(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<(TokenStatus, Option<user::Model>), ServiceError> {
        if !could_be_a_token(token) {
            return Ok((TokenStatus::Unknown, None));
        }
        let txn = crate::db::begin_write(&self.db).await?;
        let Some(token_row) = use_token(&txn, token, TokenPurpose::Verify, now).await? else {
            txn.rollback().await?;
            // Say why: used, expired or unknown.
            return Ok((self.verification_status_at(token, now).await?, None));
        };
        let Some(person) = user::Entity::find_by_id(token_row.user_id)
            .one(&txn)
            .await?
        else {
            txn.rollback().await?;
            return Ok((TokenStatus::Unknown, None));
        };
        user::Entity::update_many()
            .col_expr(user::Column::Status, Expr::value(UserStatus::Active))
            .col_expr(user::Column::VerifiedAt, Expr::value(now))
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(person.id))
            .filter(user::Column::Status.eq(UserStatus::Unverified))
            .exec(&txn)
            .await?;
        Audit::by_self(person.id)
            .record(&txn, AuditAction::Verified, now)
            .await?;
        webhooks::record_event(
            &txn,
            Event::UserVerified,
            Some(&person.email_normalized),
            webhooks::person(&person),
            now,
        )
        .await?;
        let next = match person.kind {
            UserKind::Contact => self.after_contact_verified(&txn, &person, now).await?,
            UserKind::Consumer | UserKind::Staff => AfterVerification::LogIn,
        };
        txn.commit().await?;
        self.outbox.wake();
        tracing::info!(user = person.id, "email address verified");
        Ok((TokenStatus::Verified(next), Some(person)))
    }
}
