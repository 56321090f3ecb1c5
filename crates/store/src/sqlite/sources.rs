//! Writing the merged records' sources after a merge of a few changed
//! documents: only the rows that changed. `kb_citations` holds a row per
//! record and citing representative (the twins that share its sources are
//! rows of `kb_citing`, written by [`sync_citing`]; the view `kb_sources`
//! joins the two), many rows for a large corpus, and most of them stay as
//! they were when a few documents arrive.
//!
//! Each record's sources are summed up in `kb_digests`: their count and
//! the sum of a 128-bit hash of each (a multiset hash). After a merge, a
//! record whose new digest equals its stored one, less the rows of the
//! changed documents (`kb_pending`) and plus their new sources, gained and
//! lost just those: they are written and deleted, and nothing else is
//! read. Any other record (new, or changed in another way, as when a
//! newcomer becomes the representative of its twins) has its sources
//! written again. So the work follows the changed documents and the
//! records that cite them.

use super::Result;
use accord_merge::Source;
use rusqlite::{params, Connection};
use std::collections::{HashMap, HashSet};

/// Sources to write: kind, record id, sources (sorted; twins not cited).
pub(super) type Pending<'k> = Vec<(&'static str, &'k str, &'k [Source])>;

/// A multiset of sources: how many, and the sum of their hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Digest {
    count: i64,
    sum: u128,
}

impl Digest {
    fn of<'s>(sources: impl IntoIterator<Item = &'s Source>) -> Digest {
        let mut d = Digest::default();
        for s in sources {
            d.add(s);
        }
        d
    }

    fn add(&mut self, s: &Source) {
        self.count += 1;
        self.sum = self.sum.wrapping_add(hash(s));
    }

    fn remove(&mut self, s: &Source) {
        self.count -= 1;
        self.sum = self.sum.wrapping_sub(hash(s));
    }

    fn text(&self) -> String {
        format!("{}:{:032x}", self.count, self.sum)
    }

    fn parse(text: &str) -> Option<Digest> {
        let (count, sum) = text.split_once(':')?;
        Some(Digest { count: count.parse().ok()?, sum: u128::from_str_radix(sum, 16).ok()? })
    }
}

/// SipHash-1-3 with 128-bit output, fixed keys: the same on every
/// platform and version (a changed hash would only make the next merge
/// write every source again).
fn hash(s: &Source) -> u128 {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hasher;
    let mut h = SipHasher13::new_with_keys(0x6163_636f_7264_2d31, 0x736f_7572_6365_7331);
    for part in [s.doc.as_str(), &s.quote] {
        h.write(part.as_bytes());
        h.write_u8(0xff);
    }
    h.write_u64(s.start as u64);
    h.write_u64(s.end as u64);
    h.finish128().as_u128()
}

const INSERT: &str =
    "INSERT OR IGNORE INTO kb_citations (kind, record, seq, doc, byte_start, byte_end, quote) VALUES (?1,?2,?3,?4,?5,?6,?7)";

/// Write every record's sources into the empty `kb_citations`, and their digests.
pub(super) fn write_all(tx: &Connection, mut pending: Pending) -> Result<()> {
    pending.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut insert = tx.prepare(INSERT)?;
    let mut digests = Vec::with_capacity(pending.len());
    for (kind, id, sources) in &pending {
        write_sources(&mut insert, kind, id, 0, sources.iter())?;
        digests.push((*kind, *id, Digest::of(sources.iter())));
    }
    write_digests(tx, &digests)
}

/// Insert a record's sources from `seq` on.
fn write_sources<'s>(
    insert: &mut rusqlite::Statement,
    kind: &str,
    id: &str,
    first: i64,
    sources: impl Iterator<Item = &'s Source>,
) -> Result<()> {
    for (n, s) in sources.enumerate() {
        insert.execute(params![kind, id, first + n as i64, s.doc, s.start as i64, s.end as i64, s.quote])?;
    }
    Ok(())
}

/// Bring `kb_citing` to `citing` (every document and its representative,
/// sorted by document): only the rows that differ are written.
pub(super) fn sync_citing(tx: &Connection, citing: &[(String, String)]) -> Result<()> {
    let stored: Vec<(String, String)> = tx
        .prepare("SELECT doc, representative FROM kb_citing ORDER BY doc")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut put = tx.prepare("INSERT OR REPLACE INTO kb_citing (doc, representative) VALUES (?1, ?2)")?;
    let mut remove = tx.prepare("DELETE FROM kb_citing WHERE doc = ?1")?;
    let (mut old, mut new) = (stored.iter().peekable(), citing.iter().peekable());
    loop {
        match (old.peek(), new.peek()) {
            (Some(o), Some(n)) if o.0 == n.0 => {
                if o.1 != n.1 {
                    put.execute(params![n.0, n.1])?;
                }
                old.next();
                new.next();
            }
            (Some(o), Some(n)) if o.0 < n.0 => {
                remove.execute([&o.0])?;
                old.next();
            }
            (Some(o), None) => {
                remove.execute([&o.0])?;
                old.next();
            }
            (_, Some(n)) => {
                put.execute(params![n.0, n.1])?;
                new.next();
            }
            (None, None) => return Ok(()),
        }
    }
}

fn write_digests(tx: &Connection, digests: &[(&str, &str, Digest)]) -> Result<()> {
    tx.execute("DELETE FROM kb_digests", [])?;
    let mut insert = tx.prepare("INSERT OR REPLACE INTO kb_digests (kind, record, digest) VALUES (?1, ?2, ?3)")?;
    for (kind, id, digest) in digests {
        insert.execute(params![kind, id, digest.text()])?;
    }
    Ok(())
}

/// A stored source row: its key in `kb_sources` and the source.
type Row = (i64, Source);

/// What a record's sources need.
enum Plan<'s> {
    /// Delete these rows (by `seq`) and add these sources.
    Delta(Vec<i64>, Vec<&'s Source>),
    /// Write them all again.
    Rewrite,
}

/// Bring `kb_sources` from the records `old` (kind, id) to the sources in
/// `pending`, where only the documents `changed` may have changed; `false`
/// (nothing written) when most sources would be written again, which
/// [`write_all`] does faster.
pub(super) fn write_changes(tx: &Connection, pending: &Pending, old: &HashSet<(String, String)>, changed: &[String]) -> Result<bool> {
    let stored_digests: HashMap<(String, String), Digest> = tx
        .prepare("SELECT kind, record, digest FROM kb_digests")?
        .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get::<_, String>(2)?)))?
        .filter_map(|row| row.map(|(k, d)| Digest::parse(&d).map(|d| (k, d))).transpose())
        .collect::<rusqlite::Result<_>>()?;
    let mut stored = stored_rows(tx, changed)?;
    let changed: HashSet<&str> = changed.iter().map(String::as_str).collect();
    // What each record needs first, then the writes: when most sources are
    // to be written again, writing all of them in order is faster.
    let mut plans = Vec::with_capacity(pending.len());
    let (mut rewritten, mut total) = (0, 0);
    for (kind, id, sources_of) in pending {
        let sources_of: &[Source] = sources_of;
        let new = Digest::of(sources_of.iter());
        total += sources_of.len();
        let key = (kind.to_string(), id.to_string());
        let gone = stored.remove(&key).unwrap_or_default();
        let added: Vec<&Source> = sources_of.iter().filter(|s| changed.contains(s.doc.as_str())).collect();
        let delta = stored_digests.get(&key).map(|old| {
            let mut d = *old;
            gone.iter().for_each(|(_, s)| d.remove(s));
            added.iter().for_each(|&s| d.add(s));
            d
        });
        let plan = if old.contains(&key) && delta == Some(new) {
            Plan::Delta(gone.into_iter().map(|(seq, _)| seq).collect(), added)
        } else {
            rewritten += new.count as usize;
            Plan::Rewrite
        };
        plans.push((*kind, *id, sources_of, new, plan));
    }
    if rewritten * 2 > total {
        return Ok(false);
    }
    let mut insert = tx.prepare_cached(INSERT)?;
    let mut remove = tx.prepare_cached("DELETE FROM kb_citations WHERE kind = ?1 AND record = ?2 AND seq = ?3")?;
    let mut clear = tx.prepare_cached("DELETE FROM kb_citations WHERE kind = ?1 AND record = ?2")?;
    let mut next_seq = tx.prepare_cached("SELECT coalesce(max(seq), -1) + 1 FROM kb_citations WHERE kind = ?1 AND record = ?2")?;
    let mut kept: HashSet<(&str, &str)> = HashSet::new();
    let mut digests = Vec::with_capacity(plans.len());
    for (kind, id, sources, digest, plan) in plans {
        kept.insert((kind, id));
        digests.push((kind, id, digest));
        match plan {
            Plan::Delta(gone, added) => {
                for seq in gone {
                    remove.execute(params![kind, id, seq])?;
                }
                if added.is_empty() {
                    continue;
                }
                // After the record's other sources (readers sort them by
                // document, as the merge does).
                let first: i64 = next_seq.query_row(params![kind, id], |r| r.get(0))?;
                write_sources(&mut insert, kind, id, first, added.into_iter())?;
            }
            Plan::Rewrite => {
                clear.execute(params![kind, id])?;
                write_sources(&mut insert, kind, id, 0, sources.iter())?;
            }
        }
    }
    for (kind, id) in old {
        if !kept.contains(&(kind.as_str(), id.as_str())) {
            clear.execute(params![kind, id])?;
        }
    }
    write_digests(tx, &digests)?;
    Ok(true)
}

/// The stored sources of the documents `changed`, by record.
fn stored_rows(tx: &Connection, changed: &[String]) -> Result<HashMap<(String, String), Vec<Row>>> {
    let mut stored: HashMap<(String, String), Vec<Row>> = HashMap::new();
    let mut cited = tx.prepare_cached("SELECT kind, record, seq, doc, byte_start, byte_end, quote FROM kb_citations WHERE doc = ?1")?;
    for doc in changed {
        let rows = cited.query_map([doc], |r| {
            let source = Source {
                doc: r.get(3)?,
                start: r.get::<_, i64>(4)?.max(0) as usize,
                end: r.get::<_, i64>(5)?.max(0) as usize,
                quote: r.get(6)?,
                copy_of: None,
            };
            Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, source)))
        })?;
        for row in rows {
            let (key, row) = row?;
            stored.entry(key).or_default().push(row);
        }
    }
    Ok(stored)
}
