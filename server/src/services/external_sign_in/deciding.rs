//! The first step of every sign-in through a provider: what the verified identity leads
//! to. A known link goes to the gate; an unknown one is decided on the verified address
//! (a new person, an account to prove, or a refusal).
use app::api::Client;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use super::identity::{is_company, ExternalIdentity, Pending, Refusal, SignInOutcome};
use crate::db::entities::user::{self, UserKind, UserStatus};
use crate::db::entities::{external_identity, identity_provider, identity_provider_domain};
use crate::services::session::gate::Admission;
use crate::services::session::pending::ProviderLogin;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Signs in with what a provider proved (see the area's `//!`).
    pub async fn sign_in_with_provider_at(
        &self,
        session: &Session,
        client: &Client,
        identity: ExternalIdentity,
        now: DateTime<Utc>,
    ) -> Result<SignInOutcome, ServiceError> {
        let Some(provider) = identity_provider::Entity::find_by_id(identity.provider_id)
            .filter(identity_provider::Column::Enabled.eq(true))
            .one(&self.db)
            .await?
        else {
            return Ok(SignInOutcome::Refused(Refusal::ProviderOff));
        };
        let link = external_identity::Entity::find()
            .filter(external_identity::Column::Issuer.eq(identity.issuer.as_str()))
            .filter(external_identity::Column::Subject.eq(identity.subject.as_str()))
            .one(&self.db)
            .await?;
        match link {
            Some(link) => {
                self.sign_in_linked(session, client, identity, link, now)
                    .await
            }
            None => {
                self.sign_in_unlinked(session, &provider, identity, now)
                    .await
            }
        }
    }

    /// A known link: the person it names, through the gate; the link records the address
    /// the provider gave this time. Matched on issuer and `sub` only, never the email.
    async fn sign_in_linked(
        &self,
        session: &Session,
        client: &Client,
        identity: ExternalIdentity,
        link: external_identity::Model,
        now: DateTime<Utc>,
    ) -> Result<SignInOutcome, ServiceError> {
        let person = user::Entity::find_by_id(link.user_id).one(&self.db).await?;
        let Some(person) = person.filter(|p| p.status == UserStatus::Active) else {
            return Ok(SignInOutcome::Refused(Refusal::CannotSignIn));
        };
        if self.erase_if_due(&person.email_normalized, now).await? {
            return Ok(SignInOutcome::Refused(Refusal::CannotSignIn));
        }
        let txn = crate::db::begin_write(&self.db).await?;
        let mut seen = external_identity::Entity::update_many()
            .col_expr(external_identity::Column::LastSignInAt, Expr::value(now))
            .filter(external_identity::Column::Id.eq(link.id));
        if let Some(email) = identity.email.clone() {
            seen = seen.col_expr(external_identity::Column::Email, Expr::value(email));
        }
        seen.exec(&txn).await?;
        txn.commit().await?;
        self.admit_identity(session, client, &person, &identity, now)
            .await
    }

    /// No link yet: decided on the verified address.
    async fn sign_in_unlinked(
        &self,
        session: &Session,
        provider: &identity_provider::Model,
        identity: ExternalIdentity,
        now: DateTime<Utc>,
    ) -> Result<SignInOutcome, ServiceError> {
        let address = identity.address().filter(|_| identity.email_verified);
        let Some(address) = address else {
            return Ok(SignInOutcome::Refused(Refusal::EmailUnverified));
        };
        if is_company(provider) && !self.answers_for(provider, &address).await? {
            return Ok(SignInOutcome::Refused(Refusal::OutsideDomains));
        }
        // An account whose deletion fell due is gone before anyone signs in to it.
        self.erase_if_due(&address, now).await?;
        let existing = user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(address.as_str()))
            .one(&self.db)
            .await?;
        let existing = match existing {
            None => None,
            Some(person) => match may_become_linked(provider, &person) {
                Ok(()) => Some(person.id),
                Err(refusal) => return Ok(SignInOutcome::Refused(refusal)),
            },
        };
        let portal = portal_of(provider);
        let proving = existing.is_some();
        let since = now.timestamp();
        Pending {
            identity,
            existing,
            since,
        }
        .put(session)
        .await?;
        Ok(match proving {
            true => SignInOutcome::ProveAccountFirst { portal },
            false => SignInOutcome::AgreeFirst { portal },
        })
    }

    /// Whether the address's domain is one the company's provider answers for.
    async fn answers_for(
        &self,
        provider: &identity_provider::Model,
        address: &str,
    ) -> Result<bool, ServiceError> {
        let Some((_, domain)) = address.rsplit_once('@') else {
            return Ok(false);
        };
        let found = identity_provider_domain::Entity::find_by_id(domain.to_owned())
            .filter(identity_provider_domain::Column::ProviderId.eq(provider.id))
            .one(&self.db)
            .await?;
        Ok(found.is_some())
    }

    /// Through the gate as every log-in: the login records the provider, its session and
    /// the person's `sub` there, and ends with the provider's session or after
    /// `SSO_SESSION_MAX_HOURS`, whichever comes first.
    pub(super) async fn admit_identity(
        &self,
        session: &Session,
        client: &Client,
        person: &user::Model,
        identity: &ExternalIdentity,
        now: DateTime<Utc>,
    ) -> Result<SignInOutcome, ServiceError> {
        let longest = now + self.sso_session_max;
        let ends = identity
            .provider_session_ends
            .map_or(longest, |end| end.min(longest));
        let provider = ProviderLogin {
            user_id: person.id,
            provider_id: identity.provider_id,
            subject: identity.subject.clone(),
            sid: identity.provider_sid.clone(),
            expires_at: ends.timestamp(),
            since: now.timestamp(),
        };
        Ok(
            match self
                .admit_through_provider(session, person, client, provider, now)
                .await?
            {
                Admission::LoggedIn { to } => SignInOutcome::LoggedIn { to },
                Admission::SecondStep { to } => SignInOutcome::SecondStep { to },
            },
        )
    }
}

/// Whether an existing account with the verified address may be linked to this provider
/// (after its owner proves it): a company's provider links only that company's contacts,
/// a social one only consumers; the account must be able to log in.
fn may_become_linked(
    provider: &identity_provider::Model,
    person: &user::Model,
) -> Result<(), Refusal> {
    let belongs = match is_company(provider) {
        true => person.kind == UserKind::Contact && person.account_id == provider.account_id,
        false => person.kind == UserKind::Consumer,
    };
    if !belongs {
        return Err(Refusal::AddressElsewhere);
    }
    match person.status {
        UserStatus::Active => Ok(()),
        _ => Err(Refusal::CannotSignIn),
    }
}

/// The portal a provider's people use.
pub(super) fn portal_of(provider: &identity_provider::Model) -> app::portal::Portal {
    match is_company(provider) {
        true => app::portal::Portal::Csm,
        false => app::portal::Portal::Csp,
    }
}
