//! `accord delete`: remove documents, and with them what only they supported.

use super::kb::DbArg;
use accord_store::{KnowledgeStore, MergeSummary};
use anyhow::Result;
use std::process::ExitCode;
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  accord delete report                           the document read from report.txt
  accord delete doc-3f9a0c1be27d4410 talks-2024  several at once
  sqlite3 accord.db \"SELECT id, origin FROM documents\"   the stored ids, and where each came from

What it does:
  Deletes the documents, their facts and their sentences in one transaction, then recomputes
  the merged tables: a record that only these documents supported goes; a record with other
  sources stays and loses only these. When one id is not stored, nothing is deleted.

Exit status: 0 when every document was deleted, 2 when an id is not stored (nothing deleted)
or on a database error.";

/// Delete documents and whatever only they supported.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Ids of stored documents (as `accord ingest` named them)
    #[arg(required = true, value_name = "DOC")]
    ids: Vec<String>,
    #[command(flatten)]
    db: DbArg,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut store = args.db.open_for_reading()?;
    let before = store.refresh_merged(false)?;
    let ids: Vec<&str> = args.ids.iter().map(String::as_str).collect();
    let deleted = store.delete_documents(&ids)?;
    let started = Instant::now();
    let after = store.refresh_merged(false)?;
    store.checkpoint()?;
    println!("{}: {} deleted", store.shown(), super::count(deleted as u64, "document"));
    println!("knowledge base: {} (merged in {:.1} s)", change(&before, &after), started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

/// `3 documents (-1); 10 entities (-2), ...`: what is left, and what went.
fn change(before: &MergeSummary, after: &MergeSummary) -> String {
    let pairs = [
        (before.documents, after.documents, "document"),
        (before.entities, after.entities, "entity"),
        (before.events, after.events, "event"),
        (before.agreements, after.agreements, "agreement"),
        (before.figures, after.figures, "figure"),
        (before.commitments, after.commitments, "commitment"),
        (before.conflicts, after.conflicts, "conflict"),
    ];
    pairs
        .iter()
        .map(
            |&(b, a, what)| {
                if a == b {
                    super::count(a as u64, what)
                } else {
                    format!("{} ({:+})", super::count(a as u64, what), a as i64 - b as i64)
                }
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_shows_what_went() {
        let before = MergeSummary { documents: 3, events: 5, entities: 2, ..MergeSummary::default() };
        let after = MergeSummary { documents: 2, events: 4, entities: 2, ..MergeSummary::default() };
        let line = change(&before, &after);
        assert!(line.starts_with("2 documents (-1), 2 entities, 4 events (-1), 0 agreements"), "{line}");
    }
}
