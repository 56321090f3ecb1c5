//! The small words of the names a committed action may hold
//! (`data/<lang>/commitments/names.tsv`): what joins the words of a
//! capitalised name ("the Belt *and* Road Initiative"), what joins the
//! fields of a body's name ("committee on trade *and* investment"), and the
//! word that may close it ("*cooperation*"). A language without the file
//! has none.

use accord_data::tsv::{or_fail, Error, Table};
use accord_doc::Lang;
use std::sync::LazyLock;

#[derive(Default)]
pub(crate) struct NameWords<'a> {
    pub title_joiners: Vec<&'a str>,
    pub body_joiners: Vec<&'a str>,
    pub body_close: Vec<&'a str>,
}

static NAME_WORDS: LazyLock<Vec<(Lang, NameWords<'static>)>> = LazyLock::new(|| {
    accord_data::tables_for_all("commitments/names.tsv").into_iter().map(|(lang, table)| (lang, or_fail(load(&table)))).collect()
});

/// The name words of `lang`.
pub(crate) fn of(lang: Lang) -> &'static NameWords<'static> {
    static NONE: NameWords<'static> = NameWords { title_joiners: Vec::new(), body_joiners: Vec::new(), body_close: Vec::new() };
    NAME_WORDS.iter().find(|(l, _)| *l == lang).map_or(&NONE, |(_, words)| words)
}

fn load<'a>(table: &Table<'a>) -> Result<NameWords<'a>, Error> {
    let mut out = NameWords::default();
    for row in table.rows() {
        row.at_most(2)?;
        let list = match row.label(0, &["title-joiner", "body-joiner", "body-close"])? {
            "title-joiner" => &mut out.title_joiners,
            "body-joiner" => &mut out.body_joiners,
            _ => &mut out.body_close,
        };
        list.extend(row.list(1)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_data::tsv::assert_fails;

    #[test]
    fn english_names_are_joined_and_closed_by_their_words() {
        let en = of(Lang::En);
        assert_eq!(en.title_joiners, ["and", "of", "for", "the"]);
        assert_eq!(en.body_close, ["cooperation"]);
    }

    #[test]
    fn bad_lines_are_errors_naming_the_file_and_line() {
        for (text, expected) in [
            ("body-joiner\tand|or\nhead\tof\n", "2: unknown label 'head'"),
            ("body-close\n", "1: missing column 2"),
            ("body-close\tcooperation\tx\n", "1: 2 columns at most"),
        ] {
            assert_fails(load(&Table::new("xx/commitments/names.tsv", text)), "xx/commitments/names.tsv", expected);
        }
    }
}
