//! The `accord` command line: a thin layer over the pipeline crates.

mod allocator;
mod cmd;

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "accord",
    version,
    about = "Turn diplomatic news into a sourced knowledge base of the relations between two countries",
    long_about = "accord reads news articles and official statements (English, Vietnamese; Russian in part) \
and extracts, for every fact, the sentence it came from: the people, countries, organisations and \
places; visits, talks and milestones; agreements; figures such as trade turnover; and commitments.",
    after_help = "Start with:  accord extract examples/ | head\n            accord ingest examples/ && accord timeline VN BY
            accord pairs                      (what the database holds)\nEach command has its own --help."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Read the language folders from DIR (a copy of `data/`, say, with a
    /// new `xx/` folder) instead of the built-in ones; also `ACCORD_DATA=DIR`.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    Extract(cmd::extract::Args),
    Ingest(cmd::ingest::Args),
    Delete(cmd::delete::Args),
    Pairs(cmd::query::PairsArgs),
    Partners(cmd::query::PartnersArgs),
    Timeline(cmd::query::TimelineArgs),
    Agreements(cmd::query::AgreementsArgs),
    Figures(cmd::query::FiguresArgs),
    Commitments(cmd::query::CommitmentsArgs),
    Entity(cmd::query::EntityArgs),
    Conflicts(cmd::query::ConflictsArgs),
    Search(cmd::query::SearchArgs),
    Sources(cmd::query::SourcesArgs),
    Export(cmd::export::Args),
    Copy(cmd::copy::Args),
    Bench(cmd::bench::Args),
    BenchKb(cmd::bench_kb::Args),
    Serve(cmd::serve::Args),
    BenchServe(cmd::bench_serve::Args),
}

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (mimalloc.h), which
/// libmimalloc-sys does not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // mimalloc hands freed pages back to the system after 10 ms by default;
    // extraction frees and reallocates all the time, and every page handed
    // back comes again as a fresh huge page the kernel zeroes (5% of the
    // run). A batch keeps what it had; `serve` stays at its high-water mark.
    // SAFETY: setting an option is a plain store mimalloc reads on its next purge.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    let cli = Cli::parse();
    // Before any stage reads its data: a bad folder is reported here.
    let data = match &cli.data {
        Some(dir) => accord_data::use_dir(dir),
        None => accord_data::use_env(),
    };
    if let Err(err) = data {
        eprintln!("accord: error: language data: {err}");
        return ExitCode::from(2);
    }
    // A stage finds a data file bad when it first loads it, on any thread:
    // that is an error of the data (a folder of --data), not a crash.
    let crash = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| match info.payload().downcast_ref::<String>() {
        Some(message) if message.starts_with("data/") => {
            eprintln!("accord: error: {message}");
            std::process::exit(2)
        }
        _ => crash(info),
    }));
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Delete(args) => cmd::delete::run(args),
        Command::Pairs(args) => cmd::query::pairs(args),
        Command::Partners(args) => cmd::query::partners(args),
        Command::Timeline(args) => cmd::query::timeline(args),
        Command::Agreements(args) => cmd::query::agreements(args),
        Command::Figures(args) => cmd::query::figures(args),
        Command::Commitments(args) => cmd::query::commitments(args),
        Command::Entity(args) => cmd::query::entity(args),
        Command::Conflicts(args) => cmd::query::conflicts(args),
        Command::Search(args) => cmd::query::search(args),
        Command::Sources(args) => cmd::query::sources(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Copy(args) => cmd::copy::run(args),
        Command::Bench(args) => cmd::bench::run(args),
        Command::BenchKb(args) => cmd::bench_kb::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::BenchServe(args) => cmd::bench_serve::run(args),
    };
    match result {
        Ok(code) => code,
        // A reader that stopped reading (`accord timeline VN BY | head`):
        // end quietly, as other Unix tools do.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("accord: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether an error comes from writing to a pipe whose reader has gone.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let kind = if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            Some(io.kind())
        } else {
            cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
