//! A browser without JavaScript, for tests against the real server binary.
use std::path::Path;

use super::PASSWORD;

/// The administrator [`create_admin`] makes.
pub const ADMIN: &str = "grace@example.com";

/// Creates [`ADMIN`] (password [`PASSWORD`]) in the database in `dir` with the binary's
/// own command.
pub fn create_admin(dir: &Path) {
    let created = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["create-admin", "--email", ADMIN, "--first-name", "Grace"])
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/portico.db?mode=rwc", dir.display()),
        )
        .env("PORTICO_ADMIN_PASSWORD", PASSWORD)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
}

/// A browser of its own: one session cookie, kept by hand (reqwest's cookie store is
/// not built here), no redirects followed.
pub struct Browser {
    http: reqwest::Client,
    base: String,
    /// The origin its posts come from (the site's own, as a browser on it sends).
    pub origin: String,
    /// The session cookie as the server last set it, attributes and all.
    pub set_cookie: Option<String>,
    cookie: Option<String>,
    /// Where the last answer redirected to, if it did.
    pub location: Option<String>,
    /// The last answer's body.
    pub body: String,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Self::from_address(base, std::net::Ipv4Addr::LOCALHOST)
    }

    /// A browser whose requests come from `address` (any of 127.0.0.0/8 is this machine),
    /// so that per-client limits count it apart from other test browsers.
    pub fn from_address(base: &str, address: std::net::Ipv4Addr) -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .local_address(std::net::IpAddr::V4(address))
            .build()
            .unwrap();
        Browser {
            http,
            base: base.to_owned(),
            origin: base.to_owned(),
            set_cookie: None,
            cookie: None,
            location: None,
            body: String::new(),
        }
    }

    /// Opens a page as a browser does (with its cookie); the answer's status.
    pub async fn get(&mut self, path: &str) -> u16 {
        let mut request = self.http.get(format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        self.read(request.send().await.expect("an answer")).await
    }

    /// Keeps what a browser keeps of an answer: its session cookie, where it redirects
    /// to, and the page.
    async fn read(&mut self, response: reqwest::Response) -> u16 {
        // The session's cookie, not the language's (a log-in may set both).
        let session = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|set| set.to_str().unwrap().to_owned())
            .find(|set| !set.starts_with("lang="));
        if let Some(set) = session {
            self.cookie = Some(set.split(';').next().unwrap().to_owned());
            self.set_cookie = Some(set);
        }
        self.location = response
            .headers()
            .get("location")
            .map(|value| value.to_str().unwrap().to_owned());
        let status = response.status().as_u16();
        self.body = response.text().await.unwrap_or_default();
        status
    }

    /// Opens a page as a browser whose language is `accept_language`: the answer's
    /// status, its `Location` (if any) and its body.
    pub async fn get_in(&mut self, path: &str, accept_language: &str) -> (u16, String, String) {
        let mut request = self
            .http
            .get(format!("{}{path}", self.base))
            .header("accept-language", accept_language);
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.expect("an answer");
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, location, response.text().await.expect("a body"))
    }

    /// Posts a form as a browser without JavaScript does; the answer's status.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> u16 {
        self.post_page(path, fields).await.0
    }

    /// Gets a page with this browser's session; the answer's status and body.
    pub async fn get_page(&mut self, path: &str) -> (u16, String) {
        let status = self.get(path).await;
        (status, self.body.clone())
    }

    /// Posts a form as [`Browser::post`] does; the answer's status and body.
    pub async fn post_page(&mut self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .header("origin", &self.origin)
            .form(fields);
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let status = self.read(request.send().await.expect("an answer")).await;
        (status, self.body.clone())
    }

    /// Posts JSON as the pages' scripts do (`public/passkeys.js`): the status and the
    /// answer's body.
    pub async fn post_json(&self, path: &str, body: serde_json::Value) -> (u16, String) {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .header("origin", &self.origin)
            .header("accept", "application/json")
            .header("content-type", "application/json")
            .body(body.to_string());
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.expect("an answer");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    /// Logs [`ADMIN`] in at the administration's log-in; the answer's status.
    pub async fn log_in(&mut self) -> u16 {
        self.log_in_at("/admin/log-in", ADMIN).await
    }

    /// Logs in at the business portal as `email` (password [`PASSWORD`]).
    pub async fn log_in_as(&mut self, email: &str) -> u16 {
        self.log_in_at("/csm/log-in", email).await
    }

    async fn log_in_at(&mut self, page: &str, email: &str) -> u16 {
        self.post(
            page,
            &[
                ("form[email]", email),
                ("form[password]", PASSWORD),
                ("form[next]", ""),
            ],
        )
        .await
    }
}
