//! What the server implements for the server functions, and how they reach it.
use std::net::IpAddr;
use std::sync::Arc;

use leptos::prelude::*;
use tower_sessions::Session;

use super::{
    Access, AccountList, AccountRecord, ActionOutcome, ChangedPolicy, Confirmation, ContactList,
    DeletionView, HomeView, InvitationLink, LinkRequestOutcome, LogInOutcome, NewPasswordOutcome,
    OutboxView, PasskeyStep, PendingList, PendingLogIn, PeopleList, ProfileView, RecoveryCodesView,
    RegisterOutcome, RequestList, SecurityView, SessionUser, TermsOutcome, TokenStatus,
    TotpSetupView, WebhookList,
};
use super::{AuditFilter, AuditPage, PersonRecord};
use crate::captcha::CaptchaChallenge;
use crate::forms::business::{
    ValidAccount, ValidContactChange, ValidDecision, ValidPendingDecision,
};
use crate::forms::email_links::ValidNewPassword;
use crate::forms::invitations::{ValidAcceptance, ValidInvitation, ValidInvitationChange};
use crate::forms::leaving::{TermsAnswer, ValidAdminDeletion, ValidDeletion};
use crate::forms::log_in::{ValidConfirmIdentity, ValidLogIn};
use crate::forms::profile::{ValidName, ValidPasswordChange};
use crate::forms::registration::ValidRegistration;
use crate::forms::two_factor::SecondFactorCode;
use crate::forms::webhooks::{DeliveryKind, ValidWebhook};
use crate::forms::NormalizedEmail;
use crate::portal::Portal;

/// What the server implements for the pages. Errors are already fit to show: the
/// server logs the cause and returns a plain "try again" message. Every method that acts
/// for someone takes their session and checks what they may do.
#[async_trait::async_trait]
pub trait Services: Send + Sync + 'static {
    /// A Security Code challenge for the client (harder while sign-ups surge).
    /// A new Security Code challenge, its question asked in `lang`.
    fn new_captcha(&self, client: IpAddr, lang: crate::i18n::Lang) -> CaptchaChallenge;
    /// `language` is the registrant's (the request's): their emails are written in it.
    async fn register(
        &self,
        client: IpAddr,
        portal: Portal,
        form: ValidRegistration,
        language: crate::i18n::Lang,
    ) -> Result<RegisterOutcome, ServerFnError>;
    async fn email_token_status(&self, token: &str) -> Result<TokenStatus, ServerFnError>;
    /// Verifies the address; the session carries it to the log-in form.
    async fn verify_email(
        &self,
        session: &Session,
        token: &str,
    ) -> Result<TokenStatus, ServerFnError>;
    /// Keeps an address in the session for the page that follows (`status.rs`).
    async fn carry_over(
        &self,
        session: &Session,
        carried: super::CarriedOver,
    ) -> Result<(), ServerFnError>;
    async fn carried_over(
        &self,
        session: &Session,
    ) -> Result<Option<super::CarriedOver>, ServerFnError>;
    async fn account_status(
        &self,
        session: &Session,
    ) -> Result<Option<super::AccountStatus>, ServerFnError>;
    async fn log_in(
        &self,
        session: &Session,
        client: Client,
        portal: Portal,
        form: ValidLogIn,
    ) -> Result<LogInOutcome, ServerFnError>;
    /// `/admin/log-in`: as `log_in`, for administrators only.
    async fn admin_log_in(
        &self,
        session: &Session,
        client: Client,
        form: ValidLogIn,
    ) -> Result<LogInOutcome, ServerFnError>;
    /// The address an administrator typed at the business portal's log-in (or empty).
    async fn carried_admin_email(&self, session: &Session) -> Result<String, ServerFnError>;
    async fn log_out(&self, session: &Session) -> Result<(), ServerFnError>;
    /// "Confirm it's you" before a sensitive change.
    async fn confirm_identity(
        &self,
        session: &Session,
        form: ValidConfirmIdentity,
    ) -> Result<Confirmation, ServerFnError>;
    async fn current_user(&self, session: &Session) -> Result<Option<SessionUser>, ServerFnError>;
    /// Saves the signed-in person's choice of language (their emails are written in it);
    /// nothing if nobody is signed in.
    async fn set_preferred_language(
        &self,
        session: &Session,
        language: crate::i18n::Lang,
    ) -> Result<(), ServerFnError>;

    // Getting back in.
    async fn request_password_reset(
        &self,
        portal: Portal,
        email: NormalizedEmail,
    ) -> Result<LinkRequestOutcome, ServerFnError>;
    async fn password_reset_status(&self, token: &str) -> Result<TokenStatus, ServerFnError>;
    async fn reset_password(
        &self,
        session: &Session,
        client: Client,
        portal: Portal,
        form: ValidNewPassword,
    ) -> Result<NewPasswordOutcome, ServerFnError>;
    async fn resend_verification(
        &self,
        portal: Portal,
        email: NormalizedEmail,
    ) -> Result<LinkRequestOutcome, ServerFnError>;
    async fn email_change_status(&self, token: &str) -> Result<TokenStatus, ServerFnError>;
    async fn confirm_email_change(&self, token: &str) -> Result<TokenStatus, ServerFnError>;

    // The person's own profile.
    async fn profile(&self, session: &Session) -> Result<Access<ProfileView>, ServerFnError>;
    async fn home(&self, session: &Session) -> Result<Option<HomeView>, ServerFnError>;
    /// "Download my data": the person's data as a JSON document.
    async fn export_data(&self, session: &Session) -> Result<Access<String>, ServerFnError>;
    async fn update_name(
        &self,
        session: &Session,
        form: ValidName,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn change_password(
        &self,
        session: &Session,
        form: ValidPasswordChange,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn request_email_change(
        &self,
        session: &Session,
        email: NormalizedEmail,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn end_other_sessions(&self, session: &Session) -> Result<ActionOutcome, ServerFnError>;

    // Second factors.
    /// What a person part-way through logging in can use next, if they are.
    async fn pending_second_factor(
        &self,
        session: &Session,
    ) -> Result<Option<PendingLogIn>, ServerFnError>;
    /// The code after the password: the log-in completes.
    async fn second_factor(
        &self,
        session: &Session,
        client: Client,
        portal: Portal,
        code: SecondFactorCode,
    ) -> Result<LogInOutcome, ServerFnError>;
    async fn security(&self, session: &Session) -> Result<Access<SecurityView>, ServerFnError>;
    async fn totp_setup(&self, session: &Session) -> Result<Access<TotpSetupView>, ServerFnError>;
    async fn confirm_totp(
        &self,
        session: &Session,
        client: Client,
        code: String,
    ) -> Result<Confirmation, ServerFnError>;
    /// `confirm` is the password or a current code.
    async fn turn_off_totp(
        &self,
        session: &Session,
        confirm: String,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn regenerate_recovery_codes(
        &self,
        session: &Session,
    ) -> Result<Confirmation, ServerFnError>;
    async fn remove_passkey(
        &self,
        session: &Session,
        passkey: i32,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn fresh_recovery_codes(
        &self,
        session: &Session,
    ) -> Result<Access<RecoveryCodesView>, ServerFnError>;
    async fn passkey_add_start(
        &self,
        session: &Session,
        name: String,
    ) -> Result<PasskeyStep, ServerFnError>;
    async fn passkey_add_finish(
        &self,
        session: &Session,
        client: Client,
        credential: String,
    ) -> Result<PasskeyStep, ServerFnError>;
    async fn passkey_log_in_start(&self, session: &Session) -> Result<PasskeyStep, ServerFnError>;
    async fn passkey_log_in_finish(
        &self,
        session: &Session,
        client: Client,
        portal: Portal,
        credential: String,
        next: Option<String>,
    ) -> Result<PasskeyStep, ServerFnError>;
    async fn passkey_second_factor_start(
        &self,
        session: &Session,
    ) -> Result<PasskeyStep, ServerFnError>;
    async fn passkey_second_factor_finish(
        &self,
        session: &Session,
        client: Client,
        portal: Portal,
        credential: String,
    ) -> Result<PasskeyStep, ServerFnError>;

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
    /// A customer administrator's rule that their company's contacts need a second factor.
    async fn set_company_two_factor(
        &self,
        session: &Session,
        require: bool,
    ) -> Result<ActionOutcome, ServerFnError>;
    /// For a customer administrator (their company's contacts) or an administrator (any).
    async fn change_contact(
        &self,
        session: &Session,
        form: ValidContactChange,
    ) -> Result<ActionOutcome, ServerFnError>;

    // Invitations into a company (a customer administrator's, or an administrator's).
    async fn invite_contact(
        &self,
        session: &Session,
        form: ValidInvitation,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn change_invitation(
        &self,
        session: &Session,
        form: ValidInvitationChange,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn invitation_link(&self, token: &str) -> Result<InvitationLink, ServerFnError>;
    /// `language` is the invited person's (the request's): their emails are written in it.
    async fn accept_invitation(
        &self,
        session: &Session,
        client: Client,
        form: ValidAcceptance,
        language: crate::i18n::Lang,
    ) -> Result<NewPasswordOutcome, ServerFnError>;

    // Leaving, and new terms.
    async fn deletion_view(&self, session: &Session)
        -> Result<Access<DeletionView>, ServerFnError>;
    /// Schedules the person's own account for deletion, and logs them out everywhere.
    async fn delete_account(
        &self,
        session: &Session,
        form: ValidDeletion,
    ) -> Result<ActionOutcome, ServerFnError>;
    /// An administrator deletes an account at once.
    async fn delete_person(
        &self,
        session: &Session,
        form: ValidAdminDeletion,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn changed_policies(
        &self,
        session: &Session,
    ) -> Result<Option<Vec<ChangedPolicy>>, ServerFnError>;
    async fn answer_terms(
        &self,
        session: &Session,
        client: Client,
        answer: TermsAnswer,
    ) -> Result<TermsOutcome, ServerFnError>;

    // The back office: webhooks and the outbox (administrators).
    async fn webhook_list(&self, session: &Session) -> Result<Access<WebhookList>, ServerFnError>;
    async fn add_webhook(
        &self,
        session: &Session,
        form: ValidWebhook,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn remove_webhook(
        &self,
        session: &Session,
        endpoint: i32,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn outbox_waiting(
        &self,
        session: &Session,
        page: u64,
    ) -> Result<Access<OutboxView>, ServerFnError>;
    async fn retry_delivery(
        &self,
        session: &Session,
        kind: DeliveryKind,
        id: i32,
    ) -> Result<ActionOutcome, ServerFnError>;

    // Administrators.
    /// Companies whose name or code contains `query`, a page at a time.
    async fn accounts(
        &self,
        session: &Session,
        query: String,
        page: u64,
    ) -> Result<Access<AccountList>, ServerFnError>;
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
        query: String,
        page: u64,
    ) -> Result<Access<PendingList>, ServerFnError>;
    async fn settle_pending(
        &self,
        session: &Session,
        form: ValidPendingDecision,
    ) -> Result<ActionOutcome, ServerFnError>;
    /// People found by part of their address or name.
    async fn people(
        &self,
        session: &Session,
        query: String,
        page: u64,
    ) -> Result<Access<PeopleList>, ServerFnError>;
    /// One person's account, sessions and history.
    async fn person_record(
        &self,
        session: &Session,
        person: i32,
    ) -> Result<Access<Option<PersonRecord>>, ServerFnError>;
    /// An administrator disables or enables anyone's login (not their own).
    async fn switch_login(
        &self,
        session: &Session,
        person: i32,
        enable: bool,
    ) -> Result<ActionOutcome, ServerFnError>;
    async fn audit_entries(
        &self,
        session: &Session,
        filter: AuditFilter,
    ) -> Result<Access<AuditPage>, ServerFnError>;
    /// A person lost their second factors (a phone): an administrator removes them all.
    async fn reset_second_factors(
        &self,
        session: &Session,
        person: i32,
    ) -> Result<ActionOutcome, ServerFnError>;
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
