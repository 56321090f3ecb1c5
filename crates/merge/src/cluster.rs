//! Grouping records that report the same thing, without comparing every
//! record with every other: records are first put in buckets by a blocking
//! key (records that cannot share a key cannot be the same), pairs within a
//! bucket that may be the same are joined into components, and each
//! component is then grouped greedily in a fixed order, each record joining
//! the one group that accepts it best. Items are numbered in the canonical
//! order of the documents, so the result does not depend on input order.

use std::collections::HashMap;
use std::hash::Hash;

/// Disjoint sets whose representative is the smallest member, so that
/// roots do not depend on the order of unions.
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub fn new(n: usize) -> Self {
        UnionFind { parent: (0..n).collect() }
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[high] = low;
        }
    }

    /// The sets, each in ascending order, ordered by their smallest member.
    pub fn sets(&mut self) -> Vec<Vec<usize>> {
        let n = self.parent.len();
        let mut slot: Vec<Option<usize>> = vec![None; n];
        let mut out: Vec<Vec<usize>> = Vec::new();
        for x in 0..n {
            let root = self.find(x);
            let i = *slot[root].get_or_insert_with(|| {
                out.push(Vec::new());
                out.len() - 1
            });
            out[i].push(x);
        }
        out
    }
}

/// Buckets up to this size are compared pair by pair.
pub const FULL_COMPARISON: usize = 128;
/// In larger buckets, how many following items (in likeness order) each
/// item is compared with.
pub const NEIGHBOURS: usize = 24;

/// Items put in buckets under any number of keys each.
pub struct Buckets<K> {
    buckets: HashMap<K, Vec<usize>>,
}

impl<K: Hash + Eq + Ord> Buckets<K> {
    pub fn new() -> Self {
        Buckets { buckets: HashMap::new() }
    }

    pub fn put(&mut self, key: K, item: usize) {
        let bucket = self.buckets.entry(key).or_default();
        if bucket.last() != Some(&item) {
            bucket.push(item);
        }
    }

    /// Join, in `sets`, pairs of items sharing a bucket for which
    /// `may_be_same` holds. Buckets are visited in key order. A bucket of
    /// up to [`FULL_COMPARISON`] items is compared pair by pair; a larger
    /// one (a frequent word, a busy year) is sorted by `likeness` (a
    /// signature that puts similar records side by side) and each item is
    /// compared with its next [`NEIGHBOURS`] only, so that no bucket costs
    /// more than linear time.
    pub fn join_pairs<S: Ord>(
        self,
        sets: &mut UnionFind,
        likeness: impl Fn(usize) -> S,
        mut may_be_same: impl FnMut(usize, usize) -> bool,
    ) {
        let mut buckets: Vec<(K, Vec<usize>)> = self.buckets.into_iter().collect();
        buckets.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, mut items) in buckets {
            let window = if items.len() > FULL_COMPARISON {
                let mut keyed: Vec<(S, usize)> = items.iter().map(|&i| (likeness(i), i)).collect();
                keyed.sort();
                items = keyed.into_iter().map(|(_, i)| i).collect();
                NEIGHBOURS
            } else {
                items.len()
            };
            for (i, &a) in items.iter().enumerate() {
                for &b in items[i + 1..].iter().take(window) {
                    if sets.find(a) != sets.find(b) && may_be_same(a, b) {
                        sets.union(a, b);
                    }
                }
            }
        }
    }

    /// Join every item of a bucket with the others (the key alone says they
    /// may be the same).
    pub fn join_all(self, sets: &mut UnionFind) {
        for items in self.buckets.into_values() {
            for pair in items.windows(2) {
                sets.union(pair[0], pair[1]);
            }
        }
    }
}

/// How records join groups within a component.
/// A group of reports of one thing, at most one from each document.
/// `distinct` holds one member per distinct record (by `signature`): a
/// report made word for word by many documents (syndicated copies) is
/// compared once, so a group of thousands of copies costs no more to fit
/// than one.
pub struct DocGroup {
    pub members: Vec<usize>,
    pub distinct: Vec<usize>,
    pub docs: std::collections::HashSet<usize>,
    signatures: std::collections::HashSet<u64>,
}

impl DocGroup {
    pub fn new(item: usize, doc: usize, signature: u64) -> DocGroup {
        DocGroup {
            members: vec![item],
            distinct: vec![item],
            docs: std::collections::HashSet::from([doc]),
            signatures: std::collections::HashSet::from([signature]),
        }
    }

    pub fn add(&mut self, item: usize, doc: usize, signature: u64) {
        self.members.push(item);
        self.docs.insert(doc);
        if self.signatures.insert(signature) {
            self.distinct.push(item);
        }
    }
}

/// A record's signature: equal for records equal in every field (their
/// evidence included), whatever document they come from.
pub fn signature<T: serde::Serialize>(record: &T) -> u64 {
    use std::hash::{Hash, Hasher};
    // DefaultHasher::new() has fixed keys: the same record, the same value.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(record).unwrap_or_default().hash(&mut h);
    h.finish()
}

pub trait Grouping {
    type Group;
    fn start(&self, item: usize) -> Self::Group;
    /// How well `item` fits `group`: `None` when it cannot join.
    fn fit(&self, group: &Self::Group, item: usize) -> Option<u32>;
    fn add(&self, group: &mut Self::Group, item: usize);
}

/// A grouping of reports into [`DocGroup`]s: at most one report of a
/// document in a group, and word-for-word copies of one report compared
/// once. `keys[i]` is item `i`'s document and [`signature`]; `fit` says how
/// well an item from a document the group does not hold fits it.
pub struct ByDocument<F> {
    pub keys: Vec<(usize, u64)>,
    pub fit: F,
}

impl<F: Fn(&DocGroup, usize) -> Option<u32>> Grouping for ByDocument<F> {
    type Group = DocGroup;

    fn start(&self, item: usize) -> DocGroup {
        let (doc, signature) = self.keys[item];
        DocGroup::new(item, doc, signature)
    }

    fn fit(&self, group: &DocGroup, item: usize) -> Option<u32> {
        if group.docs.contains(&self.keys[item].0) {
            return None;
        }
        (self.fit)(group, item)
    }

    fn add(&self, group: &mut DocGroup, item: usize) {
        let (doc, signature) = self.keys[item];
        group.add(item, doc, signature);
    }
}

/// Group the items of one component, visited in the given order: each item
/// joins the group it fits best; when two groups fit it equally well the
/// sources do not say which it belongs to, and it stands alone.
pub fn greedy<G: Grouping>(grouping: &G, ordered: &[usize]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(G::Group, Vec<usize>)> = Vec::new();
    for &item in ordered {
        let mut best: Option<(u32, usize)> = None;
        let mut tied = false;
        for (i, (group, _)) in groups.iter().enumerate() {
            if let Some(score) = grouping.fit(group, item) {
                match best {
                    Some((s, _)) if s > score => {}
                    Some((s, _)) if s == score => tied = true,
                    _ => {
                        best = Some((score, i));
                        tied = false;
                    }
                }
            }
        }
        match best {
            Some((_, i)) if !tied => {
                grouping.add(&mut groups[i].0, item);
                groups[i].1.push(item);
            }
            _ => groups.push((grouping.start(item), vec![item])),
        }
    }
    groups.into_iter().map(|(_, members)| members).collect()
}

/// Candidate pairs for Jaccard similarity of at least `threshold` over
/// token sets, by prefix filtering: tokens ordered rarest first, each
/// record indexed under its first `n - ceil(threshold * n) + 1` tokens; two
/// sets that similar always share one of those. Records with no token are
/// left out.
pub fn similar_token_sets(token_sets: &[&[String]], threshold: f64, buckets: &mut Buckets<String>) {
    let mut frequency: HashMap<&str, usize> = HashMap::new();
    for set in token_sets {
        for token in set.iter() {
            *frequency.entry(token.as_str()).or_default() += 1;
        }
    }
    for (item, set) in token_sets.iter().enumerate() {
        let mut ordered: Vec<&str> = set.iter().map(String::as_str).collect();
        ordered.sort_by_key(|t| (frequency.get(t).copied().unwrap_or(0), *t));
        let n = ordered.len();
        let keep = (n + 1).saturating_sub((threshold * n as f64).ceil() as usize).min(n);
        for token in &ordered[..keep] {
            buckets.put((*token).to_string(), item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Near;
    impl Grouping for Near {
        type Group = Vec<i32>;
        fn start(&self, item: usize) -> Vec<i32> {
            vec![item as i32]
        }
        fn fit(&self, group: &Vec<i32>, item: usize) -> Option<u32> {
            group.iter().all(|&m| (m - item as i32).abs() <= 2).then_some(1)
        }
        fn add(&self, group: &mut Vec<i32>, item: usize) {
            group.push(item as i32)
        }
    }

    #[test]
    fn roots_are_smallest_members() {
        let mut sets = UnionFind::new(5);
        sets.union(4, 2);
        sets.union(2, 3);
        assert_eq!(sets.sets(), vec![vec![0], vec![1], vec![2, 3, 4]]);
    }

    #[test]
    fn greedy_grouping_and_ties() {
        assert_eq!(greedy(&Near, &[0, 1, 2, 3, 4]), vec![vec![0, 1, 2], vec![3, 4]]);
        // 2 fits both {0} and {4} equally: it stands alone.
        assert_eq!(greedy(&Near, &[0, 4, 2]), vec![vec![0], vec![4], vec![2]]);
    }

    #[test]
    fn prefix_filter_finds_similar_sets() {
        let a: Vec<String> = ["air", "transport", "route"].map(String::from).to_vec();
        let b: Vec<String> = ["air", "transport"].map(String::from).to_vec();
        let c: Vec<String> = ["labour"].map(String::from).to_vec();
        let mut buckets = Buckets::new();
        similar_token_sets(&[&a, &b, &c], 0.5, &mut buckets);
        let mut sets = UnionFind::new(3);
        buckets.join_pairs(&mut sets, |i| i, |_, _| true);
        assert_eq!(sets.sets(), vec![vec![0, 1], vec![2]]);
    }
}
