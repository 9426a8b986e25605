//! This area's part of the contract, for the server functions.
use app::api::LifecycleServices;
use app::api::{
    Access, ActionOutcome, ChangedPolicy, Client, DeletionView, InvitationLink, NewPasswordOutcome,
    TermsOutcome,
};
use app::forms::invitations::{ValidAcceptance, ValidInvitation, ValidInvitationChange};
use app::forms::leaving::{TermsAnswer, ValidAdminDeletion, ValidDeletion};
use tower_sessions::Session;

contract! {
    impl LifecycleServices {
        fn invite_contact(&self, session: &Session, form: ValidInvitation) -> ActionOutcome
            = invite_contact_at(session, form) at now;
        fn change_invitation(&self, session: &Session, form: ValidInvitationChange) -> ActionOutcome
            = change_invitation_at(session, form) at now;
        fn invitation_link(&self, token: &str) -> InvitationLink
            = invitation_link_at(token) at now;
        fn accept_invitation(&self, session: &Session, client: Client, form: ValidAcceptance, language: app::i18n::Lang) -> NewPasswordOutcome
            = accept_invitation_in_at(session, &client, form, language) at now;
        fn deletion_view(&self, session: &Session) -> Access<DeletionView>
            = deletion_view_at(session) at now;
        fn delete_account(&self, session: &Session, form: ValidDeletion) -> ActionOutcome
            = delete_account_at(session, form) at now;
        fn delete_person(&self, session: &Session, form: ValidAdminDeletion) -> ActionOutcome
            = delete_person_at(session, form) at now;
        fn changed_policies(&self, session: &Session) -> Option<Vec<ChangedPolicy>>
            = changed_policies_at(session) at now;
        fn answer_terms(&self, session: &Session, client: Client, answer: TermsAnswer) -> TermsOutcome
            = answer_terms_at(session, &client, answer) at now;
    }
}
