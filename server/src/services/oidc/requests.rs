//! An authorization request, checked in the order that keeps Portico from being an open
//! redirector: the app, then its redirect URI (byte for byte), and only then everything
//! else, whose errors may go back to that URI (research §6.1).
use std::collections::BTreeSet;
use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbErr};

use crate::services::support::app_clients::{self, AppClient};

/// Hostile input is refused before it is looked at closely: more parameters than a real
/// request has, or a value longer than any real one.
const MAX_PARAMETERS: usize = 40;
const MAX_VALUE_LENGTH: usize = 2048;

/// The scopes Portico knows; any other is dropped (OIDC Core §3.1.2.1).
pub const KNOWN_SCOPES: [&str; 5] = ["openid", "email", "profile", "portico", "offline_access"];

/// Why a request is answered on Portico's own error page: there is no app, or no
/// registered address of it, that an error could be sent back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageError {
    /// Not a request at all (a duplicated or oversized parameter before the app is known).
    Malformed,
    UnknownApp,
    RedirectUriNotRegistered,
    /// A resumed or consent page's request that has expired or was used.
    Expired,
}

impl PageError {
    /// The message the error page shows.
    pub fn message(self) -> &'static str {
        match self {
            PageError::Malformed => "oidc-error-malformed",
            PageError::UnknownApp => "oidc-error-unknown-app",
            PageError::RedirectUriNotRegistered => "oidc-error-redirect-uri",
            PageError::Expired => "oidc-error-expired",
        }
    }
}

/// An error that goes back to the app (RFC 6749 §4.1.2.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppError {
    pub code: &'static str,
    pub description: &'static str,
}

impl AppError {
    pub const fn new(code: &'static str, description: &'static str) -> Self {
        Self { code, description }
    }
}

/// What `prompt` asks for (OIDC Core §3.1.2.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prompt {
    pub none: bool,
    pub login: bool,
    pub consent: bool,
}

impl Prompt {
    pub fn parse(text: &str) -> Result<Self, AppError> {
        let mut prompt = Prompt::default();
        for value in text.split(' ').filter(|v| !v.is_empty()) {
            match value {
                "none" => prompt.none = true,
                "login" => prompt.login = true,
                "consent" => prompt.consent = true,
                // `select_account` asks for nothing Portico could show: one person per session.
                "select_account" => {}
                _ => return Err(AppError::new("invalid_request", "unknown prompt value")),
            }
        }
        if prompt.none && (prompt.login || prompt.consent) {
            return Err(AppError::new(
                "invalid_request",
                "prompt=none cannot be combined with other values",
            ));
        }
        Ok(prompt)
    }

    pub fn as_text(self) -> Option<String> {
        let values: Vec<&str> = [
            (self.none, "none"),
            (self.login, "login"),
            (self.consent, "consent"),
        ]
        .into_iter()
        .filter_map(|(on, value)| on.then_some(value))
        .collect();
        (!values.is_empty()).then(|| values.join(" "))
    }
}

/// A request whose every parameter was checked.
#[derive(Clone, Debug)]
pub struct AuthorizationRequest {
    pub client: AppClient,
    pub redirect_uri: String,
    /// Known scopes only, `openid` among them, space-separated.
    pub scope: String,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub prompt: Prompt,
    pub max_age: Option<i64>,
    pub login_hint: Option<String>,
    pub ui_locales: Option<String>,
}

/// The outcome of checking a request.
#[derive(Debug)]
pub enum Checked {
    /// Shown on Portico: no redirect.
    Page(PageError),
    /// Sent back to the app's registered URI (with the request's `state`).
    ToApp {
        redirect_uri: String,
        state: Option<String>,
        error: AppError,
    },
    Valid(Box<AuthorizationRequest>),
}

/// The parameters of a query or form body, each at most once (RFC 6749 §3.1); None for a
/// duplicate, too many, or one too long.
pub fn parameters(encoded: &str) -> Option<HashMap<String, String>> {
    let mut found = HashMap::new();
    for (name, value) in url::form_urlencoded::parse(encoded.as_bytes()) {
        if found.len() >= MAX_PARAMETERS || value.len() > MAX_VALUE_LENGTH {
            return None;
        }
        if found
            .insert(name.into_owned(), value.into_owned())
            .is_some()
        {
            return None;
        }
    }
    Some(found)
}

/// Checks a request whose parameters were read from `encoded` (a query or a form body).
pub async fn check<C: ConnectionTrait>(db: &C, encoded: &str) -> Result<Checked, DbErr> {
    let Some(params) = parameters(encoded) else {
        return duplicate_or_malformed(db, encoded).await;
    };
    let get = |name: &str| params.get(name).filter(|v| !v.is_empty()).cloned();
    let Some(client_id) = get("client_id") else {
        return Ok(Checked::Page(PageError::UnknownApp));
    };
    let Some(client) = app_clients::find(db, &client_id).await? else {
        return Ok(Checked::Page(PageError::UnknownApp));
    };
    let Some(redirect_uri) = get("redirect_uri").filter(|u| client.redirect_uri_registered(u))
    else {
        return Ok(Checked::Page(PageError::RedirectUriNotRegistered));
    };
    let state = get("state");
    Ok(match check_the_rest(client, redirect_uri.clone(), &get) {
        Ok(request) => Checked::Valid(Box::new(request)),
        Err(error) => Checked::ToApp {
            redirect_uri,
            state,
            error,
        },
    })
}

/// A request that cannot be read as one (a parameter twice, or oversized): it goes back
/// to the app only when its `client_id` and `redirect_uri` each came once and match.
async fn duplicate_or_malformed<C: ConnectionTrait>(
    db: &C,
    encoded: &str,
) -> Result<Checked, DbErr> {
    let once = |name: &str| {
        let mut values = url::form_urlencoded::parse(encoded.as_bytes())
            .take(MAX_PARAMETERS * 2)
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.into_owned());
        let first = values.next();
        first.filter(|v| values.next().is_none() && v.len() <= MAX_VALUE_LENGTH)
    };
    let client = match once("client_id") {
        Some(id) => app_clients::find(db, &id).await?,
        None => None,
    };
    let Some(client) = client else {
        return Ok(Checked::Page(PageError::Malformed));
    };
    let Some(redirect_uri) = once("redirect_uri").filter(|u| client.redirect_uri_registered(u))
    else {
        return Ok(Checked::Page(PageError::RedirectUriNotRegistered));
    };
    Ok(Checked::ToApp {
        redirect_uri,
        state: once("state"),
        error: AppError::new("invalid_request", "a parameter was repeated or too long"),
    })
}

fn check_the_rest(
    client: AppClient,
    redirect_uri: String,
    get: &dyn Fn(&str) -> Option<String>,
) -> Result<AuthorizationRequest, AppError> {
    if get("request").is_some() {
        return Err(AppError::new(
            "request_not_supported",
            "request objects are not supported",
        ));
    }
    if get("request_uri").is_some() {
        return Err(AppError::new(
            "request_uri_not_supported",
            "request_uri is not supported",
        ));
    }
    if get("response_type").as_deref() != Some("code") {
        return Err(AppError::new(
            "unsupported_response_type",
            "only response_type=code is supported",
        ));
    }
    if get("response_mode").is_some_and(|mode| mode != "query") {
        return Err(AppError::new(
            "invalid_request",
            "only response_mode=query is supported",
        ));
    }
    let scope = known_scopes(&get("scope").unwrap_or_default())?;
    let code_challenge = pkce(&client, get("code_challenge"), get("code_challenge_method"))?;
    let prompt = Prompt::parse(&get("prompt").unwrap_or_default())?;
    let max_age = match get("max_age") {
        None => None,
        Some(text) => Some(text.parse::<i64>().ok().filter(|age| *age >= 0).ok_or(
            AppError::new("invalid_request", "max_age must be a number of seconds"),
        )?),
    };
    Ok(AuthorizationRequest {
        client,
        redirect_uri,
        scope,
        state: get("state"),
        nonce: get("nonce"),
        code_challenge,
        prompt,
        max_age,
        login_hint: get("login_hint").filter(|hint| hint.len() <= 254),
        ui_locales: get("ui_locales"),
    })
}

/// The known scopes of `requested`, in Portico's order; `openid` must be one.
fn known_scopes(requested: &str) -> Result<String, AppError> {
    let asked: BTreeSet<&str> = requested.split(' ').collect();
    if !asked.contains("openid") {
        return Err(AppError::new(
            "invalid_scope",
            "the openid scope is required",
        ));
    }
    let kept: Vec<&str> = KNOWN_SCOPES
        .into_iter()
        .filter(|scope| asked.contains(scope))
        .collect();
    Ok(kept.join(" "))
}

/// The PKCE challenge: S256 only (RFC 7636's default, `plain`, is refused), and required
/// when the app must use PKCE (every public app).
fn pkce(
    client: &AppClient,
    challenge: Option<String>,
    method: Option<String>,
) -> Result<Option<String>, AppError> {
    match (challenge, method.as_deref()) {
        (None, None) if !client.require_pkce => Ok(None),
        (None, _) => Err(AppError::new(
            "invalid_request",
            "code_challenge is required",
        )),
        (Some(challenge), Some("S256")) if is_s256_challenge(&challenge) => Ok(Some(challenge)),
        (Some(_), Some("S256")) => Err(AppError::new(
            "invalid_request",
            "code_challenge must be 43 base64url characters",
        )),
        (Some(_), _) => Err(AppError::new(
            "invalid_request",
            "code_challenge_method must be S256",
        )),
    }
}

/// A base64url SHA-256 without padding is 43 characters.
fn is_s256_challenge(challenge: &str) -> bool {
    challenge.len() == 43
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether everything in `granted` covers `wanted` (space-separated scopes).
pub fn covers(granted: &str, wanted: &str) -> bool {
    let granted: BTreeSet<&str> = granted.split(' ').collect();
    wanted
        .split(' ')
        .filter(|s| !s.is_empty())
        .all(|s| granted.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_parameter_makes_no_request() {
        assert!(parameters("a=1&b=2").is_some());
        assert!(parameters("a=1&a=1").is_none());
    }

    #[test]
    fn prompt_none_stands_alone() {
        assert!(Prompt::parse("none").unwrap().none);
        assert!(Prompt::parse("none login").is_err());
        assert!(Prompt::parse("login consent").unwrap().consent);
        assert!(Prompt::parse("bogus").is_err());
    }

    #[test]
    fn unknown_scopes_are_dropped_and_openid_is_needed() {
        assert_eq!(known_scopes("email openid foo").unwrap(), "openid email");
        assert!(known_scopes("email").is_err());
        assert!(covers("openid email profile", "openid email"));
        assert!(!covers("openid", "openid email"));
    }
}
