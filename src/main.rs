use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rapport::cli::Cli::parse();
    match rapport::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rapport: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
