//! The event cue lexicon of a language: every phrase of the files in
//! `data/<lang>/events/` in one automaton over folded text, so a sentence
//! is scanned once.
//!
//! Folding drops diacritics, which in Vietnamese merges words that differ
//! only by their marks (`thăm` "visit" and `tham` in `tham gia`
//! "take part"). A phrase written with marks therefore only matches a
//! surface that carries the same marks. Two suffixes refine a phrase:
//! `*` makes it a stem (Russian endings: `визит*` covers `визита`,
//! `визитом`), and ` ^` demands that the next word be capitalised (the
//! Vietnamese `tiếp ^` "received" before a title or a name, not in
//! `tiếp tục` "continue").

use accord_data::tsv::{Error, Table};
use accord_doc::Span;
use accord_lang::{fold_word, has_marks, same_marks};
use accord_lexicon::{checked_rows, Labels};
use accord_text::{word_hash, FoldedView, TwoByteStarts, WordFilter};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

/// What a cue says, by the file it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// `visits.tsv`: a visit; the label is its kind (`state`, ... or `unstated`).
    Visit,
    /// `visits.tsv`, label `to`: a word after which the visited country or place stands.
    HostWord,
    /// `visits.tsv`, label `by`: a word before the visitor ("visit to X by Y").
    ByWord,
    /// `visits.tsv`, label `inviter`: a phrase before the host's person
    /// ("at the invitation of").
    Inviter,
    /// `meetings.tsv`: talks, meetings, receptions, calls.
    Meeting,
    /// `milestones.tsv`: what the relationship became (`diplomatic_relations`, ...).
    MilestoneObject,
    /// `milestones.tsv`, label `act:<verb>`: the step taken (`establish`, `open`, ...).
    MilestoneAction,
    /// `policies.tsv`: a unilateral measure; the label is its `what`.
    Policy,
    /// `policies.tsv`, label `beneficiary`: a word naming those a measure
    /// benefits ("citizens"): the country beside it is not the actor.
    Beneficiary,
    /// `modality.tsv`, label `irrealis` / `irrealis_adjacent`: the happening
    /// is future or hypothetical.
    Irrealis,
    /// `modality.tsv`, label `future`: a future tense marker ("will"); an
    /// irrealis cue, and after a visit framed by "during" it makes the visit future.
    Future,
    /// `modality.tsv`, label `during`: frames a trigger as the time of the main clause.
    During,
    /// `modality.tsv`, label `irrealis_adjacent`: as above, only right before the trigger.
    IrrealisAdjacent,
    /// `modality.tsv`, label `instrument`: an agreement is named (a measure
    /// under an agreement is not unilateral).
    Instrument,
    /// `modality.tsv`, label `and`: joins two dates of one trigger.
    Conjunction,
    /// `modality.tsv`, label `none`: a phrase that contains a cue word but
    /// means something else; it wins by being longer.
    Neutral,
}

/// A cue found in a sentence: its kind, label and span in the input text.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub kind: CueKind,
    pub label: &'static str,
    pub span: Span,
}

struct Phrase {
    kind: CueKind,
    label: &'static str,
    /// The phrase as written in the data file (without its suffixes), to
    /// compare marks with the surface.
    form: &'static str,
    /// Whether `form` carries marks, known once rather than per match.
    form_has_marks: bool,
    stem: bool,
    capitalised_next: bool,
}

/// The phrase lists of the cue files, read as they stand, not as cues
/// (folded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// `modality.tsv`: words right before ("the visit") or after
    /// ("chuyến thăm này") a trigger that make it a reference to a
    /// happening told elsewhere.
    ReferenceBefore = 0,
    ReferenceAfter,
    /// `meetings.tsv`: phrases that name the people of a meeting told
    /// before ("the two leaders", "hai bên").
    ParticipantsBefore,
    /// `meetings.tsv`: phrases that name two office holders together ("the
    /// two leaders", "hai Thủ tướng"); what they said or agreed tells that
    /// they met.
    Leaders,
    /// `meetings.tsv`: phrases that open a sentence telling what came right
    /// after what the sentence before told ("after the welcome ceremony",
    /// "sau lễ đón", "затем").
    Sequel,
}

impl List {
    const LABELS: [(&'static str, List); 5] = [
        ("reference_before", List::ReferenceBefore),
        ("reference_after", List::ReferenceAfter),
        ("participants_before", List::ParticipantsBefore),
        ("leaders", List::Leaders),
        ("sequel", List::Sequel),
    ];

    fn of(label: &str) -> Option<List> {
        List::LABELS.iter().find(|(l, _)| *l == label).map(|&(_, list)| list)
    }
}

pub struct Lexicon {
    /// The phrase lists, by [`List`].
    lists: [Vec<String>; 5],
    /// Run anchored at the start of a word: a cue begins a word.
    automaton: AhoCorasick,
    /// Per automaton pattern, the phrases it stands for (one folded key may
    /// be a cue of several kinds: "to" links a host and marks "to visit").
    phrases: Vec<Vec<Phrase>>,
    /// The first words of the keys, and the beginnings of the stems: a word
    /// in neither begins no cue, and the automaton is not run there.
    first_words: WordFilter,
    stem_starts: TwoByteStarts,
}

/// The data files of one language, each with the labels it may use.
const FILES: [(&str, &[&str]); 5] = [
    ("visits", &["state", "official", "working", "other", "unstated", "to", "by", "inviter"]),
    ("meetings", &["meeting", "talks", "participants_before", "leaders", "sequel"]),
    (
        "milestones",
        &[
            "diplomatic_relations",
            "recognition",
            "strategic_partnership",
            "comprehensive_strategic_partnership",
            "comprehensive_partnership",
            "embassy_opened",
            "consulate_opened",
            "other",
            "act:establish",
            "act:open",
            "act:recognize",
            "act:upgrade",
        ],
    ),
    ("policies", &["visa_exemption", "visa_simplification", "e_visa", "residence", "tariff", "ban", "other", "beneficiary"]),
    (
        "modality",
        &["irrealis", "future", "during", "irrealis_adjacent", "instrument", "and", "none", "reference_before", "reference_after"],
    ),
];

/// The labels `events/<file>.tsv` may use.
pub(crate) fn labels(file: &str) -> &'static [&'static str] {
    FILES.iter().find(|(name, _)| *name == file).map_or(&[], |(_, labels)| labels)
}

/// The event files of a language, as tables named for their errors.
pub fn tables(lang: accord_doc::Lang) -> [Table<'static>; 5] {
    FILES.map(|(name, _)| accord_data::table(lang, &format!("events/{name}.tsv")))
}

impl Lexicon {
    /// The lexicon of the files of [`tables`], in that order; a line with
    /// an unknown label or without phrases is an error.
    pub fn parse(files: &[Table<'static>; 5]) -> Result<Lexicon, Error> {
        let mut keys: Vec<String> = Vec::new();
        let mut phrases: Vec<Vec<Phrase>> = Vec::new();
        type KindOf = fn(&str) -> CueKind;
        let kinds: [KindOf; 5] = [
            |l| match l {
                "to" => CueKind::HostWord,
                "by" => CueKind::ByWord,
                "inviter" => CueKind::Inviter,
                _ => CueKind::Visit,
            },
            |_| CueKind::Meeting,
            |l| if l.starts_with("act:") { CueKind::MilestoneAction } else { CueKind::MilestoneObject },
            |l| if l == "beneficiary" { CueKind::Beneficiary } else { CueKind::Policy },
            |l| match l {
                "irrealis" => CueKind::Irrealis,
                "future" => CueKind::Future,
                "during" => CueKind::During,
                "irrealis_adjacent" => CueKind::IrrealisAdjacent,
                "instrument" => CueKind::Instrument,
                "and" => CueKind::Conjunction,
                _ => CueKind::Neutral,
            },
        ];
        let mut lists: [Vec<String>; 5] = Default::default();
        for ((table, kind_of), (_, labels)) in files.iter().zip(kinds).zip(FILES) {
            for (label, list) in checked_rows(table, Labels::OneOf(labels))? {
                let words = || list.split('|').map(|w| fold_word(w.trim())).filter(|w| !w.is_empty());
                // Phrase lists that are read as they stand, not as cues.
                let list_of = List::of(label).map(|l| &mut lists[l as usize]);
                if let Some(read_as_is) = list_of {
                    read_as_is.extend(words());
                    continue;
                }
                let kind = kind_of(label);
                let label = label.strip_prefix("act:").unwrap_or(label);
                for raw in list.split('|') {
                    let mut form = raw.trim();
                    let capitalised_next = form.ends_with(" ^");
                    form = form.trim_end_matches('^').trim_end();
                    let stem = form.ends_with('*');
                    form = form.trim_end_matches('*');
                    let key = fold_word(form);
                    if key.is_empty() {
                        continue;
                    }
                    let phrase = Phrase { kind, label, form, form_has_marks: has_marks(form), stem, capitalised_next };
                    match keys.iter().position(|k| *k == key) {
                        Some(i) => phrases[i].push(phrase),
                        None => {
                            keys.push(key);
                            phrases.push(vec![phrase]);
                        }
                    }
                }
            }
        }
        let mut first_words = WordFilter::new();
        let mut stem_starts = TwoByteStarts::new();
        for (key, phrases) in keys.iter().zip(&phrases) {
            let mut words = accord_text::words(key);
            let Some((start, end)) = words.next() else {
                continue;
            };
            assert_eq!(start, 0, "event cue {key:?} begins with a word");
            first_words.insert(word_hash(&key[..end]));
            if words.next().is_none() && phrases.iter().any(|p| p.stem) {
                stem_starts.insert(key.as_bytes());
            }
        }
        // A few hundred short keys: the DFA is small.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&keys)
            .expect("event cue phrases build an automaton");
        Ok(Lexicon { lists, automaton, phrases, first_words, stem_starts })
    }

    /// One of the phrase lists.
    pub fn list(&self, which: List) -> &[String] {
        &self.lists[which as usize]
    }

    /// Whether a cue may begin at a word (false positives only).
    fn may_begin(&self, word: &str, hash: u64) -> bool {
        self.first_words.may_contain(hash) || self.stem_starts.may_begin(word.as_bytes())
    }

    /// The cues of a folded sentence, in text order, as spans of `text`.
    pub fn find(&self, folded: &FoldedView, text: &str) -> Vec<Hit> {
        let f = folded.text;
        let mut out = Vec::new();
        // The longest cue at each word start where one may begin; as in a
        // scan of the whole text, text a match took is not searched again.
        let mut resume = 0;
        let matches = folded.hashed_words().filter_map(|(start, end, hash)| {
            if start < resume || !self.may_begin(&f[start..end], hash) {
                return None;
            }
            let m = self.automaton.find(Input::new(f).range(start..).anchored(Anchored::Yes))?;
            resume = m.end();
            Some(m)
        });
        for m in matches {
            let before_ok = !f[..m.start()].chars().next_back().is_some_and(accord_lang::is_alphanumeric);
            if !before_ok {
                continue;
            }
            let ends_word = !f[m.end()..].chars().next().is_some_and(accord_lang::is_alphanumeric);
            let span = folded.span_to_original(m.start(), m.end());
            let surface = span.slice(text);
            // Whether the surface carries marks, asked once per match and
            // only when a phrase gets that far.
            let mut surface_has_marks = None;
            for p in &self.phrases[m.pattern().as_usize()] {
                // A neutral phrase only matters by taking its match from
                // shorter cues, which the automaton already did.
                if p.kind == CueKind::Neutral || !(ends_word || p.stem) {
                    continue;
                }
                let surface_marked = *surface_has_marks.get_or_insert_with(|| has_marks(surface));
                if !marks_agree(surface, surface_marked, p) {
                    continue;
                }
                if p.capitalised_next && !next_word_capitalised(&text[span.end..]) {
                    continue;
                }
                out.push(Hit { kind: p.kind, label: p.label, span });
            }
        }
        out
    }
}

/// A phrase written with marks only matches a surface with the same marks
/// (`thăm` is not `tham`), and one written without marks only an unmarked
/// Latin surface (`sang` is not `Sáng`). Marks on other scripts are
/// spelling variants (`партнерство` matches `партнёрство`).
fn marks_agree(surface: &str, surface_has_marks: bool, phrase: &Phrase) -> bool {
    if phrase.form_has_marks {
        surface_has_marks && same_marks(surface, phrase.form)
    } else {
        !surface_has_marks || !surface.chars().any(is_latin_letter)
    }
}

fn is_latin_letter(c: char) -> bool {
    accord_lang::is_alphabetic(c) && (u32::from(c) < 0x0250 || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

fn next_word_capitalised(rest: &str) -> bool {
    rest.trim_start().chars().next().is_some_and(accord_lang::is_uppercase)
}
