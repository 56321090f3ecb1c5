//! The dictionary form of a person's name in a language that declines
//! names (Russian: "Владимира Путина" is "Владимир Путин"), from the
//! language's `given_names.txt` and `name_forms.tsv`, and people named by a
//! given name without a title ("с Дмитрием Чернышенко").

use accord_data::tsv::{Error, Table};
use rustc_hash::FxHashMap;

/// One ending rule: the nominative ends in `nominative` (empty: a
/// consonant, nothing removed), the form in the text in `inflected`.
#[derive(Debug, Clone)]
struct Rule {
    nominative: String,
    inflected: String,
    case: String,
}

#[derive(Debug, Default)]
pub struct NameForms {
    /// Lower-case given-name form -> (nominative as written, case), every analysis.
    given: FxHashMap<String, Vec<(String, String)>>,
    surname: Vec<Rule>,
    syllable: Vec<Rule>,
    /// Stems of patronymics ("ович"), lower case: a word holding one, with at
    /// most three letters after it, is a patronymic.
    patronymic: Vec<String>,
    /// How given names decline: nouns of the same endings decline so too.
    given_rules: Vec<Rule>,
}

impl NameForms {
    /// Read a language's given names and its ending rules (`name_forms.tsv`:
    /// part, nominative ending, ending in the text, case).
    pub fn load(given_names: &str, forms: &Table) -> Result<NameForms, Error> {
        let mut given_rules = Vec::new();
        let mut out = NameForms::default();
        for row in forms.rows() {
            let part = row.label(0, &["given", "surname", "syllable", "patronymic"])?;
            let (nominative, inflected, case) = (row.col(1)?, row.col(2)?, row.col(3)?);
            row.at_most(4)?;
            let rule =
                Rule { nominative: nominative.trim_matches('-').to_string(), inflected: inflected.to_string(), case: case.to_string() };
            match part {
                "given" => given_rules.push(rule),
                "surname" => out.surname.push(rule),
                "syllable" => out.syllable.push(rule),
                _ => out.patronymic.push(rule.inflected),
            }
        }
        // Longer endings first: "ого" before "а".
        out.surname.sort_by_key(|r| std::cmp::Reverse(r.inflected.chars().count()));
        out.syllable.sort_by_key(|r| std::cmp::Reverse(r.inflected.chars().count()));
        for name in accord_lang::data_lines(given_names).flat_map(str::split_whitespace) {
            let lower = name.to_lowercase();
            let mut add = |form: String, case: &str| out.given.entry(form).or_default().push((name.to_string(), case.to_string()));
            add(lower.clone(), if ends_in_a(&lower) { "nom_f" } else { "nom" });
            for (form, case) in declined(&given_rules, &lower) {
                add(form, case);
            }
        }
        out.given_rules = given_rules;
        Ok(out)
    }

    /// The case forms of a noun (lower case) that declines as the given
    /// names of its ending do: "президент" gives "президента", "президенту",
    /// "президентом", "президенте"; "глава" gives "главы", "главе", ...
    pub fn noun_forms(&self, noun: &str) -> Vec<(String, String)> {
        declined(&self.given_rules, noun).map(|(form, case)| (form, case.to_string())).collect()
    }

    /// The dictionary form of a name whose case is known (from the title
    /// before it) but whose given name is not listed: each word's ending
    /// for that case undone, a masculine reading first, else a feminine one.
    pub fn lemma_in_case(&self, words: &[&str], case: &str) -> Option<Vec<String>> {
        if case.starts_with("nom") || words.is_empty() {
            return None;
        }
        // A word no ending of the case fits stays as written ("Марко",
        // "Моди" do not decline); a reading must undo at least one ending.
        [case.to_string(), format!("{case}_f")].iter().find_map(|case| {
            let given = self.given_nominative(words[0], case);
            let rest: Vec<Option<String>> = words[1..].iter().map(|w| self.surname_nominative(w, case)).collect();
            if given.is_none() && rest.iter().all(Option::is_none) {
                return None;
            }
            let given = given.unwrap_or_else(|| words[0].to_string());
            let rest = rest.into_iter().zip(&words[1..]).map(|(n, w)| n.unwrap_or_else(|| w.to_string()));
            Some(std::iter::once(given).chain(rest).collect())
        })
    }

    /// A given name's nominative by the endings of `case`: "Дональда" is
    /// "Дональд"; where two endings fit ("-й" and "-ь" both make "-я"), "й"
    /// follows a vowel and "ь" a consonant.
    fn given_nominative(&self, word: &str, case: &str) -> Option<String> {
        self.given_rules.iter().filter(|r| r.case == case).find_map(|r| {
            let bare = strip(word, r)?;
            let stem: String = bare.chars().take(bare.chars().count() - r.nominative.chars().count()).collect();
            let lower = stem.to_lowercase();
            let fits = match r.nominative.as_str() {
                "" => ends_in_consonant(&lower),
                "й" => ends_in_vowel(&lower),
                "ь" => ends_in_consonant(&lower),
                _ => true,
            };
            (fits && stem.chars().count() >= 2).then_some(bare)
        })
    }

    /// Whether a word is a patronymic ("Григорьевич", "Григорьевича").
    pub fn is_patronymic(&self, word: &str) -> bool {
        !self.patronymic.is_empty()
            && accord_text::tokens::with_lowercase(word, |lower| {
                self.patronymic
                    .iter()
                    .any(|stem| lower.find(stem.as_str()).is_some_and(|at| lower[at + stem.len()..].chars().count() <= 3 && at > 0))
            })
    }

    pub fn is_empty(&self) -> bool {
        self.given.is_empty() && self.surname.is_empty() && self.syllable.is_empty()
    }

    /// Whether a word is a form of a known given name.
    pub fn is_given(&self, word: &str) -> bool {
        !self.given.is_empty() && accord_text::tokens::with_lowercase(word, |lower| self.given.contains_key(lower))
    }

    /// The nominative of a name's words, when the language's rules know it:
    /// a given name fixes the case of the words after it; a Vietnamese name
    /// (`vietnamese`: it starts with a family name) has its last syllable
    /// read back to its bare form.
    pub fn lemma(&self, words: &[&str], vietnamese: bool) -> Option<Vec<String>> {
        if self.is_empty() || words.is_empty() {
            return None;
        }
        // The record is named by given name and surname, as news names
        // people ("Александр Лукашенко"); the patronymic stays an alias.
        if words.len() >= 3 && words[1..words.len() - 1].iter().any(|w| self.is_patronymic(w)) {
            let short: Vec<&str> = words
                .iter()
                .enumerate()
                .filter(|&(i, w)| i == 0 || i == words.len() - 1 || !self.is_patronymic(w))
                .map(|(_, w)| *w)
                .collect();
            return Some(self.lemma(&short, vietnamese).unwrap_or_else(|| short.iter().map(|w| w.to_string()).collect()));
        }
        if let Some(analyses) = self.given.get(&words[0].to_lowercase()) {
            // The analysis under which the next word declines as a surname
            // ("Александра Вольфовича": the genitive of Александр).
            let rest = &words[1..];
            let mut best: Option<Vec<String>> = None;
            for (nominative, case) in analyses {
                let mut out = vec![nominative.clone()];
                let mut matched = case.starts_with("nom");
                for w in rest {
                    match self.surname_nominative(w, case) {
                        Some(n) => {
                            matched = true;
                            out.push(n);
                        }
                        None => out.push((*w).to_string()),
                    }
                }
                if matched || best.is_none() {
                    best = Some(out);
                    if matched {
                        break;
                    }
                }
            }
            return best;
        }
        if vietnamese && words.len() >= 2 {
            let last = words[words.len() - 1];
            let bare = self
                .syllable
                .iter()
                .find_map(|r| strip(last, r).filter(|b| b.chars().count() >= 3 && !ends_in_vowel(&b.to_lowercase())))?;
            let mut out: Vec<String> = words[..words.len() - 1].iter().map(|w| w.to_string()).collect();
            out.push(bare);
            return Some(out);
        }
        None
    }

    fn surname_nominative(&self, word: &str, case: &str) -> Option<String> {
        if case.starts_with("nom") {
            return None;
        }
        self.surname.iter().filter(|r| r.case == case).find_map(|r| {
            let bare = strip(word, r)?;
            let lower = bare.to_lowercase();
            // What is left must read as a stem: "Путин" of "Путина", not "Шойг" of "Шойгу" ... as far as endings tell.
            let ok = if r.nominative.is_empty() { ends_in_consonant(&lower) && bare.chars().count() >= 3 } else { true };
            ok.then_some(bare)
        })
    }
}

/// `word` with the rule's ending in the text replaced by its nominative ending.
fn strip(word: &str, r: &Rule) -> Option<String> {
    // Most rules do not fit: tested on the stack before anything is built.
    if !accord_text::tokens::with_lowercase(word, |lower| {
        lower.ends_with(&r.inflected) && lower.chars().count() > r.inflected.chars().count()
    }) {
        return None;
    }
    let keep = word.chars().count() - r.inflected.chars().count();
    let mut out: String = word.chars().take(keep).collect();
    out.push_str(&r.nominative);
    Some(out)
}

fn ends_in_consonant(word: &str) -> bool {
    word.chars().last().is_some_and(|c| accord_lang::is_alphabetic(c) && !"аеёиоуыэюяйьъaeiouy".contains(c))
}

fn ends_in_vowel(word: &str) -> bool {
    word.chars().last().is_some_and(|c| "аеёиоуыэюяaeiouy".contains(c))
}

/// The forms `rules` make of a lower-case word, with their cases.
fn declined<'r>(rules: &'r [Rule], lower: &'r str) -> impl Iterator<Item = (String, &'r str)> + 'r {
    rules.iter().filter_map(move |r| {
        let fits = if r.nominative.is_empty() { ends_in_consonant(lower) } else { lower.ends_with(&r.nominative) };
        fits.then(|| (format!("{}{}", &lower[..lower.len() - r.nominative.len()], r.inflected), r.case.as_str()))
    })
}

fn ends_in_a(word: &str) -> bool {
    word.ends_with('а') || word.ends_with('я')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn russian() -> NameForms {
        NameForms::load(
            accord_data::file(accord_doc::Lang::Ru, "given_names.txt"),
            &accord_data::table(accord_doc::Lang::Ru, "name_forms.tsv"),
        )
        .unwrap()
    }

    fn lemma(words: &str, vietnamese: bool) -> Option<String> {
        let words: Vec<&str> = words.split(' ').collect();
        russian().lemma(&words, vietnamese).map(|w| w.join(" "))
    }

    #[test]
    fn a_given_name_fixes_the_case_of_the_surname() {
        assert_eq!(lemma("Игоря Соколова", false).as_deref(), Some("Игорь Соколов"));
        assert_eq!(lemma("Игорем Соколовым", false).as_deref(), Some("Игорь Соколов"));
        assert_eq!(lemma("Сергею Орлову", false).as_deref(), Some("Сергей Орлов"));
        assert_eq!(lemma("Дмитрием Петренко", false).as_deref(), Some("Дмитрий Петренко"));
        assert_eq!(lemma("Александра Гуревича", false).as_deref(), Some("Александр Гуревич"));
        assert_eq!(lemma("Анной Беловой", false).as_deref(), Some("Анна Белова"));
        assert_eq!(lemma("Анна Белова", false).as_deref(), Some("Анна Белова"));
    }

    #[test]
    fn a_vietnamese_name_loses_the_ending_of_its_last_syllable() {
        assert_eq!(lemma("Чан Ван Тхангом", true).as_deref(), Some("Чан Ван Тханг"));
        assert_eq!(lemma("Фам Минь Тинем", true).as_deref(), Some("Фам Минь Тинь"));
        assert_eq!(lemma("Нгуен Тхи Нга", true), None);
        assert_eq!(lemma("Нгуен Ван Тху", true), None);
        assert_eq!(lemma("Ле Ван Хоа", true), None);
    }

    #[test]
    fn a_patronymic_is_left_out_of_the_name() {
        assert_eq!(lemma("Игорь Петрович Соколов", false).as_deref(), Some("Игорь Соколов"));
        assert_eq!(lemma("Игоря Петровича Соколова", false).as_deref(), Some("Игорь Соколов"));
    }

    #[test]
    fn a_name_without_a_known_given_name_is_left_as_written() {
        assert_eq!(lemma("Марта Линд", false), None);
    }
}
