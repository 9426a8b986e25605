//! Records of a person and the audit log, for administrators.
mod contract;
pub mod person_records;
