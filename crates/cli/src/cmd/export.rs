//! `accord export`: the merged knowledge base as JSON (the facts.md shape
//! the scorer reads), JSON Lines, CSV files, or a PLOVER/CAMEO event table.

use super::kb::DbArg;
use super::query::DatesArg;
use accord_store::export::{csv_files, knowledge_base_json, plover_events, within, write_json_lines, write_plover_csv};
use accord_store::KnowledgeStore;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  accord export --format json --out out/ --id seeds     out/seeds.json: the whole knowledge base
  accord export --format jsonl > kb.jsonl               one record a line, with its kind
  accord export --format csv --out kb-csv/              entities.csv events.csv agreements.csv figures.csv
                                                        commitments.csv sources.csv conflicts.csv
  accord export --format plover > events.csv            event table coded to PLOVER and CAMEO
  accord export --format jsonl --since 2024 | head      the records dated 2024 or later

Formats:
  json    one document in the shape of `accord extract`'s output: {\"doc\": {\"id\": ID}, \"entities\": [...],
          \"events\": [...], ...}, every record with its `id` and `sources` ([{doc, start, end, quote}]),
          plus \"conflicts\". With --out DIR it is written to DIR/<ID>.json.
  jsonl   every record (and conflict) as one JSON line with a `kind` field.
  csv     a file per record kind into --out DIR (required); lists are joined with |.
  plover  one row per event, signed agreement and commitment: PLOVER type, mode and context, CAMEO code,
          source and target country (ISO alpha-3), date, sources. The mapping is in docs/plover.md.

--since and --until (2024, 2024-05, 2024-05-11) keep the records dated within them: events by date,
agreements by date signed (or in force), figures by period, commitments by the earliest publication of their
documents; undated records are left out, every entity is kept.";

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    Plover,
}

/// Export the merged knowledge base.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Write into this folder (created if needed) instead of standard output; required for csv
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The id of the exported corpus (doc.id and file name) [default: the database file's name without extension]
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    #[command(flatten)]
    dates: DatesArg,
    #[command(flatten)]
    db: DbArg,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let dates = args.dates.dates();
    dates.check()?;
    let store = args.db.open_for_reading()?;
    if store.document_count()? == 0 {
        bail!("the database {} holds no documents yet: run `accord ingest PATH` first", store.shown());
    }
    let id = match args.id {
        Some(id) => id,
        None => export_name(&args.db.name()),
    };
    let safe_id: String = id.chars().map(|c| if matches!(c, '/' | '\\' | '\0') { '_' } else { c }).collect();
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    }
    let published = store.published_dates()?;
    let kb = within(store.knowledge_base()?, &dates, &published);
    match args.format {
        Format::Json => {
            let value = knowledge_base_json(&kb, &id);
            write_to(args.out.as_deref(), &format!("{safe_id}.json"), |w| {
                serde_json::to_writer_pretty(&mut *w, &value)?;
                Ok(w.write_all(b"\n")?)
            })?;
        }
        Format::Jsonl => write_to(args.out.as_deref(), &format!("{safe_id}.jsonl"), |mut w| Ok(write_json_lines(&kb, &mut w)?))?,
        Format::Csv => {
            let Some(dir) = &args.out else {
                bail!("--format csv writes one file per record kind: give the folder with --out DIR");
            };
            for file in csv_files(&kb) {
                write_to(Some(dir), &file.name, |mut w| Ok(file.write(&mut w)?))?;
            }
        }
        Format::Plover => {
            let rows = plover_events(&kb, &published);
            write_to(args.out.as_deref(), &format!("{safe_id}-plover.csv"), |mut w| Ok(write_plover_csv(&rows, &mut w)?))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Write to DIR/name, or to standard output when there is no folder.
fn write_to(dir: Option<&Path>, name: &str, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    match dir {
        Some(dir) => {
            let path = dir.join(name);
            let file = std::fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
            let mut w = std::io::BufWriter::new(file);
            write(&mut w).with_context(|| format!("cannot write {}", path.display()))?;
            w.flush().with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            write(&mut w).context("cannot write to standard output")?;
            w.flush().context("cannot write to standard output")
        }
    }
}

/// The default name of an export: the database file's name without its
/// extension, or a PostgreSQL database's name.
fn export_name(db: &str) -> String {
    if accord_store::is_postgres_url(db) {
        let name = db.split('?').next().unwrap_or(db).rsplit('/').next().unwrap_or_default();
        return if name.is_empty() || name.contains('@') { "accord".into() } else { name.to_string() };
    }
    std::path::Path::new(db).file_stem().map_or("accord".into(), |s| s.to_string_lossy().into_owned())
}
