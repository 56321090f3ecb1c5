//! Which parts of a sentence a search matched: the runs of whole words
//! whose folded forms are one of the phrases looked for.

use accord_store::views::folded_words;

/// The sentence cut into pieces, each with whether it is a match. Words are
/// compared folded (case and diacritics ignored), as the search does.
pub fn pieces<'a>(sentence: &'a str, phrases: &[Vec<String>]) -> Vec<(bool, &'a str)> {
    // Each word: its byte range and its folded form.
    let mut words: Vec<(usize, usize, String)> = Vec::new();
    let mut start = None;
    for (i, c) in sentence.char_indices().chain([(sentence.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let folded = folded_words(&sentence[s..i]).concat();
                words.push((s, i, folded));
                start = None;
            }
            _ => {}
        }
    }
    let mut marked: Vec<(usize, usize)> = Vec::new();
    for at in 0..words.len() {
        let longest = phrases
            .iter()
            .filter(|p| !p.is_empty() && at + p.len() <= words.len() && p.iter().zip(&words[at..]).all(|(w, x)| *w == x.2))
            .map(Vec::len)
            .max();
        if let Some(n) = longest {
            let (s, e) = (words[at].0, words[at + n - 1].1);
            match marked.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => marked.push((s, e)),
            }
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in marked {
        if s > at {
            out.push((false, &sentence[at..s]));
        }
        out.push((true, &sentence[s..e]));
        at = e;
    }
    if at < sentence.len() {
        out.push((false, &sentence[at..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(sentence: &str, phrases: &[&str]) -> Vec<String> {
        let phrases: Vec<Vec<String>> = phrases.iter().map(|p| p.split(' ').map(str::to_string).collect()).collect();
        pieces(sentence, &phrases).into_iter().filter(|p| p.0).map(|p| p.1.to_string()).collect()
    }

    #[test]
    fn whole_words_in_order_are_marked_whatever_their_accents() {
        assert_eq!(marks("Tại Hà Nội, hạ tầng nội bộ; Hanoi.", &["ha noi", "hanoi"]), ["Hà Nội", "Hanoi"]);
        assert_eq!(marks("Hanoian", &["hanoi"]), Vec::<String>::new());
        let all: String = pieces("a Hà Nội b", &[vec!["ha".into(), "noi".into()]]).iter().map(|p| p.1).collect();
        assert_eq!(all, "a Hà Nội b");
    }
}
