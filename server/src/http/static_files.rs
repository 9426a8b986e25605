//! The browser's assets under `/pkg` (WASM, JS, CSS), served precompressed.
//!
//! Brotli at its best quality makes the WASM about a fifth smaller than the on-the-fly
//! compression, but takes seconds: too slow per request, so it is done once, in the
//! background at start-up, for each asset whose `.br` file is missing or older.
use std::path::{Path, PathBuf};

use tower_http::services::ServeDir;

const COMPRESSIBLE: [&str; 3] = ["wasm", "js", "css"];
const QUALITY: u32 = 11;
const WINDOW: u32 = 22;

/// Serves `dir`, preferring `name.br` where the browser accepts brotli.
pub fn service(dir: &Path) -> ServeDir {
    ServeDir::new(dir).precompressed_br()
}

/// Writes a `.br` beside each compressible asset that lacks a fresh one.
pub async fn precompress(dir: PathBuf) {
    let done = tokio::task::spawn_blocking(move || {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        for path in entries.flatten().map(|e| e.path()) {
            let compressible = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COMPRESSIBLE.contains(&e));
            if compressible && is_stale(&path) {
                if let Err(error) = compress(&path) {
                    tracing::warn!(?path, %error, "could not precompress an asset");
                }
            }
        }
    })
    .await;
    if let Err(error) = done {
        tracing::warn!(%error, "precompressing the assets failed");
    }
}

fn compressed_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".br");
    PathBuf::from(name)
}

fn is_stale(path: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(path), modified(&compressed_path(path))) {
        (Some(source), Some(compressed)) => compressed < source,
        _ => true,
    }
}

fn compress(path: &Path) -> std::io::Result<()> {
    let input = std::fs::read(path)?;
    let target = compressed_path(path);
    // Written aside and renamed, so that a half-written file is never served.
    let partial = target.with_extension("br.partial");
    {
        let file = std::fs::File::create(&partial)?;
        let mut writer = brotli::CompressorWriter::new(file, 64 * 1024, QUALITY, WINDOW);
        std::io::Write::write_all(&mut writer, &input)?;
    }
    std::fs::rename(partial, target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn assets_get_a_fresh_brotli_twin_and_others_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let wasm = dir.path().join("app.wasm");
        let text = dir.path().join("notes.txt");
        std::fs::write(&wasm, b"\0asm".repeat(1000)).unwrap();
        std::fs::write(&text, b"hello").unwrap();
        precompress(dir.path().to_owned()).await;

        let compressed = std::fs::read(dir.path().join("app.wasm.br")).unwrap();
        assert!(compressed.len() < 4000);
        let mut round_trip = Vec::new();
        brotli::BrotliDecompress(&mut compressed.as_slice(), &mut round_trip).unwrap();
        assert_eq!(round_trip, b"\0asm".repeat(1000));
        assert!(!dir.path().join("notes.txt.br").exists());
        assert!(!is_stale(&wasm));
    }
}
