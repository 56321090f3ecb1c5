//! `accord bench`: extraction throughput, single thread and all threads.

use accord_doc::Document;
use accord_read::{expand, read_source, Input};
use anyhow::{bail, Result};
use rayon::prelude::*;
use std::process::ExitCode;
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  accord bench examples/                        the example articles, replicated to 50 MB
  accord bench news/ --mb 200 -j 2              your own articles: 200 MB, two threads for the parallel run
  accord bench --scaling                        time per MB from 100 KB to 10 MB, with and without stops
  accord bench --scaling news/                  the same, with the articles' sentences instead of templates

Reports MB/s (input bytes, wall clock), MB/s per core (input bytes per CPU second of the
process, so other load on the machine does not lower it) and documents/s, for one thread
and for all threads.
Build with --release: cargo run --release -p accord -- bench examples/";

/// Measure extraction throughput on a corpus replicated in memory.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files or directories of articles
    #[arg(required_unless_present = "scaling", value_name = "PATH")]
    paths: Vec<String>,
    /// Instead: CPU time per MB of generated documents of growing size, with
    /// and without sentence stops, next to short articles (sentences from
    /// built-in templates, or from the articles at PATH)
    #[arg(long)]
    scaling: bool,
    /// Sizes for --scaling (k and m are binary multiples)
    #[arg(long, value_delimiter = ',', default_value = "100k,1m,10m", value_parser = super::bench_scaling::parse_size)]
    sizes: Vec<usize>,
    /// Languages for --scaling
    #[arg(long, value_delimiter = ',', default_value = "en,vi,ru", value_parser = parse_lang)]
    langs: Vec<accord_doc::Lang>,
    /// Replicate the documents until they hold at least this many megabytes
    #[arg(long, default_value_t = 50)]
    mb: usize,
    /// Threads for the parallel run (default: one per core)
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
}

fn parse_lang(s: &str) -> Result<accord_doc::Lang, String> {
    accord_doc::Lang::from_code(s).ok_or_else(|| format!("unknown language {s}"))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::from_arg(p)).collect();
    let (sources, errors) = expand(&inputs);
    for e in &errors {
        eprintln!("accord: {e}");
    }
    let originals: Vec<Document> = sources.iter().flat_map(read_source).filter_map(Result::ok).collect();
    if args.scaling {
        let read = (!args.paths.is_empty()).then(|| super::bench_scaling::read_sentences(&originals));
        return super::bench_scaling::run(&args.langs, read, &args.sizes);
    }
    if originals.is_empty() {
        bail!("no documents to measure in {}", args.paths.join(", "));
    }
    let want = args.mb << 20;
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    'fill: loop {
        for d in &originals {
            bytes += d.text.len();
            docs.push(d.clone());
            if bytes >= want {
                break 'fill;
            }
        }
    }
    let threads = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    println!("corpus: {} documents from {} originals, {:.1} MB", docs.len(), originals.len(), bytes as f64 / 1e6);

    // Lexicons and automata load on first use, once per process: that is
    // startup, reported apart, not throughput. Each worker thread also
    // warms its own regex caches.
    let t = Instant::now();
    let warm = |docs: &[Document]| {
        docs.iter().map(|d| serde_json::to_vec(&accord_extract::document(d.clone())).map_or(0, |v| v.len())).sum::<usize>()
    };
    std::hint::black_box(warm(&originals));
    let startup = t.elapsed().as_secs_f64();
    std::hint::black_box(pool.broadcast(|_| warm(&originals)));
    println!("startup: {startup:.2} s (loading lexicons and building automata, once per process; not counted below)");
    println!("{:<14} {:>8} {:>10} {:>12} {:>10}", "run", "threads", "MB/s", "MB/s/core", "docs/s");
    println!("{:<14} {:>8} {:>10} {:>12} {:>10}", "", "", "(wall)", "(CPU time)", "(wall)");

    let count = docs.len();
    // Each run extracts and serialises, as `accord extract` does; the sum of
    // output sizes keeps the work from being optimised away.
    let single = docs.clone();
    let (t, cpu) = (Instant::now(), process_cpu_seconds());
    let mut output = 0usize;
    for d in single {
        output += serde_json::to_vec(&accord_extract::document(d))?.len();
    }
    report("single thread", 1, bytes, count, t.elapsed().as_secs_f64(), process_cpu_seconds() - cpu);

    let (t, cpu) = (Instant::now(), process_cpu_seconds());
    let parallel_output = pool
        .install(|| docs.into_par_iter().map(|d| serde_json::to_vec(&accord_extract::document(d)).map_or(0, |v| v.len())).sum::<usize>());
    report("all threads", threads, bytes, count, t.elapsed().as_secs_f64(), process_cpu_seconds() - cpu);
    std::hint::black_box(parallel_output);
    println!("output: {:.1} MB of JSON a run", output as f64 / 1e6);
    stages(&originals);
    Ok(ExitCode::SUCCESS)
}

/// CPU time of the calling thread, in seconds: stage timings stay
/// comparable when other processes share the machine.
pub fn thread_cpu_seconds() -> f64 {
    cpu_seconds(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// CPU time of the whole process (all its threads), in seconds: what the
/// per-core figure divides by, so that it does not fall when other
/// processes take the cores.
fn process_cpu_seconds() -> f64 {
    cpu_seconds(libc::CLOCK_PROCESS_CPUTIME_ID)
}

fn cpu_seconds(clock: libc::clockid_t) -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime only writes the timespec we pass.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Time each stage alone, one thread, over the original documents
/// repeated, to show where the time goes (thread CPU time).
fn stages(originals: &[Document]) {
    use accord_doc::Span;
    let rounds = 20;
    let bytes: usize = originals.iter().map(|d| d.text.len()).sum::<usize>() * rounds;
    let mut timings: Vec<(&str, f64)> = Vec::new();
    let mut time = |name: &'static str, f: &dyn Fn(usize)| {
        // Once first, so lexicons and automata built on first use are not counted.
        (0..originals.len().min(3)).for_each(f);
        let t = thread_cpu_seconds();
        for _ in 0..rounds {
            (0..originals.len()).for_each(f);
        }
        timings.push((name, thread_cpu_seconds() - t));
    };
    let lang_of = |d: &Document| accord_lang::detect(d.body_text());
    time("language", &|i| {
        std::hint::black_box(lang_of(&originals[i]));
    });
    time("sentences", &|i| {
        let d = &originals[i];
        std::hint::black_box(accord_text::sentences(&d.text, d.body, lang_of(d)));
    });
    time("time", &|i| {
        let d = &originals[i];
        std::hint::black_box(accord_time::recognize(&d.text, d.body, lang_of(d)));
    });
    time("quantities", &|i| {
        let d = &originals[i];
        std::hint::black_box(accord_quantity::recognize(&d.text, d.body, lang_of(d)));
    });
    time("entities", &|i| {
        let d = &originals[i];
        let lang = lang_of(d);
        let sentences = accord_text::sentences(&d.text, d.body, lang);
        std::hint::black_box(accord_entity::recognize(&d.text, d.body, &sentences, lang, &[] as &[Span]));
    });
    time("recognise (all layers)", &|i| {
        std::hint::black_box(accord_recognize::analyze(originals[i].clone()));
    });
    // The extractors, each over analyses made beforehand.
    let analyses: Vec<_> = originals.iter().map(|d| accord_recognize::analyze(d.clone())).collect();
    let pairs: Vec<_> = analyses.iter().map(accord_extract::pair).collect();
    time("  events", &|i| {
        std::hint::black_box(accord_events::extract(&analyses[i], &pairs[i]));
    });
    time("  agreements", &|i| {
        std::hint::black_box(accord_agreements::extract(&analyses[i], &pairs[i]));
    });
    time("  commitments", &|i| {
        std::hint::black_box(accord_commitments::extract(&analyses[i], &pairs[i]));
    });
    time("extract (all record kinds)", &|i| {
        std::hint::black_box(accord_extract::facts(&analyses[i]));
    });
    let facts: Vec<_> = analyses.iter().map(accord_extract::facts).collect();
    time("JSON output", &|i| {
        std::hint::black_box(serde_json::to_vec(&facts[i]).map(|v| v.len()).unwrap_or(0));
    });
    time("whole pipeline", &|i| {
        std::hint::black_box(serde_json::to_vec(&accord_extract::document(originals[i].clone())).map(|v| v.len()).unwrap_or(0));
    });
    println!("stages, CPU time of one thread ({:.1} MB each; language detection is inside the others too):", bytes as f64 / 1e6);
    for (name, secs) in timings {
        println!("  {name:<24} {:>8.1} MB/s", bytes as f64 / 1e6 / secs);
    }
}

/// One run's line: wall-clock MB/s and documents/s, and MB per CPU second
/// (the per-core figure).
fn report(run: &str, threads: usize, bytes: usize, docs: usize, secs: f64, cpu_secs: f64) {
    let mb = bytes as f64 / 1e6;
    println!("{:<14} {:>8} {:>10.1} {:>12.1} {:>10.0}", run, threads, mb / secs, mb / cpu_secs, docs as f64 / secs);
}
