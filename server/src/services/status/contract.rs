//! This area's part of the contract, for the server functions.
use app::api::StatusServices;
use tower_sessions::Session;

contract! {
    impl StatusServices {
        fn carried_over(&self, session: &Session) -> Option<app::api::CarriedOver>
            = carried_over_at(session);
        fn account_status(&self, session: &Session) -> Option<app::api::AccountStatus>
            = account_status_at(session);
    }
}
