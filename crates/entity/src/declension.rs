//! The name of a body in the form a reference names it (the nominative),
//! for languages that decline names: "Ханойским государственным
//! университетом" is "Ханойский государственный университет".
//!
//! The head's forms come from the language's `org_heads.txt`, where each
//! head is listed with its case forms, the nominative first; the modifiers
//! before the head then agree with the head's gender, told by the ending of
//! its nominative. The words after the head (a complement in the genitive,
//! "иностранных дел") keep their form.

use rustc_hash::FxHashMap;

/// Each head form (lower case) and its nominative (lower case).
#[derive(Debug, Default)]
pub struct HeadForms {
    nominative: FxHashMap<String, String>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Gender {
    Masculine,
    Feminine,
    Neuter,
}

/// Case endings of modifiers (adjectives), longest first, each with whether
/// it is of the soft declension ("синего") rather than the hard ("нового").
const MODIFIER_ENDINGS: [(&str, bool); 21] = [
    ("ого", false),
    ("его", true),
    ("ому", false),
    ("ему", true),
    ("ыми", false),
    ("ими", true),
    ("ым", false),
    ("им", true),
    ("ых", false),
    ("их", true),
    ("ую", false),
    ("юю", true),
    ("ой", false),
    ("ей", true),
    ("ая", false),
    ("яя", true),
    ("ое", false),
    ("ее", true),
    ("ый", false),
    ("ий", true),
    ("ом", false),
];

impl HeadForms {
    /// Groups of forms as the file lists them: a form that does not share
    /// its stem with the group's first form begins the next group. Only for
    /// languages whose modifiers agree by their endings (`declines`).
    pub fn load(heads: impl Iterator<Item = String>, declines: bool) -> HeadForms {
        let mut nominative = FxHashMap::default();
        if !declines {
            return HeadForms { nominative };
        }
        let mut first: Option<String> = None;
        for form in heads.filter(|h| !h.contains(' ')) {
            let starts_group = first.as_ref().is_none_or(|f| shared_prefix(f, &form) + 2 < f.chars().count());
            if starts_group {
                first = Some(form.clone());
            }
            let nom = first.clone().unwrap_or_default();
            nominative.entry(form).or_insert(nom);
        }
        HeadForms { nominative }
    }

    /// `words` (a name as written: modifiers, head at `head`, complement)
    /// with the head and its modifiers in the nominative; None when the head
    /// is not in an oblique form this knows.
    pub fn nominative(&self, words: &[&str], head: usize) -> Option<String> {
        let written = words.get(head)?;
        let lower = written.to_lowercase();
        let nom = self.nominative.get(&lower)?;
        if *nom == lower {
            return None;
        }
        let gender = gender_of(nom);
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        for (k, w) in words.iter().enumerate() {
            out.push(match k {
                _ if k < head => modifier_nominative(w, gender).unwrap_or_else(|| w.to_string()),
                _ if k == head => same_case(nom, written),
                _ => w.to_string(),
            });
        }
        Some(out.join(" "))
    }
}

fn shared_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn gender_of(nominative: &str) -> Gender {
    match nominative.chars().last() {
        Some('о' | 'е' | 'ё') => Gender::Neuter,
        Some('а' | 'я') => Gender::Feminine,
        _ => Gender::Masculine,
    }
}

/// A modifier's nominative singular for a head of `gender`: its case
/// ending replaced; "к", "г", "х" and the hushing consonants take the soft
/// vowel where the spelling rule asks ("Ханойский", "общее").
fn modifier_nominative(word: &str, gender: Gender) -> Option<String> {
    let (ending, soft) = MODIFIER_ENDINGS.iter().find(|(e, _)| word.ends_with(e))?;
    let stem = &word[..word.len() - ending.len()];
    let last = stem.chars().last()?;
    let velar = matches!(last, 'к' | 'г' | 'х');
    let hushing = matches!(last, 'ж' | 'ш' | 'щ' | 'ч' | 'ц');
    // After those consonants "и" is spelling, not the soft declension.
    let soft = *soft && !velar && !hushing;
    let nominative = match gender {
        Gender::Masculine if soft || velar || hushing => "ий",
        Gender::Masculine => "ый",
        Gender::Neuter if soft || (hushing && last != 'ц') => "ее",
        Gender::Neuter => "ое",
        Gender::Feminine if soft => "яя",
        Gender::Feminine => "ая",
    };
    Some(format!("{stem}{nominative}"))
}

/// `form` (lower case) with the first letter's case of `like`.
fn same_case(form: &str, like: &str) -> String {
    let mut chars = form.chars();
    match (chars.next(), like.chars().next()) {
        (Some(f), Some(l)) if accord_lang::is_uppercase(l) => f.to_uppercase().chain(chars).collect(),
        _ => form.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms() -> HeadForms {
        let lines = ["университет", "университета", "университетом", "телевидение", "телевидением", "академия", "академией"];
        HeadForms::load(lines.iter().map(|s| s.to_string()), true)
    }

    #[test]
    fn head_and_modifiers_return_to_the_nominative() {
        let f = forms();
        assert_eq!(
            f.nominative(&["Ханойским", "государственным", "университетом"], 2).as_deref(),
            Some("Ханойский государственный университет")
        );
        assert_eq!(f.nominative(&["Чилийским", "национальным", "телевидением"], 2).as_deref(), Some("Чилийское национальное телевидение"));
        assert_eq!(f.nominative(&["Российской", "академией", "наук"], 1).as_deref(), Some("Российская академия наук"));
    }

    #[test]
    fn a_name_in_the_nominative_or_an_unknown_head_is_left_alone() {
        let f = forms();
        assert_eq!(f.nominative(&["Ханойский", "университет"], 1), None);
        assert_eq!(f.nominative(&["Новым", "заводом"], 1), None);
        assert_eq!(HeadForms::load(std::iter::empty(), false).nominative(&["x"], 0), None);
    }
}
