//! Records of a person and the audit log, for administrators.
pub mod person_records;
