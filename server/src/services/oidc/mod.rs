//! Portico as an OpenID Connect provider: the protocol's decisions. The endpoints in
//! `http/oidc/` parse and answer; everything they decide is here. An area: it uses the
//! session kernel and `support`, never another area.
pub mod authorize;
pub mod claims;
pub mod codes;
pub mod consent;
pub mod end_session;
pub mod grants;
pub mod id_token;
pub mod introspection;
pub mod pending;
pub mod requests;
pub mod revocation;
pub mod tokens;
pub mod userinfo;
