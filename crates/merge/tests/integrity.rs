//! Merging without contamination (issue 12) on small made-up documents:
//! a merge never moves a report to another pair, an undated report joins
//! only a happening nothing else competes for, a group holds only reports
//! alike each to each, and a merged value is quoted by its evidence and
//! disputed in the open. Names, codes and numbers are invented.

use accord_doc::facts::*;
use accord_merge::{export, merge, merge_copies};

fn doc(id: &str, lang: &str) -> DocFacts {
    let doc = DocHeader { id: id.into(), lang: lang.into(), ..Default::default() };
    DocFacts { doc, ..Default::default() }
}

fn evidence(at: usize, quote: &str) -> Evidence {
    Evidence { start: at, end: at + quote.len(), quote: quote.into() }
}

fn pair(a: &str, b: &str) -> Vec<String> {
    vec![a.into(), b.into()]
}

fn meeting(parties: &[String], date: Option<&str>, place: Option<&str>, at: usize) -> Event {
    Event {
        kind: "meeting".into(),
        visit_kind: None,
        what: None,
        by: None,
        participants: vec!["Ola Berg".into(), "Kari Lund".into()],
        host: None,
        place: place.map(Into::into),
        date: date.map(Into::into),
        parties: parties.to_vec(),
        evidence: evidence(at, "a meeting sentence"),
        rule: None,
    }
}

fn agreement(title: &str, parties: &[String], signed: Option<&str>, at: usize) -> Agreement {
    Agreement {
        title: title.into(),
        kind: "agreement".into(),
        topics: vec!["economy".into()],
        parties: parties.to_vec(),
        signed: signed.map(Into::into),
        in_force: None,
        status: None,
        evidence: evidence(at, title),
        rule: None,
    }
}

fn figure(value: f64, parties: &[String], quote: &str) -> Figure {
    Figure {
        indicator: "trade_turnover".into(),
        value,
        unit: Some("USD".into()),
        period: Some("2029".into()),
        status: "actual".into(),
        parties: parties.to_vec(),
        evidence: evidence(0, quote),
        rule: None,
    }
}

#[test]
fn a_report_of_another_pair_stays_on_its_pair() {
    let (ab, ac) = (pair("AA", "BB"), pair("AA", "CC"));
    // The same meeting, agreement and figure, each document of its own pair.
    let report = |id: &str, parties: &[String], title: &str| {
        let mut d = doc(id, "en");
        d.events.push(meeting(parties, Some("2030-04-02"), None, 0));
        d.agreements.push(agreement(title, parties, Some("2015"), 50));
        d.figures.push(figure(75_000_000.0, parties, "75 million"));
        d
    };
    let a = report("a", &ab, "free trade agreement with the Union");
    let b = report("b", &ac, "the free trade agreement with the Union");
    // A report naming no pair is not put on one.
    let mut c = doc("c", "en");
    c.events.push(meeting(&[], Some("2030-04-02"), None, 0));
    let kb = merge(&[a, b, c]);
    assert_eq!(kb.events.len(), 3, "{:#?}", kb.events);
    assert_eq!(kb.agreements.len(), 2, "{:#?}", kb.agreements);
    assert_eq!(kb.figures.len(), 2, "{:#?}", kb.figures);
    for (parties, docs) in [(&ab, "a"), (&ac, "b")] {
        assert!(kb.events.iter().any(|e| &e.record.parties == parties && e.sources[0].doc == docs));
        assert!(kb.agreements.iter().any(|m| &m.record.parties == parties && m.sources[0].doc == docs));
        assert!(kb.figures.iter().any(|f| &f.record.parties == parties && f.sources[0].doc == docs));
    }
}

#[test]
fn an_undated_report_joins_only_an_unambiguous_happening() {
    let ab = pair("AA", "BB");
    let mut a = doc("a", "en");
    a.events.push(meeting(&ab, Some("2030-04-02"), Some("Northport"), 0));
    let mut b = doc("b", "en");
    b.events.push(meeting(&ab, Some("2031-09-12"), None, 0));
    // Fits both (the place only makes the first likelier): alone.
    let mut c = doc("c", "en");
    c.events.push(meeting(&ab, None, Some("Northport"), 0));
    let kb = merge(&[a.clone(), b, c.clone()]);
    assert_eq!(kb.events.len(), 3, "{:#?}", kb.events);
    assert!(kb.events.iter().all(|e| e.sources.len() == 1));
    // Kept apart, it is linked to both happenings it may be, for an analyst to decide.
    let undated = kb.events.iter().find(|e| e.record.date.is_none()).unwrap();
    let dated: Vec<&str> = kb.events.iter().filter(|e| e.record.date.is_some()).map(|e| e.id.as_str()).collect();
    let mut linked: Vec<&str> = kb.links.iter().filter(|l| l.record == undated.id).map(|l| l.candidate.as_str()).collect();
    linked.sort_unstable();
    let mut expected = dated.clone();
    expected.sort_unstable();
    assert_eq!(linked, expected, "{:#?}", kb.links);
    assert!(kb.links.iter().all(|l| l.kind == "events"));
    assert!(export(&kb).get("links").is_some_and(|v| v.as_array().is_some_and(|a| a.len() == 2)));
    // With one candidate it joins and takes its date, and nothing is left to link.
    let kb = merge(&[a, c]);
    assert!(kb.links.is_empty());
    assert_eq!(kb.events.len(), 1, "{:#?}", kb.events);
    assert_eq!(kb.events[0].record.date.as_deref(), Some("2030-04-02"));
}

#[test]
fn an_instrument_joins_a_group_only_when_like_every_member() {
    let ab = pair("AA", "BB");
    let mut a = doc("a", "en");
    a.agreements.push(agreement("agreement on fisheries cooperation", &ab, Some("2021"), 0));
    // Another language: like either English report (same kind, parties
    // and year), so it joins the first.
    let mut b = doc("b", "vi");
    b.agreements.push(agreement("Hiệp định hợp tác nghề cá", &ab, Some("2021"), 0));
    // Like the Vietnamese report, unlike the English one it names another
    // instrument than: not joined through the Vietnamese report.
    let mut c = doc("c", "en");
    c.agreements.push(agreement("agreement on labour exchanges", &ab, Some("2021"), 0));
    let kb = merge(&[a, b, c]);
    assert_eq!(kb.agreements.len(), 2, "{:#?}", kb.agreements);
    let labour = kb.agreements.iter().find(|m| m.record.title.contains("labour")).unwrap();
    assert_eq!(labour.sources.len(), 1, "{labour:#?}");
    // Kept apart, the two are linked: the labour report is like one report of the other.
    let other = kb.agreements.iter().find(|m| m.id != labour.id).unwrap();
    let linked: Vec<(&str, &str)> = kb.links.iter().map(|l| (l.record.as_str(), l.candidate.as_str())).collect();
    assert!(
        linked.contains(&(other.id.as_str(), labour.id.as_str())) || linked.contains(&(labour.id.as_str(), other.id.as_str())),
        "{:#?}",
        kb.links
    );
    assert!(kb.links.iter().all(|l| l.kind == "agreements"));
}

#[test]
fn a_merged_value_is_quoted_by_its_evidence_and_disputed_in_the_open() {
    let ab = pair("AA", "BB");
    let mut a = doc("a", "vi");
    a.figures.push(figure(60_000_000.0, &ab, "60 triệu"));
    let mut b = doc("b", "en");
    b.figures.push(figure(99_000_000.0, &ab, "99 million"));
    let mut c = doc("c", "en");
    c.figures.push(figure(99_000_000.0, &ab, "99 million"));
    let kb = merge(&[a, b, c]);
    assert_eq!(kb.figures.len(), 1, "{:#?}", kb.figures);
    let merged = &kb.figures[0];
    assert_eq!(merged.record.value, 99_000_000.0, "the value most sources give");
    assert_eq!(merged.record.evidence.quote, "99 million", "the quote says the value shown");
    let exported = export(&kb);
    let record = &exported["figures"][0];
    assert_eq!(record["disputed"], true);
    let values = &record["alternatives"][0]["values"];
    assert_eq!(record["alternatives"][0]["field"], "value");
    assert!(values.as_array().unwrap().iter().any(|v| v["value"] == 60_000_000.0 && v["docs"] == serde_json::json!(["a"])));
    // A record its sources agree on says nothing of disputes.
    let kb = merge(&[doc("x", "en")]);
    assert!(export(&kb)["figures"].as_array().unwrap().is_empty());
    let mut d = doc("d", "en");
    d.figures.push(figure(99_000_000.0, &ab, "99 million"));
    let agreed = export(&merge(&[d]));
    assert!(agreed["figures"][0].get("disputed").is_none());
}

#[test]
fn twins_are_cited_beside_their_original_and_do_not_vote() {
    let reporting =
        |id: &str, value: f64, quote: &str| DocFacts { figures: vec![figure(value, &pair("AA", "BB"), quote)], ..doc(id, "en") };
    let (a, b) = (reporting("a", 61_000_000.0, "61 million"), reporting("b", 60_000_000.0, "60 million"));
    // The same report stored twice more under other ids: word for word.
    let (c, d) = (reporting("c", 60_000_000.0, "60 million"), reporting("d", 60_000_000.0, "60 million"));
    let copies = [("c", "b"), ("d", "b")].map(|(c, o)| (c.to_string(), o.to_string())).into();
    // Not copies of one another (as the store found them): not twins.
    let apart = merge(&[d.clone(), a.clone(), c.clone(), b.clone()]);
    assert_eq!(apart.figures[0].record.value, 60_000_000.0, "three reports against one");
    let kb = merge_copies(&[d, a, c, b], &copies);
    assert_eq!(kb.figures.len(), 1, "{:#?}", kb.figures);
    let merged = &kb.figures[0];
    let docs: Vec<&str> = merged.sources.iter().map(|s| s.doc.as_str()).collect();
    assert_eq!(docs, ["a", "b", "c", "d"], "every twin is a source");
    assert!(merged.sources[1..].iter().all(|s| s.quote == "60 million"), "{:?}", merged.sources);
    // One report against one: the tie goes to the less round value; the
    // twins of "b" would have outvoted "a" had they counted.
    assert_eq!(merged.record.value, 61_000_000.0);
    let values = &export(&kb)["figures"][0]["alternatives"][0]["values"];
    assert!(values.as_array().unwrap().iter().any(|v| v["value"] == 60_000_000.0 && v["docs"] == serde_json::json!(["b"])), "{values}");
}
