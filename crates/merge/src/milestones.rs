//! The milestones a relationship passes once (`data/milestones.tsv`, the
//! `once` column): reports of one in the same year are one milestone even
//! when their days disagree (a conflict).

use accord_data::tsv::{or_fail, Error, Table};
use std::sync::LazyLock;

static ONCE_ONLY: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| or_fail(load(&Table::new("milestones.tsv", include_str!("../../../data/milestones.tsv")))));

/// Whether a relationship passes the milestone `what` once only.
pub(crate) fn once_only(what: &str) -> bool {
    ONCE_ONLY.contains(&what)
}

/// The milestones marked `once`; the events stage checks the labels and the
/// actions of the second column.
fn load(table: &Table<'static>) -> Result<Vec<&'static str>, Error> {
    let mut out = Vec::new();
    for row in table.rows() {
        row.at_most(3)?;
        let milestone = row.col(0)?;
        if row.label(2, &["once", "-"])? == "once" {
            out.push(milestone);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_and_partnerships_are_passed_once_and_missions_opened_again() {
        assert!(once_only("diplomatic_relations"));
        assert!(once_only("comprehensive_strategic_partnership"));
        assert!(!once_only("embassy_opened"));
        assert!(!once_only("other"));
    }

    #[test]
    fn bad_lines_are_errors_naming_the_file_and_line() {
        for (text, expected) in [
            ("recognition\trecognize\toften\n", "1: unknown label 'often'"),
            ("recognition\trecognize\n", "1: missing column 3"),
            ("recognition\trecognize\tonce\t-\n", "1: 3 columns at most"),
        ] {
            accord_data::tsv::assert_fails(load(&Table::new("milestones.tsv", text)), "milestones.tsv", expected);
        }
    }
}
