//! Which actions reach which milestone (`data/milestones.tsv`, one table
//! for every language).

use crate::cues;
use accord_data::tsv::{or_fail, Error, Table};
use std::sync::LazyLock;

/// Each milestone with the actions that reach it.
type ReachedBy = Vec<(&'static str, Vec<&'static str>)>;

static REACHED_BY: LazyLock<ReachedBy> =
    LazyLock::new(|| or_fail(load(&Table::new("milestones.tsv", include_str!("../../../data/milestones.tsv")))));

/// Whether `action` (an `act:` label of `milestones.tsv`, without `act:`)
/// reaches the milestone `what`.
pub(crate) fn action_fits(action: &str, what: &str) -> bool {
    REACHED_BY.iter().find(|(m, _)| *m == what).is_some_and(|(_, actions)| actions.contains(&action))
}

/// The milestones and actions must be labels of the languages'
/// `events/milestones.tsv`; the third column (`once` or `-`) is the merge's.
fn load(table: &Table<'static>) -> Result<ReachedBy, Error> {
    let labels = cues::labels("milestones");
    let milestones: Vec<&str> = labels.iter().copied().filter(|l| !l.starts_with("act:")).collect();
    let actions: Vec<&str> = labels.iter().filter_map(|l| l.strip_prefix("act:")).collect();
    let mut out = Vec::new();
    for row in table.rows() {
        row.at_most(3)?;
        let milestone = row.label(0, &milestones)?;
        let mut reached_by = Vec::new();
        for action in row.list(1)? {
            reached_by.push(*actions.iter().find(|a| **a == action).ok_or_else(|| row.unknown(action, &actions))?);
        }
        if reached_by.is_empty() {
            return Err(row.error("no action reaches the milestone"));
        }
        row.label(2, &["once", "-"])?;
        out.push((milestone, reached_by));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_data::tsv::assert_fails;

    #[test]
    fn actions_reach_their_milestones() {
        assert!(action_fits("establish", "diplomatic_relations"));
        assert!(!action_fits("upgrade", "diplomatic_relations"));
        assert!(action_fits("open", "consulate_opened"));
        assert!(!action_fits("open", "strategic_partnership"));
        assert!(action_fits("recognize", "recognition"));
    }

    #[test]
    fn bad_lines_are_errors_naming_the_file_and_line() {
        for (text, expected) in [
            ("recognition\trecognize\tonce\nwedding\testablish\t-\n", "2: unknown label 'wedding'"),
            ("recognition\tmarry\tonce\n", "1: unknown label 'marry'"),
            ("# comment\nrecognition\trecognize\n", "2: missing column 3"),
            ("recognition\trecognize\ttwice\n", "1: unknown label 'twice'"),
            ("recognition\trecognize\tonce\textra\n", "1: 3 columns at most"),
            ("recognition\t\tonce\n", "1: no action"),
        ] {
            assert_fails(load(&Table::new("milestones.tsv", text)), "milestones.tsv", expected);
        }
    }
}
