//! Unicode at the door (issue 10): every document of the shared corpora,
//! rewritten as NFD, with no-break spaces, with the other tone placement of
//! Vietnamese, with soft hyphens and zero-width spaces inside words, and
//! with full-width punctuation and other apostrophes, gives the facts of
//! the original, and every offset it reports slices the rewritten input to
//! the quote. Skips (with a note) when ../shared is not beside the checkout.

mod support;

use accord_doc::facts::DocFacts;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

fn corpus() -> Option<PathBuf> {
    accord_testdata::shared("corpus/seeds", "the Unicode corpus test was").map(|p| p.join("corpus"))
}

fn extract(name: &str, text: &str) -> DocFacts {
    accord_extract::document(accord_read::read_text(name, text.to_string()))
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// The facts that must not depend on how the text was written, one line each, sorted.
fn summary(f: &DocFacts) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    lines.push(format!(
        "doc published={:?} dateline={:?} source={:?}",
        f.doc.published.map(|d| d.to_string()),
        f.doc.dateline.as_deref().map(nfc),
        f.doc.source.as_deref().map(nfc)
    ));
    lines.extend(f.entities.iter().map(|e| format!("entity {:?} {} {:?} mentions={}", e.kind, nfc(&e.name), e.code, e.mentions.len())));
    lines.extend(f.events.iter().map(|e| format!("event {} {:?}", e.kind, e.date)));
    lines.extend(f.agreements.iter().map(|a| format!("agreement {} {} {:?} {:?}", a.kind, nfc(&a.title), a.signed, a.in_force)));
    lines.extend(f.figures.iter().map(|x| format!("figure {} {} {:?} {:?}", x.indicator, x.value, x.unit, x.period)));
    lines.push(format!("commitments {}", f.commitments.len()));
    lines.sort();
    lines
}

/// Every offset reported slices `text` to what it claims.
fn offsets_hold(text: &str, f: &DocFacts) -> Result<(), String> {
    for e in support::evidence(f) {
        if text.get(e.start..e.end) != Some(e.quote.as_str()) {
            return Err(format!("evidence {}..{} is {:?}, quote {:?}", e.start, e.end, text.get(e.start..e.end), e.quote));
        }
    }
    for entity in &f.entities {
        for m in &entity.mentions {
            let Some(surface) = text.get(m.start..m.end) else {
                return Err(format!("mention {}..{} of {} is off the text", m.start, m.end, entity.name));
            };
            if surface.trim().is_empty() || surface.starts_with(['\u{A0}', '\u{200B}', '\u{AD}']) {
                return Err(format!("mention {}..{} of {} is {surface:?}", m.start, m.end, entity.name));
            }
        }
    }
    Ok(())
}

/// Old-style (`hòa`, `khỏe`, `thủy`) tone placement made new-style (`hoà`,
/// `khoẻ`, `thuỷ`), and back: the tone of an open `oa`/`oe`/`uy` moved to
/// the other vowel.
fn other_tone_placement(text: &str) -> String {
    let chars: Vec<char> = text.nfc().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let open = !chars.get(i + 2).is_some_and(|c| c.is_alphabetic());
        let after_q = i > 0 && matches!(chars[i - 1], 'q' | 'Q');
        if let (Some(&a), Some(&b), true) = (chars.get(i), chars.get(i + 1), open) {
            let (a_base, a_tone) = split_tone(a);
            let (b_base, b_tone) = split_tone(b);
            let pair = matches!((a_base.to_ascii_lowercase(), b_base.to_ascii_lowercase()), ('o', 'a' | 'e') | ('u', 'y')) && !after_q;
            if pair && a_tone.is_some() != b_tone.is_some() {
                let tone = a_tone.or(b_tone).unwrap_or('\u{300}');
                let (x, y) = if a_tone.is_some() { (a_base, with_tone(b_base, tone)) } else { (with_tone(a_base, tone), b_base) };
                out.extend([x, y]);
                i += 2;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out.into_iter().collect()
}

/// A plain vowel and its tone mark, for the vowels of `oa`, `oe`, `uy`.
fn split_tone(c: char) -> (char, Option<char>) {
    let d: Vec<char> = c.to_string().nfd().collect();
    match d.as_slice() {
        [base @ ('a' | 'e' | 'o' | 'u' | 'y' | 'A' | 'E' | 'O' | 'U' | 'Y'), tone @ ('\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')] => {
            (*base, Some(*tone))
        }
        [base] => (*base, None),
        _ => ('\0', None),
    }
}

fn with_tone(base: char, tone: char) -> char {
    format!("{base}{tone}").nfc().next().unwrap_or(base)
}

/// A soft hyphen inside every fifth word and a zero-width space inside
/// every seventh (between two of its letters).
fn broken_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 10);
    let (mut word, mut letters) = (0usize, 0usize);
    let mut prev_letter = false;
    for c in text.chars() {
        let letter = c.is_alphabetic();
        if letter && !prev_letter {
            word += 1;
            letters = 0;
        }
        if letter && prev_letter {
            letters += 1;
            if letters == 2 && word % 5 == 0 {
                out.push('\u{AD}');
            } else if letters == 2 && word % 7 == 0 {
                out.push('\u{200B}');
            }
        }
        out.push(c);
        prev_letter = letter;
    }
    out
}

/// Full-width commas, colons and brackets, and `ʼ`/`´` for the apostrophe.
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ',' => '\u{FF0C}',
            ':' => '\u{FF1A}',
            '(' => '\u{FF08}',
            ')' => '\u{FF09}',
            '’' => '\u{2BC}',
            _ => c,
        })
        .collect()
}

/// A way of writing the same text otherwise.
type Rewrite = fn(&str) -> String;

#[test]
fn rewritten_unicode_gives_the_same_facts_at_the_same_words() {
    let Some(corpus) = corpus() else { return };
    let variants: [(&str, Rewrite); 5] = [
        ("nfd", |t| t.nfd().collect()),
        ("nbsp", |t| t.replace(' ', "\u{A0}")),
        ("tones", other_tone_placement),
        ("soft hyphens", broken_words),
        ("full width", full_width),
    ];
    let mut failures = Vec::new();
    let mut documents = 0;
    let mut rewritten = 0;
    for folder in ["seeds", "dev", "dev2"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus.join(folder))
            .expect("corpus folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().expect("name").to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("corpus text");
            let want = summary(&extract(&name, &text));
            documents += 1;
            for (variant, rewrite) in variants {
                let input = rewrite(&text);
                if input == text {
                    continue;
                }
                rewritten += 1;
                let facts = extract(&name, &input);
                let got = summary(&facts);
                if got != want {
                    let missing: Vec<_> = want.iter().filter(|l| !got.contains(l)).collect();
                    let extra: Vec<_> = got.iter().filter(|l| !want.contains(l)).collect();
                    failures.push(format!("{folder}/{name} ({variant}): missing {missing:?}, extra {extra:?}"));
                }
                if let Err(e) = offsets_hold(&input, &facts) {
                    failures.push(format!("{folder}/{name} ({variant}): {e}"));
                }
            }
        }
    }
    eprintln!("{documents} documents, {rewritten} rewritten inputs");
    assert!(documents > 0);
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_tone_converter_moves_tones_both_ways() {
    assert_eq!(other_tone_placement("hòa bình, khỏe, Thủy, quý, hoàn"), "hoà bình, khoẻ, Thuỷ, quý, hoàn");
    assert_eq!(other_tone_placement("hoà bình, khoẻ, Thuỷ"), "hòa bình, khỏe, Thủy");
}
