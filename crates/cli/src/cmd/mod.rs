pub mod bench;
pub mod bench_kb;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod kb;
pub mod query;
pub mod serve;
