//! Pages that are the same for every visitor who is not logged in (`app::page_template`)
//! are rendered once, as a template, and then answered from memory with each response's
//! own nonce and Security Code challenge filled in.
//!
//! Why: a register page cost 0.62 ms of CPU to render (Leptos's view tree, its router,
//! the allocations of both), about eleven times what sending its bytes costs; these pages
//! are what floods of visitors and of sign-ups ask for. Leptos has no template cache of
//! its own (its static routes are whole files, which cannot carry a nonce per response),
//! so this one is written here: a page is kept only when it was rendered for a request
//! without a cookie or a query, answered 200 and neither set a cookie nor started a
//! session; everything else is rendered as before. The language (`http::language`) is
//! part of a template's key, and the language cookie is the one cookie a request may
//! carry and still be answered from a template.
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use app::api::{ClientAddress, SharedServices};
use app::captcha::CaptchaChallenge;
use app::i18n::Lang;
use app::page_template::{self, TemplateRender};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// Templates are a few pages of ~10 KB each; a rendered body larger than this is not kept.
const MAX_TEMPLATE_BYTES: usize = 256 * 1024;

/// The key of the message of a page that could not be rendered.
const RENDER_FAILED: &str = "http-something-went-wrong";

/// The templates, by path and by whether the islands router asked (it gets the page
/// without its document shell).
#[derive(Clone)]
pub struct PageCache {
    templates: Arc<RwLock<HashMap<PageKey, Arc<Template>>>>,
    services: SharedServices,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct PageKey {
    path: String,
    router_navigation: bool,
    lang: Lang,
}

impl PageCache {
    pub fn new(services: SharedServices) -> Self {
        Self {
            templates: Arc::default(),
            services,
        }
    }

    fn get(&self, key: &PageKey) -> Option<Arc<Template>> {
        self.templates.read().ok()?.get(key).cloned()
    }

    fn keep(&self, key: PageKey, template: Arc<Template>) {
        if let Ok(mut templates) = self.templates.write() {
            templates.insert(key, template);
        }
    }
}

/// The middleware: answers the pages it can from their templates, renders the rest.
pub async fn answer_from_templates(
    State(cache): State<PageCache>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(key) = template_key(&request) else {
        return next.run(request).await;
    };
    let client = request.extensions().get::<ClientAddress>().copied();
    let lang = key.lang;
    let template = match cache.get(&key) {
        Some(template) => template,
        None => {
            request.extensions_mut().insert(TemplateRender);
            let session = request.extensions().get::<Session>().cloned();
            let rendered = next.run(request).await;
            let Some(template) = Template::from_response(rendered).await else {
                // Only a body that fails while it is read (never one Leptos rendered).
                let message = format!("{}\n", lang.text(RENDER_FAILED));
                return (StatusCode::INTERNAL_SERVER_ERROR, message).into_response();
            };
            let template = Arc::new(template);
            // A render that started a session (its cookie is set outside this layer)
            // was for this visitor alone.
            let started_a_session = session.is_some_and(|session| session.is_modified());
            if template.can_be_kept() && !started_a_session {
                cache.keep(key, template.clone());
            }
            template
        }
    };
    let challenge = match (template.has_challenge, client) {
        (true, Some(ClientAddress(address))) => Some(cache.services.new_captcha(address, lang)),
        _ => None,
    };
    template.fill(&leptos::nonce::Nonce::new().to_string(), challenge.as_ref())
}

/// The key of a request that may be answered from a template: a GET of a listed page,
/// without a query and without any cookie but the language's (so without a session).
fn template_key(request: &Request) -> Option<PageKey> {
    let cacheable = request.method() == Method::GET
        && request.uri().query().is_none()
        && super::language::only_the_language_cookie(request.headers())
        && page_template::is_same_for_every_visitor(request.uri().path());
    cacheable.then(|| PageKey {
        path: request.uri().path().to_owned(),
        router_navigation: request.headers().contains_key("islands-router"),
        lang: request
            .extensions()
            .get::<Lang>()
            .copied()
            .unwrap_or(Lang::DEFAULT),
    })
}

/// A value that differs in each response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Nonce,
    CaptchaToken,
    CaptchaQuestion,
    CaptchaSalt,
    CaptchaChallenge,
    CaptchaMaxNumber,
}

impl Slot {
    const ALL: [Slot; 6] = [
        Slot::Nonce,
        Slot::CaptchaToken,
        Slot::CaptchaQuestion,
        Slot::CaptchaSalt,
        Slot::CaptchaChallenge,
        Slot::CaptchaMaxNumber,
    ];

    fn placeholder(self) -> String {
        match self {
            Slot::Nonce => page_template::NONCE.to_owned(),
            Slot::CaptchaToken => page_template::CAPTCHA_TOKEN.to_owned(),
            Slot::CaptchaQuestion => page_template::CAPTCHA_QUESTION.to_owned(),
            Slot::CaptchaSalt => page_template::CAPTCHA_SALT.to_owned(),
            Slot::CaptchaChallenge => page_template::CAPTCHA_CHALLENGE.to_owned(),
            Slot::CaptchaMaxNumber => page_template::CAPTCHA_MAX_NUMBER.to_string(),
        }
    }

    /// This response's value, escaped for HTML (the placeholders stand in attributes and
    /// in text).
    fn value(self, nonce: &str, challenge: Option<&CaptchaChallenge>) -> String {
        let raw = match (self, challenge) {
            (Slot::Nonce, _) => return escape(nonce),
            (_, None) => return String::new(),
            (Slot::CaptchaToken, Some(c)) => &c.token,
            (Slot::CaptchaQuestion, Some(c)) => &c.question,
            (Slot::CaptchaSalt, Some(c)) => &c.salt,
            (Slot::CaptchaChallenge, Some(c)) => &c.challenge,
            (Slot::CaptchaMaxNumber, Some(c)) => return c.max_number.to_string(),
        };
        escape(raw)
    }
}

/// A rendered page cut at its placeholders.
#[derive(Debug)]
struct Template {
    status: StatusCode,
    headers: HeaderMap,
    /// Text, then a slot, then text, …: `texts.len() == slots.len() + 1`.
    texts: Vec<Bytes>,
    slots: Vec<Slot>,
    has_challenge: bool,
    /// The headers that carry the nonce (the policy), found once rather than per response.
    headers_with_nonce: Vec<header::HeaderName>,
}

impl Template {
    async fn from_response(response: Response) -> Option<Template> {
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.ok()?;
        let (texts, slots) = cut_at_placeholders(&bytes);
        let headers_with_nonce = parts
            .headers
            .iter()
            .filter(|(_, value)| {
                value
                    .to_str()
                    .is_ok_and(|text| text.contains(page_template::NONCE))
            })
            .map(|(name, _)| name.clone())
            .collect();
        Some(Template {
            headers_with_nonce,
            status: parts.status,
            headers: parts.headers,
            has_challenge: slots.iter().any(|slot| *slot != Slot::Nonce),
            texts,
            slots,
        })
    }

    /// Only a page answered in full and setting nothing for its visitor is the same for
    /// the next visitor.
    fn can_be_kept(&self) -> bool {
        self.status == StatusCode::OK
            && !self.headers.contains_key(header::SET_COOKIE)
            && self.texts.iter().map(Bytes::len).sum::<usize>() <= MAX_TEMPLATE_BYTES
    }

    fn fill(&self, nonce: &str, challenge: Option<&CaptchaChallenge>) -> Response {
        let values: Vec<String> = self
            .slots
            .iter()
            .map(|slot| slot.value(nonce, challenge))
            .collect();
        let length = self.texts.iter().map(Bytes::len).sum::<usize>()
            + values.iter().map(String::len).sum::<usize>();
        let mut body = Vec::with_capacity(length);
        for (text, value) in self.texts.iter().zip(values.iter()) {
            body.extend_from_slice(text);
            body.extend_from_slice(value.as_bytes());
        }
        if let Some(last) = self.texts.last() {
            body.extend_from_slice(last);
        }
        let mut headers = self.headers.clone();
        for name in &self.headers_with_nonce {
            if let Some(value) = headers.get_mut(name) {
                if let Some(filled) = value.to_str().ok().and_then(|text| {
                    HeaderValue::from_str(&text.replace(page_template::NONCE, nonce)).ok()
                }) {
                    *value = filled;
                }
            }
        }
        headers.remove(header::CONTENT_LENGTH);
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = self.status;
        *response.headers_mut() = headers;
        response
    }
}

/// The page's bytes between its placeholders, and which placeholder stood between each.
fn cut_at_placeholders(page: &Bytes) -> (Vec<Bytes>, Vec<Slot>) {
    let placeholders: Vec<(Slot, String)> = Slot::ALL
        .into_iter()
        .map(|slot| (slot, slot.placeholder()))
        .collect();
    let mut texts = Vec::new();
    let mut slots = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < page.len() {
        let found = placeholders
            .iter()
            .find(|(_, placeholder)| page[at..].starts_with(placeholder.as_bytes()));
        match found {
            Some((slot, placeholder)) => {
                texts.push(page.slice(start..at));
                slots.push(*slot);
                at += placeholder.len();
                start = at;
            }
            None => at += 1,
        }
    }
    texts.push(page.slice(start..));
    (texts, slots)
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn challenge() -> CaptchaChallenge {
        CaptchaChallenge {
            token: "abc.def".into(),
            question: "What is 2 plus 3?".into(),
            salt: "0a1b?expires=1".into(),
            challenge: "ff00".into(),
            max_number: 5000,
        }
    }

    async fn template(page: &str) -> Template {
        let mut response = Response::new(Body::from(page.to_owned()));
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&format!("script-src 'nonce-{}'", page_template::NONCE)).unwrap(),
        );
        Template::from_response(response).await.unwrap()
    }

    async fn body(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn every_placeholder_gets_this_responses_value_in_the_body_and_the_policy() {
        let page = format!(
            "<script nonce=\"{n}\"></script><input value=\"{t}\"><label>{q}</label><div data-salt=\"{s}\" data-challenge=\"{c}\" data-max=\"{m}\"></div><script nonce=\"{n}\"></script>",
            n = page_template::NONCE,
            t = page_template::CAPTCHA_TOKEN,
            q = page_template::CAPTCHA_QUESTION,
            s = page_template::CAPTCHA_SALT,
            c = page_template::CAPTCHA_CHALLENGE,
            m = page_template::CAPTCHA_MAX_NUMBER,
        );
        let template = template(&page).await;
        assert!(template.has_challenge);
        let response = template.fill("N0nce", Some(&challenge()));
        assert_eq!(
            response.headers()[header::CONTENT_SECURITY_POLICY],
            "script-src 'nonce-N0nce'"
        );
        assert_eq!(
            body(response).await,
            "<script nonce=\"N0nce\"></script><input value=\"abc.def\"><label>What is 2 plus 3?</label><div data-salt=\"0a1b?expires=1\" data-challenge=\"ff00\" data-max=\"5000\"></div><script nonce=\"N0nce\"></script>"
        );
    }

    #[tokio::test]
    async fn values_are_escaped_for_html() {
        let template = template(&format!("<p>{}</p>", page_template::CAPTCHA_QUESTION)).await;
        let mut hostile = challenge();
        hostile.question = "<b>\"&".into();
        let filled = body(template.fill("n", Some(&hostile))).await;
        assert_eq!(filled, "<p>&lt;b&gt;&quot;&amp;</p>");
    }

    #[tokio::test]
    async fn a_page_without_a_challenge_needs_none() {
        let template = template(&format!("<script nonce=\"{}\">", page_template::NONCE)).await;
        assert!(!template.has_challenge);
        assert_eq!(body(template.fill("x", None)).await, "<script nonce=\"x\">");
    }

    #[test]
    fn only_cookieless_gets_of_listed_pages_without_a_query_are_keyed() {
        let request = |method: Method, uri: &str, cookie: bool| {
            let mut builder = Request::builder().method(method).uri(uri);
            if cookie {
                builder = builder.header(header::COOKIE, "portico_session=x");
            }
            builder.body(Body::empty()).unwrap()
        };
        assert!(template_key(&request(Method::GET, "/csp/register", false)).is_some());
        assert!(template_key(&request(Method::GET, "/csp/register", true)).is_none());
        assert!(template_key(&request(Method::GET, "/csp/register?x=1", false)).is_none());
        assert!(template_key(&request(Method::POST, "/csp/register", false)).is_none());
        assert!(template_key(&request(Method::GET, "/csp/profile", false)).is_none());
    }
}
