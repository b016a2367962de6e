use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // `rapport list | head` should stop quietly when head does, as other
    // command-line tools do, rather than panic on a closed pipe.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = rapport::cli::Cli::parse();
    match rapport::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rapport: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
