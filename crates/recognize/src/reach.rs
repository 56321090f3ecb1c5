//! How far the rules of the extraction stages may look, in tokens of the
//! document's token layer ([`crate::Analysis::tokens`]): one place for every
//! reach, so that a window covers as many words in Vietnamese or Russian
//! as in English (a window in bytes covers half as many letters in
//! Cyrillic, and fewer syllables in Vietnamese).
//!
//! A token is a word or a punctuation mark (`accord_text::tokens`); a
//! reach is the most tokens that may stand between two things.

/// A number of tokens: words and punctuation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reach(pub usize);

// Events (`accord_events`).

/// A future or hypothetical cue tells a trigger only this close before
/// it, in its clause ("will pay an official visit").
pub const IRREALIS: Reach = Reach(10);
/// A milestone's action and its object ("relations between the two
/// countries were established").
pub const ACTION: Reach = Reach(16);
/// A visit trigger and its destination ("visit of the President of X
/// to Y").
pub const DESTINATION: Reach = Reach(10);
/// "During" and the trigger it frames ("during my visit").
pub const FRAME: Reach = Reach(3);
/// A country and the person it tells the country of, with only titles
/// between ("President of X, Y", "X's Prime Minister Y").
pub const TITLE: Reach = Reach(5);
/// A demonym and the visit trigger it tells the visitors' country of
/// ("the Vietnamese leader's state visit").
pub const DEMONYM: Reach = Reach(4);
/// An agreement word and the measure it makes part of the agreement
/// ("the agreement on visa exemption").
pub const INSTRUMENT: Reach = Reach(7);
/// An arrival and the kind of its visit ("arrived in the capital on a
/// state visit").
pub const KIND_AFTER_ARRIVAL: Reach = Reach(6);

// Agreements (`accord_agreements`). An instrument's name is read in the
// layer's tokens with joined words in their parts ("Jae", "-", "in").

/// A date cue and its time expression ("signed in 2023", "took effect
/// on January 30").
pub const CUE_TO_TIME: Reach = Reach(8);
/// A time expression and the cue after it ("In 1996, the two sides signed").
pub const TIME_TO_CUE: Reach = Reach(6);
/// A name and a cue that follows it ("the agreement ..., which took
/// effect on").
pub const NAME_TO_CUE: Reach = Reach(20);
/// A verb and the name it governs ("signed the multiple ...").
pub const VERB_TO_OBJECT: Reach = Reach(3);
/// A passive verb's agent, its marker included ("by the Government of A
/// and the Government of B in").
pub const AGENT_PHRASE: Reach = Reach(20);
/// Words before a head searched for a count ("27 intergovernmental, ...
/// agreements").
pub const COUNT_TO_HEAD: Reach = Reach(6);

// Commitments (`accord_commitments`), counted in words between spaces (a
// lone mark counting as one): their gaps are read in the folded text.

/// A party word and a `joint` cue ("the two sides *jointly* agreed").
pub const JOINT_GAP: Reach = Reach(2);
/// A noun and its link word ("cooperation *in*", "training and research *in*").
pub const LINK_BEFORE: Reach = Reach(3);
/// A link word and the field ("in *each other's* farming").
pub const LINK_AFTER: Reach = Reach(2);
/// The fields of a body's name and its closing "cooperation" ("on
/// economic, scientific, and technical *cooperation*").
pub const BODY_TAIL: Reach = Reach(4);

#[cfg(test)]
mod tests {
    use crate::analyze;
    use accord_doc::{Document, Lang};

    /// The offsets of the first two occurrences of `a` and `b` in `text`.
    fn between(text: &str, a: &str, b: &str) -> (usize, usize) {
        let from = text.find(a).expect("a is in the text") + a.len();
        (from, text[from..].find(b).expect("b follows a") + from)
    }

    #[test]
    fn a_reach_counts_words_and_marks_the_same_in_every_script() {
        let cases = [
            (Lang::En, "The minister plans, with a large business delegation, to visit Chile.", "plans", "visit"),
            (Lang::Ru, "Министр планирует, с большой деловой делегацией, посетить Чили.", "планирует", "посетить"),
            (Lang::Vi, "Bộ trưởng dự kiến, cùng đoàn doanh nghiệp lớn, thăm Chile.", "dự kiến", "thăm"),
        ];
        for (lang, text, a, b) in cases {
            let mut doc = Document::from_text("t", text);
            doc.meta.lang = lang;
            let analysis = analyze(doc);
            let (from, to) = between(text, a, b);
            // Six to eight tokens (the words or syllables and two commas)
            // in each, though the Russian takes half as many bytes again.
            let count = analysis.tokens_between(from, to);
            assert!((6..=8).contains(&count), "{lang:?}: {count} tokens in {:?}", &text[from..to]);
            assert!(analysis.within_reach(from, to, super::Reach(count)) && !analysis.within_reach(from, to, super::Reach(count - 1)));
        }
    }
}
