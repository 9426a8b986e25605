//! The administration's forms for apps (OpenID Connect clients) — registering one,
//! changing it, a new secret, removing it — and a person's "Disconnect" on their profile.
//! What is checked here is the form's shape; each address's rules (https, no fragment,
//! no wildcard, an outbound policy for the back-channel) are the server's
//! (`server/src/services/apps/validate.rs`): these pages load no WASM.
use serde::{Deserialize, Serialize};

use super::business::OUT_OF_DATE;
use super::{is_ticked, Field, FieldErrors, Message, Redact};

/// The longest name an app can have, in characters.
pub const NAME_MAX_CHARS: usize = 200;
/// The longest description, in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 1000;
/// The most addresses one list can hold.
pub const URIS_MAX: usize = 20;
/// The longest address, in bytes.
pub const URI_MAX_BYTES: usize = 2000;

pub const APP_FIELDS: [Field; 8] = [
    Field::AppName,
    Field::Description,
    Field::RedirectUris,
    Field::PostLogoutRedirectUris,
    Field::BackchannelLogoutUri,
    Field::InitiateLoginUri,
    Field::AppPortal,
    Field::ClientType,
];

/// Registering an app, or changing one (then `client_id` names it and `client_type` is
/// not changed: a secret is given out only by registering or regenerating).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppForm {
    pub client_id: String,
    pub app_name: String,
    pub description: String,
    /// One address a line.
    pub redirect_uris: String,
    pub post_logout_redirect_uris: String,
    pub backchannel_logout_uri: String,
    pub initiate_login_uri: String,
    /// `csp`, `csm` or `both`.
    pub portal: String,
    /// `confidential` (the default) or `public`.
    pub client_type: String,
    /// Ticked: no consent screen.
    pub first_party: String,
}

/// An app's form with its shape checked: its lists split into trimmed lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidApp {
    pub client_id: String,
    pub name: String,
    pub description: Option<String>,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub backchannel_logout_uri: Option<String>,
    pub initiate_login_uri: Option<String>,
    /// `csp`, `csm` or `both`.
    pub portal: &'static str,
    pub public: bool,
    pub first_party: bool,
}

/// The non-empty lines of a list, trimmed: what is stored is what was typed.
pub fn lines(list: &str) -> Vec<String> {
    list.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|text| !text.is_empty())
}

impl AppForm {
    pub fn validate(&self) -> Result<ValidApp, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.app_name.trim();
        let name = errors.check(
            Field::AppName,
            if name.is_empty() {
                Err(Message::from("app-form-name-missing"))
            } else if name.chars().count() > NAME_MAX_CHARS {
                Err(Message::key_with(
                    "app-form-name-too-long",
                    &[("max", NAME_MAX_CHARS.to_string())],
                ))
            } else {
                Ok(name.to_owned())
            },
        );
        if self.description.trim().chars().count() > DESCRIPTION_MAX_CHARS {
            errors.add(
                Field::Description,
                Message::key_with(
                    "app-form-description-too-long",
                    &[("max", DESCRIPTION_MAX_CHARS.to_string())],
                ),
            );
        }
        let redirect_uris = lines(&self.redirect_uris);
        if redirect_uris.is_empty() {
            errors.add(Field::RedirectUris, "app-form-redirect-uris-missing");
        }
        let post_logout_redirect_uris = lines(&self.post_logout_redirect_uris);
        for (field, list) in [
            (Field::RedirectUris, &redirect_uris),
            (Field::PostLogoutRedirectUris, &post_logout_redirect_uris),
        ] {
            if list.len() > URIS_MAX {
                errors.add(
                    field,
                    Message::key_with("app-form-too-many-uris", &[("max", URIS_MAX.to_string())]),
                );
            }
        }
        let portal = errors.check(
            Field::AppPortal,
            match self.portal.trim() {
                "csp" => Ok("csp"),
                "csm" => Ok("csm"),
                "" | "both" => Ok("both"),
                _ => Err("app-form-portal-invalid"),
            },
        );
        let public = errors.check(
            Field::ClientType,
            match self.client_type.trim() {
                "" | "confidential" => Ok(false),
                "public" => Ok(true),
                _ => Err("app-form-client-type-invalid"),
            },
        );
        match (name, portal, public) {
            (Some(name), Some(portal), Some(public)) if errors.is_empty() => Ok(ValidApp {
                client_id: self.client_id.trim().to_owned(),
                name,
                description: optional(&self.description),
                redirect_uris,
                post_logout_redirect_uris,
                backchannel_logout_uri: optional(&self.backchannel_logout_uri),
                initiate_login_uri: optional(&self.initiate_login_uri),
                portal,
                public,
                first_party: is_ticked(&self.first_party),
            }),
            _ => Err(errors.ordered_by(&APP_FIELDS)),
        }
    }
}

impl Redact for AppForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

/// "New secret" or "Remove" on an app's page, "Disconnect" on a profile: which app.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppChoiceForm {
    pub client_id: String,
    /// `yes` once the person confirmed on the second look (`forms::confirmation`).
    pub confirmed: String,
}

impl AppChoiceForm {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let id = self.client_id.trim();
        if id.is_empty() || id.len() > 64 {
            return Err(FieldErrors::one(Field::Form, OUT_OF_DATE));
        }
        Ok(id.to_owned())
    }
}

impl Redact for AppChoiceForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> AppForm {
        AppForm {
            app_name: " Support desk ".into(),
            redirect_uris: "https://desk.example/cb\n\n  https://desk.example/cb2  \n".into(),
            ..Default::default()
        }
    }

    #[test]
    fn an_app_needs_a_name_and_a_redirect_uri_and_keeps_the_lines_as_typed() {
        let valid = form().validate().unwrap();
        assert_eq!(valid.name, "Support desk");
        assert_eq!(
            valid.redirect_uris,
            vec!["https://desk.example/cb", "https://desk.example/cb2"]
        );
        assert_eq!((valid.portal, valid.public), ("both", false));
        let errors = AppForm::default().validate().unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::AppName, Field::RedirectUris]);
    }

    #[test]
    fn a_name_longer_than_200_characters_is_refused_on_its_field() {
        let errors = AppForm {
            app_name: "x".repeat(201),
            ..form()
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors.iter().next().unwrap().field, Field::AppName);
    }
}
