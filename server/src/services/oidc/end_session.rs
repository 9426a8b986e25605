//! RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): what `/oidc/logout`
//! decides. An app sends the person here to log out of Portico. The request may name the
//! app and the person with an ID token we issued (`id_token_hint`, expired or not) and
//! ask to be sent back to a `post_logout_redirect_uri` registered for it. Anything that
//! does not check out is an error page, never a redirect: an app cannot use Portico to
//! bounce a person to an address it did not register. A request that does not name the
//! person signed in asks them first (no destructive action on a click they did not make).
//! Logging out is the ordinary log-out, so the apps' back-channel logouts go too.
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use tower_sessions::Session;

use crate::services::support::app_clients::{self, AppClient};
use crate::services::{Portico, ServiceError};

/// The request's parameters (query or form). `logout_hint` and `ui_locales` are not
/// used: the person signed in is known, and the page speaks their language.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct LogoutRequest {
    pub id_token_hint: Option<String>,
    pub client_id: Option<String>,
    pub post_logout_redirect_uri: Option<String>,
    pub state: Option<String>,
}

/// Where to send the person back to once logged out: checked as registered for the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Return {
    pub client_id: String,
    pub post_logout_redirect_uri: String,
    pub state: Option<String>,
}

impl Return {
    /// The registered URI with `state` added to its query, as the spec asks.
    pub fn location(&self) -> String {
        let Some(state) = &self.state else {
            return self.post_logout_redirect_uri.clone();
        };
        let (uri, fragment) = match self.post_logout_redirect_uri.split_once('#') {
            Some((uri, fragment)) => (uri, Some(fragment)),
            None => (self.post_logout_redirect_uri.as_str(), None),
        };
        let joint = if uri.contains('?') { '&' } else { '?' };
        let mut location = format!("{uri}{joint}state={}", form_encoded(state));
        if let Some(fragment) = fragment {
            location.push('#');
            location.push_str(fragment);
        }
        location
    }
}

/// What `/oidc/logout` answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndSession {
    /// An error page saying this (a message key); no redirect.
    Refused(&'static str),
    /// Logged out (or nobody was): back to the app, or a page that says so.
    LoggedOut(Option<Return>),
    /// Someone is signed in whom the request does not name: a page asks first.
    Confirm {
        app: Option<String>,
        back: Option<Return>,
    },
}

impl Portico {
    /// An app's request to log the person out.
    pub async fn end_session_at(
        &self,
        session: &Session,
        request: LogoutRequest,
        now: DateTime<Utc>,
    ) -> Result<EndSession, ServiceError> {
        let hint = match &request.id_token_hint {
            Some(token) => match self.our_token(token, now).await {
                Some(claims) => Some(claims),
                None => return Ok(EndSession::Refused("oidc-logout-refused-hint")),
            },
            None => None,
        };
        let audiences = hint.as_ref().map(audiences_of).unwrap_or_default();
        let client_id = match (request.client_id, audiences.first()) {
            (Some(named), _) if !audiences.is_empty() && !audiences.contains(&named) => {
                return Ok(EndSession::Refused("oidc-logout-refused-client"));
            }
            (Some(named), _) => Some(named),
            (None, first) => first.cloned(),
        };
        let client = match client_id {
            Some(id) => match app_clients::find(&self.db, &id).await? {
                Some(client) => Some(client),
                None => return Ok(EndSession::Refused("oidc-logout-refused-client")),
            },
            None => None,
        };
        let back = match registered_return(
            client.as_ref(),
            request.post_logout_redirect_uri,
            request.state,
        ) {
            Ok(back) => back,
            Err(refused) => return Ok(refused),
        };
        let Some((person, _)) = self.session_login(session).await? else {
            return Ok(EndSession::LoggedOut(back));
        };
        let hinted = hint.as_ref().and_then(|claims| claims["sub"].as_str());
        if hinted.is_some() && hinted == person.subject.as_deref() {
            self.end_login(session).await?;
            return Ok(EndSession::LoggedOut(back));
        }
        Ok(EndSession::Confirm {
            app: client.map(|c| c.name),
            back,
        })
    }

    /// The person pressed "Log out" on the confirmation page. Its hidden fields came back
    /// from the browser, so the return address is checked again.
    pub async fn confirm_end_session_at(
        &self,
        session: &Session,
        client_id: Option<String>,
        post_logout_redirect_uri: Option<String>,
        state: Option<String>,
    ) -> Result<EndSession, ServiceError> {
        let client = match client_id.filter(|id| !id.is_empty()) {
            Some(id) => app_clients::find(&self.db, &id).await?,
            None => None,
        };
        let uri = post_logout_redirect_uri.filter(|uri| !uri.is_empty());
        let back = match registered_return(client.as_ref(), uri, state) {
            Ok(back) => back,
            Err(refused) => return Ok(refused),
        };
        if self.session_login(session).await?.is_some() {
            self.end_login(session).await?;
        }
        Ok(EndSession::LoggedOut(back))
    }
}

/// The return address, when the app registered it exactly; no address, none.
fn registered_return(
    client: Option<&AppClient>,
    uri: Option<String>,
    state: Option<String>,
) -> Result<Option<Return>, EndSession> {
    let Some(uri) = uri else {
        return Ok(None);
    };
    match client {
        Some(client) if client.post_logout_redirect_uri_registered(&uri) => Ok(Some(Return {
            client_id: client.client_id.clone(),
            post_logout_redirect_uri: uri,
            state,
        })),
        _ => Err(EndSession::Refused("oidc-logout-refused-redirect")),
    }
}

/// `aud` is one string or a list of them.
fn audiences_of(claims: &Value) -> Vec<String> {
    match &claims["aud"] {
        Value::String(one) => vec![one.clone()],
        Value::Array(many) => many
            .iter()
            .filter_map(|a| a.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// `application/x-www-form-urlencoded` of one value: unreserved characters as they are,
/// every other byte as `%XX`.
fn form_encoded(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl Portico {
    /// The claims of a token this provider signed (expired or not), or none.
    async fn our_token(&self, token: &str, now: DateTime<Utc>) -> Option<Value> {
        let ring = match self.keys.ring(&self.db, now).await {
            Ok(ring) => ring,
            Err(error) => {
                tracing::error!(%error, "the signing keys could not be read");
                return None;
            }
        };
        crate::signing::jws::verify_own(&ring, token, &self.public_url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back(uri: &str, state: Option<&str>) -> Return {
        Return {
            client_id: "app".into(),
            post_logout_redirect_uri: uri.into(),
            state: state.map(str::to_owned),
        }
    }

    #[test]
    fn the_state_is_added_to_the_registered_address() {
        assert_eq!(
            back("https://rp.example/out", Some("a b&c")).location(),
            "https://rp.example/out?state=a%20b%26c"
        );
        assert_eq!(
            back("https://rp.example/out?x=1", Some("s")).location(),
            "https://rp.example/out?x=1&state=s"
        );
        assert_eq!(
            back("https://rp.example/out", None).location(),
            "https://rp.example/out"
        );
    }
}
