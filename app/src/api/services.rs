//! What the server implements for the server functions, and how they reach it.
use std::net::IpAddr;
use std::sync::Arc;

use leptos::prelude::*;
use tower_sessions::Session;

use super::{
    AccountServices, AdminServices, AppsServices, CompanyServices, LifecycleServices,
    OperationsServices, ProfileServices, RecordsServices, RecoveryServices,
    SignInProvidersServices, StatusServices, TwoFactorServices,
};

/// Every area's part of the contract: what the server implements for the pages. Errors
/// are already fit to show: the server logs the cause and returns a plain "try again"
/// message. Every method that acts for someone takes their session and checks what they
/// may do.
pub trait Services:
    AccountServices
    + StatusServices
    + RecoveryServices
    + ProfileServices
    + TwoFactorServices
    + CompanyServices
    + LifecycleServices
    + OperationsServices
    + AdminServices
    + RecordsServices
    + AppsServices
    + SignInProvidersServices
{
}

impl<T> Services for T where
    T: AccountServices
        + StatusServices
        + RecoveryServices
        + ProfileServices
        + TwoFactorServices
        + CompanyServices
        + LifecycleServices
        + OperationsServices
        + AdminServices
        + RecordsServices
        + AppsServices
        + SignInProvidersServices
{
}

/// The services as the server provides them in context.
pub type SharedServices = Arc<dyn Services>;

/// The client's address, put into each request by the server (see its `http` module),
/// for limits on attempts per client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// Who is on the other end of a request: their address (for limits per client) and their
/// browser (for the profile's list of sessions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub address: IpAddr,
    pub user_agent: Option<String>,
}

pub(super) fn services() -> Result<SharedServices, ServerFnError> {
    use_context::<SharedServices>()
        .ok_or_else(|| ServerFnError::new(crate::i18n::t("api-server-not-set-up")))
}

pub(super) async fn session() -> Result<Session, ServerFnError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|_| ServerFnError::new(crate::i18n::t("api-session-unreadable")))
}

pub(super) fn client() -> Result<Client, ServerFnError> {
    let parts = use_context::<http::request::Parts>()
        .ok_or_else(|| ServerFnError::new(crate::i18n::t("api-server-not-set-up")))?;
    let address = parts
        .extensions
        .get::<ClientAddress>()
        .map(|client| client.0)
        .ok_or_else(|| ServerFnError::new(crate::i18n::t("api-server-not-set-up")))?;
    let user_agent = parts
        .headers
        .get(http::header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .map(|agent| agent.chars().take(300).collect());
    Ok(Client {
        address,
        user_agent,
    })
}
