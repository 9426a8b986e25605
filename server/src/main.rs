//! The Portico server binary.
#[tokio::main]
async fn main() -> std::process::ExitCode {
    match server::run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("portico: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
