//! An index over spans in any order, for overlap and adjacency look-ups in
//! logarithmic time instead of a scan of every span found so far.

use accord_doc::Span;

/// Spans (as given, in any order, possibly overlapping), sorted by start and
/// by end; each keeps its position in the input, so that a look-up can give
/// the first span in input order, as a scan would.
pub struct SpanIndex {
    /// (span, position in the input), by start.
    by_start: Vec<(Span, usize)>,
    /// The largest end among `by_start[..=i]`.
    reach: Vec<usize>,
    /// (span, position in the input), by end.
    by_end: Vec<(Span, usize)>,
    /// The spans in input order.
    spans: Vec<Span>,
}

impl SpanIndex {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanIndex {
        let spans: Vec<Span> = spans.into_iter().collect();
        let mut by_start: Vec<(Span, usize)> = spans.iter().enumerate().map(|(i, &s)| (s, i)).collect();
        let mut by_end = by_start.clone();
        by_start.sort_unstable_by_key(|&(s, i)| (s.start, i));
        by_end.sort_unstable_by_key(|&(s, i)| (s.end, i));
        let mut reach = Vec::with_capacity(by_start.len());
        let mut most = 0;
        for (s, _) in &by_start {
            most = most.max(s.end);
            reach.push(most);
        }
        SpanIndex { by_start, reach, by_end, spans }
    }

    /// The span at an input position.
    pub fn span(&self, i: usize) -> Span {
        self.spans[i]
    }

    /// Input positions of the spans that overlap `q` (in no set order).
    pub fn overlapping(&self, q: Span) -> impl Iterator<Item = usize> + '_ {
        // Spans that start before q ends, walked back while one of them can
        // still reach past q's start.
        let to = self.by_start.partition_point(|(s, _)| s.start < q.end);
        (0..to)
            .rev()
            .take_while(move |&k| self.reach[k] > q.start)
            .map(move |k| self.by_start[k])
            .filter(move |(s, _)| s.overlaps(q))
            .map(|(_, i)| i)
    }

    /// The first span in input order that overlaps `q`.
    pub fn first_overlapping(&self, q: Span) -> Option<usize> {
        self.overlapping(q).min()
    }

    /// Input positions of the spans that end within `from..=to`.
    pub fn ending_within(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        let a = self.by_end.partition_point(|(s, _)| s.end < from);
        let b = self.by_end.partition_point(|(s, _)| s.end <= to);
        self.by_end[a..b.max(a)].iter().map(|&(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index answers as scans over the input would, on spans of every
    /// length and order, overlapping or nested.
    #[test]
    fn look_ups_match_scans() {
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for round in 0..50 {
            let spans: Vec<Span> = (0..round * 3)
                .map(|_| {
                    let start = next(200);
                    Span::new(start, start + 1 + next(if round % 2 == 0 { 5 } else { 60 }))
                })
                .collect();
            let index = SpanIndex::new(spans.iter().copied());
            for start in 0..210 {
                for len in [0, 1, 3, 20] {
                    let q = Span::new(start, start + len);
                    let mut got: Vec<usize> = index.overlapping(q).collect();
                    got.sort_unstable();
                    let want: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].overlaps(q)).collect();
                    assert_eq!(got, want, "{q:?} in {spans:?}");
                    assert_eq!(index.first_overlapping(q), spans.iter().position(|s| s.overlaps(q)));
                    let mut ending: Vec<usize> = index.ending_within(start, start + len).collect();
                    ending.sort_unstable();
                    let want: Vec<usize> = (0..spans.len()).filter(|&i| (start..=start + len).contains(&spans[i].end)).collect();
                    assert_eq!(ending, want);
                }
            }
        }
    }
}
