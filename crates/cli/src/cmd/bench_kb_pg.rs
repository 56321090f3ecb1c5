//! `accord bench-kb --postgres URL`: the SQLite run's ingest and queries
//! again on PostgreSQL, with one ingest worker and with two at once (each
//! an `ingest` of its own, as two processes would be), so that the figures
//! stand next to SQLite's from the same run.

use super::bench_kb::{copy, time_queries};
use super::ingest::{ingest, Options, Report};
use accord_doc::Document;
use accord_store::{shown, Db, KnowledgeStore};
use anyhow::{bail, Result};
use indicatif::ProgressBar;
use std::time::Instant;

pub fn run(url: &str, originals: &[Document], docs: usize) -> Result<()> {
    let count = Db::create(url)?.document_count()?;
    if count > 0 {
        bail!("{} holds {count} documents: bench-kb --postgres needs an empty database (createdb a new one)", shown(url));
    }
    println!("PostgreSQL {}:", shown(url));
    // One worker: the first `docs` copies.
    let t = Instant::now();
    let one = ingest(url, (0..docs).map(|n| Ok(copy(originals, n))), Options::default(), &ProgressBar::hidden())?;
    rate("  ingest, 1 worker", &[one], t.elapsed().as_secs_f64());
    // Two workers at once: the next `docs` copies, half each, into the same
    // database (each merges at its end, as `accord ingest` does).
    let t = Instant::now();
    let reports = std::thread::scope(|scope| {
        let workers: Vec<_> = [0, 1]
            .into_iter()
            .map(|w| {
                let copies = (docs + w..2 * docs).step_by(2).map(|n| Ok(copy(originals, n)));
                scope.spawn(move || ingest(url, copies, Options::default(), &ProgressBar::hidden()))
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().map_err(|_| anyhow::anyhow!("an ingest worker stopped unexpectedly"))?)
            .collect::<Result<Vec<_>>>()
    })?;
    rate("  ingest, 2 workers", &reports, t.elapsed().as_secs_f64());
    time_queries(&Db::open_existing(url)?)
}

/// Documents/s over the wall-clock time of the workers together.
fn rate(label: &str, reports: &[Report], secs: f64) {
    let stored: usize = reports.iter().map(Report::stored).sum();
    println!("{label}: {stored} documents in {secs:.1} s, {:.0} documents/s (with the merge)", stored as f64 / secs.max(1e-9));
}
