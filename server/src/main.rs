//! The Portico server binary: reads the command line, then calls [`server::run`].
use clap::Parser;

fn main() -> std::process::ExitCode {
    // Before anything else: --help, --version and mistakes need no runtime (clap prints
    // them and exits, with code 2 for a mistake).
    let command = server::cli::Cli::parse().command();
    // Before any thread starts: see server::memory.
    server::memory::return_large_blocks_to_the_os();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("portico: could not start the async runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(server::run(command)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("portico: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
