use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A closed pipe is an error a write returns (SIGPIPE stays ignored, as
    // Rust sets it): the command's output module stops writing and `run`
    // says whether the change was written, rather than a signal killing
    // the process between a change and its report.
    let cli = rapport::cli::Cli::parse();
    match rapport::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Messages quote stored text (names, keys, lines of a file):
            // escaped, so none of it reaches the terminal as a control.
            eprintln!("rapport: {}", rapport::domain::text::safe(&e.to_string()));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
