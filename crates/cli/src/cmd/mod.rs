pub mod bench;
pub mod bench_kb;
pub mod bench_kb_pg;
pub mod bench_scaling;
pub mod bench_serve;
pub mod copy;
pub mod delete;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod kb;
pub mod labels;
pub mod output;
pub mod query;
pub mod serve;

/// A count with its noun: `1 document`, `3 documents`, `1 entity`, `2 entities`.
pub fn count(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    if n == 1 {
        return format!("1 {noun}");
    }
    match noun.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(super::count(1u32, "input"), "1 input");
        assert_eq!(super::count(0u32, "agreement"), "0 agreements");
        assert_eq!(super::count(1u32, "entity"), "1 entity");
        assert_eq!(super::count(2u32, "entity"), "2 entities");
        assert_eq!(super::count(2u32, "day"), "2 days");
    }
}
