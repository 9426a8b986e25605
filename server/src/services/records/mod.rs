//! Records of a person and the audit log, for administrators.
pub mod audit_log;
mod contract;
pub mod person_records;
