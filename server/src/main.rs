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
    let command = match server::Command::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(problem) => {
            eprintln!("portico: {problem}\n{}", server::USAGE);
            return std::process::ExitCode::from(2);
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
