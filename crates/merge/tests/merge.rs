//! The merge on small made-up documents: names, dates and figures below are
//! invented for the tests.

use accord_doc::facts::*;
use accord_merge::{export, merge, KnowledgeBase};

fn doc(id: &str, lang: &str, published: Option<&str>) -> DocFacts {
    let doc = DocHeader { id: id.into(), lang: lang.into(), published: published.and_then(|p| p.parse().ok()), ..Default::default() };
    DocFacts { doc, ..Default::default() }
}

fn entity(kind: EntityType, name: &str, aliases: &[&str], at: usize) -> Entity {
    Entity {
        kind,
        name: name.into(),
        code: None,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        country: None,
        title: None,
        mentions: vec![MentionOffsets { start: at, end: at + name.len() }],
        rule: None,
    }
}

fn country(name: &str, code: &str, at: usize) -> Entity {
    Entity { code: Some(code.into()), ..entity(EntityType::Country, name, &[], at) }
}

fn person(name: &str, aliases: &[&str], country: Option<&str>, at: usize) -> Entity {
    Entity { country: country.map(Into::into), ..entity(EntityType::Person, name, aliases, at) }
}

fn evidence(at: usize, quote: &str) -> Evidence {
    Evidence { start: at, end: at + quote.len(), quote: quote.into() }
}

fn visit(who: &[&str], host: &str, date: Option<&str>, at: usize) -> Event {
    Event {
        kind: "visit".into(),
        visit_kind: Some("official".into()),
        what: None,
        by: None,
        participants: who.iter().map(|w| w.to_string()).collect(),
        host: Some(host.into()),
        place: None,
        date: date.map(Into::into),
        parties: vec!["AA".into(), "BB".into()],
        evidence: evidence(at, "a visit sentence"),
        rule: None,
    }
}

fn milestone(what: &str, date: Option<&str>, at: usize) -> Event {
    Event {
        kind: "milestone".into(),
        what: Some(what.into()),
        participants: vec![],
        host: None,
        visit_kind: None,
        ..visit(&[], "", date, at)
    }
}

fn agreement(title: &str, kind: &str, topics: &[&str], signed: Option<&str>, in_force: Option<&str>, at: usize) -> Agreement {
    Agreement {
        title: title.into(),
        kind: kind.into(),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        parties: vec!["AA".into(), "BB".into()],
        signed: signed.map(Into::into),
        in_force: in_force.map(Into::into),
        status: None,
        evidence: evidence(at, title),
        rule: None,
    }
}

fn figure(indicator: &str, value: f64, period: Option<&str>, at: usize) -> Figure {
    Figure {
        indicator: indicator.into(),
        value,
        unit: Some("USD".into()),
        period: period.map(Into::into),
        status: "actual".into(),
        parties: vec!["AA".into(), "BB".into()],
        evidence: evidence(at, "a figure sentence"),
        rule: None,
    }
}

fn commitment(areas: &[&str], text: &str, at: usize) -> Commitment {
    Commitment {
        areas: areas.iter().map(|a| a.to_string()).collect(),
        parties: vec!["AA".into(), "BB".into()],
        modality: "agreed".into(),
        text: text.into(),
        evidence: evidence(at, text),
        rule: None,
    }
}

fn cited(kb_sources: &[accord_merge::Source]) -> Vec<&str> {
    kb_sources.iter().map(|s| s.doc.as_str()).collect()
}

fn find<'a>(kb: &'a KnowledgeBase, name: &str) -> &'a accord_merge::Merged<Entity> {
    kb.entities.iter().find(|e| e.record.name == name || e.record.aliases.iter().any(|a| a == name)).expect(name)
}

#[test]
fn countries_meet_by_code_across_languages() {
    let mut a = doc("a", "en", None);
    a.entities.push(country("Aland", "AA", 10));
    let mut b = doc("b", "vi", None);
    b.entities.push(Entity { aliases: vec!["Ả Lan".into()], ..country("Aland", "AA", 30) });
    let mut c = doc("c", "ru", None);
    c.entities.push(Entity { aliases: vec!["Аланд".into()], ..country("Aland", "AA", 5) });
    let kb = merge(&[a, b, c]);
    assert_eq!(kb.entities.len(), 1);
    let merged = &kb.entities[0];
    assert_eq!(merged.record.code.as_deref(), Some("AA"));
    assert_eq!(cited(&merged.sources), ["a", "b", "c"]);
    assert!(merged.record.aliases.contains(&"Аланд".to_string()));
    assert_eq!(merged.sources[1].start, 30);
    assert!(merged.record.mentions.is_empty());
}

#[test]
fn people_meet_across_diacritics_slips_and_surnames() {
    let mut a = doc("a", "vi", None);
    a.entities.push(person("Đỗ Văn Hùng", &[], Some("AA"), 0));
    let mut b = doc("b", "en", None);
    b.entities.push(person("Do Van Hung", &[], None, 4));
    b.entities.push(person("Konstantin Vorobyevsky", &["Vorobyevsky"], None, 40));
    let mut c = doc("c", "en", None);
    c.entities.push(person("Konstantin Vorobyevsk", &[], None, 8));
    let mut d = doc("d", "en", None);
    d.entities.push(person("Vorobyevsky", &[], None, 2));
    let mut e = doc("e", "ru", None);
    e.entities.push(person("Константин Воробьевский", &[], None, 2));
    let kb = merge(&[a, b, c, d, e]);
    let hung = find(&kb, "Đỗ Văn Hùng");
    assert_eq!(hung.record.name, "Đỗ Văn Hùng", "the spelling with diacritics is the name");
    assert_eq!(cited(&hung.sources), ["a", "b"]);
    assert_eq!(hung.record.country.as_deref(), Some("AA"));
    let vorobyevsky = find(&kb, "Konstantin Vorobyevsky");
    assert_eq!(cited(&vorobyevsky.sources), ["b", "c", "d", "e"]);
    assert_eq!(kb.entities.len(), 2);
}

/// Documents `a`, `b`, ... in English, one an item, each given its records
/// by `fill`.
fn one_doc_each<T: Copy>(items: &[T], fill: impl Fn(&mut DocFacts, T)) -> Vec<DocFacts> {
    let ids = ["a", "b", "c", "d", "e", "f"];
    items
        .iter()
        .zip(ids)
        .map(|(&item, id)| {
            let mut d = doc(id, "en", None);
            fill(&mut d, item);
            d
        })
        .collect()
}

/// Documents naming one person each: language, name, country.
fn one_person_each(people: &[(&str, &str, Option<&str>)]) -> Vec<DocFacts> {
    one_doc_each(people, |d, (lang, name, country)| {
        d.doc.lang = lang.into();
        d.entities.push(person(name, &[], country, 0));
    })
}

/// Documents reporting one visit of Ola Berg to BB each, on these dates.
fn visits_of_ola_berg(dates: &[Option<&str>]) -> Vec<DocFacts> {
    one_doc_each(dates, |d, date| d.events.push(visit(&["Ola Berg"], "BB", date, 0)))
}

#[test]
fn short_names_one_letter_apart_are_different_people() {
    let docs = one_person_each(&[
        ("vi", "Lê Văn Tâm", None),
        ("vi", "Lê Văn Tân", None),
        ("en", "Ivan Petrov", Some("CC")),
        ("en", "Ivan Petrov", Some("DD")),
    ]);
    assert_eq!(merge(&docs).entities.len(), 4);
}

#[test]
fn a_lone_surname_borne_by_two_people_stays_apart() {
    let docs = one_person_each(&[("en", "Maria Kowalczyk", None), ("en", "Tomasz Kowalczyk", None), ("en", "Kowalczyk", None)]);
    assert_eq!(merge(&docs).entities.len(), 3);
}

#[test]
fn organisations_meet_by_alias_and_same_named_ministries_of_two_countries_do_not() {
    let mut a = doc("a", "en", None);
    a.entities.push(entity(EntityType::Organization, "Union of Northern States", &["UNS"], 0));
    a.entities.push(Entity { country: Some("AA".into()), ..entity(EntityType::Organization, "Ministry of Culture", &[], 50) });
    let mut b = doc("b", "vi", None);
    b.entities.push(entity(EntityType::Organization, "Liên minh các nước phương Bắc", &["UNS"], 0));
    b.entities.push(Entity { country: Some("BB".into()), ..entity(EntityType::Organization, "Ministry of Culture", &[], 80) });
    let kb = merge(&[a, b]);
    let union = find(&kb, "UNS");
    assert_eq!(cited(&union.sources), ["a", "b"]);
    assert_eq!(kb.entities.len(), 3);
}

#[test]
fn one_visit_reported_three_times_with_the_most_precise_date() {
    let people = |d: &mut DocFacts, name: &str| d.entities.push(person(name, &[], None, 0));
    let mut a = doc("a", "en", Some("2030-04-02"));
    people(&mut a, "Minh Quang Tran");
    a.events.push(visit(&["Minh Quang Tran"], "BB", Some("2030-04-01/2030-04-02"), 10));
    let mut b = doc("b", "vi", Some("2030-04-01"));
    people(&mut b, "Minh Quang Trần");
    b.events.push(visit(&["Minh Quang Trần"], "BB", Some("2030-04"), 20));
    let mut c = doc("c", "en", None);
    people(&mut c, "Minh Quang Tran");
    c.events.push(visit(&["Minh Quang Tran"], "BB", None, 30));
    // The same person's visit to another country: a different event.
    let mut d = doc("d", "en", Some("2031-06-01"));
    people(&mut d, "Minh Quang Tran");
    d.events.push(visit(&["Minh Quang Tran"], "CC", Some("2030-04"), 40));
    let kb = merge(&[a, b, c, d]);
    assert_eq!(kb.events.len(), 2, "{:#?}", kb.events);
    let first = kb.events.iter().find(|e| e.sources.len() == 3).expect("merged visit");
    assert_eq!(first.record.date.as_deref(), Some("2030-04-01/2030-04-02"));
    assert_eq!(cited(&first.sources), ["a", "b", "c"]);
}

#[test]
fn an_undated_report_fitting_two_happenings_stays_apart() {
    let kb = merge(&visits_of_ola_berg(&[Some("2020-03"), Some("2024-09"), None]));
    assert_eq!(kb.events.len(), 3);
}

#[test]
fn a_coarse_date_does_not_chain_two_different_days() {
    let kb = merge(&visits_of_ola_berg(&[Some("2020-03-02"), Some("2020-03-20"), Some("2020")]));
    assert!(kb.events.iter().all(|e| e.sources.len() == 1), "{:#?}", kb.events);
}

#[test]
fn milestone_dates_that_disagree_are_a_conflict() {
    let mut a = doc("a", "en", None);
    a.events.push(milestone("diplomatic_relations", Some("1990-02-10"), 0));
    let mut b = doc("b", "en", None);
    b.events.push(milestone("diplomatic_relations", Some("1990-02-10"), 0));
    let mut c = doc("c", "vi", None);
    c.events.push(milestone("diplomatic_relations", Some("1990-02-11"), 0));
    let mut d = doc("d", "en", None);
    d.events.push(milestone("diplomatic_relations", Some("1990"), 0));
    let kb = merge(&[a, b, c, d]);
    assert_eq!(kb.events.len(), 1);
    assert_eq!(kb.events[0].record.date.as_deref(), Some("1990-02-10"));
    let conflict = kb.conflicts.iter().find(|c| c.field == "date").expect("date conflict");
    assert_eq!(conflict.record, kb.events[0].id);
    assert_eq!(conflict.values.len(), 3);
}

#[test]
fn agreements_combine_fields_across_documents_and_languages() {
    let mut a = doc("a", "en", None);
    a.agreements.push(agreement("agreement on fisheries cooperation", "agreement", &["agriculture"], Some("2021"), None, 0));
    let mut b = doc("b", "en", None);
    b.agreements.push(agreement("the fisheries cooperation agreement", "agreement", &["agriculture"], None, Some("2022-07-01"), 0));
    let mut c = doc("c", "vi", None);
    c.agreements.push(agreement("Hiệp định hợp tác nghề cá", "agreement", &["agriculture"], Some("2021"), None, 0));
    // Same topic and year, other instrument, same language: apart.
    let mut d = doc("d", "en", None);
    d.agreements.push(agreement("memorandum on veterinary inspection", "memorandum", &["agriculture"], Some("2021"), None, 0));
    let kb = merge(&[a, b, c, d]);
    assert_eq!(kb.agreements.len(), 2, "{:#?}", kb.agreements);
    let fisheries = kb.agreements.iter().find(|m| m.sources.len() == 3).expect("merged agreement");
    assert_eq!(fisheries.record.signed.as_deref(), Some("2021"));
    assert_eq!(fisheries.record.in_force.as_deref(), Some("2022-07-01"));
}

#[test]
fn figures_within_one_percent_merge_and_disagreements_are_kept() {
    let mut a = doc("a", "en", None);
    a.figures.push(figure("trade_turnover", 75_000_000.0, Some("2029"), 0));
    a.figures.push(figure("exports", 10_000_000.0, Some("2029"), 50));
    let mut b = doc("b", "vi", None);
    b.figures.push(figure("trade_turnover", 75_300_000.0, Some("2029"), 0));
    b.figures.push(figure("exports", 12_000_000.0, Some("2029"), 50));
    let mut c = doc("c", "en", None);
    c.figures.push(figure("trade_turnover", 81_000_000.0, Some("2029"), 0));
    let kb = merge(&[a, b, c]);
    let turnover: Vec<_> = kb.figures.iter().filter(|f| f.record.indicator == "trade_turnover").collect();
    assert_eq!(turnover.len(), 1);
    assert_eq!(cited(&turnover[0].sources), ["a", "b", "c"]);
    assert_eq!(turnover[0].record.value, 75_300_000.0, "the most precise of the agreeing values");
    assert!(kb.conflicts.iter().any(|c| c.field == "value" && c.record == turnover[0].id));
    // Exports have a direction the record does not hold: two figures.
    assert_eq!(kb.figures.iter().filter(|f| f.record.indicator == "exports").count(), 2);
}

#[test]
fn commitments_reported_by_two_outlets_merge_conservatively() {
    let mut a = doc("a", "en", None);
    a.commitments.push(commitment(&["education"], "expand student exchanges and joint research programmes", 0));
    a.commitments.push(commitment(&["trade"], "remove barriers to farm exports", 90));
    let mut b = doc("b", "en", None);
    b.commitments.push(commitment(&["education"], "expand student exchanges and joint research", 0));
    b.commitments.push(commitment(&["trade"], "raise trade to a new level", 90));
    let kb = merge(&[a, b]);
    assert_eq!(kb.commitments.len(), 3);
}

fn sample() -> Vec<DocFacts> {
    let mut a = doc("a", "en", Some("2030-04-02"));
    a.entities.push(country("Aland", "AA", 0));
    a.entities.push(person("Minh Quang Tran", &[], None, 10));
    a.events.push(visit(&["Minh Quang Tran"], "BB", Some("2030-04-01"), 10));
    a.figures.push(figure("trade_turnover", 5e7, Some("2029"), 0));
    let mut b = doc("b", "vi", None);
    b.entities.push(country("Aland", "AA", 3));
    b.entities.push(person("Minh Quang Trần", &[], None, 10));
    b.events.push(visit(&["Minh Quang Trần"], "BB", None, 10));
    b.figures.push(figure("trade_turnover", 5.2e7, Some("2029"), 0));
    let mut c = doc("c", "en", None);
    c.agreements.push(agreement("agreement on fisheries", "agreement", &["agriculture"], Some("2021"), None, 0));
    c.commitments.push(commitment(&["trade"], "remove barriers to farm exports", 90));
    vec![a, b, c]
}

#[test]
fn output_does_not_depend_on_input_order() {
    let docs = sample();
    let mut reversed = docs.clone();
    reversed.reverse();
    let mut rotated = docs.clone();
    rotated.rotate_left(1);
    let one = serde_json::to_string(&export(&merge(&docs))).unwrap();
    assert_eq!(one, serde_json::to_string(&export(&merge(&reversed))).unwrap());
    assert_eq!(one, serde_json::to_string(&export(&merge(&rotated))).unwrap());
}

#[test]
fn export_has_sources_on_every_record() {
    let value = accord_merge::export_named(&merge(&sample()), "sample");
    assert_eq!(value["doc"]["id"], "sample");
    for kind in ["entities", "events", "agreements", "figures", "commitments"] {
        let records = value[kind].as_array().unwrap();
        assert!(!records.is_empty(), "{kind}");
        for record in records {
            let sources = record["sources"].as_array().unwrap();
            assert!(!sources.is_empty());
            assert!(sources[0]["doc"].is_string() && sources[0]["start"].is_number());
            assert!(record["id"].is_string());
            assert!(record.get("mentions").is_none());
        }
    }
    assert!(value["conflicts"].is_array());
}

#[test]
fn empty_and_odd_input_does_not_panic() {
    assert_eq!(merge(&[]), KnowledgeBase::default());
    let mut a = doc("a", "en", None);
    a.entities.push(person("", &["", "  "], None, 0));
    a.entities.push(Entity { mentions: vec![], ..country("", "", 0) });
    a.events.push(visit(&["", "?"], "", Some("garbage/2020"), 0));
    a.figures.push(figure("", f64::NAN, Some("2020-99"), 0));
    a.figures.push(figure("", 0.0, None, 0));
    a.figures.push(figure("", -5.0, None, 0));
    a.agreements.push(agreement("", "", &[], Some("x"), None, 0));
    a.commitments.push(commitment(&[], "", 0));
    let twice = vec![a.clone(), a];
    let kb = merge(&twice);
    let _ = export(&kb);
}

#[test]
fn a_career_is_not_a_conflict() {
    let titled = |id: &str, title: &str| {
        let mut d = doc(id, "en", None);
        d.entities.push(Entity { title: Some(title.into()), ..person("Ola Berg", &[], None, 0) });
        d
    };
    let kb = merge(&[titled("a", "President"), titled("b", "President of Aland")]);
    assert!(kb.conflicts.is_empty(), "{:?}", kb.conflicts);
    // Successive offices (and two held at once) are titles, not disagreements.
    let kb = merge(&[
        titled("a", "Prime Minister"),
        titled("b", "Minister of Fisheries"),
        titled("c", "Prime Minister"),
        titled("d", "President"),
    ]);
    assert_eq!(kb.entities[0].record.title.as_deref(), Some("Prime Minister"));
    assert!(kb.conflicts.is_empty(), "{:?}", kb.conflicts);
}

#[test]
fn an_undated_report_neither_contradicts_the_place_nor_predates_the_happening() {
    let meeting = |date: Option<&str>, place: &str| Event {
        kind: "meeting".into(),
        place: Some(place.into()),
        visit_kind: None,
        host: None,
        ..visit(&["Ola Berg", "Kari Lund"], "", date, 0)
    };
    let mut a = doc("a", "en", None);
    a.events.push(meeting(Some("2020-03-02"), "Northport"));
    let mut b = doc("b", "en", None);
    b.events.push(meeting(None, "Southbay"));
    // Published before the meeting: it reports an earlier one.
    let mut c = doc("c", "en", Some("2019-05-01"));
    c.events.push(meeting(None, "Northport"));
    let mut d = doc("d", "en", Some("2020-04-01"));
    d.events.push(meeting(None, "Northport"));
    let kb = merge(&[a, b, c, d]);
    assert_eq!(kb.events.len(), 3, "{:#?}", kb.events);
    let joined = kb.events.iter().find(|e| e.sources.len() == 2).expect("d joins a");
    assert_eq!(cited(&joined.sources), ["a", "d"]);
    assert_eq!(joined.record.date.as_deref(), Some("2020-03-02"));
}
