//! The ceiling a page's rate is compared with: axum sending the same bytes from memory,
//! in a process of its own (this binary, started with `serve-static PORT FILE`), on the
//! same cores and loaded by the same client.
use std::process::Stdio;

use anyhow::Context;

/// `bench serve-static PORT FILE`: serves FILE's bytes at every path until killed.
pub fn serve(port: u16, file: &str) -> anyhow::Result<()> {
    let bytes = bytes::Bytes::from(std::fs::read(file)?);
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let page = move || {
            let bytes = bytes.clone();
            async move { ([("content-type", "text/html; charset=utf-8")], bytes) }
        };
        let app = axum::Router::new().fallback(page);
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        axum::serve(listener, app).await?;
        anyhow::Ok(())
    })
}

/// Starts the static server on `bytes`; the child dies with the returned handle.
pub async fn start(bytes: &[u8]) -> anyhow::Result<(tokio::process::Child, String)> {
    let file = std::env::temp_dir().join(format!("portico-static-{}.html", std::process::id()));
    std::fs::write(&file, bytes)?;
    let port = crate::free_port()?;
    let child = tokio::process::Command::new(std::env::current_exe()?)
        .args([
            "serve-static",
            &port.to_string(),
            &file.display().to_string(),
        ])
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .context("starting the static server")?;
    let base = format!("http://127.0.0.1:{port}");
    crate::wait_until_up(&reqwest::Client::new(), &base).await?;
    Ok((child, base))
}
