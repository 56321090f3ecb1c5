//! `accord bench-serve`: a small load generator on loopback against the web
//! interface: keep-alive HTTP/1.1 connections, each sending one request
//! after another for a fixed time; reports requests/s and latency
//! percentiles per path and connection count.

use super::kb::DbArg;
use anyhow::{anyhow, bail, Context, Result};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const EXAMPLES: &str = "\
Examples:
  accord bench-serve --db kb.db                                serve it in-process and measure
  accord bench-serve --addr 127.0.0.1:8080                     measure a server already running
  accord bench-serve --db kb.db --connections 50 --seconds 5 --path /pairs/VN-BY.json
  accord bench-serve --db kb.db --no-cache                     every answer built afresh (queries, rendering)

For each path and each connection count, every connection sends requests one after another
(keep-alive) for the given time after a one-second warm-up; reported: requests, requests/s,
latency p50/p99/max, and answers that were not 200. Goal: p99 under 50 ms.
Build with --release: cargo run --release -p accord -- bench-serve --db DB";

/// Measure the web interface under load (requests/s, p50/p99 latency).
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,
    /// A running server to measure, instead of serving --db in-process
    #[arg(long, value_name = "HOST:PORT")]
    addr: Option<SocketAddr>,
    /// Connection counts to measure, each in turn
    #[arg(long, value_delimiter = ',', default_values_t = [50, 200])]
    connections: Vec<usize>,
    /// Seconds to measure each path at each connection count
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Build every answer afresh instead of giving the one kept for the
    /// database's generation (measures the queries and rendering)
    #[arg(long)]
    no_cache: bool,
    /// Paths to request (repeat the option for several)
    #[arg(long = "path", value_name = "PATH", default_values_t = ["/pairs/VN-BY".to_string(), "/pairs/VN-BY.json".to_string()])]
    paths: Vec<String>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(measure(args))
}

async fn measure(args: Args) -> Result<ExitCode> {
    let addr = match args.addr {
        Some(a) => a,
        None => {
            let db = args.db.name();
            let mut state = accord_serve::AppState::open_any(&db)?;
            if args.no_cache {
                state = state.without_kept_answers();
            }
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            let addr = listener.local_addr()?;
            tokio::spawn(async move { accord_serve::serve_listener(listener, state).await });
            let cache = if args.no_cache { "every answer built afresh" } else { "answers kept per generation" };
            println!("serving {} in-process on http://{addr}/ ({cache})", accord_store::shown(&db));
            addr
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("load: keep-alive HTTP/1.1 on loopback, {}s per run after 1s warm-up, {cores} cores", args.seconds);
    println!(
        "  {:<22} {:>6} {:>9} {:>10} {:>9} {:>9} {:>9} {:>7}",
        "path", "conns", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "non-200"
    );
    for path in &args.paths {
        let (status, bytes) = one_request(addr, path).await?;
        if status != 200 {
            bail!("{path} answers {status}, not 200: check the database and the path");
        }
        for &conns in &args.connections {
            let r = load(addr, path, conns.max(1), Duration::from_secs(args.seconds.max(1))).await?;
            println!(
                "  {:<22} {:>6} {:>9} {:>10.0} {:>9.2} {:>9.2} {:>9.2} {:>7}",
                path,
                conns,
                r.latencies.len(),
                r.latencies.len() as f64 / r.elapsed.as_secs_f64(),
                percentile(&r.latencies, 0.50),
                percentile(&r.latencies, 0.99),
                percentile(&r.latencies, 1.0),
                r.errors
            );
        }
        println!("  ({path}: {bytes} bytes a response)");
    }
    Ok(ExitCode::SUCCESS)
}

struct Run {
    /// Milliseconds, sorted.
    latencies: Vec<f64>,
    errors: usize,
    elapsed: Duration,
}

async fn load(addr: SocketAddr, path: &str, conns: usize, time: Duration) -> Result<Run> {
    let start = Instant::now();
    let warm_until = start + Duration::from_secs(1);
    let stop = warm_until + time;
    let mut tasks = Vec::with_capacity(conns);
    for _ in 0..conns {
        let path = path.to_string();
        tasks.push(tokio::spawn(async move { connection(addr, &path, warm_until, stop).await }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.map_err(|e| anyhow!("a load connection failed: {e}"))??;
        latencies.extend(l);
        errors += e;
    }
    latencies.sort_by(f64::total_cmp);
    Ok(Run { latencies, errors, elapsed: time })
}

/// One keep-alive connection: requests until `stop`, latencies recorded
/// after `warm_until`.
async fn connection(addr: SocketAddr, path: &str, warm_until: Instant, stop: Instant) -> Result<(Vec<f64>, usize)> {
    let mut stream = TcpStream::connect(addr).await.with_context(|| format!("connecting to {addr}"))?;
    stream.set_nodelay(true)?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: */*\r\n\r\n");
    let mut buf = Vec::with_capacity(64 * 1024);
    let (mut latencies, mut errors) = (Vec::new(), 0);
    loop {
        let sent = Instant::now();
        if sent >= stop {
            break;
        }
        stream.write_all(request.as_bytes()).await?;
        let status = read_response(&mut stream, &mut buf).await?;
        let done = Instant::now();
        if sent >= warm_until {
            latencies.push((done - sent).as_secs_f64() * 1e3);
            if status != 200 {
                errors += 1;
            }
        }
    }
    Ok((latencies, errors))
}

async fn one_request(addr: SocketAddr, path: &str) -> Result<(u16, usize)> {
    let mut stream = TcpStream::connect(addr).await.with_context(|| format!("connecting to {addr}"))?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut buf = Vec::new();
    let status = read_response(&mut stream, &mut buf).await?;
    Ok((status, buf.len()))
}

/// Read one response (headers and a Content-Length body) into `buf`; returns
/// the status. The server always sends Content-Length for these pages.
async fn read_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<u16> {
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            bail!("the server closed the connection mid-response");
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = std::str::from_utf8(&buf[..head_end]).context("response headers are not text")?;
    let status: u16 = head.split(' ').nth(1).and_then(|s| s.parse().ok()).context("no status in the response")?;
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.trim().eq_ignore_ascii_case("content-length").then(|| value.trim().parse().ok())?
        })
        .context("a response without Content-Length")?;
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            bail!("the server closed the connection mid-body");
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    buf.drain(..head_end);
    Ok(status)
}

/// The value at quantile `q` of sorted values (nearest rank).
fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.5), 50.0);
        assert_eq!(percentile(&v, 0.99), 99.0);
        assert_eq!(percentile(&v, 1.0), 100.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
        assert_eq!(percentile(&[7.0], 0.99), 7.0);
    }
}
