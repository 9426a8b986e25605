//! `server companies sso set`: sets a company's sign-in provider for automation and tests,
//! with the checks of the company's page in `/admin` (the same form, discovery, domain
//! rules and audit entry), and switches it on.
use anyhow::{anyhow, bail};
use app::forms::sign_in_providers::CompanyProviderForm;
use app::forms::{FieldErrors, RegistrationCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::cli::{CompaniesAction, SsoAction, SsoSetArgs};
use crate::config::Config;
use crate::db::entities::account;
use crate::mail::outbox::OutboxSignal;
use crate::services::Portico;

/// Runs `server companies …`: prints what it made as one JSON object on stdout.
pub async fn run(config: &Config, action: CompaniesAction) -> anyhow::Result<()> {
    let database = crate::connect(config).await?;
    let portico = crate::portico(config, &database, OutboxSignal::default()).await?;
    match action {
        CompaniesAction::Sso {
            action: SsoAction::Set(args),
        } => println!("{}", set_sso(&portico, args).await?),
    }
    Ok(())
}

/// Each refusal as `field: message`, one a line.
fn refusals(errors: &FieldErrors) -> String {
    errors
        .iter()
        .map(|error| format!("{}: {}", error.field.id(), error.message.text()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Sets the provider of the company with the registration code `args.code`; the JSON
/// object to print.
pub async fn set_sso(portico: &Portico, args: SsoSetArgs) -> anyhow::Result<serde_json::Value> {
    let code = RegistrationCode::parse(&args.code)
        .map_err(|key| anyhow!("code: {}", app::i18n::t(key)))?;
    let company = account::Entity::find()
        .filter(account::Column::RegistrationCode.eq(code.as_str()))
        .one(&portico.db)
        .await?
        .ok_or_else(|| anyhow!("code: no company has the registration code {}", args.code))?;
    let form = CompanyProviderForm {
        account: company.id.to_string(),
        issuer: args.issuer,
        client_id: args.client_id,
        client_secret: args.client_secret,
        email_domains: args.domains.join(" "),
        required: if args.required { "on" } else { "" }.to_owned(),
    };
    let valid = form
        .validate()
        .map_err(|errors| anyhow!(refusals(&errors)))?;
    match portico
        .put_company_provider_at(None, valid, true, chrono::Utc::now())
        .await?
    {
        Ok(set) => Ok(serde_json::json!({
            "provider_id": set.provider_id,
            "redirect_uri": set.redirect_uri,
            "backchannel_logout_uri": set.backchannel_logout_uri,
            "domains": set.domains,
        })),
        Err(errors) => bail!(refusals(&errors)),
    }
}
