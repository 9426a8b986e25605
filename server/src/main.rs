//! The Portico server binary.
fn main() -> std::process::ExitCode {
    // Before any thread starts: see server::memory.
    server::memory::return_large_blocks_to_the_os();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("portico: could not start the async runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(server::run()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("portico: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
