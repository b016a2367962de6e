//! `rapport generate`: writes a generated book (see [`crate::generate`]).
//! Hidden from `rapport --help` (it is for developers), but documented in
//! its own `--help` and in PERFORMANCE.md.

use super::{Ctx, Failure, Outcome};
use crate::generate::WriteError;

// store::cache's tests still reach the generator by this path.
impl From<WriteError> for Failure {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::NotEmpty { .. } => Failure::Usage(e.to_string()),
            WriteError::CreateDir { .. } | WriteError::Store(_) => Failure::Data(e.to_string()),
        }
    }
}

/// `rapport generate`.
pub fn generate(ctx: &Ctx, explicit_dir: bool, contacts: usize, gestures: usize, seed: u64) -> Outcome {
    if !explicit_dir {
        return Err(Failure::Usage(
            "generate needs --data-dir DIR (or RAPPORT_DATA_DIR): it never writes into your own data folder by default"
                .into(),
        ));
    }
    if contacts == 0 && gestures > 0 {
        return Err(Failure::Usage(
            "gestures need partners: give --contacts 1 or more".into(),
        ));
    }
    let g = crate::generate::book(contacts, gestures, seed, ctx.today);
    crate::generate::write(ctx.store.dir.as_path(), &g)?;
    say!(
        "Wrote {} partners and {} gestures (seed {seed}, five years up to {}) to {}",
        g.partners.len(),
        g.gestures.len(),
        ctx.today.format("%Y-%m-%d"),
        ctx.store.dir.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::paths;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn refuses_a_folder_with_data() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join(paths::GESTURES), "").unwrap();
        let e = Failure::from(crate::generate::write(d.path(), &crate::generate::book(2, 2, 1, today())).unwrap_err());
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("already holds gestures.jsonl"), "{e}");
    }
}
