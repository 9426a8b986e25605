//! Passkeys as a person uses them: adding one (on the security page, or as the second
//! factor a company requires), logging in with one (a full log-in: the device verified
//! its owner), and using one as the second step after a password. Each ceremony's state
//! waits in the session store until the browser answers, and is taken out when it does,
//! so that an answer counts once and only in the session that asked; but a log-in with a
//! passkey starts without a session, so its state waits in a sealed cookie instead, and
//! works once too (`ceremony_cookie`).
use app::api::{Client, PasskeyStep};
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;
use webauthn_rs::prelude::{DiscoverableAuthentication, Passkey, Uuid};

use crate::db::entities::passkey;
use crate::db::entities::user::{self, UserStatus};
use crate::db::{hold_row, is_unique_violation};
use crate::factors::passkeys::{
    credential_id, encode_credential_id, read_assertion, PasskeyProblem, Passkeys,
};
use crate::services::session::keys;
use crate::services::session::reauthentication::CONFIRM_FIRST;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::two_factor::factors::{replace_recovery_codes, Setter};
use crate::services::{Portico, ServiceError};
use app::forms::Message;

pub const NO_PASSKEYS_HERE: &str = "service-passkeys-not-here";

/// The browser's answer to a log-in with a passkey: the credential, and the ceremony's
/// sealed state from its cookie (none if the cookie is gone).
pub struct PasskeyAnswer {
    pub sealed_state: Option<String>,
    pub credential: String,
}

impl Portico {
    fn passkeys_here(&self) -> Result<&Passkeys, PasskeyStep> {
        self.passkeys
            .as_ref()
            .ok_or_else(|| refused(NO_PASSKEYS_HERE))
    }

    /// Starts adding a passkey named `name` for the person on this session.
    pub async fn passkey_add_start_at(
        &self,
        session: &Session,
        name: String,
        now: DateTime<Utc>,
    ) -> Result<PasskeyStep, ServiceError> {
        let site = match self.passkeys_here() {
            Ok(site) => site,
            Err(refusal) => return Ok(refusal),
        };
        let setter = self.setter(session, now).await?;
        let Some(person) = setter.allowed() else {
            return Ok(refused(match setter {
                Setter::Nobody => "service-common-session-ended",
                _ => CONFIRM_FIRST,
            }));
        };
        let handle = self.passkey_handle(person).await?;
        let existing = self.passkeys_of(person.id).await?;
        let existing: Vec<Passkey> = existing.into_iter().map(|(_, p)| p).collect();
        let display = format!("{} {}", person.first_name, person.last_name);
        Ok(
            match site.start_registration(handle, &person.email, &display, &existing) {
                Ok((options, state)) => {
                    keys::PASSKEY_ADDING.put(session, &(state, name)).await?;
                    PasskeyStep::Options { options }
                }
                Err(problem) => refused(problem_key(&problem)),
            },
        )
    }

    /// The browser's new passkey: checked, kept, and its owner told. The first second
    /// factor comes with recovery codes; someone required to set one up is logged in.
    pub async fn passkey_add_finish_at(
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
        let Some((state, name)) = keys::PASSKEY_ADDING.take(session).await? else {
            return Ok(refused(problem_key(&PasskeyProblem::NoCeremony)));
        };
        let setter = self.setter(session, now).await?;
        let Some(person) = setter.allowed().cloned() else {
            return Ok(refused(CONFIRM_FIRST));
        };
        let new = match site.finish_registration(&credential, &state) {
            Ok(new) => new,
            Err(problem) => return Ok(refused(problem_key(&problem))),
        };
        let txn = crate::db::begin_write(&self.db).await?;
        hold_row::<user::Entity, _>(&txn, user::Column::Id, person.id).await?;
        let first = !self.factors_of(&txn, person.id).await?.any();
        let inserted = passkey::ActiveModel {
            user_id: Set(person.id),
            credential_id: Set(credential_id(&new)),
            name: Set(name.clone()),
            passkey: Set(serde_json::to_string(&new).unwrap_or_default()),
            created_at: Set(now),
            last_used_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await;
        match inserted {
            Err(error) if is_unique_violation(&error) => {
                txn.rollback().await?;
                return Ok(refused("service-passkeys-added-already"));
            }
            other => other?,
        };
        let codes = if first {
            Some(replace_recovery_codes(&txn, person.id, now).await?)
        } else {
            None
        };
        self.tell(
            &txn,
            &person,
            Message::key_with("email-security-passkey-added", &[("name", name.clone())]),
            now,
        )
        .await?;
        Audit::by_self(person.id)
            .detail(name)
            .record(&txn, AuditAction::PasskeyAdded, now)
            .await?;
        txn.commit().await?;
        self.outbox.wake();
        let to = self
            .after_factor_added(session, &setter, &person, client, codes, now)
            .await?;
        Ok(PasskeyStep::Done { to })
    }

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
        if !crate::services::support::ceremony_cookie::spend(&self.db, &opened).await? {
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
            .admit_after_every_factor(session, &person, client, next, now)
            .await?;
        tracing::info!(user = person.id, "logged in with a passkey");
        Ok(PasskeyStep::Done { to })
    }

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
            return Ok(refused(crate::services::two_factor::factors::LOG_IN_AGAIN));
        };
        if pending.set_up {
            return Ok(refused(crate::services::two_factor::factors::LOG_IN_AGAIN));
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
            return Ok(refused(crate::services::two_factor::factors::LOG_IN_AGAIN));
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
            .finish_log_in(session, &person, pending.next, client, now)
            .await?;
        Ok(PasskeyStep::Done { to })
    }

    /// Removes one of the person's passkeys (they proved who they are lately).
    pub async fn remove_passkey_at(
        &self,
        session: &Session,
        passkey_id: i32,
        now: DateTime<Utc>,
    ) -> Result<app::api::ActionOutcome, ServiceError> {
        use app::api::ActionOutcome;
        use app::forms::{ErrorKind, Field};
        let Some(person) = self.session_person(session).await? else {
            return Ok(ActionOutcome::refused(
                Field::Form,
                "service-common-session-ended",
                ErrorKind::Forbidden,
            ));
        };
        if !self.recently_authenticated(session, now).await? {
            return Ok(ActionOutcome::refused(
                Field::Form,
                CONFIRM_FIRST,
                ErrorKind::Forbidden,
            ));
        }
        let txn = crate::db::begin_write(&self.db).await?;
        hold_row::<user::Entity, _>(&txn, user::Column::Id, person.id).await?;
        let Some(row) = passkey::Entity::find_by_id(passkey_id)
            .filter(passkey::Column::UserId.eq(person.id))
            .one(&txn)
            .await?
        else {
            txn.rollback().await?;
            return Ok(ActionOutcome::refused(
                Field::Form,
                "service-passkeys-no-such-passkey",
                ErrorKind::NotFound,
            ));
        };
        let factors = self.factors_of(&txn, person.id).await?;
        let last = !factors.app && factors.passkeys == 1;
        if last && self.must_have_second_factor(&person).await? {
            txn.rollback().await?;
            return Ok(ActionOutcome::refused(
                Field::Form,
                crate::services::two_factor::factors::LAST_REQUIRED_FACTOR,
                ErrorKind::Conflict,
            ));
        }
        passkey::Entity::delete_by_id(row.id).exec(&txn).await?;
        crate::services::session::logins::outdate_pending_log_ins(&txn, person.id).await?;
        if last {
            crate::services::two_factor::factors::delete_recovery_codes(&txn, person.id).await?;
        }
        self.tell(
            &txn,
            &person,
            Message::key_with(
                "email-security-passkey-removed",
                &[("name", row.name.clone())],
            ),
            now,
        )
        .await?;
        Audit::by_self(person.id)
            .detail(row.name.clone())
            .record(&txn, AuditAction::PasskeyRemoved, now)
            .await?;
        txn.commit().await?;
        self.outbox.wake();
        Ok(ActionOutcome::done(app::i18n::t_with(
            "service-passkeys-removed",
            &[("name", row.name.clone())],
        )))
    }

    /// The person's handle in their passkeys: a random UUID, made with their first one.
    async fn passkey_handle(&self, person: &user::Model) -> Result<Uuid, ServiceError> {
        if let Some(handle) = person
            .webauthn_id
            .as_deref()
            .and_then(|h| Uuid::parse_str(h).ok())
        {
            return Ok(handle);
        }
        let handle = Uuid::new_v4();
        user::Entity::update_many()
            .col_expr(user::Column::WebauthnId, Expr::value(handle.to_string()))
            .filter(user::Column::Id.eq(person.id))
            .filter(user::Column::WebauthnId.is_null())
            .exec(&self.db)
            .await?;
        // Another request may have given one first: the stored one counts.
        let stored = user::Entity::find_by_id(person.id)
            .one(&self.db)
            .await?
            .and_then(|u| u.webauthn_id)
            .and_then(|h| Uuid::parse_str(&h).ok());
        Ok(stored.unwrap_or(handle))
    }

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
        result: &webauthn_rs::prelude::AuthenticationResult,
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
