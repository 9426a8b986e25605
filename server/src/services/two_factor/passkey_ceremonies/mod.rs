//! Passkeys as a person uses them, one module per ceremony: adding one (on the security
//! page, or as the second factor a company requires), logging in with one (a full
//! log-in: the device verified its owner), using one as the second step after a
//! password, and removing one. Each ceremony's state waits in the session store until
//! the browser answers, and is taken out when it does, so that an answer counts once and
//! only in the session that asked; but a log-in with a passkey starts without a session,
//! so its state waits in a sealed cookie instead, and works once too (`ceremony_cookie`).
//! What the ceremonies share — this site as a relying party, the stored passkeys, their
//! refusals — is here.
pub mod adding;
pub mod log_in;
pub mod removing;
pub mod second_step;

use app::api::PasskeyStep;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use webauthn_rs::prelude::{AuthenticationResult, Passkey};

use crate::db::entities::passkey;
use crate::factors::passkeys::{PasskeyProblem, Passkeys};
use crate::services::{Portico, ServiceError};

pub use log_in::PasskeyAnswer;

pub const NO_PASSKEYS_HERE: &str = "service-passkeys-not-here";

impl Portico {
    /// This site as a relying party, or the refusal when it cannot be one.
    fn passkeys_here(&self) -> Result<&Passkeys, PasskeyStep> {
        self.passkeys
            .as_ref()
            .ok_or_else(|| refused(NO_PASSKEYS_HERE))
    }

    /// A person's passkeys, as stored and as webauthn-rs reads them.
    async fn passkeys_of(
        &self,
        user_id: i32,
    ) -> Result<Vec<(passkey::Model, Passkey)>, ServiceError> {
        Ok(passkey::Entity::find()
            .filter(passkey::Column::UserId.eq(user_id))
            .all(&self.db)
            .await?
            .into_iter()
            .filter_map(|row| {
                let stored = serde_json::from_str(&row.passkey).ok()?;
                Some((row, stored))
            })
            .collect())
    }

    async fn passkey_by_id(
        &self,
        id: &str,
    ) -> Result<Option<(passkey::Model, Passkey)>, ServiceError> {
        let row = passkey::Entity::find()
            .filter(passkey::Column::CredentialId.eq(id))
            .one(&self.db)
            .await?;
        Ok(row.and_then(|row| {
            let stored = serde_json::from_str(&row.passkey).ok()?;
            Some((row, stored))
        }))
    }

    /// Records when a passkey was used, and its counter (a device that counts must never
    /// go back: webauthn-rs refuses a clone's answer by it).
    async fn record_use(
        &self,
        row: passkey::Model,
        mut stored: Passkey,
        result: &AuthenticationResult,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        stored.update_credential(result);
        let mut update: passkey::ActiveModel = row.into();
        update.passkey = Set(serde_json::to_string(&stored).unwrap_or_default());
        update.last_used_at = Set(Some(now));
        update.update(&self.db).await?;
        Ok(())
    }
}

/// Refused, with a message in the page's language.
fn refused(message: impl Into<app::forms::Message>) -> PasskeyStep {
    PasskeyStep::Refused {
        message: message.into().text(),
    }
}

/// The message of a ceremony's problem.
fn problem_key(problem: &PasskeyProblem) -> &'static str {
    match problem {
        PasskeyProblem::Malformed => "service-passkeys-malformed",
        PasskeyProblem::Refused => "service-passkeys-refused",
        PasskeyProblem::Unknown => "service-passkeys-unknown",
        PasskeyProblem::NoCeremony => "service-passkeys-no-ceremony",
    }
}
