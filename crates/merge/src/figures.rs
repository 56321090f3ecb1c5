//! Figures: the same indicator, value (within 1%), unit and compatible
//! period reported twice is one figure.
//!
//! Two reports of one figure can also disagree: on the value, for the same
//! indicator and exactly the same period; or on the period (by one year or
//! one month, the usual slip when "last year" is resolved), for the same
//! value. They are then one figure with a conflict.

use crate::cluster::{greedy, Buckets, ByDocument, DocGroup, UnionFind};
use crate::dates::Days;
use crate::pick::merged_date;
use crate::{finish, fold, hashed_id, Built, Corpus, Finished, Group, Report};
use accord_doc::facts::Figure;
use serde::{Serialize, Serializer};

/// Indicators with a direction or a scope the record does not hold (who
/// exports to whom, who invests where, anything else): two values for one
/// period are two figures, not a disagreement.
const ONE_SIDED: [&str; 4] = ["exports", "imports", "investment", "other"];

/// Values within this ratio are the same value.
const SAME_VALUE: f64 = 0.01;

struct Item<'a> {
    report: Report<'a, Figure>,
    indicator: String,
    unit: Option<String>,
    period: Option<Days>,
    target: bool,
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= SAME_VALUE * a.abs().max(b.abs())
}

/// Two periods of the same precision one year or one month apart.
fn adjacent(a: &Days, b: &Days) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 || la < 28 {
        return false;
    }
    let gap = (a.first - b.first).abs();
    // Neighbouring months start 28 to 31 days apart, neighbouring years 365 or 366.
    if la <= 31 {
        (28..=31).contains(&gap)
    } else if (365..=366).contains(&la) {
        (365..=366).contains(&gap)
    } else {
        false
    }
}

/// How two reports of one figure relate: 4 when they agree on the value
/// and on the period (both giving the same one, or neither any), 3 when
/// they agree but one period is vaguer or missing, 1 when they disagree on
/// value or period only, `None` when they are different figures.
fn link(a: &Item, b: &Item) -> Option<u32> {
    if a.report.doc == b.report.doc || a.indicator != b.indicator || a.target != b.target {
        return None;
    }
    if matches!((&a.unit, &b.unit), (Some(x), Some(y)) if x != y) {
        return None;
    }
    // A figure of another pair (or of none) is another figure: merging
    // would move it to this pair.
    if a.report.parties != b.report.parties {
        return None;
    }
    let (va, vb) = (a.report.record.value, b.report.record.value);
    let value_agrees = same_value(va, vb);
    match (&a.period, &b.period) {
        (Some(x), Some(y)) if x.nested(y) => {
            if value_agrees {
                Some(if x == y { 4 } else { 3 })
            } else if x == y && !ONE_SIDED.contains(&a.indicator.as_str()) && va.is_finite() && vb.is_finite() {
                Some(1)
            } else {
                None
            }
        }
        (Some(x), Some(y)) => (value_agrees && adjacent(x, y)).then_some(1),
        (None, None) => value_agrees.then_some(4),
        _ => value_agrees.then_some(3),
    }
}

/// Buckets of values one percent wide: two values within 1% of each other
/// fall in the same or neighbouring buckets, so each value is put in its
/// own and the next.
fn value_buckets(value: f64) -> [i64; 2] {
    let bucket = if value > 0.0 && value.is_finite() { (value.ln() / (1.0 + SAME_VALUE).ln()).floor() as i64 } else { i64::MIN };
    [bucket, bucket.saturating_add(1)]
}

pub(crate) struct Merged {
    pub records: Vec<crate::Merged<Figure>>,
    pub conflicts: Vec<crate::Conflict>,
}

pub(crate) fn merge(corpus: &Corpus) -> Merged {
    let mut items = Vec::new();
    for (doc, facts) in corpus.docs.iter().enumerate() {
        for record in &facts.figures {
            items.push(Item {
                report: Report::new(doc, record),
                indicator: fold::key(&record.indicator),
                unit: record.unit.as_deref().map(fold::key).filter(|u| !u.is_empty()),
                period: record.period.as_deref().and_then(Days::parse),
                target: record.status == "target",
            });
        }
    }
    let mut buckets = Buckets::new();
    for (i, item) in items.iter().enumerate() {
        for bucket in value_buckets(item.report.record.value) {
            buckets.put(format!("v|{}|{bucket}", item.indicator), i);
        }
        if let (Some(period), false) = (&item.period, ONE_SIDED.contains(&item.indicator.as_str())) {
            buckets.put(format!("p|{}|{}|{}", item.indicator, period.first, period.last), i);
        }
    }
    let mut sets = UnionFind::new(items.len());
    buckets.join_pairs(&mut sets, |i| Amount(items[i].report.record.value), |a, b| link(&items[a], &items[b]).is_some());
    // Linked with every member; scored by the weakest link.
    let reports = ByDocument {
        keys: items.iter().map(|i| i.report.key()).collect(),
        fit: |group: &DocGroup, i: usize| {
            group.distinct.iter().map(|&m| link(&items[i], &items[m])).try_fold(u32::MAX, |low, l| l.map(|l| low.min(l)))
        },
    };
    let mut built = Vec::new();
    for component in sets.sets() {
        for members in greedy(&reports, &component) {
            built.push(build(corpus, &items, &members));
        }
    }
    let finished: Finished<Figure> = finish(built);
    Merged { records: finished.records, conflicts: finished.conflicts }
}

/// A value that orders (by `total_cmp`) and serialises as a JSON number.
#[derive(Clone, Copy, PartialEq)]
struct Amount(f64);

impl Eq for Amount {}
impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Amount {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// Trailing zeros of a value's integer digits: fewer is more precise.
fn roundness(value: f64) -> u32 {
    if !value.is_finite() || value.fract() != 0.0 || value == 0.0 {
        return 0;
    }
    let mut v = value.abs();
    let mut zeros = 0;
    while v >= 10.0 && (v / 10.0).fract() == 0.0 && zeros < 20 {
        v /= 10.0;
        zeros += 1;
    }
    zeros
}

fn build(corpus: &Corpus, items: &[Item], members: &[usize]) -> Built<Figure> {
    let group = Group::new(corpus, members, |m| &items[m].report);
    let values = group.votes(|r| Some(Amount(r.value)));
    let periods = group.votes(|r| r.period.as_ref().filter(|p| Days::parse(p).is_some()).cloned());
    let mut conflicts = Vec::new();
    let (low, high) = values.values().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v.0), h.max(v.0)));
    if values.len() > 1 && !same_value(low, high) {
        conflicts.extend(values.conflict("figures", "", "value"));
    }
    let period = merged_date(&periods, "figures", "period", &mut conflicts);
    let value = values.most_frequent(|v| std::cmp::Reverse(roundness(v.0))).map_or(group.first().value, |v| v.0);
    // The evidence quotes the value shown: the first source that gives it,
    // not a source that says another number.
    let evidence = group.first_giving(|r| r.value == value).evidence.clone();
    let record = Figure {
        indicator: group.votes(|r| Some(r.indicator.clone())).most_frequent(|_| 0).unwrap_or_default(),
        value,
        unit: group.votes(|r| r.unit.clone()).most_frequent(|_| 0),
        period,
        status: group.votes(|r| Some(r.status.clone())).most_frequent(|s| s == "actual").unwrap_or_default(),
        parties: group.parties(),
        evidence,
        rule: None,
    };
    let id_base = hashed_id("figure", group.sources.first());
    let sort_key = format!("{}|{}|{:020.3}", record.indicator, record.period.clone().unwrap_or_default(), record.value);
    let discriminator = crate::report_discriminator(group.first());
    Built { record, sources: group.sources, id_base, discriminator, sort_key, conflicts }
}
