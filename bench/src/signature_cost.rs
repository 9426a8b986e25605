//! What one signed ID token costs per algorithm, as the server measures it
//! (`server keys signature-cost`: claims serialised and signed, median of 200).
use anyhow::Context;

/// Prints one line: µs per ID token for RS256, ES256 and EdDSA.
pub fn print(server_binary: &str) -> anyhow::Result<()> {
    let costs = measure(server_binary)?;
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

/// µs per ID token for one algorithm (`RS256`, `ES256`, `EdDSA`).
pub fn micros(server_binary: &str, alg: &str) -> anyhow::Result<f64> {
    let costs = measure(server_binary)?;
    costs[alg]
        .as_f64()
        .with_context(|| format!("{alg} in keys signature-cost"))
}

/// The server's figures, as JSON: `{"RS256": µs, …}`.
fn measure(server_binary: &str) -> anyhow::Result<serde_json::Value> {
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
    Ok(serde_json::from_slice(&output.stdout)?)
}
