//! `accord copy`: a knowledge base from one store into another (an SQLite
//! file into PostgreSQL, or back).

use accord_store::{copy_documents, shown, Db, KnowledgeStore};
use anyhow::{bail, Result};
use std::process::ExitCode;
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  createdb accord && accord copy --from kb.db --to postgres://localhost/accord
  accord copy --from postgres://reader@db.example/accord --to snapshot.db

What it does:
  Writes every document of --from, with its facts and sentences as stored, into --to (an
  SQLite file is created if missing; a PostgreSQL database must exist), then merges there.
  Nothing is extracted again. A document already in --to as it is stays; a different document
  under the same id is left as it was and named (exit status 1). Copying again changes nothing.";

/// Copy a knowledge base between SQLite and PostgreSQL.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The knowledge base to read: an SQLite file or a postgres:// address
    #[arg(long, value_name = "PATH|URL")]
    from: String,
    /// The knowledge base to write into: an SQLite file or a postgres:// address
    #[arg(long, value_name = "PATH|URL")]
    to: String,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.from == args.to {
        bail!("--from and --to both name {}: give two databases", shown(&args.from));
    }
    let started = Instant::now();
    let from = Db::open_existing(&args.from)?;
    let mut to = Db::create(&args.to)?;
    let total = from.document_count()?;
    let copied = copy_documents(&from, &mut to, |n| eprint!("\raccord: {n} of {total} documents copied"))?;
    eprintln!();
    to.checkpoint()?;
    for id in &copied.refused {
        eprintln!("accord: not copied: \"{id}\" is a different document in {}, left as it was", to.shown());
    }
    println!(
        "{} -> {}: {} in {:.1} s: {} added, {} unchanged, {} refused; {} documents there",
        from.shown(),
        to.shown(),
        super::count(total, "document"),
        started.elapsed().as_secs_f64(),
        copied.added,
        copied.unchanged,
        copied.refused.len(),
        to.document_count()?
    );
    Ok(if copied.refused.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
