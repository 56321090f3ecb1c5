//! `accord bench-kb`: ingest throughput, database size and query latency on
//! a corpus replicated to many documents, in a temporary database.

use super::ingest::{ingest, print_summary, progress_bar, Options};
use accord_doc::Document;
use accord_read::{expand, read_source, Input};
use accord_store::{country_name, Dates, Db, KnowledgeStore, Query};
use anyhow::{bail, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::process::{Command, Stdio};
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  accord bench-kb                                  examples/ replicated to 100000 documents
  accord bench-kb news/ --docs 20000               your own articles, a smaller run
  accord bench-kb corpus/ --keep bench.db          keep the database to look at afterwards

Each copy of an article gets its own id and a distinct last line, so every content hash differs and
every copy is extracted and stored. Reports documents/s and MB/s of the ingest (extraction, storage
and the merge), database bytes per document, the latency of each query command (median of 5), and the time and peak memory of an incremental
ingest of --more documents into the full database next to the same into an empty one.
Goals: at least 2000 documents/s, under 50 ms per query.
Build with --release: cargo run --release -p accord -- bench-kb";

/// Measure the knowledge base: ingest rate, size per document, query latency.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files or directories of articles to replicate
    #[arg(value_name = "PATH", default_value = "examples")]
    paths: Vec<String>,
    /// Number of documents to ingest
    #[arg(long, default_value_t = 100_000)]
    docs: usize,
    /// Keep the database at this path (default: a temporary file, removed after)
    #[arg(long, value_name = "PATH")]
    keep: Option<PathBuf>,
    /// Then ingest this many more documents into the full database and into
    /// an empty one, each by a separate `accord ingest`: time and peak memory
    #[arg(long, default_value_t = 1000, value_name = "N")]
    more: usize,
    /// Worker threads for extraction (default: one per core)
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Then the same into this PostgreSQL database (it must hold no
    /// documents): ingest with one worker and with two, and query latency
    #[arg(long, value_name = "URL")]
    postgres: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).build_global().ok();
    }
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::from_arg(p)).collect();
    let (sources, errors) = expand(&inputs);
    for e in &errors {
        eprintln!("accord: {e}");
    }
    let originals: Vec<Document> = sources.iter().flat_map(read_source).filter_map(Result::ok).collect();
    if originals.is_empty() {
        bail!("no documents to replicate in {}", args.paths.join(", "));
    }
    let (path, temp) = match &args.keep {
        Some(p) => (p.clone(), false),
        None => (std::env::temp_dir().join(format!("accord-bench-{}.db", std::process::id())), true),
    };
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    println!("corpus: {} originals replicated to {} documents into {}", originals.len(), args.docs, path.display());

    let copies = (0..args.docs).map(|n| Ok(copy(&originals, n)));
    let progress = progress_bar();
    let report = ingest(&path.to_string_lossy(), copies, Options::default(), &progress)?;
    progress.finish_and_clear();
    print_summary(&path.to_string_lossy(), &report);
    let total_secs = report.store_secs + report.merge_secs;
    let size: u64 = ["", "-wal"].iter().filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok()).map(|m| m.len()).sum();
    println!(
        "ingest with merge: {:.0} documents/s; database {:.1} MB, {:.1} KB per document",
        report.stored() as f64 / total_secs.max(1e-9),
        size as f64 / 1e6,
        size as f64 / 1e3 / args.docs.max(1) as f64
    );

    let store = Db::open_existing(&path.to_string_lossy())?;
    time_queries(&store)?;
    drop(store);
    if args.more > 0 {
        incremental(&path, &originals, args.docs, args.more, total_secs)?;
    }
    if let Some(url) = &args.postgres {
        super::bench_kb_pg::run(url, &originals, args.docs)?;
    }
    if temp {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The latency of each query command on `store` (median of 5), for its
/// two most common parties.
pub fn time_queries(store: &Db) -> Result<()> {
    let parties = store.top_parties(2)?;
    let (a, b) = match parties.as_slice() {
        [a, b, ..] => (a.clone(), b.clone()),
        _ => ("VN".to_string(), "BY".to_string()),
    };
    let name = country_name(&a).unwrap_or("Vietnam").to_string();
    let id = store.most_cited_record()?.unwrap_or_default();
    let queries = [
        ("timeline", Query::Timeline { a: a.clone(), b: b.clone(), dates: Dates::any() }),
        ("agreements", Query::Agreements { a: a.clone(), b: b.clone(), dates: Dates::any() }),
        ("figures", Query::Figures { a: a.clone(), b: b.clone(), dates: Dates::any() }),
        ("commitments", Query::Commitments { a: a.clone(), b: b.clone(), area: None, dates: Dates::any() }),
        ("commitments --area", Query::Commitments { a: a.clone(), b: b.clone(), area: Some("trade".into()), dates: Dates::any() }),
        ("pairs", Query::Pairs),
        ("partners", Query::Partners { country: a.clone() }),
        ("entity", Query::Entity { name: name.clone() }),
        ("conflicts", Query::Conflicts { pair: Some((a.clone(), b.clone())) }),
        ("search", Query::Search { text: name.clone(), limit: 20 }),
        ("sources", Query::Sources { id: id.clone(), limit: 1000 }),
        ("sources --limit 0", Query::Sources { id, limit: 0 }),
    ];
    println!("queries ({a} {b}; entity and search \"{name}\"), median of 5:");
    println!("  {:<20} {:>10} {:>8}", "command", "ms", "rows");
    for (label, q) in &queries {
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let t = Instant::now();
            match store.query(q) {
                Ok(table) => rows = table.rows.len(),
                Err(e) => {
                    rows = 0;
                    eprintln!("accord: {label}: {e}");
                }
            }
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        println!("  {:<20} {:>10.2} {:>8}", label, times[2], rows);
    }
    Ok(())
}

/// Copy `n` of the originals: its own id and a distinct last line (another
/// hash, the same facts).
pub fn copy(originals: &[Document], n: usize) -> Document {
    let original = &originals[n % originals.len()];
    let mut doc = original.clone();
    doc.meta.id = format!("{}~{}", original.meta.id, n);
    let line = format!("\n\nRef. {n}.");
    doc.text.push_str(&line);
    // The text as read (when the door changed it) ends the same way.
    if let Some(input) = doc.input.as_mut() {
        input.text.push_str(&line);
    }
    if doc.body.end == original.text.len() {
        doc.body.end = doc.text.len();
    }
    doc
}

/// The incremental ingest: `more` new documents into the database of
/// `stored`, and the same into an empty database, each by a separate
/// `accord ingest` process, so that its time and peak memory are its own.
fn incremental(db: &Path, originals: &[Document], stored: usize, more: usize, full_secs: f64) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("accord-bench-more-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("more.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file)?);
    for n in stored..stored + more {
        let doc = copy(originals, n);
        let line = serde_json::json!({
            "id": doc.meta.id,
            "text": doc.input_text(),
            "lang": doc.meta.lang.code(),
            "published": doc.meta.published.map(|d| d.to_string()),
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    drop(out);
    let (secs, peak) = child_ingest(&file, db)?;
    let (fresh_secs, fresh_peak) = child_ingest(&file, &dir.join("empty.db"))?;
    println!(
        "incremental ingest of {more} more documents: {secs:.2} s and {peak:.0} MB peak into the {stored}-document database \
         ({:.1}% of the full ingest's time); {fresh_secs:.2} s and {fresh_peak:.0} MB peak into an empty one",
        100.0 * secs / full_secs.max(1e-9)
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

/// Wall-clock seconds and peak resident megabytes of `accord ingest FILE
/// --db DB`. The peak is the child's own high-water mark (`VmHWM`), read
/// while it runs: the rusage of a child also counts the parent's pages
/// it was forked with.
fn child_ingest(file: &Path, db: &Path) -> Result<(f64, f64)> {
    let t = Instant::now();
    let mut child = Command::new(std::env::current_exe()?)
        .arg("ingest")
        .arg(file)
        .arg("--db")
        .arg(db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    let status = loop {
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            let hwm = text.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok());
            peak_kb = peak_kb.max(hwm.unwrap_or(0));
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    if !status.success() {
        bail!("the incremental `accord ingest {}` failed ({status})", file.display());
    }
    Ok((t.elapsed().as_secs_f64(), peak_kb as f64 / 1024.0))
}
