//! The files of a language folder, shared by the build script (embedding)
//! and the runtime reader (`ACCORD_DATA`) so that both see the same set.

use std::path::{Path, PathBuf};

/// Every file under `dir`, as `(path relative to dir with '/', full path)`,
/// sorted.
pub fn files_under(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(root, &path, out)?;
        } else if let Some(rel) = path.strip_prefix(root).ok().and_then(Path::to_str) {
            out.push((rel.replace('\\', "/"), path.clone()));
        }
    }
    Ok(())
}

/// The language folders of a data directory (those holding a
/// `language.tsv`), sorted by name.
pub fn language_folders(data: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(data)? {
        let path = entry?.path();
        if path.join("language.tsv").is_file() {
            if let Some(code) = path.file_name().and_then(|n| n.to_str()) {
                out.push((code.to_string(), path.clone()));
            }
        }
    }
    out.sort();
    Ok(out)
}
