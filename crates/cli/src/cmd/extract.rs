//! `accord extract`: the facts of each document, as JSON.

use accord_doc::facts::DocFacts;
use accord_doc::{Document, Lang};
use accord_read::{expand, read_source, Input};
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  accord extract examples/                     JSON Lines on standard output, one document a line
  accord extract article.txt --pretty          one document, indented
  accord extract corpus/ --out facts/          one facts/<id>.json per document
  cat news.txt | accord extract -              standard input, read as plain text
  accord extract feed.jsonl --explain          keep the rule behind every record

Inputs:
  .txt .md     plain text; a first line ' date YYYY-MM-DD' (or YYYY-MM) is the publication date,
               a dateline such as 'HÀ NỘI —' or 'Moscow (VNA) –' fills doc.dateline and doc.source
  .html .htm   the article text is extracted; the date comes from <meta>/<time> tags
  .jsonl       one article per line: {\"id\", \"text\", \"published\"?, \"lang\"?, \"url\"?, \"title\"?}
  directories  searched recursively for the extensions above, in name order

Output: {\"doc\": {...}, \"entities\": [...], \"events\": [...],
\"agreements\": [...], \"figures\": [...], \"commitments\": [...]}, every record with the byte offsets
and the quote of the sentence it came from.

Exit status: 0 when every input was read, 1 when some could not be (each is named on standard
error; the others are still processed), 2 on a usage or output error.";

/// Extract entities, events, agreements, figures and commitments from articles.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files, directories (searched recursively), or - for standard input
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Write one <id>.json per document into DIR (created if needed) instead of JSON Lines on standard output
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Keep in every record the name of the rule that produced it
    #[arg(long)]
    explain: bool,
    /// Indent the JSON (with --out, or one document per object on standard output)
    #[arg(long)]
    pretty: bool,
    /// The language of every input (en, vi, ru) instead of detecting it per document
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// Worker threads (default: one per core)
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
}

/// Documents are processed in batches of this many bytes, in parallel within
/// a batch and written in input order.
const BATCH_BYTES: usize = 8 << 20;

pub fn run(args: Args) -> Result<ExitCode> {
    let lang = match args.lang.as_deref() {
        Some(code) => match Lang::from_code(code) {
            Some(l) => Some(l),
            None => {
                let known: Vec<&str> = Lang::known().iter().map(|l| l.code()).collect();
                bail!("unknown language '{code}': use {} (or leave --lang out to detect it)", known.join(", "))
            }
        },
        None => None,
    };
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).build_global().ok();
    }
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    }
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::from_arg(p)).collect();
    let (sources, mut failed) = {
        let (s, errors) = expand(&inputs);
        for e in &errors {
            eprintln!("accord: {e}");
        }
        (s, errors.len())
    };

    let progress = progress_bar(sources.len());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut batch: Vec<Document> = Vec::new();
    let mut batch_bytes = 0;
    let mut written = 0usize;
    for source in &sources {
        for item in read_source(source) {
            match item {
                Ok(mut doc) => {
                    for w in &doc.warnings {
                        progress.suspend(|| eprintln!("accord: warning: {w}"));
                    }
                    if let Some(l) = lang {
                        doc.meta.lang = l;
                    }
                    batch_bytes += doc.text.len();
                    batch.push(doc);
                    if batch_bytes >= BATCH_BYTES {
                        written += flush(&mut batch, &args, &mut out)?;
                        batch_bytes = 0;
                        progress.set_message(super::count(written as u64, "document"));
                    }
                }
                Err(e) => {
                    failed += 1;
                    progress.suspend(|| eprintln!("accord: {e}"));
                }
            }
        }
        progress.inc(1);
    }
    written += flush(&mut batch, &args, &mut out)?;
    out.flush().context("cannot write to standard output")?;
    progress.finish_and_clear();
    if std::io::stderr().is_terminal() || failed > 0 {
        eprintln!(
            "accord: {} from {}{}",
            super::count(written as u64, "document"),
            super::count(sources.len() as u64, "input"),
            if failed > 0 { format!("; {failed} could not be read (see above)") } else { String::new() }
        );
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn progress_bar(sources: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() || sources < 50 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(sources as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} inputs  {per_sec}  {msg}  [{elapsed_precise}]")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

fn flush(batch: &mut Vec<Document>, args: &Args, out: &mut impl Write) -> Result<usize> {
    let docs = std::mem::take(batch);
    let facts: Vec<DocFacts> = docs
        .into_par_iter()
        .map(|d| {
            let mut f = accord_extract::document(d);
            if !args.explain {
                strip_rules(&mut f);
            }
            f
        })
        .collect();
    for f in &facts {
        match &args.out {
            Some(dir) => write_file(dir, f, args.pretty)?,
            None => {
                if args.pretty {
                    serde_json::to_writer_pretty(&mut *out, f)?;
                } else {
                    serde_json::to_writer(&mut *out, f)?;
                }
                out.write_all(b"\n").context("cannot write to standard output")?;
            }
        }
    }
    Ok(facts.len())
}

fn write_file(dir: &Path, facts: &DocFacts, pretty: bool) -> Result<()> {
    let name: String = facts.doc.id.chars().map(|c| if c == '/' || c == '\\' || c == '\0' { '_' } else { c }).collect();
    let path = dir.join(format!("{name}.json"));
    let json = if pretty { serde_json::to_vec_pretty(facts)? } else { serde_json::to_vec(facts)? };
    std::fs::write(&path, json).with_context(|| format!("cannot write {}", path.display()))
}

fn strip_rules(f: &mut DocFacts) {
    f.entities.iter_mut().for_each(|r| r.rule = None);
    f.events.iter_mut().for_each(|r| r.rule = None);
    f.agreements.iter_mut().for_each(|r| r.rule = None);
    f.figures.iter_mut().for_each(|r| r.rule = None);
    f.commitments.iter_mut().for_each(|r| r.rule = None);
}
