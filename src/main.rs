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
            // Messages quote stored text (names, keys, lines of a file):
            // escaped, so none of it reaches the terminal as a control.
            eprintln!("rapport: {}", rapport::domain::text::safe(&e.to_string()));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
