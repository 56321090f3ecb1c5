//! The `accord` command line: a thin layer over the pipeline crates.

mod cmd;

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
    after_help = "Start with:  accord extract examples/ | head\nEach command has its own --help."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Extract(cmd::extract::Args),
    Bench(cmd::bench::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Bench(args) => cmd::bench::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("accord: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
