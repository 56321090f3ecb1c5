//! Runs every language's example corpus, `data/<lang>/quantity/corpus.tsv`.
//!
//! A line is `text<TAB>expected`. `expected` is `-` when the text holds no
//! quantity, else the quantities in text order separated by ` ; `, each as
//! `value unit [approx] [= covered text]`: `60000000 USD about`,
//! `500 persons`, `25.3 percent`, `9 localities = nine provincial localities`.
//! Units: an ISO 4217 code, `percent`, `persons`, `documents`, `localities`,
//! `other`, or `none`. Approximations: `about`, `nearly`, `over`, `under`,
//! `up_to`.

use accord_doc::{Lang, Span};
use accord_quantity::{recognize, Approx};

fn approx_name(approx: Option<Approx>) -> &'static str {
    match approx {
        None => "",
        Some(Approx::About) => "about",
        Some(Approx::Nearly) => "nearly",
        Some(Approx::Over) => "over",
        Some(Approx::Under) => "under",
        Some(Approx::UpTo) => "up_to",
    }
}

/// Checks one line; `Err` describes the mismatch.
fn check(text: &str, expected: &str, lang: Lang) -> Result<(), String> {
    let found = recognize(text, Span::new(0, text.len()), lang);
    let describe = || {
        found
            .iter()
            .map(|q| {
                let unit = q.value.unit.map_or("none", |u| u.as_str());
                format!("{} {} {} = {} [{}]", q.value.value, unit, approx_name(q.value.approx), q.span.slice(text), q.rule)
            })
            .collect::<Vec<_>>()
            .join(" ; ")
    };
    let wanted: Vec<&str> = if expected.trim() == "-" { Vec::new() } else { expected.split(" ; ").collect() };
    if wanted.len() != found.len() {
        return Err(format!("expected {} quantities, found: {}", wanted.len(), describe()));
    }
    for (want, got) in wanted.iter().zip(&found) {
        let (fields, covered) = match want.split_once(" = ") {
            Some((fields, covered)) => (fields, Some(covered.trim())),
            None => (*want, None),
        };
        let mut fields = fields.split_whitespace();
        let value: f64 = fields.next().and_then(|v| v.parse().ok()).ok_or_else(|| format!("bad expectation {want:?}"))?;
        let unit = fields.next().unwrap_or("none");
        let approx = fields.next().unwrap_or("");
        let q = &got.value;
        let close = (q.value - value).abs() <= value.abs() * 1e-9;
        let got_unit = q.unit.map_or("none", |u| u.as_str());
        if !close || got_unit != unit || approx_name(q.approx) != approx {
            return Err(format!("expected {want:?}, found: {}", describe()));
        }
        if let Some(covered) = covered {
            if got.span.slice(text) != covered {
                return Err(format!("expected span {covered:?}, found: {}", describe()));
            }
        }
        let number = q.number;
        if !got.span.contains(number) || number.is_empty() {
            return Err(format!("number span {number:?} outside expression {:?}", got.span));
        }
    }
    Ok(())
}

#[test]
fn every_corpus_line_parses_as_expected() {
    let mut failures = Vec::new();
    let mut lines_checked = 0;
    for lang in Lang::known().iter().copied() {
        let path = format!("data/{}/quantity/corpus.tsv", lang.code());
        let corpus = accord_data::file(lang, "quantity/corpus.tsv");
        for (number, line) in corpus.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((text, expected)) = line.split_once('\t') else {
                failures.push(format!("{path}:{}: no tab", number + 1));
                continue;
            };
            lines_checked += 1;
            if let Err(why) = check(text, expected, lang) {
                failures.push(format!("{}:{}: {text:?}\n    {why}", lang.code(), number + 1));
            }
        }
    }
    assert!(lines_checked >= 95, "corpora too small: {lines_checked} lines");
    assert!(failures.is_empty(), "{} corpus failures:\n{}", failures.len(), failures.join("\n"));
}
