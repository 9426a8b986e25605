//! The rules for an app's addresses, for `/admin/apps` and `server apps create` alike.
//!
//! Redirect URIs are later compared byte for byte (`AppClient::redirect_uri_registered`),
//! so what is stored must be what a browser sends: an absolute URI in the URL standard's
//! own spelling (else the administrator is told that spelling), https — http only on
//! this machine, for development —, no fragment (RFC 6749 §3.1.2), no user name or
//! password in it (the `%40` tricks other providers fell for), and no `*`: Portico never
//! matches patterns.
use app::forms::apps::{ValidApp, URI_MAX_BYTES};
use app::forms::{Field, FieldErrors, Message};
use reqwest::Url;

use crate::outbound::{OutboundPolicy, Refusal};

/// Why an address is refused, as a message naming it.
fn refusal(uri: &str) -> Option<Message> {
    let key = |key: &'static str| Some(Message::key_with(key, &[("uri", uri.to_owned())]));
    if uri.len() > URI_MAX_BYTES || uri.contains(char::is_whitespace) {
        return key("app-uri-invalid");
    }
    if uri.contains('*') {
        return key("app-uri-wildcard");
    }
    if uri.contains('#') {
        return key("app-uri-fragment");
    }
    let Ok(url) = Url::parse(uri) else {
        return key("app-uri-not-absolute");
    };
    if !url.username().is_empty() || url.password().is_some() {
        return key("app-uri-userinfo");
    }
    let loopback = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => return key("app-uri-not-https"),
    }
    if url.as_str() != uri {
        return Some(Message::key_with(
            "app-uri-not-canonical",
            &[
                ("uri", uri.to_owned()),
                ("canonical", url.as_str().to_owned()),
            ],
        ));
    }
    None
}

/// The first refused address of a list, on its field.
fn check_list(errors: &mut FieldErrors, field: Field, uris: &[String]) {
    if let Some(message) = uris.iter().find_map(|uri| refusal(uri)) {
        errors.add(field, message);
    }
}

/// Checks every address of an app whose form has its shape; the back-channel address is
/// also one the server will post to, so it passes the outbound policy as a webhook's does
/// (checked again at each delivery: a name can resolve elsewhere later).
pub async fn check_addresses(app: &ValidApp, outbound: &OutboundPolicy) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    check_list(&mut errors, Field::RedirectUris, &app.redirect_uris);
    check_list(
        &mut errors,
        Field::PostLogoutRedirectUris,
        &app.post_logout_redirect_uris,
    );
    if let Some(uri) = &app.initiate_login_uri {
        check_list(
            &mut errors,
            Field::InitiateLoginUri,
            std::slice::from_ref(uri),
        );
    }
    if let Some(uri) = &app.backchannel_logout_uri {
        if let Some(message) = refusal(uri) {
            errors.add(Field::BackchannelLogoutUri, message);
        } else if let Err(refused) = outbound.check_url(uri).await {
            errors.add(
                Field::BackchannelLogoutUri,
                match refused {
                    Refusal::NotHttp => "service-operations-url-unreachable",
                    Refusal::UnknownHost(_) => "service-operations-url-unknown-host",
                    Refusal::PrivateAddress { .. } => "service-apps-backchannel-private",
                },
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.ordered_by(&app::forms::apps::APP_FIELDS))
    }
}

#[cfg(test)]
mod tests {
    use super::refusal;

    fn key(uri: &str) -> Option<String> {
        refusal(uri).map(|message| match message {
            app::forms::Message::KeyWith(key, _) => key.into_owned(),
            other => format!("{other:?}"),
        })
    }

    #[test]
    fn addresses_are_absolute_https_canonical_and_without_fragment_userinfo_or_wildcard() {
        assert_eq!(key("https://desk.example/callback"), None);
        assert_eq!(key("http://localhost:8080/cb"), None);
        assert_eq!(key("http://127.0.0.1/cb"), None);
        assert_eq!(key("http://[::1]:3000/cb"), None);
        assert_eq!(
            key("https://*.example/cb").as_deref(),
            Some("app-uri-wildcard")
        );
        assert_eq!(
            key("https://desk.example/cb#x").as_deref(),
            Some("app-uri-fragment")
        );
        assert_eq!(key("/callback").as_deref(), Some("app-uri-not-absolute"));
        assert_eq!(
            key("http://desk.example/cb").as_deref(),
            Some("app-uri-not-https")
        );
        assert_eq!(
            key("http://localhost.evil.example/cb").as_deref(),
            Some("app-uri-not-https")
        );
        assert_eq!(
            key("https://user@desk.example/cb").as_deref(),
            Some("app-uri-userinfo")
        );
        assert_eq!(
            key("https://Desk.example/cb").as_deref(),
            Some("app-uri-not-canonical")
        );
        assert_eq!(
            key("https://desk.example").as_deref(),
            Some("app-uri-not-canonical")
        );
        assert_eq!(
            key("javascript:alert(1)").as_deref(),
            Some("app-uri-not-https")
        );
    }
}
