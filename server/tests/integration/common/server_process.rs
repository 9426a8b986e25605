//! The server binary as an operator runs it: a real process on a free port, with only
//! the settings a test gives it, its log kept in a file.
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

pub struct ServerProcess {
    child: tokio::process::Child,
    pub base: String,
    log: PathBuf,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The binary with only `settings` (and a database in `dir`), nothing from this
/// process's environment.
pub fn command(dir: &Path, settings: &[(&str, &str)]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .env_clear()
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/portico.db?mode=rwc", dir.display()),
        )
        .env("RUST_LOG", "warn")
        .current_dir(dir);
    for (name, value) in settings {
        command.env(name, value);
    }
    command
}

impl ServerProcess {
    /// Starts the server with a database in `dir` and waits until `/healthz` answers.
    /// Sign-ups from the test's one address are not limited, and the Security Code is
    /// easy.
    pub async fn start(dir: &Path, settings: &[(&str, &str)]) -> Self {
        let port = free_port();
        let base = format!("http://localhost:{port}");
        let address = format!("127.0.0.1:{port}");
        let mut all = vec![
            ("LEPTOS_SITE_ADDR", address.as_str()),
            ("PUBLIC_URL", base.as_str()),
            ("REGISTRATIONS_PER_CLIENT_PER_HOUR", "1000000"),
            ("QUESTION_ANSWERS_PER_CLIENT_PER_HOUR", "1000000"),
            ("CAPTCHA_SURGE", "false"),
        ];
        all.extend_from_slice(settings);
        let log = dir.join(format!("server-{port}.log"));
        let file = std::fs::File::create(&log).unwrap();
        let child = tokio::process::Command::from(command(dir, &all))
            .stdout(Stdio::from(file.try_clone().unwrap()))
            .stderr(Stdio::from(file))
            .kill_on_drop(true)
            .spawn()
            .expect("the server binary starts");
        let server = ServerProcess { child, base, log };
        let client = reqwest::Client::new();
        for _ in 0..400 {
            if let Ok(response) = client.get(server.url("/healthz")).send().await {
                if response.status().is_success() {
                    return server;
                }
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the server did not start:\n{}", server.log());
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// SIGKILL: no shutdown, no last words.
    pub async fn kill(&mut self) {
        self.child.start_kill().unwrap();
        self.child.wait().await.unwrap();
    }

    /// SIGTERM, then the exit status once the server has shut down.
    pub async fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().expect("running") as i32;
        // SAFETY: kill(2) with a pid this test started and has not reaped.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        tokio::time::timeout(Duration::from_secs(30), self.child.wait())
            .await
            .expect("the server stops within 30 s of SIGTERM")
            .unwrap()
    }
}

/// Signs `email` up in the consumer portal the way a browser without JavaScript does.
/// True when the account was created.
pub async fn sign_up(client: &reqwest::Client, base: &str, email: &str) -> bool {
    match RegisterForm::load(client, base, email).await {
        Some(form) => form.submit(client).await,
        None => false,
    }
}

/// The consumer portal's register form, loaded, filled in and its question answered.
pub struct RegisterForm {
    url: String,
    fields: Vec<(&'static str, String)>,
}

impl RegisterForm {
    pub async fn load(client: &reqwest::Client, base: &str, email: &str) -> Option<Self> {
        let url = format!("{base}/csp/register");
        let page = client.get(&url).send().await.ok()?.text().await.ok()?;
        let token = between(&page, "name=\"form[captcha_token]\" value=\"", "\"")?;
        let question = between(&page, "What is ", "?")?;
        let answer: u32 = question
            .split(" plus ")
            .filter_map(|n| n.parse::<u32>().ok())
            .sum();
        let fields = vec![
            ("form[first_name]", "Flood".to_owned()),
            ("form[last_name]", "Test".to_owned()),
            ("form[email]", email.to_owned()),
            ("form[password]", super::PASSWORD.to_owned()),
            ("form[confirm_password]", super::PASSWORD.to_owned()),
            ("form[security_code]", "on".to_owned()),
            ("form[captcha_token]", token.to_owned()),
            ("form[captcha_answer]", answer.to_string()),
            ("form[consent]", "on".to_owned()),
        ];
        Some(Self { url, fields })
    }

    /// Posts the form: true when the account was created (the answer is the next page,
    /// or the redirect to it for a client that does not follow redirects).
    pub async fn submit(&self, client: &reqwest::Client) -> bool {
        let posted = client.post(&self.url).form(&self.fields).send().await;
        posted.is_ok_and(|response| {
            response.status().is_success() || response.status() == reqwest::StatusCode::SEE_OTHER
        })
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}
