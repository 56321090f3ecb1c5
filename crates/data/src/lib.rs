//! The language data layer: every language is a folder `data/<code>/` with a
//! `language.tsv` (code, English name, aliases); the build embeds every such
//! folder, and stages read their files through [`file`] / [`table`] /
//! [`files_for_all`], so a new language is a new folder. `ACCORD_DATA=DIR`
//! (or [`use_dir`], called by the CLI before any stage loads) reads the
//! folders of DIR instead of the embedded copy, so a language can be added
//! without compiling.
//!
//! A language whose folder lacks a file gets that file empty.

pub mod tsv;
mod walk;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// These come first and in this order, as [`Lang::En`]... name them;
/// detection breaks ties by order. Any other folder follows, by code.
const FIRST: [&str; 3] = ["en", "vi", "ru"];

/// A language: the code of a registered folder, or [`Lang::Other`]. Cheap to
/// copy and compare; built only from the registry.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(&'static str);

#[allow(non_upper_case_globals)]
impl Lang {
    pub const En: Lang = Lang("en");
    pub const Vi: Lang = Lang("vi");
    pub const Ru: Lang = Lang("ru");
    /// Not a registered language (or not known yet).
    pub const Other: Lang = Lang("und");

    pub fn code(self) -> &'static str {
        self.0
    }

    /// A code or alias of `language.tsv` (any case), or `und`/`other`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        if code == "und" || code == "other" {
            return Some(Lang::Other);
        }
        let named = |l: &&Language| l.code == code || l.name.eq_ignore_ascii_case(&code) || l.aliases.contains(&code);
        data().languages.iter().find(named).map(|l| Lang(l.code))
    }

    /// Every registered language, in registry order.
    pub fn known() -> &'static [Lang] {
        &data().known
    }

    /// The English name of the language (`language.tsv`).
    pub fn name(self) -> &'static str {
        data().languages.iter().find(|l| l.code == self.0).map_or("other", |l| l.name)
    }
}

impl Default for Lang {
    fn default() -> Lang {
        Lang::Other
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Lang::Other => f.write_str("Other"),
            Lang(code) => f.write_str(code),
        }
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(if *self == Lang::Other { "other" } else { self.0 })
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let code = String::deserialize(d)?;
        Lang::from_code(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown language '{code}'")))
    }
}

struct Language {
    code: &'static str,
    name: &'static str,
    /// Lower case: codes are compared in lower case.
    aliases: Vec<String>,
}

struct Data {
    languages: Vec<Language>,
    known: Vec<Lang>,
    /// `(code, path in the folder, contents)`.
    files: Vec<(&'static str, &'static str, &'static str)>,
}

static DATA: OnceLock<Data> = OnceLock::new();

fn data() -> &'static Data {
    DATA.get_or_init(|| {
        let loaded = match std::env::var_os("ACCORD_DATA") {
            Some(dir) => read_dir(Path::new(&dir)),
            None => Data::new(EMBEDDED.to_vec()).map_err(|e| e.to_string()),
        };
        loaded.unwrap_or_else(|e| panic!("{e}"))
    })
}

/// Read the languages from `dir` (a folder like `data/`) instead of the
/// embedded copy. Call it before anything reads language data.
pub fn use_dir(dir: &Path) -> Result<(), String> {
    let loaded = read_dir(dir)?;
    DATA.set(loaded).map_err(|_| "the language data was read before it could be set".to_string())
}

/// [`use_dir`] with `$ACCORD_DATA`, when it is set: an error in the folder
/// is reported here rather than at the first use.
pub fn use_env() -> Result<(), String> {
    match std::env::var_os("ACCORD_DATA") {
        Some(dir) => use_dir(Path::new(&dir)),
        None => Ok(()),
    }
}

fn read_dir(dir: &Path) -> Result<Data, String> {
    let fail = |e: std::io::Error| format!("{}: {e}", dir.display());
    let mut files = Vec::new();
    for (code, folder) in walk::language_folders(dir).map_err(fail)? {
        let code: &'static str = Box::leak(code.into_boxed_str());
        for (rel, path) in walk::files_under(&folder).map_err(fail)? {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            files.push((code, &*Box::leak(rel.into_boxed_str()), &*Box::leak(text.into_boxed_str())));
        }
    }
    if files.is_empty() {
        return Err(format!("{}: no language folder (a folder with a language.tsv)", dir.display()));
    }
    Data::new(files).map_err(|e| format!("{e} (in {})", dir.display()))
}

impl Data {
    fn new(files: Vec<(&'static str, &'static str, &'static str)>) -> Result<Data, tsv::Error> {
        let mut languages = Vec::new();
        for &(code, _, text) in files.iter().filter(|(_, rel, _)| *rel == "language.tsv") {
            languages.push(parse_language(code, text)?);
        }
        let rank = |code: &str| FIRST.iter().position(|f| *f == code).unwrap_or(FIRST.len());
        languages.sort_by(|a, b| (rank(a.code), a.code).cmp(&(rank(b.code), b.code)));
        let known = languages.iter().map(|l| Lang(l.code)).collect();
        Ok(Data { languages, known, files })
    }
}

/// `language.tsv`: one line `code, English name, aliases (|-separated)`;
/// the code must be the folder's.
fn parse_language(folder: &'static str, text: &'static str) -> Result<Language, tsv::Error> {
    let file: &'static str = Box::leak(format!("{folder}/language.tsv").into_boxed_str());
    let table = tsv::Table::new(file, text);
    let row = table.rows().next().ok_or_else(|| table.error("no line 'code, name, aliases'"))?;
    let code = row.col(0)?;
    if code != folder {
        return Err(row.error(format!("code '{code}' is not the folder's name '{folder}'")));
    }
    let aliases = row.opt(2).map_or(Vec::new(), |a| a.split('|').map(str::trim).filter(|a| !a.is_empty()).map(str::to_lowercase).collect());
    Ok(Language { code: folder, name: row.col(1)?, aliases })
}

/// The file `path` (under the language's folder) of `lang`, empty when the
/// folder has none.
pub fn file(lang: Lang, path: &str) -> &'static str {
    data().files.iter().find(|(code, rel, _)| *code == lang.0 && *rel == path).map_or("", |f| f.2)
}

/// [`file`] as a table named `<code>/<path>` for its error messages. The
/// name is made to last as the text does (a loader keeps `'static` slices and
/// may panic with the name); each file is named once, when a stage loads.
pub fn table(lang: Lang, path: &str) -> tsv::Table<'static> {
    let name: &'static str = Box::leak(format!("{}/{path}", lang.0).into_boxed_str());
    tsv::Table::new(name, file(lang, path))
}

/// `(language, file)` for every registered language, in registry order.
pub fn files_for_all(path: &str) -> Vec<(Lang, &'static str)> {
    Lang::known().iter().map(|&l| (l, file(l, path))).collect()
}

/// [`table`] for every registered language, in registry order.
pub fn tables_for_all(path: &str) -> Vec<(Lang, tsv::Table<'static>)> {
    Lang::known().iter().map(|&l| (l, table(l, path))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_languages_come_from_their_folders() {
        // First, whatever else ACCORD_DATA may add.
        assert_eq!(Lang::known()[..3], [Lang::En, Lang::Vi, Lang::Ru]);
        for &l in Lang::known() {
            assert_eq!(Lang::from_code(l.code()), Some(l));
            assert_eq!(Lang::from_code(&l.name().to_uppercase()), Some(l));
        }
        assert_eq!(Lang::from_code("eng"), Some(Lang::En));
        assert_eq!(Lang::from_code(" RUS "), Some(Lang::Ru));
        let xx = parse_language("xx", "xx\tExample\tXxx|Ex ample\n").unwrap();
        assert_eq!(xx.aliases, ["xxx", "ex ample"]);
        assert_eq!(Lang::from_code("other"), Some(Lang::Other));
        assert_eq!(Lang::from_code("no-such-language"), None);
    }

    #[test]
    fn a_missing_file_is_empty() {
        assert!(!file(Lang::En, "events/visits.tsv").is_empty());
        assert_eq!(file(Lang::En, "no/such.tsv"), "");
        assert_eq!(file(Lang::Other, "events/visits.tsv"), "");
    }

    #[test]
    fn lang_serialises_as_before() {
        assert_eq!(serde_json::to_string(&Lang::Vi).unwrap(), "\"vi\"");
        assert_eq!(serde_json::to_string(&Lang::Other).unwrap(), "\"other\"");
        assert_eq!(serde_json::from_str::<Lang>("\"ru\"").unwrap(), Lang::Ru);
        assert!(serde_json::from_str::<Lang>("\"zz\"").is_err());
    }

    #[test]
    fn a_language_line_names_its_own_folder() {
        let e = parse_language("xx", "yy\tSomething\n").err().unwrap();
        assert_eq!(e.to_string(), "data/xx/language.tsv:1: code 'yy' is not the folder's name 'xx'");
        assert!(parse_language("xx", "# nothing\n").is_err());
    }
}
