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

/// `score.py GOLD OUT --json` with `gold` inside `shared/eval/gold`; `None`
/// (after a note) when python3 cannot be run, so the scoring is skipped.
pub fn score_json(shared: &Path, gold: &str, out: &Path) -> Option<std::process::Output> {
    let run = std::process::Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(shared.join("eval/gold").join(gold))
        .arg(out)
        .arg("--json")
        .output();
    match run {
        Ok(output) => Some(output),
        Err(e) => {
            eprintln!("note: python3 is not available ({e}); the scoring was skipped");
            None
        }
    }
}
