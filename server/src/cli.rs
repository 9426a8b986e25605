//! The command line. Settings come from the environment (and `.env`), not from flags:
//! the same variables configure a container, a service unit and a developer's shell.
use clap::{Parser, Subcommand};

const SETTINGS: &str = "\
Settings are read from the environment (and from .env when present):
  DATABASE_URL       sqlite://… (default sqlite://data/portico.db?mode=rwc) or postgres://…
  SMTP_URL           smtp://host:port or smtps://user:password@host; unset, emails wait
  MAIL_FROM          the sender, e.g. \"Portico <no-reply@example.com>\"
  PUBLIC_URL         the base of links in emails (default http://localhost:3000)
  LEPTOS_SITE_ADDR   where to listen (default 127.0.0.1:3000)
  TRUSTED_PROXIES    addresses or ranges of the reverse proxies in front (default none)
  FORWARDED_HEADER   the header they write: x-forwarded-for (default) or forwarded
  OUTBOUND_ALLOW_RANGES  private ranges webhooks may reach (default none: public only)
  PORTICO_SECRETS_KEY    base64 of 32 bytes that seals secrets stored in the database
  PORTICO_SECRETS_KEY_FILE  else the file holding it, made at first start (default
                     secrets.key beside the SQLite file, data/secrets.key for PostgreSQL)
  SSO_SESSION_MAX_HOURS  longest login through a company's or social provider (default 12)
  METRICS_ALLOW      addresses or ranges that may read /metrics (default loopback)
  LOG_FORMAT         text or json; RUST_LOG filters the lines (default info)
  DEV_MAILBOX        true shows every email at /dev/mailbox (development only)";

#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = "Portico: self-service registration, verification and log-in for customers and consumers.",
    after_help = SETTINGS
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command to run: `serve` when none is given.
    pub fn command(self) -> Command {
        self.command.unwrap_or(Command::Serve)
    }
}

#[derive(Debug, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Serve Portico until Ctrl-C or SIGTERM (the default).
    Serve,
    /// Create an administrator. The password is read from PORTICO_ADMIN_PASSWORD, else
    /// asked for twice on the terminal.
    CreateAdmin {
        #[arg(long, value_name = "ADDRESS")]
        email: String,
        #[arg(long, value_name = "NAME", default_value = "Portico")]
        first_name: String,
        #[arg(long, value_name = "NAME", default_value = "Administrator")]
        last_name: String,
    },
    /// Bring the database's schema up to date, then exit.
    Migrate,
    /// Check every setting, print what the server would run with, then exit.
    CheckConfig,
    /// The keys that sign ID tokens.
    Keys {
        #[command(subcommand)]
        action: KeysAction,
    },
    /// Apps that sign people in with Portico (OpenID Connect clients).
    Apps {
        #[command(subcommand)]
        action: AppsAction,
    },
    /// Companies' settings for automation and tests.
    Companies {
        #[command(subcommand)]
        action: CompaniesAction,
    },
}

#[derive(Debug, PartialEq, Eq, Subcommand)]
pub enum CompaniesAction {
    /// Single sign-on through the company's own OpenID Connect provider.
    Sso {
        #[command(subcommand)]
        action: SsoAction,
    },
}

#[derive(Debug, PartialEq, Eq, Subcommand)]
pub enum SsoAction {
    /// Set (or replace) the company's provider with the checks of its page in /admin, and
    /// switch it on; prints one JSON object: provider_id, redirect_uri,
    /// backchannel_logout_uri and domains.
    Set(SsoSetArgs),
}

#[derive(Debug, Default, PartialEq, Eq, clap::Args)]
pub struct SsoSetArgs {
    /// The company's registration code.
    #[arg(long, value_name = "CODE")]
    pub code: String,
    #[arg(long, value_name = "URL")]
    pub issuer: String,
    #[arg(long = "client-id", value_name = "ID")]
    pub client_id: String,
    #[arg(long = "client-secret", value_name = "SECRET")]
    pub client_secret: String,
    /// An email domain that leads to the provider; repeat for several.
    #[arg(long = "domain", value_name = "DOMAIN", required = true)]
    pub domains: Vec<String>,
    /// The company's contacts may not use a Portico password.
    #[arg(long)]
    pub required: bool,
}

#[derive(Debug, PartialEq, Eq, Subcommand)]
pub enum AppsAction {
    /// Register an app with the checks of /admin/apps; prints one JSON object with its
    /// client_id and (unless --public) client_secret, shown this once.
    Create(NewAppArgs),
}

#[derive(Debug, Default, PartialEq, Eq, clap::Args)]
pub struct NewAppArgs {
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// Where the app receives its codes; repeat for several.
    #[arg(long = "redirect-uri", value_name = "URI", required = true)]
    pub redirect_uris: Vec<String>,
    #[arg(long = "post-logout-redirect-uri", value_name = "URI")]
    pub post_logout_redirect_uris: Vec<String>,
    #[arg(long = "backchannel-logout-uri", value_name = "URI")]
    pub backchannel_logout_uri: Option<String>,
    /// No secret: the app proves itself with PKCE alone (a browser or mobile app).
    #[arg(long)]
    pub public: bool,
    /// Whose people may sign in: csp, csm or both.
    #[arg(long, value_name = "PORTAL", value_parser = ["csp", "csm", "both"], default_value = "both")]
    pub portal: String,
    /// Ours: people are not asked to consent.
    #[arg(long = "first-party")]
    pub first_party: bool,
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Where the app starts a sign-in (a portal's home links there).
    #[arg(long = "initiate-login-uri", value_name = "URI")]
    pub initiate_login_uri: Option<String>,
}

#[derive(Debug, PartialEq, Eq, Subcommand)]
pub enum KeysAction {
    /// Make a new signing key for every algorithm and print them as JSON (`keys`: each
    /// one's `alg`, `kid` and `signs_from`, two minutes on, when the key it replaces
    /// retires; `published`: the kids in the JWKS). A retired key stays published until
    /// its tokens have expired.
    Rotate,
    /// Print what one signed ID token costs per algorithm, in µs, as JSON (for the
    /// benchmark).
    SignatureCost,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, clap::Error> {
        Cli::try_parse_from(std::iter::once("server").chain(args.iter().copied())).map(Cli::command)
    }

    #[test]
    fn serve_is_the_default_and_subcommands_take_their_flags() {
        assert_eq!(parse(&[]).unwrap(), Command::Serve);
        assert_eq!(parse(&["migrate"]).unwrap(), Command::Migrate);
        assert_eq!(
            parse(&["keys", "rotate"]).unwrap(),
            Command::Keys {
                action: KeysAction::Rotate
            }
        );
        assert_eq!(
            parse(&["keys", "signature-cost"]).unwrap(),
            Command::Keys {
                action: KeysAction::SignatureCost
            }
        );
        assert_eq!(
            parse(&[
                "create-admin",
                "--email",
                "a@example.com",
                "--last-name",
                "Lovelace"
            ])
            .unwrap(),
            Command::CreateAdmin {
                email: "a@example.com".into(),
                first_name: "Portico".into(),
                last_name: "Lovelace".into()
            }
        );
        assert!(parse(&["create-admin"]).is_err(), "--email is required");
        assert_eq!(
            parse(&[
                "apps",
                "create",
                "--name",
                "Desk",
                "--redirect-uri",
                "https://desk.example/a",
                "--redirect-uri",
                "https://desk.example/b",
                "--public"
            ])
            .unwrap(),
            Command::Apps {
                action: AppsAction::Create(NewAppArgs {
                    name: "Desk".into(),
                    redirect_uris: vec![
                        "https://desk.example/a".into(),
                        "https://desk.example/b".into()
                    ],
                    public: true,
                    portal: "both".into(),
                    ..NewAppArgs::default()
                })
            }
        );
        assert!(
            parse(&["apps", "create", "--name", "Desk"]).is_err(),
            "--redirect-uri is required"
        );
        assert!(parse(&["--frobnicate"]).is_err());
    }
}
