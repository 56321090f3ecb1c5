//! What the knowledge-base commands share: which database file, opening it,
//! and printing a query's table (aligned columns, or JSON Lines).

use accord_store::{KnowledgeStore, SqliteStore, Table};
use anyhow::Result;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;

/// The database file: `--db`, else `$ACCORD_DB`, else `accord.db` here.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArg {
    /// The knowledge base file [default: $ACCORD_DB, else accord.db in the working directory]
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

impl DbArg {
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| {
                std::env::var_os("ACCORD_DB")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| PathBuf::from("accord.db"))
    }

    /// Open an existing database for reading, with its merged tables up to
    /// date (an ingest stopped before its merge leaves them behind).
    pub fn open_for_reading(&self) -> Result<SqliteStore> {
        let mut store = SqliteStore::open_existing(&self.path())?;
        store.refresh_merged(false)?;
        Ok(store)
    }
}

/// How a query prints its answer.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputArg {
    /// JSON Lines, one row a line, every column (for programs)
    #[arg(long)]
    pub json: bool,
    /// Widest a column may be in the table view (longer text is cut with …)
    #[arg(long, value_name = "CHARS", default_value_t = 60)]
    pub width: usize,
}

/// Columns left out of the table view (they are in --json).
const WIDE_ONLY: &[&str] = &["parties"];

pub fn print_table(table: &Table, out: &OutputArg) -> Result<()> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    if out.json {
        for row in table.objects() {
            serde_json::to_writer(&mut w, &row)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
        return Ok(());
    }
    let shown: Vec<usize> = (0..table.columns.len())
        .filter(|&i| !WIDE_ONLY.contains(&table.columns[i].as_str()))
        .collect();
    let max = out.width.max(8);
    let cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| {
            shown
                .iter()
                .map(|&i| clip(&cell_text(&row[i]), max))
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = shown
        .iter()
        .map(|&i| table.columns[i].chars().count())
        .collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let header: Vec<String> = shown.iter().map(|&i| table.columns[i].clone()).collect();
    write_row(&mut w, &header, &widths)?;
    let rule: Vec<String> = widths.iter().map(|&n| "-".repeat(n)).collect();
    write_row(&mut w, &rule, &widths)?;
    for row in &cells {
        write_row(&mut w, row, &widths)?;
    }
    w.flush()?;
    if table.rows.is_empty() {
        eprintln!("(no rows)");
    }
    Ok(())
}

fn write_row(w: &mut impl Write, cells: &[String], widths: &[usize]) -> std::io::Result<()> {
    let last = cells.len().saturating_sub(1);
    let mut line = String::new();
    for (i, (c, &width)) in cells.iter().zip(widths).enumerate() {
        line.push_str(c);
        if i < last {
            line.extend(std::iter::repeat_n(' ', width - c.chars().count() + 2));
        }
    }
    writeln!(w, "{}", line.trim_end())
}

/// A value as table text: lists joined with commas, a conflict's values as
/// `value (doc, doc)`, numbers without a needless `.0`.
fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.replace(['\n', '\r', '\t'], " "),
        Value::Number(n) => match n.as_f64() {
            Some(x) if n.is_f64() && x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", x as i64),
            _ => n.to_string(),
        },
        Value::Array(items) => {
            let sep = if items.iter().any(Value::is_object) {
                "; "
            } else {
                ", "
            };
            items.iter().map(cell_text).collect::<Vec<_>>().join(sep)
        }
        Value::Object(o) => match (o.get("value"), o.get("docs")) {
            (Some(value), Some(docs)) => format!("{} ({})", cell_text(value), cell_text(docs)),
            _ => v.to_string(),
        },
        Value::Bool(b) => b.to_string(),
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_read_as_text() {
        assert_eq!(cell_text(&json!(["VN", "BY"])), "VN, BY");
        assert_eq!(cell_text(&json!(60000000.0)), "60000000");
        assert_eq!(cell_text(&json!(2.5)), "2.5");
        assert_eq!(
            cell_text(&json!([{"value": "2024", "docs": ["a", "b"]}, {"value": 3, "docs": ["c"]}])),
            "2024 (a, b); 3 (c)"
        );
        assert_eq!(clip("abcdef", 4), "abc…");
    }
}
