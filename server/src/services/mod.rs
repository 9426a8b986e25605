//! The server's side of the contract: [`Portico`] implements the pages' `Services` trait
//! with one module per journey.
pub mod account;
pub mod admin;
pub mod company;
pub mod lifecycle;
pub mod operations;
pub mod profile;
pub mod records;
pub mod recovery;
pub mod session;
pub mod status;
pub mod support;
pub mod two_factor;

use std::net::IpAddr;

use std::sync::Arc;

use app::api::{
    Access, AccountList, AccountRecord, ActionOutcome, ChangedPolicy, Client, Confirmation,
    ContactList, DeletionView, HomeView, InvitationLink, LinkRequestOutcome, LogInOutcome,
    NewPasswordOutcome, OutboxView, PasskeyStep, PendingList, PendingLogIn, PeopleList,
    ProfileView, RecoveryCodesView, RegisterOutcome, RequestList, SecurityView, Services,
    SessionUser, TermsOutcome, TokenStatus, TotpSetupView, WebhookList,
};
use app::api::{AuditFilter, AuditPage, PersonRecord};
use app::captcha::CaptchaChallenge;
use app::forms::business::{ValidAccount, ValidContactChange, ValidDecision, ValidPendingDecision};
use app::forms::email_links::ValidNewPassword;
use app::forms::invitations::{ValidAcceptance, ValidInvitation, ValidInvitationChange};
use app::forms::leaving::{TermsAnswer, ValidAdminDeletion, ValidDeletion};
use app::forms::log_in::{ValidConfirmIdentity, ValidLogIn};
use app::forms::profile::{ValidName, ValidPasswordChange};
use app::forms::registration::ValidRegistration;
use app::forms::two_factor::SecondFactorCode;
use app::forms::webhooks::{DeliveryKind, ValidWebhook};
use app::forms::NormalizedEmail;
use app::portal::Portal;
use chrono::Utc;
use leptos::prelude::{use_context, ServerFnError};
use sea_orm::{DatabaseConnection, DbErr};
use tower_sessions::{Session, SessionStore};

use crate::captcha::CaptchaIssuer;
use crate::db::entities::email_token::TokenPurpose;
use crate::factors::passkeys::Passkeys;
use crate::limits::Limits;
use crate::mail::outbox::OutboxSignal;
use crate::observability::metrics as measure;
use crate::password::{HashError, PasswordHasher};
use crate::sign_up_surge::SignUpSurge;
use recovery::links::{RESEND_SENT, RESET_SENT};

/// Everything the services need, built once at start-up and shared by every request.
#[derive(Clone)]
pub struct Portico {
    pub db: DatabaseConnection,
    pub hasher: PasswordHasher,
    pub captcha: CaptchaIssuer,
    pub outbox: OutboxSignal,
    /// The base of links in emails, without a trailing slash.
    pub public_url: String,
    /// Limits on attempts, counted in the database (shared by every instance).
    pub limits: Limits,
    /// How hard the Security Code is while sign-ups surge.
    pub surge: Arc<SignUpSurge>,
    /// Where sessions live, so that ended ones can be deleted there.
    pub session_store: Option<Arc<dyn SessionStore>>,
    /// This site as a WebAuthn relying party; none when `PUBLIC_URL` has no domain name.
    pub passkeys: Option<Passkeys>,
    /// Seals the state of passkey log-ins, which waits in the browser (`ceremony_cookie`).
    pub ceremonies: support::ceremony_cookie::CeremonyCookies,
    /// Whether administrators must log in with a second factor (once any is set up).
    pub administrators_need_two_factors: bool,
    /// Where webhooks may be posted: public addresses and `OUTBOUND_ALLOW_RANGES`.
    pub outbound: crate::outbound::OutboundPolicy,
}

/// What can go wrong inside a service that is not the person's doing.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error("session store: {0}")]
    Session(#[from] tower_sessions::session::Error),
}

/// Adds a `Set-Cookie` to the answer of the server function being run.
fn set_cookie(value: String) {
    let header = axum::http::HeaderValue::from_str(&value);
    match (use_context::<leptos_axum::ResponseOptions>(), header) {
        (Some(response), Ok(header)) => {
            response.append_header(axum::http::header::SET_COOKIE, header)
        }
        _ => tracing::error!("a cookie could not be set on the answer"),
    }
}

/// Internal errors are logged here and never shown: the person gets a plain message.
/// (Not a `From` impl: server_fn's blanket `From<std::error::Error>` would show the cause.)
fn public<T>(result: Result<T, ServiceError>) -> Result<T, ServerFnError> {
    result.map_err(|error| {
        tracing::error!(%error, "request failed");
        ServerFnError::ServerError(app::i18n::t("http-something-went-wrong"))
    })
}

impl Portico {
    pub fn new(
        db: DatabaseConnection,
        hasher: PasswordHasher,
        captcha: CaptchaIssuer,
        outbox: OutboxSignal,
        public_url: &str,
    ) -> Self {
        let ceremonies = support::ceremony_cookie::CeremonyCookies::new(
            captcha.derived_key("passkey log-in ceremonies"),
        );
        Self {
            db,
            hasher,
            captcha,
            outbox,
            public_url: public_url.trim_end_matches('/').to_owned(),
            limits: Limits::default(),
            surge: Arc::new(SignUpSurge::new(true)),
            session_store: None,
            passkeys: Passkeys::for_site(public_url).ok(),
            ceremonies,
            administrators_need_two_factors: true,
            outbound: crate::outbound::OutboundPolicy::public_only(),
        }
    }

    /// The private ranges webhook endpoints may be in (a setting).
    pub fn with_outbound_policy(mut self, policy: crate::outbound::OutboundPolicy) -> Self {
        self.outbound = policy;
        self
    }

    /// Whether administrators must log in with a second factor (a setting).
    pub fn with_administrators_needing_two_factors(mut self, required: bool) -> Self {
        self.administrators_need_two_factors = required;
        self
    }

    /// Other limits than the defaults (settings, or a test's).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Whether the Security Code grows harder while sign-ups surge (a setting).
    pub fn with_surge(mut self, enabled: bool) -> Self {
        self.surge = Arc::new(SignUpSurge::new(enabled));
        self
    }

    /// The store the server's sessions live in.
    pub fn with_session_store(mut self, store: Arc<dyn SessionStore>) -> Self {
        self.session_store = Some(store);
        self
    }

    /// Answers a request for an emailed link at once, with the same words whatever the
    /// address, and sends the link (if any) afterwards: whether the address has an
    /// account then shows neither in the answer nor in how long it takes.
    fn answer_before_sending_link(
        &self,
        answer: &str,
        send: impl std::future::Future<Output = Result<recovery::links::LinkRequest, ServiceError>>
            + Send
            + 'static,
    ) -> Result<LinkRequestOutcome, ServerFnError> {
        tokio::spawn(async move {
            if let Err(error) = send.await {
                tracing::error!(%error, "an emailed link could not be sent");
            }
        });
        Ok(LinkRequestOutcome::Sent {
            message: app::i18n::t(answer),
        })
    }

    /// Whether cookies are `Secure`: the site is served over https.
    fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// A link into a portal, for an email.
    pub fn link(&self, portal: Portal, path_and_query: &str) -> String {
        format!("{}{}", self.public_url, portal.path(path_and_query))
    }
}

#[async_trait::async_trait]
impl Services for Portico {
    fn new_captcha(&self, client: IpAddr, lang: app::i18n::Lang) -> CaptchaChallenge {
        self.challenge_for(&crate::limits::client_key(client), Utc::now(), lang)
    }

    async fn register(
        &self,
        client: IpAddr,
        portal: Portal,
        form: ValidRegistration,
        language: app::i18n::Lang,
    ) -> Result<RegisterOutcome, ServerFnError> {
        let outcome = public(
            self.register_in_at(client, portal, form, language, Utc::now())
                .await,
        )?;
        if let RegisterOutcome::Registered { .. } = outcome {
            measure::signed_up(portal.segment());
        }
        Ok(outcome)
    }

    async fn email_token_status(&self, token: &str) -> Result<TokenStatus, ServerFnError> {
        public(self.verification_status_at(token, Utc::now()).await)
    }

    async fn verify_email(
        &self,
        session: &Session,
        token: &str,
    ) -> Result<TokenStatus, ServerFnError> {
        let (status, person) = public(self.verify_email_of_at(token, Utc::now()).await)?;
        if let (TokenStatus::Verified(_), Some(person)) = (status, person) {
            measure::email_verified();
            // The log-in form starts with the address just verified.
            let carried = app::api::CarriedOver {
                email: person.email,
                reviewer: None,
            };
            public(self.carry_over_at(session, &carried).await)?;
        }
        Ok(status)
    }

    async fn carry_over(
        &self,
        session: &Session,
        carried: app::api::CarriedOver,
    ) -> Result<(), ServerFnError> {
        public(self.carry_over_at(session, &carried).await)
    }

    async fn carried_over(
        &self,
        session: &Session,
    ) -> Result<Option<app::api::CarriedOver>, ServerFnError> {
        public(self.carried_over_at(session).await)
    }

    async fn account_status(
        &self,
        session: &Session,
    ) -> Result<Option<app::api::AccountStatus>, ServerFnError> {
        public(self.account_status_at(session).await)
    }

    async fn log_in(
        &self,
        session: &Session,
        client: Client,
        portal: Portal,
        form: ValidLogIn,
    ) -> Result<LogInOutcome, ServerFnError> {
        let outcome = public(
            self.log_in_at(session, &client, portal, form, Utc::now())
                .await,
        )?;
        measure::logged_in(match outcome {
            LogInOutcome::LoggedIn { .. } => "succeeded",
            LogInOutcome::SecondStep { .. } => "second_step",
            _ => "failed",
        });
        Ok(outcome)
    }

    async fn admin_log_in(
        &self,
        session: &Session,
        client: Client,
        form: ValidLogIn,
    ) -> Result<LogInOutcome, ServerFnError> {
        let outcome = public(
            self.admin_log_in_at(session, &client, form, Utc::now())
                .await,
        )?;
        measure::logged_in(match outcome {
            LogInOutcome::LoggedIn { .. } => "succeeded",
            LogInOutcome::SecondStep { .. } => "second_step",
            _ => "failed",
        });
        Ok(outcome)
    }

    async fn carried_admin_email(&self, session: &Session) -> Result<String, ServerFnError> {
        public(self.carried_admin_email(session).await)
    }

    async fn log_out(&self, session: &Session) -> Result<(), ServerFnError> {
        public(self.end_login(session).await)
    }

    async fn confirm_identity(
        &self,
        session: &Session,
        form: ValidConfirmIdentity,
    ) -> Result<Confirmation, ServerFnError> {
        public(self.confirm_identity_at(session, form, Utc::now()).await)
    }

    async fn request_password_reset(
        &self,
        _portal: Portal,
        email: NormalizedEmail,
    ) -> Result<LinkRequestOutcome, ServerFnError> {
        let portico = self.clone();
        self.answer_before_sending_link(RESET_SENT, async move {
            portico.request_password_reset_at(&email, Utc::now()).await
        })
    }

    async fn password_reset_status(&self, token: &str) -> Result<TokenStatus, ServerFnError> {
        public(
            self.token_status_at(token, TokenPurpose::Reset, Utc::now())
                .await,
        )
    }

    async fn reset_password(
        &self,
        session: &Session,
        client: Client,
        portal: Portal,
        form: ValidNewPassword,
    ) -> Result<NewPasswordOutcome, ServerFnError> {
        public(
            self.reset_password_at(session, &client, portal, form, Utc::now())
                .await,
        )
    }

    async fn resend_verification(
        &self,
        _portal: Portal,
        email: NormalizedEmail,
    ) -> Result<LinkRequestOutcome, ServerFnError> {
        let portico = self.clone();
        self.answer_before_sending_link(RESEND_SENT, async move {
            portico.resend_verification_at(&email, Utc::now()).await
        })
    }

    async fn email_change_status(&self, token: &str) -> Result<TokenStatus, ServerFnError> {
        public(
            self.token_status_at(token, TokenPurpose::ChangeEmail, Utc::now())
                .await,
        )
    }

    async fn confirm_email_change(&self, token: &str) -> Result<TokenStatus, ServerFnError> {
        public(self.confirm_email_change_at(token, Utc::now()).await)
    }

    async fn profile(&self, session: &Session) -> Result<Access<ProfileView>, ServerFnError> {
        public(self.profile_at(session, Utc::now()).await)
    }

    async fn home(&self, session: &Session) -> Result<Option<HomeView>, ServerFnError> {
        public(self.home_at(session).await)
    }

    async fn export_data(&self, session: &Session) -> Result<Access<String>, ServerFnError> {
        public(self.export_data_at(session, Utc::now()).await)
    }

    async fn update_name(
        &self,
        session: &Session,
        form: ValidName,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.update_name_at(session, form, Utc::now()).await)
    }

    async fn change_password(
        &self,
        session: &Session,
        form: ValidPasswordChange,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.change_password_at(session, form, Utc::now()).await)
    }

    async fn request_email_change(
        &self,
        session: &Session,
        email: NormalizedEmail,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(
            self.request_email_change_at(session, email, Utc::now())
                .await,
        )
    }

    async fn end_other_sessions(&self, session: &Session) -> Result<ActionOutcome, ServerFnError> {
        public(self.end_other_sessions_at(session, Utc::now()).await)
    }

    async fn pending_second_factor(
        &self,
        session: &Session,
    ) -> Result<Option<PendingLogIn>, ServerFnError> {
        public(self.pending_second_factor_at(session, Utc::now()).await)
    }

    async fn second_factor(
        &self,
        session: &Session,
        client: Client,
        _portal: Portal,
        code: SecondFactorCode,
    ) -> Result<LogInOutcome, ServerFnError> {
        public(
            self.second_factor_at(session, &client, code, Utc::now())
                .await,
        )
    }

    async fn security(&self, session: &Session) -> Result<Access<SecurityView>, ServerFnError> {
        public(self.security_at(session, Utc::now()).await)
    }

    async fn totp_setup(&self, session: &Session) -> Result<Access<TotpSetupView>, ServerFnError> {
        public(self.totp_setup_at(session, Utc::now()).await)
    }

    async fn confirm_totp(
        &self,
        session: &Session,
        client: Client,
        code: String,
    ) -> Result<Confirmation, ServerFnError> {
        public(
            self.confirm_totp_at(session, &client, code, Utc::now())
                .await,
        )
    }

    async fn turn_off_totp(
        &self,
        session: &Session,
        confirm: String,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.turn_off_totp_at(session, confirm, Utc::now()).await)
    }

    async fn regenerate_recovery_codes(
        &self,
        session: &Session,
    ) -> Result<Confirmation, ServerFnError> {
        public(self.regenerate_recovery_codes_at(session, Utc::now()).await)
    }

    async fn remove_passkey(
        &self,
        session: &Session,
        passkey: i32,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.remove_passkey_at(session, passkey, Utc::now()).await)
    }

    async fn fresh_recovery_codes(
        &self,
        session: &Session,
    ) -> Result<Access<RecoveryCodesView>, ServerFnError> {
        public(self.fresh_recovery_codes_at(session).await)
    }

    async fn passkey_add_start(
        &self,
        session: &Session,
        name: String,
    ) -> Result<PasskeyStep, ServerFnError> {
        public(self.passkey_add_start_at(session, name, Utc::now()).await)
    }

    async fn passkey_add_finish(
        &self,
        session: &Session,
        client: Client,
        credential: String,
    ) -> Result<PasskeyStep, ServerFnError> {
        public(
            self.passkey_add_finish_at(session, &client, credential, Utc::now())
                .await,
        )
    }

    async fn passkey_log_in_start(&self, _: &Session) -> Result<PasskeyStep, ServerFnError> {
        let (step, sealed) = self.passkey_log_in_start_at(Utc::now());
        if let Some(sealed) = sealed {
            set_cookie(support::ceremony_cookie::set_cookie(
                sealed,
                self.secure_cookies(),
            ));
        }
        Ok(step)
    }

    async fn passkey_log_in_finish(
        &self,
        session: &Session,
        client: Client,
        portal: Portal,
        credential: String,
        next: Option<String>,
    ) -> Result<PasskeyStep, ServerFnError> {
        let answer = two_factor::passkey_ceremonies::PasskeyAnswer {
            sealed_state: use_context::<axum::http::request::Parts>()
                .and_then(|request| support::ceremony_cookie::received(&request.headers)),
            credential,
        };
        // Single use: the browser forgets the state whatever comes of it.
        set_cookie(support::ceremony_cookie::removal(self.secure_cookies()));
        public(
            self.passkey_log_in_finish_at(session, &client, portal, answer, next, Utc::now())
                .await,
        )
    }

    async fn passkey_second_factor_start(
        &self,
        session: &Session,
    ) -> Result<PasskeyStep, ServerFnError> {
        public(
            self.passkey_second_factor_start_at(session, Utc::now())
                .await,
        )
    }

    async fn passkey_second_factor_finish(
        &self,
        session: &Session,
        client: Client,
        _portal: Portal,
        credential: String,
    ) -> Result<PasskeyStep, ServerFnError> {
        public(
            self.passkey_second_factor_finish_at(session, &client, credential, Utc::now())
                .await,
        )
    }

    async fn set_company_two_factor(
        &self,
        session: &Session,
        require: bool,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(
            self.set_company_two_factor_at(session, require, Utc::now())
                .await,
        )
    }

    async fn people(
        &self,
        session: &Session,
        query: String,
        page: u64,
    ) -> Result<Access<PeopleList>, ServerFnError> {
        public(self.people_at(session, query, page).await)
    }

    async fn person_record(
        &self,
        session: &Session,
        person: i32,
    ) -> Result<Access<Option<PersonRecord>>, ServerFnError> {
        public(self.person_record_at(session, person).await)
    }

    async fn switch_login(
        &self,
        session: &Session,
        person: i32,
        enable: bool,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(
            self.switch_login_at(session, person, enable, Utc::now())
                .await,
        )
    }

    async fn audit_entries(
        &self,
        session: &Session,
        filter: AuditFilter,
    ) -> Result<Access<AuditPage>, ServerFnError> {
        public(self.audit_entries_at(session, filter).await)
    }

    async fn reset_second_factors(
        &self,
        session: &Session,
        person: i32,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(
            self.reset_second_factors_at(session, person, Utc::now())
                .await,
        )
    }

    async fn webhook_list(&self, session: &Session) -> Result<Access<WebhookList>, ServerFnError> {
        public(self.webhook_list_at(session).await)
    }

    async fn add_webhook(
        &self,
        session: &Session,
        form: ValidWebhook,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.add_webhook_at(session, form, Utc::now()).await)
    }

    async fn remove_webhook(
        &self,
        session: &Session,
        endpoint: i32,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.remove_webhook_at(session, endpoint, Utc::now()).await)
    }

    async fn outbox_waiting(
        &self,
        session: &Session,
        page: u64,
    ) -> Result<Access<OutboxView>, ServerFnError> {
        public(self.outbox_waiting_at(session, page).await)
    }

    async fn retry_delivery(
        &self,
        session: &Session,
        kind: DeliveryKind,
        id: i32,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.retry_delivery_at(session, kind, id, Utc::now()).await)
    }

    async fn invite_contact(
        &self,
        session: &Session,
        form: ValidInvitation,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.invite_contact_at(session, form, Utc::now()).await)
    }

    async fn change_invitation(
        &self,
        session: &Session,
        form: ValidInvitationChange,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.change_invitation_at(session, form, Utc::now()).await)
    }

    async fn invitation_link(&self, token: &str) -> Result<InvitationLink, ServerFnError> {
        public(self.invitation_link_at(token, Utc::now()).await)
    }

    async fn accept_invitation(
        &self,
        session: &Session,
        client: Client,
        form: ValidAcceptance,
        language: app::i18n::Lang,
    ) -> Result<NewPasswordOutcome, ServerFnError> {
        public(
            self.accept_invitation_in_at(session, &client, form, language, Utc::now())
                .await,
        )
    }

    async fn deletion_view(
        &self,
        session: &Session,
    ) -> Result<Access<DeletionView>, ServerFnError> {
        public(self.deletion_view_at(session, Utc::now()).await)
    }

    async fn delete_account(
        &self,
        session: &Session,
        form: ValidDeletion,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.delete_account_at(session, form, Utc::now()).await)
    }

    async fn delete_person(
        &self,
        session: &Session,
        form: ValidAdminDeletion,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.delete_person_at(session, form, Utc::now()).await)
    }

    async fn changed_policies(
        &self,
        session: &Session,
    ) -> Result<Option<Vec<ChangedPolicy>>, ServerFnError> {
        public(self.changed_policies_at(session, Utc::now()).await)
    }

    async fn answer_terms(
        &self,
        session: &Session,
        client: Client,
        answer: TermsAnswer,
    ) -> Result<TermsOutcome, ServerFnError> {
        public(
            self.answer_terms_at(session, &client, answer, Utc::now())
                .await,
        )
    }

    async fn current_user(&self, session: &Session) -> Result<Option<SessionUser>, ServerFnError> {
        public(self.session_user(session).await)
    }

    async fn set_preferred_language(
        &self,
        session: &Session,
        language: app::i18n::Lang,
    ) -> Result<(), ServerFnError> {
        public(self.set_preferred_language_at(session, language).await)
    }

    async fn company_requests(
        &self,
        session: &Session,
    ) -> Result<Access<RequestList>, ServerFnError> {
        public(self.company_requests_at(session).await)
    }

    async fn decide_request(
        &self,
        session: &Session,
        form: ValidDecision,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.decide_request_at(session, form, Utc::now()).await)
    }

    async fn company_contacts(
        &self,
        session: &Session,
    ) -> Result<Access<ContactList>, ServerFnError> {
        public(self.company_contacts_at(session).await)
    }

    async fn change_contact(
        &self,
        session: &Session,
        form: ValidContactChange,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.change_contact_at(session, form, Utc::now()).await)
    }

    async fn accounts(
        &self,
        session: &Session,
        query: String,
        page: u64,
    ) -> Result<Access<AccountList>, ServerFnError> {
        public(self.accounts_at(session, query, page).await)
    }

    async fn account_detail(
        &self,
        session: &Session,
        account: i32,
    ) -> Result<Access<Option<AccountRecord>>, ServerFnError> {
        public(self.account_detail_at(session, account).await)
    }

    async fn save_account(
        &self,
        session: &Session,
        form: ValidAccount,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.save_account_at(session, form, Utc::now()).await)
    }

    async fn regenerate_code(
        &self,
        session: &Session,
        account: i32,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.regenerate_code_at(session, account, Utc::now()).await)
    }

    async fn pending_requests(
        &self,
        session: &Session,
        query: String,
        page: u64,
    ) -> Result<Access<PendingList>, ServerFnError> {
        public(self.pending_requests_at(session, query, page).await)
    }

    async fn settle_pending(
        &self,
        session: &Session,
        form: ValidPendingDecision,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.settle_pending_at(session, form, Utc::now()).await)
    }
}
