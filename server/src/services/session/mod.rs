//! The session kernel: who is asking (the caller), the session's typed keys, logins,
//! fresh proofs, and the one gate every way in passes on its way to a session.
pub mod caller;
pub mod carried_over;
pub mod factors_used;
pub mod gate;
pub mod keys;
pub mod logins;
pub mod pending;
pub mod reauthentication;
pub mod second_step;
pub mod second_step_lock;
