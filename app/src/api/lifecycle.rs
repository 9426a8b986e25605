//! The rest of an account's life: invitations into a company, deleting an account, and
//! agreeing to new terms at log-in.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{client, services, session};
use super::{Access, ActionOutcome, NewPasswordOutcome};
use crate::forms::invitations::{AcceptInvitationForm, InvitationChangeForm, InvitationForm};
use crate::forms::leaving::{AdminDeletionForm, DeleteAccountForm, TermsAnswerForm};
use crate::forms::FieldErrors;
use crate::submission::Outcome;

/// A pending invitation, as a company's contact list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub customer_admin: bool,
    /// "25 Nov 2026"
    pub sent: String,
    pub expires: String,
    pub expired: bool,
}

/// What an invitation's link leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationLink {
    Open {
        company: String,
        email: String,
        first_name: String,
    },
    Accepted,
    Expired,
    /// Revoked, or replaced by a newer link (a resend).
    Withdrawn,
}

impl Outcome for InvitationLink {
    fn http_status(&self) -> u16 {
        match self {
            InvitationLink::Open { .. } => 200,
            InvitationLink::Accepted => 409,
            InvitationLink::Expired | InvitationLink::Withdrawn => 410,
        }
    }
}

/// Whether the person may delete their account, and what happens if they do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionView {
    /// Why not, for a company's last customer administrator (or an administrator).
    pub blocked: Option<String>,
    /// The date the deletion would be carried out, if scheduled now.
    pub would_happen: String,
}

/// A document whose new version the person is asked to accept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedPolicy {
    pub title: String,
    pub version: String,
    pub path: String,
}

/// What the answer to new terms came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TermsOutcome {
    /// Accepted: logged in, on to `to`.
    Continue {
        to: String,
    },
    /// Declined: logged out.
    LoggedOut {
        message: String,
    },
    Rejected {
        errors: FieldErrors,
    },
}

impl Outcome for TermsOutcome {
    fn http_status(&self) -> u16 {
        match self {
            TermsOutcome::Continue { .. } => 303,
            TermsOutcome::LoggedOut { .. } => 200,
            TermsOutcome::Rejected { errors } => errors.http_status(),
        }
    }
    fn redirect_to(&self) -> Option<String> {
        match self {
            TermsOutcome::Continue { to } => Some(to.clone()),
            _ => None,
        }
    }
}

#[server(prefix = "/api", endpoint = "invite_contact")]
pub async fn invite_contact(form: InvitationForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(valid) => services()?.invite_contact(&session().await?, valid).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "change_invitation")]
pub async fn change_invitation(form: InvitationChangeForm) -> Result<ActionOutcome, ServerFnError> {
    let revoking = |c| c == crate::forms::invitations::InvitationChange::Revoke;
    match form.validate() {
        Ok(valid)
            if revoking(valid.change)
                && !crate::forms::confirmation::is_confirmed(&form.confirmed) =>
        {
            Ok(ActionOutcome::ConfirmFirst)
        }
        Ok(valid) => {
            services()?
                .change_invitation(&session().await?, valid)
                .await
        }
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "invitation_status")]
pub async fn invitation_status(token: String) -> Result<InvitationLink, ServerFnError> {
    services()?.invitation_link(&token).await
}

#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(
    form: AcceptInvitationForm,
) -> Result<NewPasswordOutcome, ServerFnError> {
    match form.validate() {
        Ok(valid) => {
            services()?
                .accept_invitation(&session().await?, client()?, valid, crate::i18n::lang())
                .await
        }
        Err(errors) => Ok(NewPasswordOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "deletion_check")]
pub async fn deletion_check() -> Result<Access<DeletionView>, ServerFnError> {
    services()?.deletion_view(&session().await?).await
}

#[server(prefix = "/api", endpoint = "delete_account")]
pub async fn delete_account(form: DeleteAccountForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(valid) => services()?.delete_account(&session().await?, valid).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "delete_person")]
pub async fn delete_person(form: AdminDeletionForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(_) if !crate::forms::confirmation::is_confirmed(&form.confirmed) => {
            Ok(ActionOutcome::ConfirmFirst)
        }
        Ok(valid) => services()?.delete_person(&session().await?, valid).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

/// The documents a person part-way through logging in must accept, if they are.
#[server(prefix = "/api", endpoint = "changed_policies")]
pub async fn changed_policies() -> Result<Option<Vec<ChangedPolicy>>, ServerFnError> {
    services()?.changed_policies(&session().await?).await
}

#[server(prefix = "/api", endpoint = "answer_terms")]
pub async fn answer_terms(form: TermsAnswerForm) -> Result<TermsOutcome, ServerFnError> {
    match form.validate() {
        Ok(answer) => {
            services()?
                .answer_terms(&session().await?, client()?, answer)
                .await
        }
        Err(errors) => Ok(TermsOutcome::Rejected { errors }),
    }
}

#[cfg(feature = "ssr")]
pub use contract::LifecycleServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {
    use crate::api::*;
    use crate::forms::invitations::{ValidAcceptance, ValidInvitation, ValidInvitationChange};
    use crate::forms::leaving::{TermsAnswer, ValidAdminDeletion, ValidDeletion};
    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;
    /// Invitations, new terms, deleting accounts. Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait LifecycleServices: Send + Sync + 'static {
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
        async fn deletion_view(
            &self,
            session: &Session,
        ) -> Result<Access<DeletionView>, ServerFnError>;
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
    }
}
