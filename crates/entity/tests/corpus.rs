//! The example corpus of every language (`data/<lang>/entities/corpus.tsv`):
//! each line a text and the entities that must, or must not, be found in it
//! (by name or by one of its aliases: reference entities are named in English).

use accord_doc::facts::EntityType;
use accord_doc::{Lang, Span};

fn kind(name: &str) -> EntityType {
    match name {
        "person" => EntityType::Person,
        "country" => EntityType::Country,
        "organization" => EntityType::Organization,
        "place" => EntityType::Place,
        other => panic!("unknown entity type {other:?} in an entity corpus"),
    }
}

#[test]
fn every_language_corpus_finds_what_it_expects() {
    accord_testdata::check_corpus("entities/corpus.tsv", 10, 2..=2, |lang, cols, failures| {
        let [text, expected] = cols else { unreachable!("two columns") };
        // Read as the door reads it (see accord_doc::door).
        let clean = accord_doc::door::normalize(text).map(|(clean, _)| clean);
        let text = clean.as_deref().unwrap_or(text);
        let body = Span::new(0, text.len());
        let sentences = accord_text::sentences(text, body, lang);
        let found = accord_entity::recognize(text, body, &sentences, lang, &[]);
        let has = |k: EntityType, name: &str| {
            found.records.iter().any(|r| r.kind == k && (r.name == name || r.aliases.iter().any(|a| a == name)))
        };
        for want in expected.split(';').map(str::trim).filter(|w| !w.is_empty()) {
            let (negated, want) = match want.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, want),
            };
            let (k, name) = want.split_once(':').unwrap_or_else(|| panic!("{lang}: bad expectation {want:?}"));
            if has(kind(k), name) == negated {
                let got: Vec<String> = found.records.iter().map(|r| format!("{:?}:{}", r.kind, r.name)).collect();
                failures.push(format!("{lang}: {} {want} in {text:?}; found {got:?}", if negated { "unexpected" } else { "missing" }));
            }
        }
    });
}

#[test]
fn a_part_of_a_full_name_alone_is_a_mention_of_that_person() {
    let text = "President Ivan Holm and President Ana Ruiz held talks in Lima. Later Holm met Ruiz again, and Ivan spoke.";
    let body = Span::new(0, text.len());
    let sentences = accord_text::sentences(text, body, Lang::En);
    let found = accord_entity::recognize(text, body, &sentences, Lang::En, &[]);
    let mentions = |name: &str| found.records.iter().find(|r| r.name == name).map(|r| r.mentions.len());
    assert_eq!(mentions("Ivan Holm"), Some(3), "{:?}", found.records);
    assert_eq!(mentions("Ana Ruiz"), Some(2), "{:?}", found.records);
}
