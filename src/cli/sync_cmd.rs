//! `rapport merge-file` (git's merge driver) and `rapport sync init`.

use super::args::{Command, MergeKind};
use super::{Cli, Ctx, Failure, Outcome};
use crate::sync::{FileKind, MergeError, MergeRequest, init::init as init_folder};
use std::path::{Path, PathBuf};

pub fn merge_file(cli: Cli) -> Outcome {
    let Some(Command::MergeFile {
        base,
        ours,
        theirs,
        kind,
        path,
    }) = cli.command
    else {
        unreachable!("called for merge-file only")
    };
    let kind = match kind {
        Some(MergeKind::Log) => FileKind::Log,
        Some(MergeKind::Contacts) => FileKind::Contacts,
        Some(MergeKind::Queue) => FileKind::Queue,
        None => [path.as_deref(), Some(ours.as_path())]
            .into_iter()
            .flatten()
            .find_map(FileKind::from_name)
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "cannot tell what {} is from its name; pass --kind log, contacts or queue",
                    ours.display()
                ))
            })?,
    };
    let folder_of = |p: &Path| -> PathBuf {
        p.parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let data_dir = folder_of(path.as_deref().unwrap_or(&ours));
    let shown = path.clone().unwrap_or_else(|| ours.clone());
    let req = MergeRequest {
        base,
        ours,
        theirs,
        kind,
        data_dir,
    };
    match crate::sync::merge_file(&req) {
        Ok(report) => {
            for c in &report.conflicts {
                tell!(
                    "rapport: {}: {} `{}` was changed on both sides; kept {}, the other side had {} (`rapport check` reports it until the partner is edited)",
                    shown.display(),
                    c.contact,
                    c.field,
                    c.kept,
                    c.theirs
                );
            }
            Ok(())
        }
        Err(MergeError::Parse(problems)) => {
            for p in &problems {
                tell!("{p}");
            }
            Err(Failure::Usage(format!(
                "{} not merged: a version does not parse (the file is left as it was)",
                shown.display()
            )))
        }
        Err(MergeError::Refused(m)) => Err(Failure::Data(format!(
            "{m}; {} is left for you to merge",
            shown.display()
        ))),
        Err(MergeError::Io(e)) => Err(Failure::Usage(e.to_string())),
    }
}

pub fn init(ctx: &Ctx, git: bool) -> Outcome {
    let exe = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .map_err(|e| Failure::Data(format!("cannot tell where this rapport is: {e}")))?;
    let said = init_folder(&ctx.paths.data_dir, git, &exe).map_err(Failure::Usage)?;
    for line in &said {
        say!("{line}");
    }
    say!(
        "{} merges with rapport now; commit .gitattributes and .gitignore, and run `rapport sync init` on each machine",
        ctx.paths.data_dir.display()
    );
    Ok(())
}
