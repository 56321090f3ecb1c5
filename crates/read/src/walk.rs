//! Expanding the inputs the user named into sources.

use crate::{Format, Input, ReadError, ReadErrorKind, Source};
use std::path::Path;

/// Expands inputs into sources: files as given (any extension; unknown ones
/// are read as plain text), directories recursively keeping `.txt .md .html
/// .htm .jsonl`, and standard input. Directory entries are visited in byte
/// order of their names, so the result does not depend on the file system.
/// Hidden entries (names starting with `.`) and symbolic links to directories
/// are not followed, which also rules out cycles. Problems (missing paths,
/// unreadable directories) are returned beside the sources; they never stop
/// the expansion.
pub fn expand(inputs: &[Input]) -> (Vec<Source>, Vec<ReadError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => sources.push(Source { input: Input::Stdin, format: Format::Text }),
            Input::Path(path) => match std::fs::metadata(path) {
                Ok(metadata) if metadata.is_dir() => walk_directory(path, &mut sources, &mut errors),
                Ok(_) => sources.push(Source { input: input.clone(), format: Format::of_path(path) }),
                Err(error) => errors.push(ReadError::from_io(input, &error)),
            },
        }
    }
    (sources, errors)
}

fn walk_directory(directory: &Path, sources: &mut Vec<Source>, errors: &mut Vec<ReadError>) {
    let as_input = || Input::Path(directory.to_path_buf());
    let entries = match std::fs::read_dir(directory) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push(ReadError::from_io(&as_input(), &error));
            return;
        }
    };
    let mut entries: Vec<_> = entries
        .filter_map(|entry| match entry {
            Ok(entry) => Some(entry),
            Err(error) => {
                errors.push(ReadError::from_io(&as_input(), &error));
                None
            }
        })
        .filter(|entry| !entry.file_name().as_encoded_bytes().starts_with(b"."))
        .collect();
    entries.sort_by(|a, b| a.file_name().as_encoded_bytes().cmp(b.file_name().as_encoded_bytes()));
    for entry in entries {
        let path = entry.path();
        let file_type = match entry.file_type() {
            Ok(file_type) => file_type,
            Err(error) => {
                errors.push(ReadError::from_io(&Input::Path(path), &error));
                continue;
            }
        };
        if file_type.is_dir() {
            walk_directory(&path, sources, errors);
            continue;
        }
        let Some(format) = Format::by_extension(&path) else {
            continue;
        };
        if file_type.is_symlink() {
            // A link to a file is read; a link to a directory is not followed.
            match std::fs::metadata(&path) {
                Ok(target) if target.is_dir() => continue,
                Ok(_) => {}
                Err(error) => {
                    errors.push(ReadError::new(
                        &Input::Path(path.clone()),
                        ReadErrorKind::NotFound,
                        format!("is a broken link ({error}); skipped"),
                    ));
                    continue;
                }
            }
        }
        sources.push(Source { input: Input::Path(path), format });
    }
}
