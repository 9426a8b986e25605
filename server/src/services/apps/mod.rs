//! Apps that sign people in with Portico (OpenID Connect clients), as people manage them:
//! the administration's registry (`/admin/apps`, `server apps create`), a person's
//! connected apps, and the apps a portal's home offers. An area: it uses the session
//! kernel and `support` (`support::app_clients` is the registry every area reads).
mod connected;
mod contract;
pub mod registry;
pub mod validate;
