//! What one signed ID token costs per algorithm, as the server measures it
//! (`server keys signature-cost`: claims serialised and signed, median of 200).
use anyhow::Context;

/// Prints one line: µs per ID token for RS256, ES256 and EdDSA.
pub fn print(server_binary: &str) -> anyhow::Result<()> {
    let output = std::process::Command::new(server_binary)
        .args(["keys", "signature-cost"])
        .env("RUST_LOG", "error")
        .output()
        .with_context(|| format!("running {server_binary} keys signature-cost"))?;
    anyhow::ensure!(
        output.status.success(),
        "keys signature-cost: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let costs: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let cost = |alg: &str| costs[alg].as_f64().unwrap_or(f64::NAN);
    println!(
        "one ID token signed (median of 200, one core): RS256 {:.0} µs, ES256 {:.0} µs, \
         EdDSA {:.0} µs",
        cost("RS256"),
        cost("ES256"),
        cost("EdDSA")
    );
    Ok(())
}
