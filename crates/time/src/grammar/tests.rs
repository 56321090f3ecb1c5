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
    for lang in Lang::KNOWN {
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
