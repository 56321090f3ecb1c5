//! `accord serve`: the knowledge base as web pages and a JSON API (the
//! `accord-serve` crate), on loopback unless told otherwise.

use super::kb::DbArg;
use anyhow::{anyhow, Result};
use std::net::SocketAddr;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  accord serve                                   ./accord.db on http://127.0.0.1:8080/
  accord serve --db relations.db --addr 127.0.0.1:9000
  accord serve --addr 127.0.0.1:0                any free port (the address is printed)
  accord serve --db postgres://reader@db.example:5432/accord --addr 0.0.0.0:8080
                                                 a PostgreSQL knowledge base (a role that may only SELECT will do)

Pages (each has a JSON twin: add .json, or send Accept: application/json):
  /                        the country pairs, with counts and latest activity, and a search box
  /pairs/VN-BY             timeline (SVG), agreements, figures over time, commitments by area, conflicts
  /events/ID, /agreements/ID, /entities/ID, /figures/ID, /commitments/ID
                           one record with every sentence it came from
  /documents/ID            a document with every extracted span highlighted and linked to its record
  /search?q=ha+noi         sentences, diacritics and case ignored
  /openapi.json            the JSON API described (OpenAPI 3.1)

The database is opened read-only: serve while `accord ingest` writes, and the pages follow the
last finished ingest. It reads PostgreSQL too: run any number of servers against one database or
its replicas, each through a small pool of read-only transactions; an ingest by any process, on
any machine, shows on the next request. Pages need no JavaScript. An answer that takes over 10 s is a 503; bad parameters get
400 and unknown ids 404, with one error envelope {\"error\": {\"status\", \"code\", \"message\"}}.
Binding to an address other than loopback exposes the knowledge base to the network.";

/// Serve the knowledge base as web pages and a JSON API (read-only).
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,
    /// Address to listen on (loopback by default; port 0 picks a free port)
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(accord_serve::serve(&args.db.name(), args.addr)).map_err(|e| anyhow!(e))?;
    Ok(ExitCode::SUCCESS)
}
