//! `grant_type=authorization_code`: a code is exchanged once, by the client it was given
//! to, with the redirect URI and the PKCE verifier of its request. A code presented again
//! revokes what it issued: one of the two presenters is not the app.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};

use super::tokens::{issue, revoke_grant, standing_grant, Answer, Issued, Refusal};
use crate::db::entities::oidc_code;
use crate::services::support::app_clients::AppClient;
use crate::services::Portico;
use crate::tokens::hash_token;

/// What the client sent with the code.
pub struct Exchange<'a> {
    pub code: &'a str,
    pub redirect_uri: Option<&'a str>,
    pub code_verifier: Option<&'a str>,
}

impl Portico {
    pub async fn redeem_code_at(
        &self,
        client: &AppClient,
        exchange: Exchange<'_>,
        now: DateTime<Utc>,
    ) -> Answer<Issued> {
        // The code is used up by the first statement, which also takes SQLite's write
        // lock. A refusal below drops the transaction uncommitted, which gives the code
        // back: only an exchange that passes every check uses it.
        let txn = crate::db::begin_write_first(&self.db).await?;
        let code_hash = hash_token(exchange.code);
        let Some(code) = use_up(&txn, &code_hash, now).await? else {
            return spent_or_unknown(txn, &code_hash, now).await;
        };
        if let Err(refusal) = check(&code, client, &exchange, now) {
            return Ok(Err(refusal));
        }
        let Some((grant, person)) = standing_grant(&txn, &code.grant_id, client).await? else {
            return Ok(Err(Refusal::InvalidGrant(
                "the grant was revoked, or its person may no longer sign in",
            )));
        };
        let unsigned = issue(&txn, &self.public_url, &grant, &person, true, now).await?;
        txn.commit().await?;
        self.signed(client, unsigned, now).await
    }
}

/// A code that could not be used up: unknown, or used already — then what it issued is
/// revoked, since one of its two presenters is not the app (this includes a concurrent
/// exchange of the same code that won the race).
async fn spent_or_unknown(
    txn: DatabaseTransaction,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Answer<Issued> {
    let Some(code) = oidc_code::Entity::find_by_id(code_hash.to_owned())
        .one(&txn)
        .await?
    else {
        return Ok(Err(Refusal::InvalidGrant("unknown authorization code")));
    };
    revoke_grant(&txn, &code.grant_id, now).await?;
    txn.commit().await?;
    tracing::warn!(
        grant = code.grant_id,
        "a used code came back: grant revoked"
    );
    Ok(Err(Refusal::InvalidGrant("the code was already used")))
}

/// The checks of a code that is not used yet, in RFC 6749 §4.1.3's order, then PKCE.
fn check(
    code: &oidc_code::Model,
    client: &AppClient,
    exchange: &Exchange,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    if code.expires_at <= now {
        return Err(Refusal::InvalidGrant("the code has expired"));
    }
    if code.client_id != client.client_id {
        return Err(Refusal::InvalidGrant(
            "the code was issued to another client",
        ));
    }
    if exchange.redirect_uri != Some(code.redirect_uri.as_str()) {
        return Err(Refusal::InvalidGrant(
            "redirect_uri differs from the authorization request's",
        ));
    }
    match (&code.code_challenge, exchange.code_verifier) {
        (Some(challenge), Some(verifier)) => {
            if !well_formed_verifier(verifier) {
                return Err(Refusal::InvalidRequest(
                    "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~",
                ));
            }
            if !s256_matches(challenge, verifier) {
                return Err(Refusal::InvalidGrant("code_verifier does not match"));
            }
        }
        (Some(_), None) => return Err(Refusal::InvalidGrant("code_verifier is missing")),
        (None, Some(_)) => {
            return Err(Refusal::InvalidGrant(
                "code_verifier sent, but the authorization request had no code_challenge",
            ))
        }
        (None, None) if client.require_pkce => {
            return Err(Refusal::InvalidGrant("this client must use PKCE"))
        }
        (None, None) => {}
    }
    Ok(())
}

/// RFC 7636 §4.1. Checked before hashing: oauth2's own helper asserts (panics) instead.
pub fn well_formed_verifier(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// RFC 7636 §4.6, S256 (the only method Portico accepts). The challenge is public, so a
/// plain comparison is fine.
fn s256_matches(challenge: &str, verifier: &str) -> bool {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == challenge
}

/// Marks a code used, unless it already was: one conditional `UPDATE` (sea-orm has no
/// `RETURNING` on SQLite), then the code it used up.
async fn use_up<C: ConnectionTrait>(
    db: &C,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<oidc_code::Model>, DbErr> {
    let updated = oidc_code::Entity::update_many()
        .col_expr(oidc_code::Column::UsedAt, Expr::value(now))
        .filter(oidc_code::Column::CodeHash.eq(code_hash))
        .filter(oidc_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Ok(None);
    }
    oidc_code::Entity::find_by_id(code_hash.to_owned())
        .one(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verifier_matches_the_s256_challenge_made_from_it_and_no_other() {
        let verifier = "dBjftJeZ4CK-89T6VwSrOYqhRJbS-sSO-fyJR5N9AxI";
        assert!(well_formed_verifier(verifier));
        assert!(s256_matches(
            // Computed apart from this code (Python: hashlib, base64.urlsafe_b64encode).
            "Mp-NynKTYsh1PcQySEoKouWCABMv47lr4OT_Xk40QJs",
            verifier
        ));
        assert!(!s256_matches(
            "Mp-NynKTYsh1PcQySEoKouWCABMv47lr4OT_Xk40QJs",
            &"a".repeat(43)
        ));
    }

    #[test]
    fn verifiers_of_the_wrong_length_or_alphabet_are_refused_without_a_panic() {
        assert!(!well_formed_verifier("short"));
        assert!(!well_formed_verifier(&"a".repeat(129)));
        assert!(!well_formed_verifier(&format!("{}é", "a".repeat(42))));
        assert!(!well_formed_verifier(&format!("{}+", "a".repeat(42))));
        assert!(well_formed_verifier(&"a~._-".repeat(9)));
    }
}
