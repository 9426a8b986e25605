//! What one signed ID token costs per algorithm, for the benchmark
//! (`server keys signature-cost`, printed by `bench`).
use std::time::Instant;

use chrono::Utc;
use openidconnect::{Audience, IssuerUrl, StandardClaims, SubjectIdentifier};

use super::{generate, Algorithm, KeyError, PorticoClaims, PorticoIdToken, PorticoIdTokenClaims};
use super::{Signer, ID_TOKEN_LIFETIME};

/// Tokens signed per algorithm; the median is reported.
const SAMPLES: usize = 200;

/// Microseconds per ID token (claims serialised and signed), the median of 200, for each
/// algorithm, with a fresh key.
pub fn signature_cost() -> Result<Vec<(&'static str, f64)>, KeyError> {
    let claims = sample_claims()?;
    let mut costs = Vec::new();
    for alg in Algorithm::ALL {
        let signer = Signer::from_pkcs8(alg, "cost".into(), &generate::pkcs8(alg)?)?;
        let mut micros = Vec::with_capacity(SAMPLES);
        for _ in 0..SAMPLES {
            let start = Instant::now();
            PorticoIdToken::new(claims.clone(), &signer, alg.jws(), None, None)
                .map_err(|_| KeyError::Signing)?;
            micros.push(start.elapsed().as_secs_f64() * 1e6);
        }
        micros.sort_by(f64::total_cmp);
        costs.push((alg.name(), micros[SAMPLES / 2]));
    }
    Ok(costs)
}

/// Claims of the size a real ID token carries.
fn sample_claims() -> Result<PorticoIdTokenClaims, KeyError> {
    let now = Utc::now();
    let issuer =
        IssuerUrl::new("https://portal.example.com".into()).map_err(|_| KeyError::Signing)?;
    let subject = SubjectIdentifier::new("pD0bq3N1dWJqZWN0LWlkLTEy".into());
    Ok(PorticoIdTokenClaims::new(
        issuer,
        vec![Audience::new("a1b2c3d4e5f6g7h8i9j0kl".into())],
        now + ID_TOKEN_LIFETIME,
        now,
        StandardClaims::new(subject),
        PorticoClaims {
            sid: Some("c2lkLW9mLXRoZS1sb2dpbg".into()),
            portal: Some("csp".into()),
            ..Default::default()
        },
    ))
}
