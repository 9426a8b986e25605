//! A passkey as the second step after a password (`session::second_step`): the browser
//! is offered only the person's own passkeys.
use app::api::{Client, PasskeyStep};
use chrono::{DateTime, Utc};
use tower_sessions::Session;
use webauthn_rs::prelude::Passkey;

use super::{problem_key, refused};
use crate::factors::passkeys::{encode_credential_id, read_assertion, PasskeyProblem};
use crate::services::session::factors_used::FactorsUsed;
use crate::services::session::keys;
use crate::services::session::second_step::LOG_IN_AGAIN;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Starts the step after a password with one of the person's passkeys.
    pub async fn passkey_second_factor_start_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<PasskeyStep, ServiceError> {
        let site = match self.passkeys_here() {
            Ok(site) => site,
            Err(refusal) => return Ok(refusal),
        };
        let Some((pending, person)) = self.pending(session, now).await? else {
            return Ok(refused(LOG_IN_AGAIN));
        };
        if pending.set_up {
            return Ok(refused(LOG_IN_AGAIN));
        }
        let passkeys: Vec<Passkey> = self
            .passkeys_of(person.id)
            .await?
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        if passkeys.is_empty() {
            return Ok(refused("service-passkeys-none"));
        }
        Ok(match site.start_authentication(&passkeys) {
            Ok((options, state)) => {
                keys::PASSKEY_SECOND_STEP.put(session, &state).await?;
                PasskeyStep::Options { options }
            }
            Err(problem) => refused(problem_key(&problem)),
        })
    }

    pub async fn passkey_second_factor_finish_at(
        &self,
        session: &Session,
        client: &Client,
        credential: String,
        now: DateTime<Utc>,
    ) -> Result<PasskeyStep, ServiceError> {
        let site = match self.passkeys_here() {
            Ok(site) => site,
            Err(refusal) => return Ok(refusal),
        };
        let Some(state) = keys::PASSKEY_SECOND_STEP.take(session).await? else {
            return Ok(refused(problem_key(&PasskeyProblem::NoCeremony)));
        };
        let Some((pending, person)) = self.pending(session, now).await? else {
            return Ok(refused(LOG_IN_AGAIN));
        };
        let credential = match read_assertion(&credential) {
            Ok(credential) => credential,
            Err(problem) => return Ok(refused(problem_key(&problem))),
        };
        let result = match site.finish_authentication(&credential, &state) {
            Ok(result) => result,
            Err(problem) => return Ok(refused(problem_key(&problem))),
        };
        // The state allowed only this person's passkeys; which one answered (and is it
        // still theirs: it may have been removed since the ceremony started):
        let id = encode_credential_id(result.cred_id());
        match self.passkey_by_id(&id).await? {
            Some((row, stored)) if row.user_id == person.id => {
                self.record_use(row, stored, &result, now).await?;
            }
            _ => return Ok(refused(problem_key(&PasskeyProblem::Unknown))),
        }
        let to = self
            .finish_log_in(
                session,
                &person,
                pending.next,
                client,
                FactorsUsed::PASSWORD.and_passkey(),
                now,
            )
            .await?;
        Ok(PasskeyStep::Done { to })
    }
}
