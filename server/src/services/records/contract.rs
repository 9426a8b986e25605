//! This area's part of the contract, for the server functions.
use app::api::RecordsServices;
use app::api::{Access, ActionOutcome};
use app::api::{AuditFilter, AuditPage, PersonRecord};
use tower_sessions::Session;

contract! {
    impl RecordsServices {
        fn person_record(&self, session: &Session, person: i32) -> Access<Option<PersonRecord>>
            = person_record_at(session, person);
        fn switch_login(&self, session: &Session, person: i32, enable: bool) -> ActionOutcome
            = switch_login_at(session, person, enable) at now;
        fn audit_entries(&self, session: &Session, filter: AuditFilter) -> Access<AuditPage>
            = audit_entries_at(session, filter);
    }
}
