//! Pages answered from a rendered template (`server/src/http/page_cache.rs`): each
//! response still has its own nonce and Security Code, the page is the one a full render
//! gives, and its challenge is accepted.
use crate::common::server_process::{sign_up, ServerProcess};

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} in the page"))
        + start.len();
    let to = text[from..].find(end).unwrap() + from;
    &text[from..to]
}

struct Page {
    policy: String,
    html: String,
}

impl Page {
    fn nonce(&self) -> &str {
        between(&self.html, "<script nonce=\"", "\"")
    }

    fn token(&self) -> &str {
        between(&self.html, "name=\"form[captcha_token]\" value=\"", "\"")
    }

    /// The page with this response's own values taken out.
    fn without_its_own_values(&self) -> String {
        let question = between(
            &self.html,
            "for=\"captcha_answer\" class=\"field__label\">",
            "<",
        );
        let salt = between(&self.html, "data-salt=\"", "\"");
        let challenge = between(&self.html, "data-challenge=\"", "\"");
        self.html
            .replace(self.nonce(), "NONCE")
            .replace(self.token(), "TOKEN")
            .replace(question, "QUESTION")
            .replace(salt, "SALT")
            .replace(challenge, "CHALLENGE")
    }
}

async fn get(client: &reqwest::Client, url: String, cookie: Option<&str>) -> Page {
    let mut request = client.get(url);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    Page {
        policy,
        html: response.text().await.unwrap(),
    }
}

#[tokio::test]
async fn register_pages_from_the_template_have_their_own_nonce_and_challenge_and_match_a_full_render(
) {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    let url = || server.url("/csp/register");

    let first = get(&client, url(), None).await;
    let second = get(&client, url(), None).await;
    // A cookie (here one that names no session) makes the server render the page whole.
    let rendered = get(&client, url(), Some("other=1")).await;

    for page in [&first, &second, &rendered] {
        assert!(
            !page.html.contains("PorticoTemplate"),
            "no placeholder is left"
        );
        assert!(
            page.policy.contains(&format!("'nonce-{}'", page.nonce())),
            "the policy allows the page's own scripts"
        );
        assert!(
            page.html.matches(page.nonce()).count() >= 2,
            "every script has the nonce"
        );
    }
    assert_ne!(first.nonce(), second.nonce());
    assert_ne!(first.token(), second.token());
    assert_eq!(
        first.without_its_own_values(),
        second.without_its_own_values()
    );
    assert_eq!(
        first.without_its_own_values(),
        rendered.without_its_own_values(),
        "the template is the page a full render gives"
    );

    // Both answered pages' challenges work: the sign-up below loads the page again.
    assert!(sign_up(&client, &server.base, "template@example.com").await);
    assert!(sign_up(&client, &server.base, "template2@example.com").await);
}

#[tokio::test]
async fn a_page_asked_for_with_a_query_is_rendered_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    let plain = get(&client, server.url("/csp/log-in"), None).await;
    assert!(plain.html.contains("name=\"form[next]\" value=\"\""));
    let with_next = get(&client, server.url("/csp/log-in?next=/csp/profile"), None).await;
    assert!(
        with_next
            .html
            .contains("name=\"form[next]\" value=\"/csp/profile\""),
        "the query reaches the page"
    );
}
