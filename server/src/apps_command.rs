//! `server apps create`: registers an app for automation and tests, with the checks of
//! `/admin/apps` (the same form, the same address rules, the same audit entry).
use anyhow::bail;
use app::forms::apps::AppForm;
use app::forms::FieldErrors;

use crate::cli::{AppsAction, NewAppArgs};
use crate::config::Config;
use crate::mail::outbox::OutboxSignal;
use crate::services::Portico;

/// Runs `server apps …`: prints what it made as one JSON object on stdout.
pub async fn run(config: &Config, action: AppsAction) -> anyhow::Result<()> {
    let database = crate::connect(config).await?;
    let portico = crate::portico(config, &database, OutboxSignal::default()).await?;
    match action {
        AppsAction::Create(args) => println!("{}", create(&portico, args).await?),
    }
    Ok(())
}

/// The form `/admin/apps` would have posted for these arguments.
fn form_of(args: NewAppArgs) -> AppForm {
    AppForm {
        client_id: String::new(),
        app_name: args.name,
        description: args.description.unwrap_or_default(),
        redirect_uris: args.redirect_uris.join("\n"),
        post_logout_redirect_uris: args.post_logout_redirect_uris.join("\n"),
        backchannel_logout_uri: args.backchannel_logout_uri.unwrap_or_default(),
        initiate_login_uri: args.initiate_login_uri.unwrap_or_default(),
        portal: args.portal,
        client_type: if args.public {
            "public"
        } else {
            "confidential"
        }
        .to_owned(),
        first_party: if args.first_party { "on" } else { "" }.to_owned(),
    }
}

/// Each refusal as `field: message`, one a line.
fn refusals(errors: &FieldErrors) -> String {
    errors
        .iter()
        .map(|error| format!("{}: {}", error.field.id(), error.message.text()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Registers the app; the JSON object to print: `client_id`, and `client_secret` unless
/// the app is public.
pub async fn create(portico: &Portico, args: NewAppArgs) -> anyhow::Result<serde_json::Value> {
    let valid = match form_of(args).validate() {
        Ok(valid) => valid,
        Err(errors) => bail!(refusals(&errors)),
    };
    match portico
        .register_app_at(None, valid, chrono::Utc::now())
        .await?
    {
        Ok(registered) => {
            let mut answer = serde_json::json!({ "client_id": registered.client_id });
            if let Some(secret) = registered.client_secret {
                answer["client_secret"] = secret.into();
            }
            Ok(answer)
        }
        Err(errors) => bail!(refusals(&errors)),
    }
}
