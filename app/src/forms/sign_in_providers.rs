//! The administration's forms for the providers people sign in through (Portico as the
//! relying party): a company's own provider on its page, and the consumers' social
//! providers on `/admin/sign-in-providers`. The form checks its shape; the issuer's
//! discovery, the domains' owners and the list of public email services are the server's
//! (`server/src/services/sign_in_providers/`): these pages load no WASM.
use serde::{Deserialize, Serialize};

use super::business::OUT_OF_DATE;
use super::{is_ticked, Field, FieldErrors, Message, Redact};

/// The longest issuer URL, in bytes.
pub const ISSUER_MAX_BYTES: usize = 2000;
/// The longest client id or secret, in bytes.
pub const CREDENTIAL_MAX_BYTES: usize = 500;
/// The longest button text, in characters.
pub const NAME_MAX_CHARS: usize = 100;

pub const COMPANY_PROVIDER_FIELDS: [Field; 5] = [
    Field::Issuer,
    Field::ClientId,
    Field::ClientSecret,
    Field::EmailDomains,
    Field::SignInRequired,
];

pub const SOCIAL_PROVIDER_FIELDS: [Field; 5] = [
    Field::ProviderName,
    Field::ProviderPreset,
    Field::Issuer,
    Field::ClientId,
    Field::ClientSecret,
];

/// Setting a company's provider (or replacing it: an empty secret keeps the one stored).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyProviderForm {
    /// The company's id.
    pub account: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Separated by commas, spaces or lines.
    pub email_domains: String,
    /// Ticked: the company's contacts may not use a Portico password.
    pub required: String,
}

/// A company's provider form with its shape checked.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidCompanyProvider {
    pub account: i32,
    pub issuer: String,
    pub client_id: String,
    /// None: keep the stored one.
    pub client_secret: Option<String>,
    /// As typed: the server turns them into IDNA ASCII and checks them.
    pub email_domains: String,
    pub required: bool,
}

impl std::fmt::Debug for ValidCompanyProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidCompanyProvider")
            .field("account", &self.account)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// The trimmed text of a field that must be filled in and not too long.
fn required_text(
    errors: &mut FieldErrors,
    field: Field,
    text: &str,
    missing: &'static str,
    max_bytes: usize,
) -> Option<String> {
    let text = text.trim();
    errors.check(
        field,
        if text.is_empty() {
            Err(Message::from(missing))
        } else if text.len() > max_bytes {
            Err(Message::key_with(
                "sign-in-providers-form-too-long",
                &[("max", max_bytes.to_string())],
            ))
        } else {
            Ok(text.to_owned())
        },
    )
}

fn optional_secret(errors: &mut FieldErrors, secret: &str) -> Option<String> {
    let secret = secret.trim();
    if secret.len() > CREDENTIAL_MAX_BYTES {
        errors.add(
            Field::ClientSecret,
            Message::key_with(
                "sign-in-providers-form-too-long",
                &[("max", CREDENTIAL_MAX_BYTES.to_string())],
            ),
        );
    }
    Some(secret.to_owned()).filter(|secret| !secret.is_empty())
}

impl CompanyProviderForm {
    pub fn validate(&self) -> Result<ValidCompanyProvider, FieldErrors> {
        let Ok(account) = self.account.trim().parse::<i32>() else {
            return Err(FieldErrors::one(Field::Form, OUT_OF_DATE));
        };
        let mut errors = FieldErrors::new();
        let issuer = required_text(
            &mut errors,
            Field::Issuer,
            &self.issuer,
            "sign-in-providers-form-issuer-missing",
            ISSUER_MAX_BYTES,
        );
        let client_id = required_text(
            &mut errors,
            Field::ClientId,
            &self.client_id,
            "sign-in-providers-form-client-id-missing",
            CREDENTIAL_MAX_BYTES,
        );
        let client_secret = optional_secret(&mut errors, &self.client_secret);
        if self.email_domains.trim().is_empty() {
            errors.add(
                Field::EmailDomains,
                "sign-in-providers-form-domains-missing",
            );
        }
        match (issuer, client_id) {
            (Some(issuer), Some(client_id)) if errors.is_empty() => Ok(ValidCompanyProvider {
                account,
                issuer,
                client_id,
                client_secret,
                email_domains: self.email_domains.clone(),
                required: is_ticked(&self.required),
            }),
            _ => Err(errors.ordered_by(&COMPANY_PROVIDER_FIELDS)),
        }
    }
}

impl Redact for CompanyProviderForm {
    /// The secret is never drawn back into a page.
    fn redacted(&self) -> Self {
        Self {
            client_secret: String::new(),
            ..self.clone()
        }
    }
}

/// Adding a social provider for consumers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SocialProviderForm {
    /// The button's text.
    pub provider_name: String,
    /// `google`, `microsoft` or empty (any OpenID Connect provider): a preset fills the
    /// issuer when it is left empty.
    pub preset: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
}

/// A preset: its name in the form, and the issuer it fills in.
pub const PRESETS: [(&str, &str); 2] = [
    ("google", "https://accounts.google.com"),
    // Microsoft's `common` endpoint answers for every tenant: the ID tokens' issuer names
    // the person's tenant, so the page says to use a tenant's own issuer for one company.
    ("microsoft", "https://login.microsoftonline.com/common/v2.0"),
];

/// A social provider's form with its shape checked.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidSocialProvider {
    pub name: String,
    pub preset: Option<&'static str>,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
}

impl std::fmt::Debug for ValidSocialProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidSocialProvider")
            .field("name", &self.name)
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

impl SocialProviderForm {
    pub fn validate(&self) -> Result<ValidSocialProvider, FieldErrors> {
        let mut errors = FieldErrors::new();
        let preset = errors.check(
            Field::ProviderPreset,
            match self.preset.trim() {
                "" => Ok(None),
                chosen => PRESETS
                    .iter()
                    .find(|(name, _)| *name == chosen)
                    .map(|preset| Some(*preset))
                    .ok_or("sign-in-providers-form-preset-invalid"),
            },
        );
        let name = self.provider_name.trim();
        let name = errors.check(
            Field::ProviderName,
            if name.is_empty() {
                Err(Message::from("sign-in-providers-form-name-missing"))
            } else if name.chars().count() > NAME_MAX_CHARS {
                Err(Message::key_with(
                    "sign-in-providers-form-name-too-long",
                    &[("max", NAME_MAX_CHARS.to_string())],
                ))
            } else {
                Ok(name.to_owned())
            },
        );
        let typed_issuer = self.issuer.trim();
        let issuer = match preset.flatten() {
            Some((_, issuer)) if typed_issuer.is_empty() => Some(issuer.to_owned()),
            _ => required_text(
                &mut errors,
                Field::Issuer,
                typed_issuer,
                "sign-in-providers-form-issuer-missing",
                ISSUER_MAX_BYTES,
            ),
        };
        let client_id = required_text(
            &mut errors,
            Field::ClientId,
            &self.client_id,
            "sign-in-providers-form-client-id-missing",
            CREDENTIAL_MAX_BYTES,
        );
        let client_secret = required_text(
            &mut errors,
            Field::ClientSecret,
            &self.client_secret,
            "sign-in-providers-form-secret-missing",
            CREDENTIAL_MAX_BYTES,
        );
        match (name, preset, issuer, client_id, client_secret) {
            (Some(name), Some(preset), Some(issuer), Some(client_id), Some(client_secret))
                if errors.is_empty() =>
            {
                Ok(ValidSocialProvider {
                    name,
                    preset: preset.map(|(name, _)| name),
                    issuer,
                    client_id,
                    client_secret,
                })
            }
            _ => Err(errors.ordered_by(&SOCIAL_PROVIDER_FIELDS)),
        }
    }
}

impl Redact for SocialProviderForm {
    fn redacted(&self) -> Self {
        Self {
            client_secret: String::new(),
            ..self.clone()
        }
    }
}

/// Remove, switch on or off: which provider.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProviderChoiceForm {
    pub provider: String,
    /// `on` or `off` for the switch.
    pub enabled: String,
    /// `yes` once the person confirmed on the second look (`forms::confirmation`).
    pub confirmed: String,
}

impl ProviderChoiceForm {
    pub fn validate(&self) -> Result<i32, FieldErrors> {
        self.provider
            .trim()
            .parse::<i32>()
            .map_err(|_| FieldErrors::one(Field::Form, OUT_OF_DATE))
    }
}

impl Redact for ProviderChoiceForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_company_provider_needs_an_issuer_a_client_and_domains_but_may_keep_its_secret() {
        let valid = CompanyProviderForm {
            account: "7".into(),
            issuer: " https://id.acme.example ".into(),
            client_id: "portico".into(),
            email_domains: "acme.example".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(valid.issuer, "https://id.acme.example");
        assert_eq!(valid.client_secret, None);
        let errors = CompanyProviderForm {
            account: "7".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![Field::Issuer, Field::ClientId, Field::EmailDomains]
        );
    }

    #[test]
    fn a_preset_fills_the_issuer_left_empty() {
        let valid = SocialProviderForm {
            provider_name: "Google".into(),
            preset: "google".into(),
            client_id: "id".into(),
            client_secret: "secret".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(valid.issuer, "https://accounts.google.com");
        assert_eq!(valid.preset, Some("google"));
    }
}
