//! The apps that sign people in with Portico (OpenID Connect clients), as every area sees
//! them: found by id, registered, and checked — a secret, a redirect URI, whose people may
//! use it. Registering validates nothing but the shape; the apps area checks an
//! administrator's input before it gets here.
use crate::db::entities::oidc_client;
use crate::tokens::{hash_token, Token};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

/// Whose people may sign in to an app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppPortal {
    Csp,
    Csm,
    Both,
}

impl AppPortal {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "csp" => Some(Self::Csp),
            "csm" => Some(Self::Csm),
            "both" => Some(Self::Both),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csp => "csp",
            Self::Csm => "csm",
            Self::Both => "both",
        }
    }

    /// Whether people of `portal` (`csp` or `csm`) may use the app.
    pub fn admits(self, portal: app::portal::Portal) -> bool {
        use app::portal::Portal;
        matches!(
            (self, portal),
            (Self::Both, _) | (Self::Csp, Portal::Csp) | (Self::Csm, Portal::Csm)
        )
    }
}

/// An app as stored, with its lists parsed.
#[derive(Clone, Debug)]
pub struct AppClient {
    pub client_id: String,
    pub name: String,
    pub description: Option<String>,
    secret_hash: Option<String>,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub backchannel_logout_uri: Option<String>,
    pub initiate_login_uri: Option<String>,
    pub portal: AppPortal,
    pub first_party: bool,
    pub require_pkce: bool,
    pub id_token_signed_response_alg: String,
    pub created_at: DateTime<Utc>,
}

impl AppClient {
    fn from_row(row: oidc_client::Model) -> Self {
        // A public client cannot be relaxed, whatever the row says.
        let require_pkce = row.require_pkce || row.secret_hash.is_none();
        let list = |json: &str| serde_json::from_str::<Vec<String>>(json).unwrap_or_default();
        Self {
            redirect_uris: list(&row.redirect_uris),
            post_logout_redirect_uris: list(&row.post_logout_redirect_uris),
            portal: AppPortal::parse(&row.portal).unwrap_or(AppPortal::Both),
            client_id: row.client_id,
            name: row.name,
            description: row.description,
            secret_hash: row.secret_hash,
            backchannel_logout_uri: row.backchannel_logout_uri,
            initiate_login_uri: row.initiate_login_uri,
            first_party: row.first_party,
            require_pkce,
            id_token_signed_response_alg: row.id_token_signed_response_alg,
            created_at: row.created_at,
        }
    }

    pub fn is_public(&self) -> bool {
        self.secret_hash.is_none()
    }

    /// Whether `presented` is the app's secret. A public app has none, so nothing is.
    pub fn authenticate(&self, presented: &str) -> bool {
        let Some(stored) = &self.secret_hash else {
            return false;
        };
        // Both sides are hex SHA-256 of equal length; compared without an early exit.
        let presented = hash_token(presented);
        presented.len() == stored.len()
            && presented
                .bytes()
                .zip(stored.bytes())
                .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                == 0
    }

    /// Exact, byte-for-byte: no prefix, no wildcard, no normalisation (the CVEs of other
    /// providers came from each of those).
    pub fn redirect_uri_registered(&self, uri: &str) -> bool {
        self.redirect_uris
            .iter()
            .any(|registered| registered == uri)
    }

    pub fn post_logout_redirect_uri_registered(&self, uri: &str) -> bool {
        self.post_logout_redirect_uris
            .iter()
            .any(|registered| registered == uri)
    }
}

pub async fn find<C: ConnectionTrait>(db: &C, client_id: &str) -> Result<Option<AppClient>, DbErr> {
    if client_id.is_empty() || client_id.len() > 64 {
        return Ok(None);
    }
    let row = oidc_client::Entity::find_by_id(client_id.to_owned())
        .one(db)
        .await?;
    Ok(row.map(AppClient::from_row))
}

pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<AppClient>, DbErr> {
    let rows = oidc_client::Entity::find().all(db).await?;
    Ok(rows.into_iter().map(AppClient::from_row).collect())
}

/// An app to register, already validated.
#[derive(Clone, Debug)]
pub struct NewApp {
    pub name: String,
    pub description: Option<String>,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub backchannel_logout_uri: Option<String>,
    pub initiate_login_uri: Option<String>,
    pub portal: AppPortal,
    pub public: bool,
    pub first_party: bool,
}

/// What registering gives back once: the secret is not kept, only its hash.
#[derive(Clone)]
pub struct Registered {
    pub client_id: String,
    pub client_secret: Option<String>,
}

pub async fn register<C: ConnectionTrait>(
    db: &C,
    app: NewApp,
    now: DateTime<Utc>,
) -> Result<Registered, DbErr> {
    let client_id = Token::generate().as_str()[..22].to_owned();
    let secret = (!app.public).then(Token::generate);
    let json = |list: &Vec<String>| serde_json::to_string(list).unwrap_or_else(|_| "[]".into());
    oidc_client::Entity::insert(oidc_client::ActiveModel {
        client_id: Set(client_id.clone()),
        name: Set(app.name),
        description: Set(app.description),
        secret_hash: Set(secret.as_ref().map(Token::hash)),
        redirect_uris: Set(json(&app.redirect_uris)),
        post_logout_redirect_uris: Set(json(&app.post_logout_redirect_uris)),
        backchannel_logout_uri: Set(app.backchannel_logout_uri),
        initiate_login_uri: Set(app.initiate_login_uri),
        portal: Set(app.portal.as_str().to_owned()),
        first_party: Set(app.first_party),
        require_pkce: Set(true),
        id_token_signed_response_alg: Set("RS256".to_owned()),
        created_at: Set(now),
        secret_rotated_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(Registered {
        client_id,
        client_secret: secret.map(|s| s.as_str().to_owned()),
    })
}
