//! Embeds every language folder of `data/` (a folder holding a
//! `language.tsv`) as a table `(code, path in the folder, contents)`, so that
//! a new folder is a new language without touching the code.

#[path = "src/walk.rs"]
mod walk;

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    // A directory is scanned whole: adding or editing any file under it rebuilds.
    println!("cargo:rerun-if-changed={}", data.display());
    let mut out = String::from("pub(crate) static EMBEDDED: &[(&str, &str, &str)] = &[\n");
    for (code, folder) in walk::language_folders(&data).expect("data/ is readable") {
        for (rel, file) in walk::files_under(&folder).expect("a readable language folder") {
            let abs = file.canonicalize().expect("an existing file");
            writeln!(out, "    ({code:?}, {rel:?}, include_str!({:?})),", abs.to_str().expect("a UTF-8 path"))
                .expect("a String takes writes");
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
