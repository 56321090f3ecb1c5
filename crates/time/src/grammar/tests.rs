use super::*;
use rustc_hash::FxHashSet as HashSet;

#[test]
fn group_names_are_stripped_for_the_combined_regex() {
    assert_eq!(strip_group_names(r"(?P<d1>\d)-(?P<m1>x|y)"), r"(?:\d)-(?:x|y)");
}

#[test]
fn tokens_and_words_around_a_match() {
    assert_eq!(previous_token("cost US$"), Some("US$"));
    assert_eq!(previous_token("cost $ "), Some("$"));
    assert_eq!(next_token(" tons."), Some("tons"));
    assert_eq!(next_token("%, up"), Some("%,").map(|_| "%"));
    assert_eq!(previous_word("signed by ", 10), Some((7, "by")));
    assert_eq!(previous_word("mid-", 4), None);
}

#[test]
fn rule_names_are_unique_and_carry_their_language() {
    for lang in Lang::known().iter().copied() {
        let Ok(grammar) = load_result(lang) else {
            continue;
        };
        let mut seen = HashSet::default();
        for rule in &grammar.rules {
            assert!(rule.name.starts_with(&format!("{}.", lang.code())), "{}", rule.name);
            assert!(seen.insert(rule.name), "rule name used twice: {}", rule.name);
        }
    }
}

#[test]
fn fold_lowercases_and_collapses_spaces() {
    assert_eq!(fold("  Hôm   Nay "), "hôm nay");
}

/// Bad lines of the time files: `(file, text, the error after "data/xx/time/<file>.tsv:")`.
const BAD_LINES: [(&str, &str, &str); 4] = [
    ("blockers", "before\t$\nbetween\t-\n", "2: unknown label 'between'"),
    ("months", "# m\nJanuary\t13\n", "2: bad value '13'"),
    ("units", "days\tweek\t1\n", "1: unknown label 'week'"),
    ("rules", "xx.a\tdate\t-\n", "1: missing column 4"),
];

#[test]
fn a_bad_line_is_an_error_naming_file_and_line() {
    for (name, text, expected) in BAD_LINES {
        let file: &'static str = Box::leak(format!("xx/time/{name}.tsv").into_boxed_str());
        let table = |n: &str| {
            if n == name {
                accord_data::tsv::Table::new(file, text)
            } else {
                accord_data::table(Lang::En, &format!("time/{n}.tsv"))
            }
        };
        accord_data::tsv::assert_fails(Grammar::load(&LanguageData::with(table)), file, expected);
    }
}
