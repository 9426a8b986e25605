//! Errors as values with a place to be shown: each belongs to a field of the form.
use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::portal::Portal;

/// Every field a Portico form can have. Its `id` is the HTML id and the name inside the
/// form's struct; the error summary links to `#id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    /// The form as a whole, for errors that belong to no single field.
    Form,
    FirstName,
    LastName,
    Email,
    Password,
    ConfirmPassword,
    Captcha,
    Consent,
    RegistrationCode,
    Reason,
    CompanyName,
    EmailDomains,
    AutoApprove,
    /// The company chosen for a request.
    Account,
    CurrentPassword,
    NewEmail,
    /// A second factor's code (an authenticator app's or a recovery code).
    Code,
    PasskeyName,
    RequireTwoFactor,
    /// An administrator's word that they checked who a person is.
    IdentityChecked,
    /// The role an invited contact gets.
    Role,
    /// A webhook endpoint's address, secret and events.
    Url,
    Secret,
    Events,
    /// An app's (OpenID Connect client's) name, description, addresses, portal and type.
    AppName,
    Description,
    RedirectUris,
    PostLogoutRedirectUris,
    BackchannelLogoutUri,
    InitiateLoginUri,
    AppPortal,
    ClientType,
    Issuer,
    ClientId,
    ClientSecret,
    ProviderName,
    ProviderPreset,
    SignInRequired,
}

impl Field {
    pub const ALL: [Field; 38] = [
        Field::Form,
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::Password,
        Field::ConfirmPassword,
        Field::Captcha,
        Field::Consent,
        Field::RegistrationCode,
        Field::Reason,
        Field::CompanyName,
        Field::EmailDomains,
        Field::AutoApprove,
        Field::Account,
        Field::CurrentPassword,
        Field::NewEmail,
        Field::Code,
        Field::PasskeyName,
        Field::RequireTwoFactor,
        Field::IdentityChecked,
        Field::Role,
        Field::Url,
        Field::Secret,
        Field::Events,
        Field::AppName,
        Field::Description,
        Field::RedirectUris,
        Field::PostLogoutRedirectUris,
        Field::BackchannelLogoutUri,
        Field::InitiateLoginUri,
        Field::AppPortal,
        Field::ClientType,
        Field::Issuer,
        Field::ClientId,
        Field::ClientSecret,
        Field::ProviderName,
        Field::ProviderPreset,
        Field::SignInRequired,
    ];

    /// The field whose HTML id (and name in its form) this is.
    pub fn of_id(id: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.id() == id)
    }

    pub fn id(self) -> &'static str {
        match self {
            Field::Form => "form",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Email => "email",
            Field::Password => "password",
            Field::ConfirmPassword => "confirm_password",
            Field::Captcha => "security_code",
            Field::Consent => "consent",
            Field::RegistrationCode => "registration_code",
            Field::Reason => "reason",
            Field::CompanyName => "name",
            Field::EmailDomains => "email_domains",
            Field::AutoApprove => "auto_approve",
            Field::Account => "account",
            Field::CurrentPassword => "current_password",
            Field::NewEmail => "new_email",
            Field::Code => "code",
            Field::PasskeyName => "passkey_name",
            Field::RequireTwoFactor => "require_two_factor",
            Field::IdentityChecked => "identity_checked",
            Field::Role => "role",
            Field::Url => "url",
            Field::Secret => "secret",
            Field::Events => "events",
            Field::AppName => "app_name",
            Field::Description => "description",
            Field::RedirectUris => "redirect_uris",
            Field::PostLogoutRedirectUris => "post_logout_redirect_uris",
            Field::BackchannelLogoutUri => "backchannel_logout_uri",
            Field::InitiateLoginUri => "initiate_login_uri",
            Field::AppPortal => "portal",
            Field::ClientType => "client_type",
            Field::Issuer => "issuer",
            Field::ClientId => "client_id",
            Field::ClientSecret => "client_secret",
            Field::ProviderName => "provider_name",
            Field::ProviderPreset => "preset",
            Field::SignInRequired => "required",
        }
    }
}

/// What kind of problem an error is, where the page shows more than its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ErrorKind {
    #[default]
    Invalid,
    /// The email address belongs to an account already: the page links to log in and reset.
    EmailTaken,
    /// The email address belongs to an account of the other portal: the page links there.
    EmailInPortal(Portal),
    /// Too many attempts from this client; try again later.
    TooManyAttempts,
    /// The account's address is not verified yet: the page offers a new link.
    Unverified(Portal),
    /// The person may not do this (not their company, not an administrator).
    Forbidden,
    /// What the form acts on is gone.
    NotFound,
    /// The state changed since the page was drawn (a request decided by someone else).
    Conflict,
    /// An administrator at a portal's log-in: the page links to the administration's.
    AdministratorAccount,
}

impl ErrorKind {
    /// The HTTP status of a submission rejected with errors of this kind: the person's
    /// input is a 422, the server's state a 409, and the rest as they say.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorKind::Invalid | ErrorKind::Unverified(_) => 422,
            ErrorKind::EmailTaken
            | ErrorKind::EmailInPortal(_)
            | ErrorKind::AdministratorAccount
            | ErrorKind::Conflict => 409,
            ErrorKind::TooManyAttempts => 429,
            ErrorKind::Forbidden => 403,
            ErrorKind::NotFound => 404,
        }
    }
}

/// What an error says: a message of the language files by its key (as the forms' rules
/// and the services name them), or a text already in the person's language.
///
/// The server writes every message out as text in the request's language when it sends
/// one (a server function's answer, the errors a plain post left in the markup): the
/// browser holds only the texts of its own checks.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(feature = "ssr"), derive(Serialize))]
pub enum Message {
    Key(Cow<'static, str>),
    Text(String),
    /// A message with arguments (names and values), like a domain that is not one. Not
    /// in the browser: the forms whose checks give one run only on the server (and the
    /// server sends text), so its code stays out of the WASM. Last, so that the others
    /// keep their place on the wire.
    #[cfg(not(feature = "hydrate"))]
    KeyWith(Cow<'static, str>, Vec<(String, String)>),
}

#[cfg(feature = "ssr")]
impl Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // As `Message::Text` (the second variant) would be: the same wire form.
        serializer.serialize_newtype_variant("Message", 1, "Text", &self.text())
    }
}

impl From<&'static str> for Message {
    fn from(key: &'static str) -> Self {
        Message::Key(Cow::Borrowed(key))
    }
}

impl Message {
    /// A message of the language files with arguments: `{ $domain } is not…`.
    pub fn key_with(key: &'static str, args: &[(&str, String)]) -> Self {
        #[cfg(not(feature = "hydrate"))]
        return Message::KeyWith(
            Cow::Borrowed(key),
            args.iter()
                .map(|(name, value)| ((*name).to_owned(), value.clone()))
                .collect(),
        );
        // Compiled for the browser but never run there (see `Message::KeyWith`).
        #[cfg(feature = "hydrate")]
        {
            let _ = args;
            Message::Key(Cow::Borrowed(key))
        }
    }

    /// A text already in the person's language.
    pub fn text_of(text: impl Into<String>) -> Self {
        Message::Text(text.into())
    }

    /// What the person reads, in the current language.
    pub fn text(&self) -> String {
        #[cfg(feature = "ssr")]
        return self.text_in(crate::i18n::lang());
        // In the browser: the texts the page handed over, which have no arguments.
        #[cfg(not(feature = "ssr"))]
        match self {
            Message::Key(key) => crate::i18n::t(key),
            #[cfg(not(feature = "hydrate"))]
            Message::KeyWith(key, _) => crate::i18n::t(key),
            Message::Text(text) => text.clone(),
        }
    }

    /// What a person reads in `lang` (an email's recipient, who may read another language
    /// than the request's).
    #[cfg(feature = "ssr")]
    pub fn text_in(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Message::Key(key) => lang.text(key),
            Message::KeyWith(key, args) => {
                let args: Vec<(&str, String)> = args
                    .iter()
                    .map(|(name, value)| (name.as_str(), value.clone()))
                    .collect();
                lang.text_with(key, &args)
            }
            Message::Text(text) => text.clone(),
        }
    }

    /// The key, if the message is one of the language files'.
    pub fn key(&self) -> Option<&str> {
        match self {
            Message::Key(key) => Some(key),
            #[cfg(not(feature = "hydrate"))]
            Message::KeyWith(key, _) => Some(key),
            Message::Text(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub message: Message,
    #[serde(default)]
    pub kind: ErrorKind,
}

/// The errors of one submission, in the order of the form's fields, at most one per field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn one(field: Field, message: impl Into<Message>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    /// Adds an error, unless the field has one already (the first problem is the one to fix).
    pub fn add(&mut self, field: Field, message: impl Into<Message>) {
        self.add_kind(field, message, ErrorKind::Invalid);
    }

    pub fn add_kind(&mut self, field: Field, message: impl Into<Message>, kind: ErrorKind) {
        if self.get(field).is_none() {
            self.0.push(FieldError {
                field,
                message: message.into(),
                kind,
            });
        }
    }

    /// Records the outcome of one rule: its value if it passed, its message if not.
    pub fn check<T, M: Into<Message>>(&mut self, field: Field, result: Result<T, M>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    /// One error of a kind other than "invalid".
    pub fn one_of_kind(field: Field, message: impl Into<Message>, kind: ErrorKind) -> Self {
        let mut errors = Self::new();
        errors.add_kind(field, message, kind);
        errors
    }

    /// The status of a submission rejected with these errors: the most telling kind wins
    /// (a 403 over a 409 over a 422).
    pub fn http_status(&self) -> u16 {
        self.0
            .iter()
            .map(|e| e.kind.http_status())
            .min_by_key(|status| match status {
                422 => u16::MAX,
                other => *other,
            })
            .unwrap_or(422)
    }

    pub fn get(&self, field: Field) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    /// Replaces the error of one field with what a fresh validation says of it, in its
    /// place: the others keep their order (and a summary listing them stays as it is).
    pub fn replace_field(&mut self, field: Field, fresh: &FieldErrors) {
        let place = self.0.iter().position(|e| e.field == field);
        match (place, fresh.get(field)) {
            (Some(i), Some(error)) => self.0[i] = error.clone(),
            (Some(i), None) => {
                self.0.remove(i);
            }
            (None, Some(error)) => self.0.push(error.clone()),
            (None, None) => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// Sorts the errors into the order in which the fields appear on the form.
    pub fn ordered_by(mut self, fields: &[Field]) -> Self {
        self.0.sort_by_key(|e| {
            fields
                .iter()
                .position(|f| *f == e.field)
                .unwrap_or(usize::MAX)
        });
        self
    }
}

#[cfg(test)]
mod tests;
