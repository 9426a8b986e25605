//! Consumer registration: one transaction writes the user (unverified), the consents, the
//! verification token and the outbox row for its email. If any part fails, none is
//! written. The unique index on the normalized address decides between concurrent
//! sign-ups with one address.
use app::api::RegisterOutcome;
use app::forms::consumer::ValidConsumerRegistration;
use app::forms::{ErrorKind, Field, FieldErrors, NormalizedEmail};
use app::policies::AGREED_AT_REGISTRATION;
use app::portal::Portal;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, TransactionTrait,
};

use super::{Portico, ServiceError};
use crate::captcha::{CaptchaPass, CaptchaProblem};
use crate::db::entities::email_token::{self, TokenPurpose};
use crate::db::entities::user::{self, UserKind, UserStatus};
use crate::db::entities::{captcha_spent, consent};
use crate::db::is_unique_violation;
use crate::mail::{outbox, templates};
use crate::tokens::Token;

/// How long a verification link works.
pub const VERIFICATION_LIFETIME: Duration = Duration::hours(24);

pub const EMAIL_TAKEN: &str = "An account with this email address already exists.";

impl Portico {
    pub async fn register_consumer_at(
        &self,
        form: ValidConsumerRegistration,
        now: DateTime<Utc>,
    ) -> Result<RegisterOutcome, ServiceError> {
        let pass = match self.captcha.check(&form.captcha, now) {
            Ok(pass) => pass,
            Err(problem) => return Ok(self.rejected(captcha_error(problem), now)),
        };
        // Most duplicates are caught here, before spending a password hash on them.
        // The challenge is spent either way, so that one solved CAPTCHA cannot probe
        // address after address.
        if self.address_in_use(&form.email, now).await? {
            return Ok(match spend_captcha(&self.db, &pass).await {
                Err(error) if is_unique_violation(&error) => {
                    self.rejected(captcha_error(CaptchaProblem::Spent), now)
                }
                other => {
                    other?;
                    self.rejected(email_taken(), now)
                }
            });
        }
        let password_hash = self.hasher.hash(form.password.clone()).await?;
        let token = Token::generate();

        let txn = self.db.begin().await?;
        match spend_captcha(&txn, &pass).await {
            Err(error) if is_unique_violation(&error) => {
                return Ok(self.rejected(captcha_error(CaptchaProblem::Spent), now));
            }
            other => other?,
        }
        remove_expired_registration(&txn, &form.email, now).await?;
        let inserted = user::ActiveModel {
            kind: Set(UserKind::Consumer),
            email: Set(form.email.as_typed().to_owned()),
            email_normalized: Set(form.email.normalized().to_owned()),
            first_name: Set(form.first_name.clone()),
            last_name: Set(form.last_name.clone()),
            password_hash: Set(password_hash),
            status: Set(UserStatus::Unverified),
            created_at: Set(now),
            updated_at: Set(now),
            verified_at: Set(None),
            last_login_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await;
        let user = match inserted {
            Err(error) if is_unique_violation(&error) => {
                return Ok(self.rejected(email_taken(), now));
            }
            other => other?,
        };
        for policy in AGREED_AT_REGISTRATION {
            consent::ActiveModel {
                user_id: Set(user.id),
                document: Set(policy.document.to_owned()),
                version: Set(policy.version.to_owned()),
                agreed_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        email_token::ActiveModel {
            user_id: Set(user.id),
            purpose: Set(TokenPurpose::Verify),
            token_hash: Set(token.hash()),
            created_at: Set(now),
            expires_at: Set(now + VERIFICATION_LIFETIME),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let link = self.link(Portal::Csp, &format!("/verify?token={}", token.as_str()));
        let email = templates::verification(Portal::Csp, &user.email, &user.first_name, &link);
        outbox::enqueue(&txn, &email, now).await?;
        txn.commit().await?;

        self.outbox.wake();
        tracing::info!(user = user.id, "consumer registered");
        Ok(RegisterOutcome::Registered { email: user.email })
    }

    /// Whether the address belongs to an account, not counting an unverified one whose
    /// link has expired (registering again replaces that one).
    async fn address_in_use(
        &self,
        email: &NormalizedEmail,
        now: DateTime<Utc>,
    ) -> Result<bool, DbErr> {
        let existing = user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(email.normalized()))
            .one(&self.db)
            .await?;
        Ok(existing.is_some_and(|user| !is_expired_registration(&user, now)))
    }

    fn rejected(&self, errors: FieldErrors, now: DateTime<Utc>) -> RegisterOutcome {
        RegisterOutcome::Rejected {
            errors,
            captcha: self.captcha.issue(now),
        }
    }
}

fn is_expired_registration(user: &user::Model, now: DateTime<Utc>) -> bool {
    user.status == UserStatus::Unverified && user.created_at + VERIFICATION_LIFETIME < now
}

/// Deletes an unverified registration of this address whose link has expired (its
/// consents and tokens go with it), so that the person can register again.
async fn remove_expired_registration<C: ConnectionTrait>(
    db: &C,
    email: &NormalizedEmail,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    user::Entity::delete_many()
        .filter(user::Column::EmailNormalized.eq(email.normalized()))
        .filter(user::Column::Status.eq(UserStatus::Unverified))
        .filter(user::Column::CreatedAt.lt(now - VERIFICATION_LIFETIME))
        .exec(db)
        .await?;
    Ok(())
}

/// Records that a CAPTCHA challenge has been used; a second use violates the primary key.
async fn spend_captcha<C: ConnectionTrait>(db: &C, pass: &CaptchaPass) -> Result<(), DbErr> {
    captcha_spent::ActiveModel {
        id: Set(pass.id.clone()),
        expires_at: Set(pass.expires_at),
    }
    .insert(db)
    .await?;
    Ok(())
}

fn email_taken() -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.add_kind(Field::Email, EMAIL_TAKEN, ErrorKind::EmailTaken);
    errors
}

fn captcha_error(problem: CaptchaProblem) -> FieldErrors {
    FieldErrors::one(Field::Captcha, problem.to_string())
}
