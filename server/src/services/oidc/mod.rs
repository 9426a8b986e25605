//! Portico as an OpenID Connect provider: the protocol's decisions. The endpoints in
//! `http/oidc/` parse and answer; everything they decide is here. An area: it uses the
//! session kernel and `support`, never another area.
pub mod end_session;
pub mod grants;
