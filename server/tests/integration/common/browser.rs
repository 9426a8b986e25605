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
        }
    }

    /// Opens a page as a browser whose language is `accept_language`: the answer's
    /// status, its `Location` (if any) and its body.
    pub async fn get(&mut self, path: &str, accept_language: &str) -> (u16, String, String) {
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
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .header("origin", &self.origin)
            .form(fields);
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.expect("an answer");
        if let Some(set) = response.headers().get("set-cookie") {
            let set = set.to_str().unwrap().to_owned();
            self.cookie = Some(set.split(';').next().unwrap().to_owned());
            self.set_cookie = Some(set);
        }
        response.status().as_u16()
    }

    /// Logs [`ADMIN`] in at the administration's log-in; the answer's status.
    pub async fn log_in(&mut self) -> u16 {
        self.post(
            "/admin/log-in",
            &[
                ("form[email]", ADMIN),
                ("form[password]", PASSWORD),
                ("form[next]", ""),
            ],
        )
        .await
    }
}
