//! Merging many documents stays near-linear: records are compared only
//! within blocking buckets. Synthetic documents (made-up names) with the
//! repetition of a real corpus: a few countries, a pool of people and
//! organisations, recurring visits, instruments, figures and statements.

use accord_doc::facts::*;
use std::time::Instant;

/// A small deterministic generator (no dependency, same sequence on every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

const SYLLABLES: [&str; 16] = ["ka", "ro", "vin", "sel", "mar", "to", "dur", "len", "bra", "ni", "gos", "ul", "fe", "tam", "quor", "is"];

fn word(rng: &mut Lcg, parts: usize) -> String {
    let mut w: String = (0..parts).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
    if let Some(first) = w.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    w
}

fn evidence(at: usize) -> Evidence {
    Evidence { start: at, end: at + 10, quote: "a sentence".into() }
}

fn synthetic(count: usize) -> Vec<DocFacts> {
    let mut rng = Lcg(7);
    let people: Vec<String> = (0..5000).map(|_| format!("{} {}", word(&mut rng, 2), word(&mut rng, 3))).collect();
    let orgs: Vec<String> = (0..800).map(|_| format!("{} {} Council", word(&mut rng, 2), word(&mut rng, 2))).collect();
    let codes = ["AA", "BB", "CC", "DD", "EE", "FF"];
    let topics = ["trade", "education", "energy", "health", "transport", "culture"];
    let mut docs = Vec::with_capacity(count);
    for n in 0..count {
        let (a, b) = (codes[rng.below(codes.len())], codes[rng.below(codes.len())]);
        let parties = vec![a.to_string(), b.to_string()];
        let mut entities = vec![];
        for (i, code) in [a, b].iter().enumerate() {
            entities.push(Entity {
                kind: EntityType::Country,
                name: format!("Country {code}"),
                code: Some(code.to_string()),
                aliases: vec![],
                country: None,
                title: None,
                mentions: vec![MentionOffsets { start: i * 10, end: i * 10 + 5 }],
                rule: None,
            });
        }
        let mut chosen = vec![];
        for i in 0..6 {
            let name = people[rng.below(people.len())].clone();
            chosen.push(name.clone());
            entities.push(Entity {
                kind: EntityType::Person,
                name,
                code: None,
                aliases: vec![],
                country: Some(a.to_string()),
                title: Some("Minister".into()),
                mentions: vec![MentionOffsets { start: 100 + i, end: 110 + i }],
                rule: None,
            });
        }
        for i in 0..3 {
            entities.push(Entity {
                kind: EntityType::Organization,
                name: orgs[rng.below(orgs.len())].clone(),
                code: None,
                aliases: vec![],
                country: None,
                title: None,
                mentions: vec![MentionOffsets { start: 200 + i, end: 210 + i }],
                rule: None,
            });
        }
        let year = 2000 + rng.below(25);
        let events = (0..3)
            .map(|i| Event {
                kind: ["visit", "meeting", "milestone"][i].into(),
                visit_kind: None,
                what: (i == 2).then(|| "strategic_partnership".into()),
                by: None,
                participants: if i < 2 { vec![chosen[i].clone()] } else { vec![] },
                host: (i == 0).then(|| b.to_string()),
                place: None,
                date: match rng.below(3) {
                    0 => None,
                    1 => Some(format!("{year}")),
                    _ => Some(format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))),
                },
                parties: parties.clone(),
                evidence: evidence(300 + i),
                rule: None,
            })
            .collect();
        let agreements = (0..2)
            .map(|i| Agreement {
                title: format!("agreement on {} {}", word(&mut rng, 2), topics[rng.below(topics.len())]),
                kind: "agreement".into(),
                topics: vec![topics[rng.below(topics.len())].into()],
                parties: parties.clone(),
                signed: Some(format!("{}", 1990 + rng.below(35))),
                in_force: None,
                status: None,
                evidence: evidence(400 + i),
                rule: None,
            })
            .collect();
        let figures = (0..2)
            .map(|i| Figure {
                indicator: "trade_turnover".into(),
                value: (1 + rng.below(500)) as f64 * 1e6,
                unit: Some("USD".into()),
                period: Some(format!("{}", 2000 + rng.below(25))),
                status: "actual".into(),
                parties: parties.clone(),
                evidence: evidence(500 + i),
                rule: None,
            })
            .collect();
        let commitments = (0..4)
            .map(|i| Commitment {
                areas: vec![topics[rng.below(topics.len())].into()],
                parties: parties.clone(),
                modality: "agreed".into(),
                text: format!("promote {} {} and {}", word(&mut rng, 2), word(&mut rng, 2), word(&mut rng, 3)),
                evidence: evidence(600 + i),
                rule: None,
            })
            .collect();
        docs.push(DocFacts {
            doc: DocHeader {
                id: format!("doc{n:06}"),
                lang: "en".into(),
                published: None,
                dateline: None,
                source: None,
                url: None,
                title: None,
            },
            entities,
            events,
            agreements,
            figures,
            commitments,
        });
    }
    docs
}

#[test]
fn merging_many_documents_takes_seconds() {
    let count = 10_000;
    let docs = synthetic(count);
    let started = Instant::now();
    let kb = accord_merge::merge(&docs);
    let took = started.elapsed();
    println!(
        "merged {count} documents in {took:.2?}: {} entities, {} events, {} agreements, {} figures, {} commitments, {} conflicts",
        kb.entities.len(),
        kb.events.len(),
        kb.agreements.len(),
        kb.figures.len(),
        kb.commitments.len(),
        kb.conflicts.len()
    );
    // An unoptimised test build on a shared machine: generous, but far
    // below what comparing all pairs would take.
    assert!(took.as_secs() < 45, "{took:?}");
}

#[test]
fn a_shuffled_corpus_merges_the_same() {
    let docs = synthetic(1500);
    let mut shuffled = docs.clone();
    let mut rng = Lcg(99);
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i + 1));
    }
    let one = serde_json::to_string(&accord_merge::export(&accord_merge::merge(&docs))).unwrap();
    let two = serde_json::to_string(&accord_merge::export(&accord_merge::merge(&shuffled))).unwrap();
    assert!(one == two, "the merge depends on input order");
}
