//! `accord ingest`: read articles, extract their facts in parallel, and
//! store them with one writer, then recompute the merged knowledge base.

use super::count;
use super::kb::DbArg;
use accord_doc::facts::DocFacts;
use accord_doc::Document;
use accord_read::{expand, read_as, read_source, Input};
use accord_store::{kept_id, Db, ErrorKind, Incoming, KnowledgeStore, MergeSummary, OnConflict, Put, PutOptions};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  accord ingest examples/                        every article under the folder, into ./accord.db
  accord ingest news/ --db relations.db          another database file (or set ACCORD_DB)
  accord ingest feed.jsonl                       one article per JSON line
  pbpaste | accord ingest -                      standard input, named by its content
  accord ingest note.txt --id talks-2024-05      one file (or -) under an id of your choosing
  accord ingest news/ --on-conflict keep-both    keep a different article under a taken id too
  accord ingest corpus/ --force                  extract and store every document again

Ids:
  A file's document is named by the file name without its extension (report.txt: report); a
  JSON line by its \"id\"; --id names a single input. Standard input and JSON lines without an
  \"id\" are named by their content (doc- and 16 hex digits): the same text gets the same id,
  two different texts never share one.

What it does:
  Each document is stored in its own transaction with its facts (entities, events, agreements,
  figures, commitments: each row with its document, byte offsets, quote and rule) and its
  sentences (for `accord search`). A document whose id and content are already stored is
  skipped and counted as unchanged, so ingesting the same corpus twice changes nothing. A
  different article under an id already stored is a conflict: by default it is refused and
  named on standard error, and the stored one stays as it is (see --on-conflict). After the
  batch the merged tables (one record per real thing, citing every document) are recomputed
  from all stored documents. `accord delete ID...` removes documents.
  The database is SQLite (WAL mode), readable with sqlite3 or Datasette: see docs/schema.md.

Then ask:  accord timeline VN BY   accord search \"visa\"   accord export --format json --out out/

Exit status: 0 when every input was stored (or found unchanged), 1 when some could not be read
or were refused as conflicts (each is named on standard error; the others are still stored),
2 on a database or usage error.";

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
    /// Store the single input (one file, or - for standard input) under this id
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// A different article under an id already stored: refuse it (and say so), keep both (the
    /// new one under ID-<8 hex of its content>), or replace the stored one
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = Conflict::Refuse)]
    on_conflict: Conflict,
}

/// `--on-conflict`, as the store's [`OnConflict`].
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum Conflict {
    Refuse,
    KeepBoth,
    Replace,
}

impl From<Conflict> for OnConflict {
    fn from(c: Conflict) -> OnConflict {
        match c {
            Conflict::Refuse => OnConflict::Refuse,
            Conflict::KeepBoth => OnConflict::KeepBoth,
            Conflict::Replace => OnConflict::Replace,
        }
    }
}

/// The extractor that wrote a document's facts: an ingest by another
/// version reads unchanged documents again.
pub const EXTRACTOR: &str = concat!("accord ", env!("CARGO_PKG_VERSION"));

/// What an ingest did.
#[derive(Debug, Default)]
pub struct Report {
    pub added: usize,
    /// Different articles under a stored id, stored beside it (keep-both).
    pub kept: usize,
    pub replaced: usize,
    /// The same articles, extracted again (another accord, or --force).
    pub reread: usize,
    pub unchanged: usize,
    /// Different articles under a stored id, not stored (the default).
    pub refused: usize,
    /// Inputs that could not be read, and documents that failed to store.
    pub failed: usize,
    pub bytes: usize,
    pub store_secs: f64,
    pub merge: MergeSummary,
    pub merge_secs: f64,
}

impl Report {
    pub fn stored(&self) -> usize {
        self.added + self.kept + self.replaced + self.reread + self.unchanged
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).build_global().ok();
    }
    let db = args.db.name();
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::from_arg(p)).collect();
    let (sources, errors) = match &args.id {
        Some(_) if inputs.len() != 1 => anyhow::bail!(
            "--id names one document, and {} were given: ingest them one at a time, or leave out --id",
            super::count(inputs.len() as u64, "input")
        ),
        Some(_) => (Vec::new(), Vec::new()),
        None => expand(&inputs),
    };
    for e in &errors {
        eprintln!("accord: {e}");
    }
    let docs: Box<dyn Iterator<Item = Result<Document, String>>> = match &args.id {
        Some(id) => Box::new(std::iter::once(read_as(&inputs[0], id).map_err(|e| e.to_string()))),
        None => Box::new(sources.iter().flat_map(read_source).map(|r| r.map_err(|e| e.to_string()))),
    };
    let progress = progress_bar();
    let options = Options { force: args.force, on_conflict: args.on_conflict.into() };
    let mut report = ingest(&db, docs, options, &progress)?;
    report.failed += errors.len();
    progress.finish_and_clear();
    print_summary(&db, &report);
    Ok(if report.failed + report.refused > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// How an ingest writes what it reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Extract and store every document again, even when unchanged.
    pub force: bool,
    pub on_conflict: OnConflict,
}

pub fn print_summary(db: &str, r: &Report) {
    let m = &r.merge;
    println!(
        "{}: {} in {:.1} s ({:.0} documents/s, {:.1} MB/s): {} added, {} replaced, {} unchanged{}",
        accord_store::shown(db),
        count(r.stored() as u64, "document"),
        r.store_secs,
        r.stored() as f64 / r.store_secs.max(1e-9),
        r.bytes as f64 / 1e6 / r.store_secs.max(1e-9),
        r.added,
        r.replaced,
        r.unchanged,
        [
            (r.kept, "kept beside a different document under a new id"),
            (r.reread, "read again"),
            (r.refused, "refused: a different document holds the id (see above)"),
            (r.failed, "could not be read or stored (see above)"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!(", {n} {what}"))
        .collect::<String>()
    );
    println!(
        "knowledge base: {}; {}, {}, {}, {}, {}, {}{}",
        count(m.documents as u64, "document"),
        count(m.entities as u64, "entity"),
        count(m.events as u64, "event"),
        count(m.agreements as u64, "agreement"),
        count(m.figures as u64, "figure"),
        count(m.commitments as u64, "commitment"),
        count(m.conflicts as u64, "conflict"),
        if m.recomputed { format!(" (merged in {:.1} s)", r.merge_secs) } else { " (unchanged)".to_string() }
    );
}

pub fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} documents  {per_sec}  [{elapsed_precise}]  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// How a document is named in messages: where it was read from (a path,
/// `feed.jsonl:3`, `<stdin>`), else its id.
fn name(incoming: &Incoming) -> &str {
    incoming.origin.as_deref().unwrap_or(&incoming.id)
}

/// Standard input's id comes from its content: the user learns it from us.
fn from_stdin(incoming: &Incoming) -> bool {
    incoming.origin.as_deref() == Some(Input::Stdin.display_name().as_str())
}

/// Documents are extracted in batches of about this many bytes, in
/// parallel, while the writer stores the batch before.
const BATCH_BYTES: usize = 4 << 20;
const BATCH_DOCS: usize = 512;

/// Count a document's outcome in `report`, and say what a user would not
/// expect: where an article went, and why one was not stored.
fn count_put(report: &mut Report, incoming: &Incoming, put: accord_store::Result<Put>, progress: &ProgressBar) {
    let say = |what: String| progress.suspend(|| eprintln!("accord: {}: {what}", name(incoming)));
    match put {
        Ok(Put::Added) => {
            report.added += 1;
            if from_stdin(incoming) {
                say(format!("stored as \"{}\"", incoming.id));
            }
        }
        Ok(Put::KeptAs(id)) => {
            report.kept += 1;
            say(format!("a different document holds the id \"{}\"; this one is stored as \"{id}\"", incoming.id));
        }
        Ok(Put::Replaced) => {
            report.replaced += 1;
            say(format!("replaced the different document stored as \"{}\"", incoming.id));
        }
        Ok(Put::Reread) => report.reread += 1,
        Ok(Put::Unchanged) => {
            report.unchanged += 1;
            if from_stdin(incoming) {
                say(format!("unchanged: already stored as \"{}\"", incoming.id));
            }
        }
        Err(e) if e.kind == ErrorKind::Conflict => {
            report.refused += 1;
            say(format!("not stored: {e}"));
        }
        Err(e) => {
            report.failed += 1;
            say(format!("not stored: {e}"));
        }
    }
}

/// Hash and split a batch, skip the documents stored as they are (under
/// their id, or kept beside another), and extract the others: how many
/// were skipped, and the others with their facts.
fn extract_new(reader: &Db, docs: Vec<Document>, options: Options, progress: &ProgressBar) -> Result<(usize, Vec<(Incoming, DocFacts)>)> {
    let prepared: Vec<(Incoming, Document)> = docs.into_par_iter().map(|d| (Incoming::read(&d), d)).collect();
    // Where each article may be stored: under its id, and with
    // keep-both, beside another article under the id its content gives.
    let keep_both = options.on_conflict == OnConflict::KeepBoth;
    let places = |i: &Incoming| {
        let kept = keep_both.then(|| kept_id(&i.id, &i.content_hash));
        std::iter::once(i.id.clone()).chain(kept)
    };
    let ids: Vec<String> = prepared.iter().flat_map(|(i, _)| places(i)).collect();
    let known = reader.known(&ids.iter().map(String::as_str).collect::<Vec<_>>())?;
    let stored_as = |i: &Incoming| places(i).find(|id| known.get(id).is_some_and(|(hash, ex)| *hash == i.content_hash && ex == EXTRACTOR));
    let mut same = 0;
    let mut fresh = Vec::with_capacity(prepared.len());
    for (incoming, doc) in prepared {
        match stored_as(&incoming).filter(|_| !options.force) {
            Some(id) => {
                same += 1;
                if from_stdin(&incoming) {
                    progress.suspend(|| eprintln!("accord: {}: unchanged: already stored as \"{id}\"", name(&incoming)));
                }
            }
            None => fresh.push((incoming, doc)),
        }
    }
    progress.inc(same as u64);
    let extracted = fresh.into_par_iter().map(|(i, d)| (i, accord_extract::document(d))).collect();
    Ok((same, extracted))
}

/// Ingest documents into the database `db` (an SQLite file, created if
/// needed, or a PostgreSQL address): the
/// pipeline of `accord ingest`, shared with `accord bench-kb`.
pub fn ingest(db: &str, docs: impl Iterator<Item = Result<Document, String>>, options: Options, progress: &ProgressBar) -> Result<Report> {
    let force = options.force;
    let started = Instant::now();
    let store = Db::create(db)?;
    // A second handle reads stored hashes beside the writer (WAL lets a
    // reader run during writes), so unchanged documents skip extraction.
    let reader = Db::open_existing(db)?;
    let (send, receive) = mpsc::sync_channel::<Vec<(Incoming, DocFacts)>>(2);
    let writer_progress = progress.clone();
    let writer = std::thread::spawn(move || -> Result<(Db, Report)> {
        let mut store = store;
        let mut report = Report::default();
        let put_options = PutOptions { extractor: EXTRACTOR, force, on_conflict: options.on_conflict };
        for batch in receive {
            let puts = store.put_documents(&batch, &put_options)?;
            for ((incoming, _), put) in batch.iter().zip(puts) {
                count_put(&mut report, incoming, put, &writer_progress);
            }
            writer_progress.inc(batch.len() as u64);
        }
        Ok((store, report))
    });

    let mut failed = 0usize;
    let mut skipped = 0usize;
    let mut bytes = 0usize;
    let mut batch: Vec<Document> = Vec::new();
    let mut batch_bytes = 0usize;
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
        let (same, extracted) = extract_new(&reader, std::mem::take(&mut batch), options, progress)?;
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
    report.failed += failed;
    report.bytes = bytes;
    report.store_secs = started.elapsed().as_secs_f64();
    progress.set_message("merging");
    let t = Instant::now();
    report.merge = store.refresh_merged(false)?;
    report.merge_secs = t.elapsed().as_secs_f64();
    store.checkpoint()?;
    Ok(report)
}
