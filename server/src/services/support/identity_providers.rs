//! The providers people sign in through (Portico as the relying party), as every area
//! reads them: which company's provider an address leads to (by its domain alone, so the
//! answer never tells whether an account exists), the consumers' buttons, and one
//! provider with its client secret opened. The `sign_in_providers` area changes them.
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::{account, identity_provider, identity_provider_domain};
use crate::services::Portico;

/// A company's own provider, or one of the consumers' social providers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProviderKind {
    Company,
    Social,
}

impl ProviderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Company => "company",
            Self::Social => "social",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "company" => Some(Self::Company),
            "social" => Some(Self::Social),
            _ => None,
        }
    }
}

/// Where an address's domain leads: a company's switched-on provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderSummary {
    pub id: i32,
    pub account_id: i32,
    /// The company's name ("Continue with Acme's sign-in").
    pub company_name: String,
    /// Its contacts may not use a Portico password.
    pub required: bool,
}

/// A consumer's sign-in button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderButton {
    pub id: i32,
    pub name: String,
}

/// A provider with its client secret opened, to sign someone in through it.
#[derive(Clone, PartialEq, Eq)]
pub struct OpenedProvider {
    pub id: i32,
    pub kind: ProviderKind,
    pub account_id: Option<i32>,
    /// The button's text, or for a company's provider the company's name.
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub enabled: bool,
    pub required: bool,
}

impl std::fmt::Debug for OpenedProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenedProvider")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// Why a provider could not be opened: its secret does not open with this key.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error("the client secret of sign-in provider {0} does not open with the secrets key")]
    Sealed(i32),
}

/// The domain of an address, in lower case: everything after its last `@`.
pub fn domain_of(email: &str) -> Option<String> {
    email
        .trim()
        .rsplit_once('@')
        .map(|(_, domain)| domain.trim_end_matches('.').to_ascii_lowercase())
        .filter(|domain| !domain.is_empty())
}

/// The company's switched-on provider that `email`'s domain belongs to, if any. It
/// depends on the domain alone: never on whether the address has an account.
pub async fn provider_for_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<ProviderSummary>, DbErr> {
    let Some(domain) = domain_of(email) else {
        return Ok(None);
    };
    let Some(found) = identity_provider_domain::Entity::find_by_id(domain)
        .find_also_related(identity_provider::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(provider) = found.1.filter(|provider| provider.enabled) else {
        return Ok(None);
    };
    let Some(account_id) = provider.account_id else {
        return Ok(None);
    };
    let Some(company) = account::Entity::find_by_id(account_id).one(db).await? else {
        return Ok(None);
    };
    Ok(Some(ProviderSummary {
        id: provider.id,
        account_id,
        company_name: company.name,
        required: provider.required,
    }))
}

/// The consumers' sign-in buttons, in the order they were added.
pub async fn social_providers<C: ConnectionTrait>(db: &C) -> Result<Vec<ProviderButton>, DbErr> {
    Ok(identity_provider::Entity::find()
        .filter(identity_provider::Column::Kind.eq(ProviderKind::Social.as_str()))
        .filter(identity_provider::Column::Enabled.eq(true))
        .order_by_asc(identity_provider::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|provider| ProviderButton {
            id: provider.id,
            name: provider.name,
        })
        .collect())
}

impl Portico {
    /// Seals a provider's client secret for its column. The one place it is written, so
    /// that the secrets key (`crate::secrets`) comes in here alone.
    pub(crate) fn seal_client_secret(&self, secret: &str) -> String {
        self.secrets
            .seal(crate::secrets::Purpose::ProviderClientSecret, secret)
    }

    /// Opens a provider's client secret as [`Portico::seal_client_secret`] stored it;
    /// None when it does not open with this key (logged with the key's setting).
    pub(crate) fn open_client_secret(&self, sealed: &str) -> Option<String> {
        self.secrets
            .open(crate::secrets::Purpose::ProviderClientSecret, sealed)
            .inspect_err(|error| tracing::error!(%error, "a provider's client secret"))
            .ok()
    }

    /// One provider (switched on or not: "Try sign-in" uses one that is off), with its
    /// client secret opened. None when there is no such provider.
    pub async fn sign_in_provider(&self, id: i32) -> Result<Option<OpenedProvider>, ProviderError> {
        let Some(row) = identity_provider::Entity::find_by_id(id)
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let client_secret = self
            .open_client_secret(&row.client_secret_sealed)
            .ok_or(ProviderError::Sealed(id))?;
        let name = match row.account_id {
            Some(account_id) => account::Entity::find_by_id(account_id)
                .one(&self.db)
                .await?
                .map_or(row.name.clone(), |company| company.name),
            None => row.name.clone(),
        };
        Ok(Some(OpenedProvider {
            id: row.id,
            kind: ProviderKind::parse(&row.kind).unwrap_or(ProviderKind::Social),
            account_id: row.account_id,
            name,
            issuer: row.issuer,
            client_id: row.client_id,
            client_secret,
            enabled: row.enabled,
            required: row.required,
        }))
    }

    /// The consumers' sign-in buttons.
    pub async fn social_providers(&self) -> Result<Vec<ProviderButton>, DbErr> {
        social_providers(&self.db).await
    }

    /// Where `email`'s domain leads (see [`provider_for_email`]).
    pub async fn provider_for_email(&self, email: &str) -> Result<Option<ProviderSummary>, DbErr> {
        provider_for_email(&self.db, email).await
    }
}

impl Portico {
    /// The one redirect URI every provider is given: the state says which provider a
    /// callback is from.
    pub fn sso_redirect_uri(&self) -> String {
        format!("{}/sso/callback", self.public_url)
    }

    /// Where a provider posts its back-channel logout tokens.
    pub fn sso_backchannel_logout_uri(&self, provider_id: i32) -> String {
        format!("{}/sso/backchannel-logout/{provider_id}", self.public_url)
    }
}
