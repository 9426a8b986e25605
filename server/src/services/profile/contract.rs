//! This area's part of the contract, for the server functions.
use app::api::ProfileServices;
use app::api::{Access, ActionOutcome, HomeView, ProfileView};
use app::forms::profile::{ValidName, ValidPasswordChange};
use app::forms::NormalizedEmail;
use tower_sessions::Session;

contract! {
    impl ProfileServices {
        fn profile(&self, session: &Session) -> Access<ProfileView>
            = profile_at(session) at now;
        fn home(&self, session: &Session) -> Option<HomeView>
            = home_at(session);
        fn export_data(&self, session: &Session) -> Access<String>
            = export_data_at(session) at now;
        fn update_name(&self, session: &Session, form: ValidName) -> ActionOutcome
            = update_name_at(session, form) at now;
        fn change_password(&self, session: &Session, form: ValidPasswordChange) -> ActionOutcome
            = change_password_at(session, form) at now;
        fn request_email_change(&self, session: &Session, email: NormalizedEmail) -> ActionOutcome
            = request_email_change_at(session, email) at now;
        fn end_other_sessions(&self, session: &Session) -> ActionOutcome
            = end_other_sessions_at(session) at now;
        fn set_preferred_language(&self, session: &Session, language: app::i18n::Lang) -> ()
            = set_preferred_language_at(session, language);
    }
}
