//! The company page's section in `/admin`: what the administrator sees and does there,
//! checked as theirs (an administrator; setting a provider needs a fresh proof, since it
//! changes who can sign in as the company's people).
use app::api::{Access, ActionOutcome, CompanyProviderView, CompanySignInView};
use app::forms::sign_in_providers::ValidCompanyProvider;
use app::forms::FieldErrors;
use chrono::{DateTime, Utc};
use tower_sessions::Session;

use super::company::CompanyProvider;
use crate::services::session::caller::settle;
use crate::services::{Portico, ServiceError};

fn rejected(errors: FieldErrors) -> ActionOutcome {
    ActionOutcome::Rejected { errors }
}

impl Portico {
    fn provider_view(&self, provider: CompanyProvider) -> CompanyProviderView {
        let found = provider.found.map_or_else(Vec::new, |found| {
            vec![
                (
                    "authorization_endpoint".into(),
                    found.authorization_endpoint,
                ),
                ("token_endpoint".into(), found.token_endpoint),
                ("jwks_uri".into(), found.jwks_uri),
                (
                    "id_token_signing_alg_values_supported".into(),
                    found.id_token_signing_alg_values_supported.join(", "),
                ),
                (
                    "backchannel_logout_supported".into(),
                    found.backchannel_logout_supported.to_string(),
                ),
            ]
        });
        CompanyProviderView {
            id: provider.row.id,
            backchannel_logout_uri: self.sso_backchannel_logout_uri(provider.row.id),
            redirect_uri: self.sso_redirect_uri(),
            issuer: provider.row.issuer,
            client_id: provider.row.client_id,
            domains: provider.domains,
            enabled: provider.row.enabled,
            required: provider.row.required,
            found,
        }
    }

    pub async fn company_sign_in_at(
        &self,
        session: &Session,
        account: i32,
    ) -> Result<Access<CompanySignInView>, ServiceError> {
        settle(async {
            self.caller(session).await?.administrator()?;
            let provider = self.company_provider(account).await?;
            Ok(Access::Granted(CompanySignInView {
                provider: provider.map(|p| self.provider_view(p)),
                redirect_uri: self.sso_redirect_uri(),
            }))
        })
        .await
    }

    pub async fn set_company_provider_at(
        &self,
        session: &Session,
        form: ValidCompanyProvider,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            self.fresh_proof(session, now).await?;
            Ok(
                match self
                    .put_company_provider_at(Some(admin.id), form, false, now)
                    .await?
                {
                    Ok(_) => ActionOutcome::done(app::i18n::t("sign-in-providers-saved")),
                    Err(errors) => rejected(errors),
                },
            )
        })
        .await
    }

    pub async fn switch_company_provider_by_admin_at(
        &self,
        session: &Session,
        account: i32,
        enabled: bool,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            Ok(
                match self
                    .switch_company_provider_at(Some(admin.id), account, enabled, now)
                    .await?
                {
                    Ok(name) => ActionOutcome::done(app::i18n::t_with(
                        if enabled {
                            "sign-in-providers-switched-on"
                        } else {
                            "sign-in-providers-switched-off"
                        },
                        &[("company", name)],
                    )),
                    Err(errors) => rejected(errors),
                },
            )
        })
        .await
    }

    pub async fn remove_company_provider_by_admin_at(
        &self,
        session: &Session,
        account: i32,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            Ok(
                match self
                    .remove_company_provider_at(Some(admin.id), account, now)
                    .await?
                {
                    Ok(name) => ActionOutcome::done(app::i18n::t_with(
                        "sign-in-providers-removed",
                        &[("company", name)],
                    )),
                    Err(errors) => rejected(errors),
                },
            )
        })
        .await
    }
}
