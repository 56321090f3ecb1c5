//! The language data of the stage: instrument head nouns, the words around
//! an instrument's name by role, and the shape of names in the language,
//! from `data/<lang>/agreements/`.

use accord_data::tsv::{Error, Table};
use accord_doc::Lang;
use accord_lang::{data_lines, fold_word, same_marks};
use accord_lexicon::{Cues, Labels};
// Keys are short words of our own data: FxHash is several times faster
// than SipHash on them, and no untrusted input chooses them.
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// What a head noun needs around it to name an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// Counts as it stands.
    Nothing,
    /// Only after a determiner, or capitalised (the word has other readings).
    Determiner,
    /// Only capitalised (a generic word otherwise: "plan", "initiative").
    Capital,
}

/// A head noun's reading, parsed from its label `kind[+topic][/flag...]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Head<'l> {
    pub kind: &'l str,
    pub topic: Option<&'l str>,
    pub plural: bool,
    pub need: Need,
}

impl<'l> Head<'l> {
    pub fn parse(label: &'l str) -> Head<'l> {
        let mut parts = label.split('/');
        let name = parts.next().unwrap_or("other");
        let (kind, topic) = match name.split_once('+') {
            Some((k, t)) => (k, Some(t)),
            None => (name, None),
        };
        let mut head = Head { kind, topic, plural: false, need: Need::Nothing };
        for flag in parts {
            match flag {
                "pl" => head.plural = true,
                "det" => head.need = Need::Determiner,
                "named" => head.need = Need::Capital,
                _ => {}
            }
        }
        head
    }
}

/// The role of a word next to an instrument's name (labels of `words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Signed,
    InForce,
    Negotiating,
    Proposed,
    Expired,
    Definite,
    Indefinite,
    Demonstrative,
    Plural,
    Quantifier,
    Copula,
    Complement,
    Between,
    And,
    List,
    Stop,
    /// The marker of a passive verb's agent ("by"): it ends a name as a
    /// stop word does, and what it governs is no clause of its own.
    Agent,
    /// A preposition that opens an adjunct of the verb ("during the
    /// visit", "at the summit"): it ends a name as a stop word does.
    Adjunct,
    /// "first", "second": one of several instruments told as a group.
    Ordinal,
    Function,
}

impl Role {
    fn parse(label: &str) -> Option<Role> {
        Some(match label {
            "signed" => Role::Signed,
            "in_force" => Role::InForce,
            "negotiating" => Role::Negotiating,
            "proposed" => Role::Proposed,
            "expired" => Role::Expired,
            "definite" => Role::Definite,
            "indefinite" => Role::Indefinite,
            "demonstrative" => Role::Demonstrative,
            "plural" => Role::Plural,
            "quantifier" => Role::Quantifier,
            "copula" => Role::Copula,
            "complement" => Role::Complement,
            "between" => Role::Between,
            "and" => Role::And,
            "list" => Role::List,
            "stop" => Role::Stop,
            "agent" => Role::Agent,
            "adjunct" => Role::Adjunct,
            "ordinal" => Role::Ordinal,
            "function" => Role::Function,
            _ => return None,
        })
    }

    /// Roles a name runs through on its right ("agreement on the use of").
    pub fn inside_name(self) -> bool {
        matches!(
            self,
            Role::Complement | Role::Function | Role::Definite | Role::Indefinite | Role::Quantifier | Role::Plural | Role::Ordinal
        )
    }

    /// Roles that end a name and a list: a clause or a phrase of the verb
    /// begins.
    pub fn ends_phrase(self) -> bool {
        matches!(self, Role::Stop | Role::Agent | Role::Adjunct)
    }

    /// Roles that say what happened to an instrument (they date it or give
    /// its status).
    pub fn is_status(self) -> bool {
        matches!(self, Role::Signed | Role::InForce | Role::Negotiating | Role::Proposed | Role::Expired)
    }
}

/// How names of instruments are built in a language (`shape.tsv`).
pub(crate) struct Shape {
    pub left_modifiers: bool,
    pub right_needs_complement: bool,
    pub left_stop_suffixes: Vec<String>,
    pub field_joiner: String,
    pub max_left_words: usize,
    pub max_right_words: usize,
}

impl Shape {
    /// Whether `word` ends like a verb form (`left_stop_suffixes`: "signing",
    /// "attended"), with a stem of more than three letters before the ending.
    pub fn has_verb_ending(&self, word: &str) -> bool {
        self.left_stop_suffixes.iter().any(|s| word.len() > s.len() + 3 && word.ends_with(s.as_str()))
    }

    /// `shape.tsv`: a setting and its value per line; a list may be empty.
    fn parse(table: &Table) -> Result<Shape, Error> {
        let mut shape = Shape {
            left_modifiers: true,
            right_needs_complement: true,
            left_stop_suffixes: Vec::new(),
            field_joiner: String::new(),
            max_left_words: 6,
            max_right_words: 14,
        };
        for row in table.rows() {
            row.at_most(2)?;
            let yes = || row.label(1, &["yes", "no"]).map(|v| v == "yes");
            let value = row.opt(1).unwrap_or("");
            match row.label(0, SHAPE_SETTINGS)? {
                "left_modifiers" => shape.left_modifiers = yes()?,
                "right_needs_complement" => shape.right_needs_complement = yes()?,
                "left_stop_suffixes" => {
                    shape.left_stop_suffixes = value.split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
                }
                "field_joiner" => shape.field_joiner = value.to_string(),
                "max_left_words" => shape.max_left_words = row.parse(1)?,
                _ => shape.max_right_words = row.parse(1)?,
            }
        }
        Ok(shape)
    }
}

const SHAPE_SETTINGS: &[&str] =
    &["left_modifiers", "right_needs_complement", "left_stop_suffixes", "field_joiner", "max_left_words", "max_right_words"];

/// The kinds of instruments (facts.md) a head of `heads.tsv` may name.
const KINDS: &[&str] =
    &["treaty", "agreement", "protocol", "memorandum", "joint_statement", "declaration", "convention", "programme", "contract", "other"];

/// What `data/instrument-kinds.tsv` says of a kind.
struct KindLine<'a> {
    kind: &'a str,
    /// The areas an instrument of the kind is about besides those its text names.
    areas: Vec<&'static str>,
    /// The other kinds whose word may point back to an instrument of the kind.
    also: Vec<&'static str>,
}

static KIND_LINES: LazyLock<Vec<KindLine<'static>>> = LazyLock::new(|| {
    accord_data::tsv::or_fail(kind_lines(&Table::new("instrument-kinds.tsv", include_str!("../../../data/instrument-kinds.tsv"))))
});

fn kind_line(kind: &str) -> Option<&'static KindLine<'static>> {
    KIND_LINES.iter().find(|k| k.kind == kind)
}

/// The areas an instrument of `kind` is about besides those its text names
/// ("partnership" for a joint statement).
pub(crate) fn areas_of_kind(kind: &str) -> &'static [&'static str] {
    kind_line(kind).map_or(&[], |k| k.areas.as_slice())
}

/// Whether "the <word>" of kind `word` may point back to an instrument of
/// kind `kind`: its own kind, "the document" to anything, and the kinds its
/// `also` column lists ("the agreement" to a protocol).
pub(crate) fn may_refer_to(word: &str, kind: &str) -> bool {
    word == kind || word == "other" || kind_line(kind).is_some_and(|k| k.also.contains(&word))
}

/// Whether two kinds are one kind under two names: each lists the other.
pub(crate) fn same_kind(a: &str, b: &str) -> bool {
    a == b || kind_line(a).is_some_and(|k| k.also.contains(&b)) && kind_line(b).is_some_and(|k| k.also.contains(&a))
}

/// One line for each of [`KINDS`]: the kind, its areas or `-`, the kinds
/// that may refer to it or `-`.
fn kind_lines<'a>(table: &Table<'a>) -> Result<Vec<KindLine<'a>>, Error> {
    let mut out: Vec<KindLine> = Vec::new();
    for row in table.rows() {
        row.at_most(3)?;
        let kind = row.label(0, KINDS)?;
        if out.iter().any(|k| k.kind == kind) {
            return Err(row.error(format!("a second line for '{kind}'")));
        }
        let mut areas = Vec::new();
        for area in row.list(1)?.filter(|a| *a != "-") {
            areas
                .push(*accord_lexicon::AREA_LIST.iter().find(|a| **a == area).ok_or_else(|| row.unknown(area, accord_lexicon::AREA_LIST))?);
        }
        let mut also = Vec::new();
        for other in row.list(2)?.filter(|k| *k != "-") {
            also.push(*KINDS.iter().find(|k| **k == other).ok_or_else(|| row.unknown(other, KINDS))?);
        }
        out.push(KindLine { kind, areas, also });
    }
    match KINDS.iter().find(|k| !out.iter().any(|line| line.kind == **k)) {
        Some(missing) => Err(table.error(format!("no line for the kind '{missing}'"))),
        None => Ok(out),
    }
}

/// A label of `heads.tsv`: a kind, an area as its topic, known flags.
fn is_head_label(label: &str) -> bool {
    let mut parts = label.split('/');
    let name = parts.next().unwrap_or("");
    let (kind, topic) = name.split_once('+').map_or((name, None), |(k, t)| (k, Some(t)));
    KINDS.contains(&kind)
        && topic.is_none_or(|t| accord_lexicon::AREA_LIST.contains(&t))
        && parts.all(|f| matches!(f, "pl" | "det" | "named"))
}

const HEAD_LABELS: Labels = Labels::Check(is_head_label, "a kind of facts.md, then +area and /pl, /det or /named at will");
const WORD_LABELS: Labels = Labels::Check(|l| Role::parse(l).is_some(), "a role of agreements/words.tsv (see data/README.md)");

pub(crate) struct Rules {
    pub heads: Cues,
    pub words: Cues,
    pub shape: Shape,
    /// The written forms of each folded word cue, to check marks: folding
    /// makes Vietnamese "từ" (from) and "tư" (of "tư pháp") one key.
    word_forms: HashMap<String, Vec<String>>,
}

impl Rules {
    pub fn role(label: &str) -> Option<Role> {
        Role::parse(label)
    }

    /// Whether `surface`, found as the folded cue `key`, is written as one
    /// of the cue's forms (text without diacritics always is).
    pub fn word_is_written_so(&self, key: &str, surface: &str) -> bool {
        self.word_forms.get(key).is_none_or(|forms| forms.iter().any(|f| same_marks(surface, f)))
    }
}

fn forms_of(file: &str) -> HashMap<String, Vec<String>> {
    let mut forms: HashMap<String, Vec<String>> = HashMap::default();
    for line in data_lines(file) {
        let Some((_, phrases)) = line.split_once('\t') else {
            continue;
        };
        for p in phrases.split('|').map(str::trim).filter(|p| !p.is_empty()) {
            forms.entry(fold_word(p)).or_default().push(p.to_string());
        }
    }
    forms
}

impl Rules {
    /// The rules of a language's `agreements/` files.
    fn load(lang: Lang) -> Result<Rules, Error> {
        let table = |name: &str| accord_data::table(lang, &format!("agreements/{name}.tsv"));
        let words = table("words");
        Ok(Rules {
            heads: Cues::load(&table("heads"), HEAD_LABELS)?,
            words: Cues::load(&words, WORD_LABELS)?,
            shape: Shape::parse(&table("shape"))?,
            word_forms: forms_of(words.text),
        })
    }
}

static RULES: LazyLock<Vec<(Lang, Rules)>> =
    LazyLock::new(|| Lang::known().iter().map(|&lang| (lang, accord_data::tsv::or_fail(Rules::load(lang)))).collect());

/// The rules of a language; English for a language without data.
pub(crate) fn rules(lang: Lang) -> &'static Rules {
    RULES.iter().find(|(l, _)| *l == lang).map_or(&RULES[0].1, |(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_an_error_naming_file_and_line() {
        use accord_data::tsv::{assert_fails, Table};
        for (text, expected) in [("treaty\ttreaty\npact\tpact\n", "2: unknown label 'pact'"), ("treaty/big\ttreaty\n", "1: unknown label")]
        {
            assert_fails(Cues::load(&Table::new("xx/agreements/heads.tsv", text), HEAD_LABELS), "xx/agreements/heads.tsv", expected);
        }
        for (text, expected) in [("signed\tsigned\nsigned_off\tx\n", "2: unknown label"), ("signed\n", "1: missing column 2")] {
            assert_fails(Cues::load(&Table::new("xx/agreements/words.tsv", text), WORD_LABELS), "xx/agreements/words.tsv", expected);
        }
        let shapes = [
            ("max_left_words\tsix\n", "1: bad value 'six'"),
            ("max_left_words\n", "1: missing column 2"),
            ("width\t3\n", "1: unknown label 'width'"),
        ];
        for (text, expected) in shapes {
            assert_fails(Shape::parse(&Table::new("xx/agreements/shape.tsv", text)), "xx/agreements/shape.tsv", expected);
        }
    }

    #[test]
    fn kinds_add_their_areas_and_a_bad_line_is_an_error() {
        use accord_data::tsv::{assert_fails, Table};
        assert_eq!(areas_of_kind("joint_statement"), ["partnership"]);
        assert!(areas_of_kind("treaty").is_empty());
        assert!(may_refer_to("agreement", "protocol") && !may_refer_to("protocol", "agreement"));
        assert!(same_kind("declaration", "joint_statement") && !same_kind("agreement", "treaty"));
        let all_but_other: String = KINDS.iter().filter(|k| **k != "other").map(|k| format!("{k}\t-\t-\n")).collect();
        for (text, expected) in [
            (format!("{all_but_other}pact\t-\t-\n"), "10: unknown label 'pact'"),
            (format!("{all_but_other}other\tfishing\t-\n"), "10: unknown label 'fishing'"),
            (format!("{all_but_other}other\t-\tdeal\n"), "10: unknown label 'deal'"),
            (format!("{all_but_other}other\t-\n"), "10: missing column 3"),
            (format!("{all_but_other}other\t-\t-\t-\n"), "10: 3 columns at most"),
            (all_but_other.clone(), "0: no line for the kind 'other'"),
        ] {
            assert_fails(kind_lines(&Table::new("instrument-kinds.tsv", &text)), "instrument-kinds.tsv", expected);
        }
    }
}
