//! How a query's answer is printed: a table that fits the terminal, JSON
//! Lines, or CSV (RFC 4180).

use super::labels;
use accord_store::Table;
use anyhow::Result;
use serde_json::Value;
use std::io::Write;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The forms of a query's answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading, fitted to the terminal
    #[default]
    Table,
    /// JSON Lines: one object a row, every column, values as stored
    Json,
    /// CSV (RFC 4180) with a header line, every column; lists joined with |
    Csv,
}

/// How a query prints its answer.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputArg {
    /// table, json (JSON Lines, for programs) or csv (for spreadsheets)
    #[arg(long, value_enum, default_value = "table", value_name = "FORMAT")]
    pub format: Format,
    /// Same as --format json
    #[arg(long, conflicts_with_all = ["format", "csv"])]
    pub json: bool,
    /// Same as --format csv
    #[arg(long, conflicts_with = "format")]
    pub csv: bool,
    /// Width of the table in characters: long text columns (title, quote...)
    /// are cut to fit, never the id [default: the terminal's, else 120]
    #[arg(long, value_name = "CHARS")]
    pub width: Option<usize>,
}

impl OutputArg {
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.csv {
            Format::Csv
        } else {
            self.format
        }
    }
}

/// Columns left out of the table view (they are in json and csv).
const WIDE_ONLY: &[&str] = &["parties"];

/// Columns the table never cuts: ids, dates, codes and counts.
const WHOLE: &[&str] = &[
    "id",
    "record",
    "date",
    "signed",
    "in_force",
    "period",
    "published",
    "type",
    "kind",
    "status",
    "code",
    "sources",
    "value",
    "unit",
    "a",
    "b",
    "partner",
    "events",
    "agreements",
    "figures",
    "commitments",
    "latest",
    "doc",
    "byte_start",
    "byte_end",
    "field",
];

/// Columns of running text, cut first.
const PROSE: &[&str] = &["quote", "sentence", "text", "title", "origin", "values"];

/// The narrowest a cut column gets.
const MIN_CUT: usize = 8;

pub fn print(table: &Table, out: &OutputArg) -> Result<()> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    match out.format() {
        Format::Json => {
            for row in table.objects() {
                serde_json::to_writer(&mut w, &row)?;
                w.write_all(b"\n")?;
            }
        }
        Format::Csv => {
            accord_store::export::write_csv_row(&mut w, table.columns.iter().map(String::as_str))?;
            for row in &table.rows {
                let cells: Vec<String> = row.iter().map(csv_text).collect();
                accord_store::export::write_csv_row(&mut w, cells.iter().map(String::as_str))?;
            }
        }
        Format::Table => {
            let width = out.width.unwrap_or_else(terminal_width);
            for line in table_lines(table, width) {
                writeln!(w, "{line}")?;
            }
            w.flush()?;
            if table.rows.is_empty() {
                eprintln!("(no rows)");
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// The width of the terminal the user reads (standard output, else the
/// standard error of a pipeline), else `$COLUMNS`, else 120.
fn terminal_width() -> usize {
    terminal_size::terminal_size_of(std::io::stdout())
        .or_else(|| terminal_size::terminal_size_of(std::io::stderr()))
        .map(|(w, _)| w.0 as usize)
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .filter(|&w| w > 0)
        .unwrap_or(120)
}

/// The table as lines at most `width` wide (unless the uncut columns alone
/// are wider): a header, a rule, a line a row.
pub fn table_lines(table: &Table, width: usize) -> Vec<String> {
    let shown: Vec<usize> = (0..table.columns.len()).filter(|&i| !WIDE_ONLY.contains(&table.columns[i].as_str())).collect();
    let cells: Vec<Vec<String>> =
        table.rows.iter().map(|row| shown.iter().map(|&i| cell_text(&table.columns[i], &row[i])).collect()).collect();
    let header: Vec<String> = shown.iter().map(|&i| table.columns[i].clone()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let cuttable: Vec<bool> = header.iter().map(|h| !WHOLE.contains(&h.as_str())).collect();
    let total = |widths: &[usize]| widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    // Narrow the widest column of running text, then of other text, one
    // character at a time, until the table fits or every such column is at
    // its least.
    for pass in [PROSE, &[]] {
        while total(&widths) > width {
            let widest = (0..widths.len())
                .filter(|&i| cuttable[i] && (pass.is_empty() || pass.contains(&header[i].as_str())))
                .filter(|&i| widths[i] > MIN_CUT.max(header[i].width()))
                .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
            match widest {
                Some(i) => widths[i] -= 1,
                None => break,
            }
        }
    }
    let mut lines = vec![line(&header, &widths), line(&widths.iter().map(|&n| "-".repeat(n)).collect::<Vec<_>>(), &widths)];
    lines.extend(cells.iter().map(|row| line(row, &widths)));
    lines
}

fn line(cells: &[String], widths: &[usize]) -> String {
    let last = cells.len().saturating_sub(1);
    let mut line = String::new();
    for (i, (c, &width)) in cells.iter().zip(widths).enumerate() {
        let c = clip(c, width);
        let w = c.width();
        line.push_str(&c);
        if i < last {
            line.extend(std::iter::repeat_n(' ', width.saturating_sub(w) + 2));
        }
    }
    line.trim_end().to_string()
}

/// A value as table text: lists joined with commas, a conflict's values as
/// `value (doc, doc)`, numbers with thousands separators and without a
/// needless `.0`, labels in English.
fn cell_text(column: &str, v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => labels::english(column, s).replace(['\n', '\r', '\t'], " "),
        Value::Number(n) => match n.as_f64() {
            Some(x) if n.is_f64() && x.fract() == 0.0 && x.abs() < 1e15 => thousands(&format!("{}", x as i64)),
            _ => thousands(&n.to_string()),
        },
        Value::Array(items) => {
            let sep = if items.iter().any(Value::is_object) { "; " } else { ", " };
            items.iter().map(|i| cell_text(column, i)).collect::<Vec<_>>().join(sep)
        }
        Value::Object(o) => match (o.get("value"), o.get("docs")) {
            (Some(value), Some(docs)) => {
                format!("{} ({})", cell_text("", value), cell_text("", docs))
            }
            _ => v.to_string(),
        },
        Value::Bool(b) => b.to_string(),
    }
}

/// `60000000` as `60,000,000`, `1234.5` as `1,234.5`.
fn thousands(number: &str) -> String {
    let (sign, rest) = number.strip_prefix('-').map_or(("", number), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        return number.to_string();
    }
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A value as a CSV field: text as it is, lists of text joined with `|`
/// (as `accord export --format csv` writes them), anything else as JSON.
fn csv_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(x) if n.is_f64() && x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", x as i64),
            _ => n.to_string(),
        },
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            items.iter().map(csv_text).collect::<Vec<_>>().join("|")
        }
        other => other.to_string(),
    }
}

/// Text cut to `width` columns of the terminal, ending in … when cut.
fn clip(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_read_as_text() {
        assert_eq!(cell_text("parties", &json!(["VN", "BY"])), "VN, BY");
        assert_eq!(cell_text("value", &json!(60000000.0)), "60,000,000");
        assert_eq!(cell_text("value", &json!(2.5)), "2.5");
        assert_eq!(cell_text("value", &json!(-1234567.25)), "-1,234,567.25");
        assert_eq!(cell_text("sources", &json!(999)), "999");
        assert_eq!(cell_text("values", &json!([{"value": "2024", "docs": ["a", "b"]}, {"value": 3, "docs": ["c"]}])), "2024 (a, b); 3 (c)");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("Tô Lâm", 6), "Tô Lâm");
    }

    #[test]
    fn csv_fields_keep_every_value() {
        assert_eq!(csv_text(&json!(["VN", "BY"])), "VN|BY");
        assert_eq!(csv_text(&json!(60000000.0)), "60000000");
        assert_eq!(csv_text(&json!(2.5)), "2.5");
        assert_eq!(csv_text(&json!([{"value": 1, "docs": ["a"]}])), r#"[{"docs":["a"],"value":1}]"#);
    }

    #[test]
    fn a_wide_table_cuts_its_text_and_keeps_its_ids() {
        let table = Table {
            columns: vec!["date".into(), "title".into(), "id".into(), "quote".into()],
            rows: vec![vec![
                json!("2024-05-11"),
                json!("Agreement on mutual visa exemption for holders of ordinary passports"),
                json!("agreement:0123456789abcdef"),
                json!("The two sides signed an agreement on mutual visa exemption for holders of ordinary passports."),
            ]],
        };
        let lines = table_lines(&table, 80);
        assert!(lines.iter().all(|l| l.width() <= 80), "{lines:#?}");
        assert!(lines[2].contains("agreement:0123456789abcdef"), "{}", lines[2]);
        assert!(lines[2].contains('…'));
        let wide = table_lines(&table, 1000);
        assert!(wide[2].ends_with("ordinary passports."), "{}", wide[2]);
    }
}
