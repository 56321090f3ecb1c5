//! Where tests and benchmarks find `../shared`, the folder beside the
//! checkout that holds the corpora and the gold sets (never copied into the
//! repository).

use std::path::{Path, PathBuf};

/// `../shared` when it holds `needs` (a file or folder inside it, such as
/// `eval/score.py`); otherwise `None`, after saying which tests are skipped.
pub fn shared(needs: &str, skipped: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join(needs).exists() {
        Some(p)
    } else {
        eprintln!("note: ../shared is missing; {skipped} skipped");
        None
    }
}
