//! The administration's forms for webhooks and the outbox: registering an endpoint,
//! removing it, and retrying a failed delivery.
use serde::{Deserialize, Serialize};

use super::business::{id, OUT_OF_DATE};
use super::{is_ticked, Field, FieldErrors, Message, Redact};

/// The shortest secret a webhook can have: the receiver checks signatures with it.
pub const SECRET_MIN_CHARS: usize = 24;
/// The longest secret a webhook can have (in bytes).
pub const SECRET_MAX_BYTES: usize = 200;

/// The events a webhook can receive, as their payloads name them, with the form field
/// that chooses each.
pub const EVENTS: [(&str, &str); 6] = [
    ("user.registered", "user_registered"),
    ("user.verified", "user_verified"),
    ("registration.approved", "registration_approved"),
    ("registration.rejected", "registration_rejected"),
    ("contact.invited", "contact_invited"),
    ("user.deleted", "user_deleted"),
];

#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebhookForm {
    pub url: String,
    pub secret: String,
    pub user_registered: String,
    pub user_verified: String,
    pub registration_approved: String,
    pub registration_rejected: String,
    pub contact_invited: String,
    pub user_deleted: String,
}

pub const WEBHOOK_FIELDS: [Field; 3] = [Field::Url, Field::Secret, Field::Events];

pub struct ValidWebhook {
    pub url: String,
    pub secret: String,
    pub events: Vec<&'static str>,
}

impl std::fmt::Debug for ValidWebhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidWebhook")
            .field("url", &self.url)
            .field("events", &self.events)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for WebhookForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookForm")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl WebhookForm {
    /// Whether the box for `field` (an entry of [`EVENTS`]) is ticked.
    pub fn ticked(&self, field: &str) -> bool {
        let value = match field {
            "user_registered" => &self.user_registered,
            "user_verified" => &self.user_verified,
            "registration_approved" => &self.registration_approved,
            "registration_rejected" => &self.registration_rejected,
            "contact_invited" => &self.contact_invited,
            "user_deleted" => &self.user_deleted,
            _ => return false,
        };
        is_ticked(value)
    }

    pub fn validate(&self) -> Result<ValidWebhook, FieldErrors> {
        let mut errors = FieldErrors::new();
        let url = self.url.trim();
        let url = errors.check(
            Field::Url,
            if url.is_empty() {
                Err("webhook-form-url-missing")
            } else if !(url.starts_with("https://") || url.starts_with("http://"))
                || url.contains(char::is_whitespace)
                || url.len() > 2000
            {
                Err("webhook-form-url-invalid")
            } else {
                Ok(url.to_owned())
            },
        );
        let secret = errors.check(
            Field::Secret,
            if self.secret.chars().count() < SECRET_MIN_CHARS {
                Err(Message::key_with(
                    "webhook-form-secret-too-short",
                    &[("min", SECRET_MIN_CHARS.to_string())],
                ))
            } else if self.secret.len() > SECRET_MAX_BYTES {
                Err(Message::key_with(
                    "webhook-form-secret-too-long",
                    &[("max", SECRET_MAX_BYTES.to_string())],
                ))
            } else {
                Ok(self.secret.clone())
            },
        );
        let events: Vec<&'static str> = EVENTS
            .into_iter()
            .filter(|(_, field)| self.ticked(field))
            .map(|(event, _)| event)
            .collect();
        if events.is_empty() {
            errors.add(Field::Events, "webhook-form-events-missing");
        }
        match (url, secret) {
            (Some(url), Some(secret)) if errors.is_empty() => Ok(ValidWebhook {
                url,
                secret,
                events,
            }),
            _ => Err(errors.ordered_by(&WEBHOOK_FIELDS)),
        }
    }
}

impl Redact for WebhookForm {
    fn redacted(&self) -> Self {
        Self {
            secret: String::new(),
            ..self.clone()
        }
    }
}

/// "Remove" beside an endpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebhookRemovalForm {
    pub endpoint: String,
    /// `yes` once the person confirmed on the second look (`forms::confirmation`).
    pub confirmed: String,
}

impl WebhookRemovalForm {
    pub fn validate(&self) -> Result<i32, FieldErrors> {
        id(&self.endpoint)
    }
}

impl Redact for WebhookRemovalForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

/// "Retry now" beside a failed email or webhook delivery.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RetryForm {
    /// `email` or `webhook`.
    pub kind: String,
    pub id: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryKind {
    Email,
    Webhook,
}

impl RetryForm {
    pub fn validate(&self) -> Result<(DeliveryKind, i32), FieldErrors> {
        let kind = match self.kind.as_str() {
            "email" => DeliveryKind::Email,
            "webhook" => DeliveryKind::Webhook,
            _ => return Err(FieldErrors::one(Field::Form, OUT_OF_DATE)),
        };
        Ok((kind, id(&self.id)?))
    }
}

impl Redact for RetryForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> WebhookForm {
        WebhookForm {
            url: "https://crm.example/hooks/portico".into(),
            secret: "a-secret-of-at-least-24-chars".into(),
            user_registered: "on".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_webhook_needs_an_address_a_long_secret_and_an_event() {
        let valid = form().validate().unwrap();
        assert_eq!(valid.events, vec!["user.registered"]);
        let errors = WebhookForm::default().validate().unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, WEBHOOK_FIELDS.to_vec());
        let errors = WebhookForm {
            url: "ftp://crm.example".into(),
            ..form()
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors.iter().next().unwrap().field, Field::Url);
    }

    #[test]
    fn the_secret_is_never_shown_back() {
        assert!(form().redacted().secret.is_empty());
        assert!(!format!("{:?}", form()).contains("secret-of"));
    }
}
