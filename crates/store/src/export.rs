//! Exports of the merged knowledge base: one JSON document in the shape of
//! facts.md (what `shared/eval/score.py` reads), JSON Lines, CSV files per
//! record kind, and an event table coded to PLOVER and CAMEO
//! (`docs/plover.md`).

use crate::Dates;
use accord_merge::{KnowledgeBase, Merged};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{self, Write};

/// The knowledge base as one facts.md document named `id` (what the
/// scorer reads): the merge crate's export, so that there is one shape.
pub use accord_merge::export_named as knowledge_base_json;

/// The records of the knowledge base dated within `dates`: events by date,
/// agreements by date signed (or in force), figures by period, commitments
/// by the earliest publication of their documents (`published`, by id).
/// Undated records are left out when a bound is given; entities are all
/// kept; conflicts follow their records.
pub fn within(kb: KnowledgeBase, dates: &Dates, published: &HashMap<String, Option<String>>) -> KnowledgeBase {
    if dates.is_any() {
        return kb;
    }
    let keep = |date: Option<&String>| dates.contains(date.map(String::as_str));
    let stated = |sources: &[accord_merge::Source]| sources.iter().filter_map(|s| published.get(&s.doc).cloned().flatten()).min();
    let KnowledgeBase { entities, events, agreements, figures, commitments, conflicts, links } = kb;
    let mut out = KnowledgeBase {
        entities,
        events: events.into_iter().filter(|m| keep(m.record.date.as_ref())).collect(),
        agreements: agreements.into_iter().filter(|m| keep(m.record.signed.as_ref().or(m.record.in_force.as_ref()))).collect(),
        figures: figures.into_iter().filter(|m| keep(m.record.period.as_ref())).collect(),
        commitments: commitments.into_iter().filter(|m| keep(stated(&m.sources).as_ref())).collect(),
        conflicts: Vec::new(),
        links: Vec::new(),
    };
    let kept: std::collections::HashSet<(&str, String)> = out
        .entities
        .iter()
        .map(|m| ("entities", m.id.clone()))
        .chain(out.events.iter().map(|m| ("events", m.id.clone())))
        .chain(out.agreements.iter().map(|m| ("agreements", m.id.clone())))
        .chain(out.figures.iter().map(|m| ("figures", m.id.clone())))
        .chain(out.commitments.iter().map(|m| ("commitments", m.id.clone())))
        .collect();
    out.conflicts = conflicts.into_iter().filter(|c| kept.contains(&(c.kind.as_str(), c.record.clone()))).collect();
    out.links = links
        .into_iter()
        .filter(|l| kept.contains(&(l.kind.as_str(), l.record.clone())) && kept.contains(&(l.kind.as_str(), l.candidate.clone())))
        .collect();
    out
}

/// Every record as one JSON line, with its `kind` ("entities", ...,
/// "conflicts"), each record exactly as in the JSON export.
pub fn write_json_lines(kb: &KnowledgeBase, out: &mut impl Write) -> io::Result<()> {
    for (kind, records) in accord_merge::export_records(kb) {
        for mut v in records {
            if let Value::Object(o) = &mut v {
                o.insert("kind".into(), Value::String(kind.into()));
            }
            serde_json::to_writer(&mut *out, &v)?;
            out.write_all(b"\n")?;
        }
    }
    for c in &kb.conflicts {
        let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
        if let Value::Object(o) = &mut v {
            o.insert("kind_of_record".into(), o.get("kind").cloned().unwrap_or(Value::Null));
            o.insert("kind".into(), Value::String("conflicts".into()));
        }
        serde_json::to_writer(&mut *out, &v)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One CSV file: a name (`events.csv`), a header and rows.
pub struct CsvFile {
    pub name: String,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl CsvFile {
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        write_csv_row(out, self.header.iter().copied())?;
        for row in &self.rows {
            write_csv_row(out, row.iter().map(String::as_str))?;
        }
        Ok(())
    }
}

/// RFC 4180 quoting: a field with a comma, quote or line break is quoted.
pub fn write_csv_row<'a>(out: &mut impl Write, fields: impl Iterator<Item = &'a str>) -> io::Result<()> {
    let mut first = true;
    for f in fields {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        if f.contains([',', '"', '\n', '\r']) {
            out.write_all(b"\"")?;
            out.write_all(f.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(f.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

/// A field of a record as CSV text: lists joined with `|`, null empty.
fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items.iter().map(|i| cell(Some(i))).collect::<Vec<_>>().join("|"),
        Some(other) => other.to_string(),
    }
}

fn csv_of<T: Serialize>(kind: &str, fields: &[&'static str], list: &[Merged<T>]) -> CsvFile {
    let mut header = vec!["id"];
    header.extend_from_slice(fields);
    header.extend(["source_count", "docs", "quote"]);
    let rows = list
        .iter()
        .map(|m| {
            let v = serde_json::to_value(&m.record).unwrap_or(Value::Null);
            let mut row = vec![m.id.clone()];
            row.extend(fields.iter().map(|f| cell(v.get(*f))));
            let mut docs: Vec<&str> = m.sources.iter().map(|s| s.doc.as_str()).collect();
            docs.dedup();
            row.push(m.sources.len().to_string());
            row.push(docs.join("|"));
            row.push(m.sources.iter().min().map(|s| s.quote.clone()).unwrap_or_default());
            row
        })
        .collect();
    CsvFile { name: format!("{kind}.csv"), header, rows }
}

/// A CSV file per record kind, plus `sources.csv` (every source of every
/// record) and `conflicts.csv`.
pub fn csv_files(kb: &KnowledgeBase) -> Vec<CsvFile> {
    let mut files = vec![
        csv_of("entities", &["type", "name", "code", "aliases", "country", "title"], &kb.entities),
        csv_of("events", &["type", "kind", "what", "by", "participants", "host", "place", "date", "parties"], &kb.events),
        csv_of("agreements", &["title", "kind", "topics", "parties", "signed", "in_force", "status"], &kb.agreements),
        csv_of("figures", &["indicator", "value", "unit", "period", "status", "parties"], &kb.figures),
        csv_of("commitments", &["areas", "parties", "modality", "text"], &kb.commitments),
    ];
    let mut sources =
        CsvFile { name: "sources.csv".into(), header: vec!["kind", "record", "doc", "start", "end", "quote"], rows: Vec::new() };
    fn add<T>(rows: &mut Vec<Vec<String>>, kind: &str, list: &[Merged<T>]) {
        for m in list {
            for s in &m.sources {
                rows.push(vec![kind.into(), m.id.clone(), s.doc.clone(), s.start.to_string(), s.end.to_string(), s.quote.clone()]);
            }
        }
    }
    add(&mut sources.rows, "entities", &kb.entities);
    add(&mut sources.rows, "events", &kb.events);
    add(&mut sources.rows, "agreements", &kb.agreements);
    add(&mut sources.rows, "figures", &kb.figures);
    add(&mut sources.rows, "commitments", &kb.commitments);
    files.push(sources);
    files.push(CsvFile {
        name: "conflicts.csv".into(),
        header: vec!["kind", "record", "field", "values"],
        rows: kb
            .conflicts
            .iter()
            .map(|c| vec![c.kind.clone(), c.record.clone(), c.field.clone(), serde_json::to_string(&c.values).unwrap_or_default()])
            .collect(),
    });
    files
}

/// One row of the PLOVER/CAMEO event table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PloverEvent {
    pub event_id: String,
    /// ISO date (or interval, or a year/month) of the event; for a
    /// commitment, the earliest publication date of its sources.
    pub date: Option<String>,
    pub plover_type: &'static str,
    pub plover_mode: &'static str,
    pub plover_context: &'static str,
    pub cameo_code: &'static str,
    /// ISO 3166-1 alpha-3 codes (or an organisation's abbreviation).
    pub source_country: Option<String>,
    pub target_country: Option<String>,
    /// What the row was coded from: `event:visit`, `agreement`, `commitment`...
    pub accord_kind: String,
    pub participants: String,
    pub place: Option<String>,
    pub source_count: usize,
    pub docs: String,
    pub quote: String,
}

pub const PLOVER_HEADER: [&str; 14] = [
    "event_id",
    "date",
    "plover_type",
    "plover_mode",
    "plover_context",
    "cameo_code",
    "source_country",
    "target_country",
    "accord_kind",
    "participants",
    "place",
    "source_count",
    "docs",
    "quote",
];

impl PloverEvent {
    pub fn fields(&self) -> [String; 14] {
        [
            self.event_id.clone(),
            self.date.clone().unwrap_or_default(),
            self.plover_type.into(),
            self.plover_mode.into(),
            self.plover_context.into(),
            self.cameo_code.into(),
            self.source_country.clone().unwrap_or_default(),
            self.target_country.clone().unwrap_or_default(),
            self.accord_kind.clone(),
            self.participants.clone(),
            self.place.clone().unwrap_or_default(),
            self.source_count.to_string(),
            self.docs.clone(),
            self.quote.clone(),
        ]
    }
}

/// PLOVER type, mode and context, and CAMEO code.
pub type Codes = (&'static str, &'static str, &'static str, &'static str);

/// The [`Codes`] of an event; `None` for what
/// has no direction to code (a tariff, an unspecified policy). The table is
/// documented in docs/plover.md and follows the CAMEO-to-PLOVER conversion
/// of the PLOVER manual.
pub fn code_event(kind: &str, what: Option<&str>) -> Option<Codes> {
    Some(match (kind, what.unwrap_or("")) {
        ("visit", _) => ("CONSULT", "visit", "", "042"),
        ("meeting", _) => ("CONSULT", "", "", "040"),
        ("milestone", "recognition") => ("SUPPORT", "", "diplomatic", "054"),
        ("milestone", _) => ("SUPPORT", "", "diplomatic", "050"),
        ("policy", "visa_exemption" | "visa_simplification" | "e_visa" | "residence") => ("CONCEDE", "", "legal", "081"),
        ("policy", "ban") => ("COERCE", "restrict", "legal", "172"),
        _ => return None,
    })
}

/// (PLOVER context, CAMEO code) of a commitment, from its areas: an
/// expressed intent to cooperate (CAMEO 03, PLOVER AGREE).
pub fn code_commitment(areas: &[String]) -> (&'static str, &'static str) {
    let has = |set: &[&str]| areas.iter().any(|a| set.contains(&a.as_str()));
    if has(&["defence"]) {
        ("military", "0312")
    } else if has(&["justice"]) {
        ("legal", "0313")
    } else if has(&["security"]) {
        ("intelligence", "0314")
    } else if has(&["economy", "trade", "investment", "finance", "industry", "agriculture", "energy", "labour"]) {
        ("economic", "0311")
    } else {
        ("diplomatic", "030")
    }
}

/// The two sides of a record: (source, target). A visit goes from the
/// visitors' country to the host; a policy from the acting country to the
/// other party; otherwise the parties in the order the record gives them.
/// Countries are written in alpha-3, as POLECAT writes them.
fn sides(parties: &[String], from: Option<&str>, to: Option<&str>) -> (Option<String>, Option<String>) {
    let other = |x: &str| parties.iter().find(|p| p.as_str() != x).cloned();
    let (source, target) = match (from, to) {
        (_, Some(target)) => (other(target), Some(target.to_string())),
        (Some(source), None) => (Some(source.to_string()), other(source)),
        (None, None) => (parties.first().cloned(), parties.get(1).cloned()),
    };
    (source.map(plover_actor), target.map(plover_actor))
}

/// A party as an event-data actor: a country's ISO 3166-1 alpha-3 code;
/// an organisation (or a code ISO does not assign) as given.
fn plover_actor(party: String) -> String {
    match crate::countries::alpha3(&party) {
        Some(code) if party.len() == 2 => code.to_string(),
        _ => party,
    }
}

fn docs_of<T>(m: &Merged<T>) -> String {
    let mut docs: Vec<&str> = m.sources.iter().map(|s| s.doc.as_str()).collect();
    docs.sort();
    docs.dedup();
    docs.join("|")
}

/// The row of the merged record `m`: its id, sources and first quote, with
/// no participants or place (only an event has them).
fn plover_row<T>(
    m: &Merged<T>,
    date: Option<String>,
    codes: Codes,
    sides: (Option<String>, Option<String>),
    accord_kind: String,
) -> PloverEvent {
    let (plover_type, plover_mode, plover_context, cameo_code) = codes;
    let (source_country, target_country) = sides;
    PloverEvent {
        event_id: m.id.clone(),
        date,
        plover_type,
        plover_mode,
        plover_context,
        cameo_code,
        source_country,
        target_country,
        accord_kind,
        participants: String::new(),
        place: None,
        source_count: m.outlets(),
        docs: docs_of(m),
        quote: m.sources.iter().min().map(|s| s.quote.clone()).unwrap_or_default(),
    }
}

/// The event table: events, signed agreements (CAMEO 057) and commitments
/// (CAMEO 03x), each coded to PLOVER and CAMEO. `published` gives the
/// publication date of each document, the date of a commitment.
pub fn plover_events(kb: &KnowledgeBase, published: &HashMap<String, Option<String>>) -> Vec<PloverEvent> {
    let mut out = Vec::new();
    for m in &kb.events {
        let r = &m.record;
        let Some(codes) = code_event(&r.kind, r.what.as_deref()) else {
            continue;
        };
        let sides = match r.kind.as_str() {
            "visit" => sides(&r.parties, None, r.host.as_deref()),
            "policy" => sides(&r.parties, r.by.as_deref(), None),
            _ => sides(&r.parties, None, None),
        };
        let accord_kind = match r.what.as_deref().or(r.visit_kind.as_deref()) {
            Some(d) => format!("event:{}:{d}", r.kind),
            None => format!("event:{}", r.kind),
        };
        out.push(PloverEvent {
            participants: r.participants.join("|"),
            place: r.place.clone(),
            ..plover_row(m, r.date.clone(), codes, sides, accord_kind)
        });
    }
    for m in &kb.agreements {
        let r = &m.record;
        // Only a signing is an event; a proposal or a negotiation is not.
        if r.signed.is_none() && !matches!(r.status.as_deref(), Some("signed")) {
            continue;
        }
        let codes = ("SUPPORT", "", "diplomatic", "057");
        out.push(plover_row(m, r.signed.clone(), codes, sides(&r.parties, None, None), format!("agreement:{}", r.kind)));
    }
    for m in &kb.commitments {
        let r = &m.record;
        let (plover_context, cameo_code) = code_commitment(&r.areas);
        let date = m.sources.iter().filter_map(|s| published.get(&s.doc).cloned().flatten()).min();
        let codes = ("AGREE", "", plover_context, cameo_code);
        out.push(plover_row(m, date, codes, sides(&r.parties, None, None), format!("commitment:{}", r.modality)));
    }
    out
}

/// The event table as CSV.
pub fn write_plover_csv(rows: &[PloverEvent], out: &mut impl Write) -> io::Result<()> {
    write_csv_row(out, PLOVER_HEADER.iter().copied())?;
    for r in rows {
        let fields = r.fields();
        write_csv_row(out, fields.iter().map(String::as_str))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let mut out = Vec::new();
        write_csv_row(&mut out, ["plain", "a,b", "say \"hi\"", "two\nlines"].into_iter()).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }

    #[test]
    fn event_codes_follow_the_documented_table() {
        assert_eq!(code_event("visit", None).map(|c| c.3), Some("042"));
        assert_eq!(code_event("meeting", None).map(|c| c.0), Some("CONSULT"));
        assert_eq!(code_event("milestone", Some("diplomatic_relations")).map(|c| c.3), Some("050"));
        assert_eq!(code_event("policy", Some("visa_exemption")).map(|c| c.0), Some("CONCEDE"));
        assert_eq!(code_event("policy", Some("tariff")), None);
        assert_eq!(code_commitment(&["trade".into()]).1, "0311");
        assert_eq!(code_commitment(&["culture".into()]).1, "030");
    }

    #[test]
    fn a_visit_goes_from_the_visitors_to_the_host() {
        let parties = vec!["VN".to_string(), "BY".to_string()];
        assert_eq!(sides(&parties, None, Some("BY")), (Some("VNM".into()), Some("BLR".into())));
        assert_eq!(sides(&parties, Some("BY"), None), (Some("BLR".into()), Some("VNM".into())));
    }

    #[test]
    fn countries_are_alpha3_and_organisations_stay_as_named() {
        let parties = vec!["VN".to_string(), "EAEU".to_string()];
        assert_eq!(sides(&parties, None, None), (Some("VNM".into()), Some("EAEU".into())));
        let historical = vec!["SU".to_string(), "VN".to_string()];
        assert_eq!(sides(&historical, None, None), (Some("SUN".into()), Some("VNM".into())));
    }
}
