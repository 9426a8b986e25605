//! This area's part of the contract, for the server functions.
use app::api::AppsServices;
use app::api::{Access, ActionOutcome, AppIssueOutcome, AppView, ConnectedApp, PortalApp};
use app::forms::apps::ValidApp;
use tower_sessions::Session;

contract! {
    impl AppsServices {
        fn apps_list(&self, session: &Session) -> Access<Vec<AppView>>
            = apps_list_at(session);
        fn app_details(&self, session: &Session, client_id: String) -> Access<Option<AppView>>
            = app_details_at(session, client_id);
        fn create_app(&self, session: &Session, form: ValidApp) -> AppIssueOutcome
            = create_app_at(session, form) at now;
        fn update_app(&self, session: &Session, form: ValidApp) -> ActionOutcome
            = update_app_at(session, form) at now;
        fn regenerate_app_secret(&self, session: &Session, client_id: String) -> AppIssueOutcome
            = regenerate_app_secret_at(session, client_id) at now;
        fn delete_app(&self, session: &Session, client_id: String) -> ActionOutcome
            = delete_app_at(session, client_id) at now;
        fn connected_apps(&self, session: &Session) -> Access<Vec<ConnectedApp>>
            = connected_apps_at(session);
        fn disconnect_app(&self, session: &Session, client_id: String) -> ActionOutcome
            = disconnect_app_at(session, client_id) at now;
        fn portal_apps(&self, session: &Session) -> Vec<PortalApp>
            = portal_apps_at(session);
    }
}
