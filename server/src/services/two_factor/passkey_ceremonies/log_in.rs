//! "Log in with a passkey": a full log-in, since the device verified its owner (a second
//! factor in itself). It starts without a session, so the ceremony's state waits in a
//! sealed cookie (`ceremony_cookie`), spent when it comes back.
use app::api::{Client, PasskeyStep};
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;
use tower_sessions::Session;
use webauthn_rs::prelude::DiscoverableAuthentication;

use super::{problem_key, refused};
use crate::db::entities::user::{self, UserStatus};
use crate::factors::passkeys::{read_assertion, PasskeyProblem};
use crate::services::session::factors_used::FactorsUsed;
use crate::services::support::ceremony_cookie;
use crate::services::{Portico, ServiceError};

/// The browser's answer to a log-in with a passkey: the credential, and the ceremony's
/// sealed state from its cookie (none if the cookie is gone).
pub struct PasskeyAnswer {
    pub sealed_state: Option<String>,
    pub credential: String,
}

impl Portico {
    /// Starts "Log in with a passkey": the browser offers this site's passkeys. Nothing
    /// is stored: the state comes back sealed, for the browser's cookie.
    pub fn passkey_log_in_start_at(&self, now: DateTime<Utc>) -> (PasskeyStep, Option<String>) {
        let site = match self.passkeys_here() {
            Ok(site) => site,
            Err(refusal) => return (refusal, None),
        };
        let started = site.start_discoverable().and_then(|(options, state)| {
            let sealed = self.ceremonies.seal(&state, now);
            Ok((options, sealed.ok_or(PasskeyProblem::Refused)?))
        });
        match started {
            Ok((options, sealed)) => (PasskeyStep::Options { options }, Some(sealed)),
            Err(problem) => (refused(problem_key(&problem)), None),
        }
    }

    /// The browser's answer: whose passkey it is, checked against what we keep of it. A
    /// full log-in: the device verified its owner (a second factor in itself).
    pub async fn passkey_log_in_finish_at(
        &self,
        session: &Session,
        client: &Client,
        portal: Portal,
        answer: PasskeyAnswer,
        next: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<PasskeyStep, ServiceError> {
        let site = match self.passkeys_here() {
            Ok(site) => site,
            Err(refusal) => return Ok(refusal),
        };
        let opened = answer.sealed_state.and_then(|sealed| {
            self.ceremonies
                .open::<DiscoverableAuthentication>(&sealed, now)
        });
        let Some(opened) = opened else {
            return Ok(refused(problem_key(&PasskeyProblem::NoCeremony)));
        };
        // Spent before the answer is checked: a wrong answer uses it up too.
        if !ceremony_cookie::spend(&self.db, &opened).await? {
            return Ok(refused(problem_key(&PasskeyProblem::NoCeremony)));
        }
        let state = opened.state;
        let credential = match read_assertion(&answer.credential) {
            Ok(credential) => credential,
            Err(problem) => return Ok(refused(problem_key(&problem))),
        };
        let (handle, id) = match site.identify(&credential) {
            Ok(found) => found,
            Err(problem) => return Ok(refused(problem_key(&problem))),
        };
        let Some((row, stored)) = self.passkey_by_id(&id).await? else {
            return Ok(refused(problem_key(&PasskeyProblem::Unknown)));
        };
        let Some(person) = user::Entity::find_by_id(row.user_id).one(&self.db).await? else {
            return Ok(refused(problem_key(&PasskeyProblem::Unknown)));
        };
        // webauthn-rs leaves this to us: the passkey must be the person's it says it is.
        if person.webauthn_id.as_deref() != Some(handle.to_string().as_str()) {
            return Ok(refused(problem_key(&PasskeyProblem::Unknown)));
        }
        let result = match site.finish_discoverable(&credential, state, &stored) {
            Ok(result) => result,
            Err(problem) => return Ok(refused(problem_key(&problem))),
        };
        self.record_use(row, stored, &result, now).await?;
        let home = person.kind.portal();
        if home != portal {
            return Ok(refused(app::forms::Message::key_with(
                "service-log-in-other-portal",
                &[("portal", home.name()), ("url", home.path("/log-in"))],
            )));
        }
        if person.status != UserStatus::Active {
            return Ok(refused("service-passkeys-cannot-log-in"));
        }
        let to = self
            .admit_after_every_factor(session, &person, client, next, FactorsUsed::PASSKEY, now)
            .await?;
        tracing::info!(user = person.id, "logged in with a passkey");
        Ok(PasskeyStep::Done { to })
    }
}
