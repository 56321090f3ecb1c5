//! `accord ingest`: read articles, extract their facts in parallel, and
//! store them with one writer, then recompute the merged knowledge base.

use super::kb::DbArg;
use accord_doc::facts::DocFacts;
use accord_doc::Document;
use accord_read::{expand, read_source, Input};
use accord_store::{Incoming, KnowledgeStore, MergeSummary, Put, SqliteStore};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  accord ingest ../shared/corpus                 every article under the folder, into ./accord.db
  accord ingest news/ --db relations.db          another database file (or set ACCORD_DB)
  accord ingest feed.jsonl                       one article per JSON line
  accord ingest corpus/ --force                  extract and store every document again

What it does:
  Each document is stored in its own transaction with its facts (entities, events, agreements,
  figures, commitments: each row with its document, byte offsets, quote and rule) and its
  sentences (for `accord search`). A document whose id and content are already stored is
  skipped, so ingesting the same corpus twice changes nothing; a document with a known id and
  new content replaces its old records. After the batch the merged tables (one record per real
  thing, citing every document) are recomputed from all stored documents.
  The database is SQLite (WAL mode), readable with sqlite3 or Datasette: see docs/schema.md.

Then ask:  accord timeline VN BY   accord search \"visa\"   accord export --format json --out out/

Exit status: 0 when every input was stored, 1 when some could not be read (each is named on
standard error; the others are still stored), 2 on a database or usage error.";

/// Store articles and their facts in the knowledge base.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files, directories (searched recursively), or - for standard input
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    #[command(flatten)]
    db: DbArg,
    /// Extract and store every document again, even when unchanged
    #[arg(long)]
    force: bool,
    /// Worker threads for extraction (default: one per core)
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
}

/// The extractor that wrote a document's facts: an ingest by another
/// version reads unchanged documents again.
pub const EXTRACTOR: &str = concat!("accord ", env!("CARGO_PKG_VERSION"));

/// What an ingest did.
#[derive(Debug, Default)]
pub struct Report {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub bytes: usize,
    pub store_secs: f64,
    pub merge: MergeSummary,
    pub merge_secs: f64,
}

impl Report {
    pub fn stored(&self) -> usize {
        self.added + self.replaced + self.unchanged
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .ok();
    }
    let path = args.db.path();
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::from_arg(p)).collect();
    let (sources, errors) = expand(&inputs);
    for e in &errors {
        eprintln!("accord: {e}");
    }
    let docs = sources
        .iter()
        .flat_map(read_source)
        .map(|r| r.map_err(|e| e.to_string()));
    let progress = progress_bar();
    let mut report = ingest(&path, docs, args.force, &progress)?;
    report.failed += errors.len();
    progress.finish_and_clear();
    print_summary(&path, &report);
    Ok(if report.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn print_summary(path: &Path, r: &Report) {
    let m = &r.merge;
    println!(
        "{}: {} documents in {:.1} s ({:.0} documents/s, {:.1} MB/s): {} added, {} replaced, {} unchanged{}",
        path.display(),
        r.stored(),
        r.store_secs,
        r.stored() as f64 / r.store_secs.max(1e-9),
        r.bytes as f64 / 1e6 / r.store_secs.max(1e-9),
        r.added,
        r.replaced,
        r.unchanged,
        if r.failed > 0 { format!(", {} could not be read (see above)", r.failed) } else { String::new() }
    );
    println!(
        "knowledge base: {} documents; {} entities, {} events, {} agreements, {} figures, {} commitments, {} conflicts{}",
        m.documents,
        m.entities,
        m.events,
        m.agreements,
        m.figures,
        m.commitments,
        m.conflicts,
        if m.recomputed { format!(" (merged in {:.1} s)", r.merge_secs) } else { " (unchanged)".to_string() }
    );
}

pub fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {pos} documents  {per_sec}  [{elapsed_precise}]  {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// Documents are extracted in batches of about this many bytes, in
/// parallel, while the writer stores the batch before.
const BATCH_BYTES: usize = 4 << 20;
const BATCH_DOCS: usize = 512;

/// Ingest documents into the database at `path` (created if needed): the
/// pipeline of `accord ingest`, shared with `accord bench-kb`.
pub fn ingest(
    path: &Path,
    docs: impl Iterator<Item = Result<Document, String>>,
    force: bool,
    progress: &ProgressBar,
) -> Result<Report> {
    let started = Instant::now();
    let store = SqliteStore::create(path)?;
    // A second handle reads stored hashes beside the writer (WAL lets a
    // reader run during writes), so unchanged documents skip extraction.
    let reader = SqliteStore::open_existing(path)?;
    let (send, receive) = mpsc::sync_channel::<Vec<(Incoming, DocFacts)>>(2);
    let writer_progress = progress.clone();
    let writer = std::thread::spawn(move || -> Result<(SqliteStore, Report)> {
        let mut store = store;
        let mut report = Report::default();
        for batch in receive {
            for (incoming, facts) in batch {
                match store.put_document(&incoming, &facts, EXTRACTOR, force)? {
                    Put::Added => report.added += 1,
                    Put::Replaced => report.replaced += 1,
                    Put::Unchanged => report.unchanged += 1,
                }
                writer_progress.inc(1);
            }
        }
        Ok((store, report))
    });

    let mut failed = 0usize;
    let mut skipped = 0usize;
    let mut bytes = 0usize;
    let mut batch: Vec<Document> = Vec::new();
    let mut batch_bytes = 0usize;
    // Hash and split a batch, skip the documents stored as they are, and
    // extract the others.
    let prepare = |docs: Vec<Document>| -> Result<(usize, Vec<(Incoming, DocFacts)>)> {
        let prepared: Vec<(Incoming, Document)> = docs
            .into_par_iter()
            .map(|d| (Incoming::read(&d), d))
            .collect();
        let ids: Vec<&str> = prepared.iter().map(|(i, _)| i.id.as_str()).collect();
        let known = reader.known(&ids)?;
        let (fresh, same): (Vec<_>, Vec<_>) = prepared.into_iter().partition(|(i, _)| {
            force
                || known
                    .get(&i.id)
                    .is_none_or(|(hash, ex)| *hash != i.content_hash || ex != EXTRACTOR)
        });
        progress.inc(same.len() as u64);
        let extracted = fresh
            .into_par_iter()
            .map(|(i, d)| (i, accord_extract::document(d)))
            .collect();
        Ok((same.len(), extracted))
    };
    let mut docs = docs.peekable();
    while docs.peek().is_some() || !batch.is_empty() {
        match docs.next() {
            Some(Ok(doc)) => {
                for w in &doc.warnings {
                    progress.suspend(|| eprintln!("accord: warning: {w}"));
                }
                bytes += doc.text.len();
                batch_bytes += doc.text.len();
                batch.push(doc);
                if batch_bytes < BATCH_BYTES && batch.len() < BATCH_DOCS {
                    continue;
                }
            }
            Some(Err(e)) => {
                failed += 1;
                progress.suspend(|| eprintln!("accord: {e}"));
                continue;
            }
            None => {}
        }
        let (same, extracted) = prepare(std::mem::take(&mut batch))?;
        batch_bytes = 0;
        skipped += same;
        if send.send(extracted).is_err() {
            // The writer stopped on an error: it is reported when joined.
            break;
        }
    }
    drop(send);
    let (mut store, mut report) = match writer.join() {
        Ok(result) => result.context("storing a document failed")?,
        Err(_) => anyhow::bail!("the database writer stopped unexpectedly"),
    };
    report.unchanged += skipped;
    report.failed = failed;
    report.bytes = bytes;
    report.store_secs = started.elapsed().as_secs_f64();
    progress.set_message("merging");
    let t = Instant::now();
    report.merge = store.refresh_merged(false)?;
    report.merge_secs = t.elapsed().as_secs_f64();
    store.checkpoint()?;
    Ok(report)
}
