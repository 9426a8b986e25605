//! A company's own provider: set (or replaced) with its issuer checked by discovery, its
//! domains checked, its client secret sealed; switched on or off; removed. Each change is
//! one transaction with its audit entry, with the company's row held first (a read, then
//! writes). `actor` is the administrator, or none for the command line.
use app::forms::sign_in_providers::ValidCompanyProvider;
use app::forms::{ErrorKind, Field, FieldErrors, Message};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use super::domains::{parse_domains, taken_elsewhere};
use super::issuer::{discover, Found};
use crate::db::entities::{account, identity_provider, identity_provider_domain};
use crate::services::support::audit::{detail_message, Audit, AuditAction};
use crate::services::support::identity_providers::ProviderKind;
use crate::services::{Portico, ServiceError};

/// What setting a company's provider made: what to register at the provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderSet {
    pub provider_id: i32,
    pub redirect_uri: String,
    pub backchannel_logout_uri: String,
    pub domains: Vec<String>,
    pub enabled: bool,
}

/// A company's provider as stored, with its domains and what discovery found.
#[derive(Clone, Debug)]
pub struct CompanyProvider {
    pub row: identity_provider::Model,
    pub domains: Vec<String>,
    pub found: Option<Found>,
}

pub(super) fn no_such_company() -> FieldErrors {
    FieldErrors::one_of_kind(
        Field::Form,
        "sign-in-providers-no-such-company",
        ErrorKind::NotFound,
    )
}

fn audit_detail(name: &str, issuer: &str) -> Option<String> {
    Some(detail_message(
        "audit-detail-sign-in-provider",
        &[("name", name.to_owned()), ("issuer", issuer.to_owned())],
    ))
}

/// The company's provider row, if it has one.
pub(super) async fn provider_of<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
) -> Result<Option<identity_provider::Model>, DbErr> {
    identity_provider::Entity::find()
        .filter(identity_provider::Column::AccountId.eq(account_id))
        .one(db)
        .await
}

async fn domains_of<C: ConnectionTrait>(db: &C, provider_id: i32) -> Result<Vec<String>, DbErr> {
    let mut domains: Vec<String> = identity_provider_domain::Entity::find()
        .filter(identity_provider_domain::Column::ProviderId.eq(provider_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.domain)
        .collect();
    domains.sort();
    Ok(domains)
}

/// Checks what can be checked before the transaction: the issuer (by discovery, over the
/// network) and the domains' shape.
async fn checked(
    portico: &Portico,
    form: &ValidCompanyProvider,
) -> Result<(Found, Vec<String>), FieldErrors> {
    let mut errors = FieldErrors::new();
    let found = errors.check(
        Field::Issuer,
        discover(&portico.outbound, &form.issuer).await,
    );
    let domains = errors.check(Field::EmailDomains, parse_domains(&form.email_domains));
    match (found, domains) {
        (Some(found), Some(domains)) => Ok((found, domains)),
        _ => Err(errors),
    }
}

impl Portico {
    /// The company's provider, for its page in `/admin`.
    pub async fn company_provider(
        &self,
        account_id: i32,
    ) -> Result<Option<CompanyProvider>, DbErr> {
        let Some(row) = provider_of(&self.db, account_id).await? else {
            return Ok(None);
        };
        let domains = domains_of(&self.db, row.id).await?;
        let found = row
            .discovered
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok());
        Ok(Some(CompanyProvider {
            row,
            domains,
            found,
        }))
    }

    /// Sets or replaces the company's provider. `switch_on` switches it on at once (the
    /// command line); otherwise a new provider, or one whose issuer or client changed, is
    /// off until an administrator has tried it.
    pub async fn put_company_provider_at(
        &self,
        actor: Option<i32>,
        form: ValidCompanyProvider,
        switch_on: bool,
        now: DateTime<Utc>,
    ) -> Result<Result<ProviderSet, FieldErrors>, ServiceError> {
        let (found, domains) = match checked(self, &form).await {
            Ok(checked) => checked,
            Err(errors) => return Ok(Err(errors)),
        };
        let txn = crate::db::begin_write(&self.db).await?;
        if !crate::db::hold_row::<account::Entity, _>(&txn, account::Column::Id, form.account)
            .await?
        {
            return Ok(Err(no_such_company()));
        }
        let company = account::Entity::find_by_id(form.account)
            .one(&txn)
            .await?
            .ok_or(DbErr::RecordNotFound("the held company".into()))?;
        let existing = provider_of(&txn, form.account).await?;
        if let Some(taken) =
            taken_elsewhere(&txn, &domains, existing.as_ref().map(|p| p.id)).await?
        {
            return Ok(Err(FieldErrors::one(Field::EmailDomains, taken)));
        }
        let sealed = match (&form.client_secret, &existing) {
            (Some(secret), _) => self.seal_client_secret(secret),
            (None, Some(existing)) => existing.client_secret_sealed.clone(),
            (None, None) => {
                return Ok(Err(FieldErrors::one(
                    Field::ClientSecret,
                    Message::from("sign-in-providers-form-secret-missing"),
                )))
            }
        };
        let unchanged = existing
            .as_ref()
            .is_some_and(|p| p.enabled && p.issuer == form.issuer && p.client_id == form.client_id);
        let enabled = switch_on || unchanged;
        let row = ProviderRow {
            company_name: company.name.clone(),
            sealed,
            discovered: serde_json::to_string(&found).ok(),
            enabled,
        };
        let provider_id = write_provider(&txn, existing, &form, row, now).await?;
        replace_domains(&txn, provider_id, &domains).await?;
        Audit {
            actor,
            account: Some(form.account),
            detail: audit_detail(&company.name, &form.issuer),
            ..Audit::default()
        }
        .record(&txn, AuditAction::SignInProviderSet, now)
        .await?;
        txn.commit().await?;
        Ok(Ok(ProviderSet {
            provider_id,
            redirect_uri: self.sso_redirect_uri(),
            backchannel_logout_uri: self.sso_backchannel_logout_uri(provider_id),
            domains,
            enabled,
        }))
    }

    /// Switches the company's provider on or off.
    pub async fn switch_company_provider_at(
        &self,
        actor: Option<i32>,
        account_id: i32,
        enabled: bool,
        now: DateTime<Utc>,
    ) -> Result<Result<String, FieldErrors>, ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        let held = crate::db::hold_row::<account::Entity, _>(&txn, account::Column::Id, account_id)
            .await?;
        let company = account::Entity::find_by_id(account_id).one(&txn).await?;
        let (true, Some(company), Some(provider)) =
            (held, company, provider_of(&txn, account_id).await?)
        else {
            return Ok(Err(no_such_company()));
        };
        let mut row: identity_provider::ActiveModel = provider.into();
        row.enabled = Set(enabled);
        row.updated_at = Set(now);
        row.update(&txn).await?;
        Audit {
            actor,
            account: Some(account_id),
            ..Audit::default()
        }
        .detail_in_words(
            "audit-detail-sign-in-provider-switched",
            &[
                ("name", company.name.clone()),
                ("enabled", enabled.to_string()),
            ],
        )
        .record(&txn, AuditAction::SignInProviderSwitched, now)
        .await?;
        txn.commit().await?;
        Ok(Ok(company.name))
    }

    /// Removes the company's provider, its domains and its people's links to it.
    pub async fn remove_company_provider_at(
        &self,
        actor: Option<i32>,
        account_id: i32,
        now: DateTime<Utc>,
    ) -> Result<Result<String, FieldErrors>, ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        let held = crate::db::hold_row::<account::Entity, _>(&txn, account::Column::Id, account_id)
            .await?;
        let company = account::Entity::find_by_id(account_id).one(&txn).await?;
        let (true, Some(company), Some(provider)) =
            (held, company, provider_of(&txn, account_id).await?)
        else {
            return Ok(Err(no_such_company()));
        };
        super::social::delete_provider(&txn, provider.id).await?;
        Audit {
            actor,
            account: Some(account_id),
            detail: audit_detail(&company.name, &provider.issuer),
            ..Audit::default()
        }
        .record(&txn, AuditAction::SignInProviderRemoved, now)
        .await?;
        txn.commit().await?;
        Ok(Ok(company.name))
    }
}

async fn replace_domains<C: ConnectionTrait>(
    db: &C,
    provider_id: i32,
    domains: &[String],
) -> Result<(), DbErr> {
    identity_provider_domain::Entity::delete_many()
        .filter(identity_provider_domain::Column::ProviderId.eq(provider_id))
        .exec(db)
        .await?;
    let rows = domains
        .iter()
        .map(|domain| identity_provider_domain::ActiveModel {
            domain: Set(domain.clone()),
            provider_id: Set(provider_id),
        });
    identity_provider_domain::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// What is written into a company's provider row besides the form.
struct ProviderRow {
    company_name: String,
    sealed: String,
    discovered: Option<String>,
    enabled: bool,
}

/// Inserts the company's provider, or updates the one it has; its id.
async fn write_provider<C: ConnectionTrait>(
    db: &C,
    existing: Option<identity_provider::Model>,
    form: &ValidCompanyProvider,
    row: ProviderRow,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    Ok(match existing {
        Some(existing) => {
            let mut active: identity_provider::ActiveModel = existing.into();
            active.name = Set(row.company_name.clone());
            active.issuer = Set(form.issuer.clone());
            active.client_id = Set(form.client_id.clone());
            active.client_secret_sealed = Set(row.sealed);
            active.discovered = Set(row.discovered);
            active.enabled = Set(row.enabled);
            active.required = Set(form.required);
            active.updated_at = Set(now);
            active.update(db).await?.id
        }
        None => {
            identity_provider::ActiveModel {
                kind: Set(ProviderKind::Company.as_str().to_owned()),
                account_id: Set(Some(form.account)),
                name: Set(row.company_name.clone()),
                preset: Set(None),
                issuer: Set(form.issuer.clone()),
                client_id: Set(form.client_id.clone()),
                client_secret_sealed: Set(row.sealed),
                discovered: Set(row.discovered),
                enabled: Set(row.enabled),
                required: Set(form.required),
                tried_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?
            .id
        }
    })
}
