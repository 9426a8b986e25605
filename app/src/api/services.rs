//! What the server implements for the server functions, and how they reach it.
use std::net::IpAddr;
use std::sync::Arc;

use leptos::prelude::*;
use tower_sessions::Session;

use super::{
    Access, AccountRecord, AccountSummary, ActionOutcome, ContactList, LogInOutcome, PendingList,
    RegisterOutcome, RequestList, SessionUser, TokenStatus,
};
use crate::captcha::CaptchaChallenge;
use crate::forms::business::{
    ValidAccount, ValidContactChange, ValidDecision, ValidPendingDecision,
};
use crate::forms::log_in::ValidLogIn;
use crate::forms::registration::ValidRegistration;
use crate::portal::Portal;

/// What the server implements for the pages. Errors are already fit to show: the
/// server logs the cause and returns a plain "try again" message. Every method that acts
/// for someone takes their session and checks what they may do.
#[async_trait::async_trait]
pub trait Services: Send + Sync + 'static {
    fn new_captcha(&self) -> CaptchaChallenge;
    async fn register(
        &self,
        client: IpAddr,
        portal: Portal,
        form: ValidRegistration,
    ) -> Result<RegisterOutcome, ServerFnError>;
    async fn email_token_status(&self, token: &str) -> Result<TokenStatus, ServerFnError>;
    async fn verify_email(&self, token: &str) -> Result<TokenStatus, ServerFnError>;
    async fn log_in(
        &self,
        session: &Session,
        portal: Portal,
        form: ValidLogIn,
    ) -> Result<LogInOutcome, ServerFnError>;
    async fn log_out(&self, session: &Session) -> Result<(), ServerFnError>;
    async fn current_user(&self, session: &Session) -> Result<Option<SessionUser>, ServerFnError>;

    // A customer administrator's company.
    async fn company_requests(
        &self,
        session: &Session,
    ) -> Result<Access<RequestList>, ServerFnError>;
    async fn decide_request(
        &self,
        session: &Session,
        form: ValidDecision,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn company_contacts(
        &self,
        session: &Session,
    ) -> Result<Access<ContactList>, ServerFnError>;
    /// For a customer administrator (their company's contacts) or an administrator (any).
    async fn change_contact(
        &self,
        session: &Session,
        form: ValidContactChange,
    ) -> Result<ActionOutcome, ServerFnError>;

    // Administrators.
    async fn accounts(
        &self,
        session: &Session,
    ) -> Result<Access<Vec<AccountSummary>>, ServerFnError>;
    async fn account_detail(
        &self,
        session: &Session,
        account: i32,
    ) -> Result<Access<Option<AccountRecord>>, ServerFnError>;
    async fn save_account(
        &self,
        session: &Session,
        form: ValidAccount,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn regenerate_code(
        &self,
        session: &Session,
        account: i32,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn pending_requests(
        &self,
        session: &Session,
    ) -> Result<Access<PendingList>, ServerFnError>;
    async fn settle_pending(
        &self,
        session: &Session,
        form: ValidPendingDecision,
    ) -> Result<ActionOutcome, ServerFnError>;
}

/// The services as the server provides them in context.
pub type SharedServices = Arc<dyn Services>;

/// The client's address, put into each request by the server (see its `http` module),
/// for limits on attempts per client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

pub(super) fn services() -> Result<SharedServices, ServerFnError> {
    use_context::<SharedServices>()
        .ok_or_else(|| ServerFnError::new("The server is not set up to answer this."))
}

pub(super) async fn session() -> Result<Session, ServerFnError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|_| ServerFnError::new("Your session could not be read. Reload the page."))
}

pub(super) fn client_address() -> Result<IpAddr, ServerFnError> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddress>().copied())
        .map(|client| client.0)
        .ok_or_else(|| ServerFnError::new("The server is not set up to answer this."))
}
