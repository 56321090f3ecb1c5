//! Who and where in a sentence: the people named, the visitor of a visit,
//! a person's country, the destination, and the clause boundaries these
//! readings stop at.

use super::*;
use crate::cues::List;

impl Sentence<'_> {
    pub(crate) fn people(&self) -> impl Iterator<Item = &Named<'_>> {
        self.named.iter().filter(|n| n.entity.kind == EntityType::Person)
    }

    /// Who makes a visit: a person named after the trigger with a "by"-word
    /// ("visit to X by President Y"), else the first person before it (the
    /// subject), else the nearest after it. Not the host's people, nor one
    /// named after "at the invitation of".
    pub(crate) fn visitor(&self, trigger: Span, host: Option<&str>) -> Option<&Named<'_>> {
        let candidates: Vec<&Named> = self
            .people()
            .filter(|p| host.is_none() || self.person_country(p).as_deref() != host)
            .filter(|p| {
                !self
                    .hits
                    .iter()
                    .any(|h| h.kind == CueKind::Inviter && h.span.end <= p.span.start && self.same_clause(h.span.end, p.span.start))
            })
            .collect();
        let clause_end = self.clause_end(trigger.end);
        // Past a "to"-word that leads to no country or place: "a visit to
        // the tomb of X" is no visit by X ("a visit made to Oman by X" is).
        let past_destination = |p: &Named| {
            host.is_none()
                && self.hits.iter().any(|h| h.kind == CueKind::HostWord && h.span.start >= trigger.end && h.span.end <= p.span.start)
        };
        let by_word = candidates.iter().find(|p| {
            p.span.start >= trigger.end
                && p.span.start <= clause_end
                && !past_destination(p)
                && self.hits.iter().any(|h| h.kind == CueKind::ByWord && h.span.start >= trigger.end && h.span.end <= p.span.start)
        });
        // Before the trigger, one known to be foreign to the host is the
        // likelier subject ("X received Y, who is on a visit to X's country").
        let before = || {
            let mut subjects = candidates.iter().filter(|p| p.span.end <= trigger.start);
            let foreign = subjects.clone().find(|p| host.is_some() && self.person_country(p).is_some());
            foreign.or_else(|| subjects.next())
        };
        let after = || candidates.iter().find(|p| p.span.start >= trigger.end);
        by_word.or_else(before).or_else(after).copied()
    }

    /// A person's country: the record's, else a country named just before
    /// the name in its clause ("Tổng thống Indonesia Joko Widodo",
    /// "Uzbekistan President X").
    pub(crate) fn person_country(&self, person: &Named) -> Option<String> {
        if let Some(c) = &person.entity.country {
            return Some(c.clone());
        }
        let i = self.named.iter().position(|n| n.span == person.span)?;
        let before = self.named[..i]
            .iter()
            .rev()
            .take_while(|n| n.entity.kind != EntityType::Person)
            .find(|n| n.entity.kind == EntityType::Country)?;
        let between = self.text.get(before.span.end..person.span.start)?;
        // Only title words may stand between: "Indonesia của Tổng Bí thư X"
        // is the visit's host, not X's country; "Kazakhstan's President X"
        // is X's country.
        let titles = ["'s", "’s"].iter().find_map(|p| between.strip_prefix(p)).unwrap_or(between);
        let title_only = titles.split_whitespace().all(|w| w.chars().next().is_some_and(accord_lang::is_uppercase));
        (self.a.within_reach(before.span.end, person.span.start, reach::TITLE) && title_only && !crosses_clause(between))
            .then(|| before.entity.code.clone())
            .flatten()
    }

    /// The country a visitor comes from when the person record does not
    /// say: a country or demonym just before the trigger ("the Vietnamese
    /// leader's state visit").
    pub(crate) fn visitor_country(&self, trigger: Span) -> Option<String> {
        self.named
            .iter()
            .filter(|n| n.entity.kind == EntityType::Country && n.span.end <= trigger.start)
            .rfind(|n| self.a.within_reach(n.span.end, trigger.start, reach::DEMONYM) && self.same_clause(n.span.end, trigger.start))
            .and_then(|n| n.entity.code.clone())
    }

    /// No clause mark stands between two offsets of the sentence.
    pub(crate) fn same_clause(&self, from: usize, to: usize) -> bool {
        from <= to && !crosses_clause(&self.text[from..to])
    }

    /// A beneficiary word stands right before or right after the mention.
    pub(crate) fn beneficiary(&self, mention: Span) -> bool {
        self.hits.iter().any(|h| {
            h.kind == CueKind::Beneficiary
                && ((h.span.end <= mention.start && self.text[h.span.end..mention.start].trim().is_empty())
                    || (mention.end <= h.span.start && self.text[mention.end..h.span.start].trim().is_empty()))
        })
    }

    pub(crate) fn places(&self) -> impl Iterator<Item = &Named<'_>> {
        self.named.iter().filter(|n| n.entity.kind == EntityType::Place)
    }

    /// The country or place a visit goes to: named right after the trigger
    /// ("visited Belarus", "thăm Belarus") or after a "to"-word that
    /// follows it in its clause ("visit of X to Belarus").
    pub(crate) fn destination(&self, trigger: Span) -> Option<&Named<'_>> {
        let clause_end = self.clause_end(trigger.end);
        let next_trigger = self
            .hits
            .iter()
            .filter(|h| is_trigger(h.kind) && h.span.start >= trigger.end)
            .map(|h| h.span.start)
            .min()
            .unwrap_or(self.span.end);
        // The first "to"-word of the clause governs the destination ("visited
        // and gave gifts to veterans ... to X" has none).
        let to_word = self
            .hits
            .iter()
            .filter(|h| h.kind == CueKind::HostWord && h.span.start >= trigger.end && h.span.start < clause_end.min(next_trigger))
            .map(|h| h.span)
            .min_by_key(|s| s.start);
        let mut links: Vec<usize> = vec![trigger.end];
        links.extend(to_word.map(|s| s.end));
        let right_after = |l: usize, n: &Named| l <= n.span.start && self.text[l..n.span.start].trim().is_empty();
        // Right after the trigger, or after that "to"-word however long the
        // visitors' names before it ("the visit of A, B and the delegation
        // of C to X").
        self.named
            .iter()
            .filter(|n| n.span.start >= trigger.end)
            .filter(|n| matches!(n.entity.kind, EntityType::Country | EntityType::Place))
            .find(|n| {
                (self.a.within_reach(trigger.end, n.span.start, reach::DESTINATION) && right_after(trigger.end, n))
                    || links[1..].iter().any(|&l| right_after(l, n))
            })
    }

    /// Whether the sentence names the people of a happening told before
    /// ("the two leaders").
    pub(crate) fn names_participants_before(&self) -> bool {
        self.holds_phrase(lexicon(self.a.lang()).list(List::ParticipantsBefore))
    }

    /// Whether the sentence names two office holders together ("the two
    /// leaders agreed").
    pub(crate) fn names_leaders(&self) -> bool {
        self.holds_phrase(lexicon(self.a.lang()).list(List::Leaders))
    }

    /// Whether the sentence opens with a phrase that tells it follows on
    /// from the sentence before ("Sau lễ đón, hai Thủ tướng hội đàm").
    pub(crate) fn opens_as_sequel(&self) -> bool {
        let view = self.a.folded_within(self.span);
        let opening = view.text.trim_start_matches(|c: char| !accord_lang::is_alphanumeric(c));
        lexicon(self.a.lang())
            .list(List::Sequel)
            .iter()
            .any(|p| opening.strip_prefix(p.as_str()).is_some_and(|rest| !rest.starts_with(accord_lang::is_alphanumeric)))
    }

    /// Whether one of `phrases` (folded) stands in the sentence, word for word.
    fn holds_phrase(&self, phrases: &[String]) -> bool {
        // The sentence is folded already: most hold not even the longest
        // word of any phrase, and are spared folding again.
        let view = self.a.folded_within(self.span);
        if !phrases.iter().any(|p| view.text.contains(p.split(' ').max_by_key(|w| w.len()).unwrap_or(p))) {
            return false;
        }
        let words: String = accord_lang::fold_word(self.span.slice(self.text))
            .chars()
            .map(|c| if accord_lang::is_alphanumeric(c) { c } else { ' ' })
            .collect();
        let folded = format!(" {} ", words.split_whitespace().collect::<Vec<_>>().join(" "));
        phrases.iter().any(|p| folded.contains(&format!(" {p} ")))
    }

    /// Whether a determiner right before the trigger, or right after it,
    /// makes it a reference back ("the visit", "chuyến thăm này").
    pub(crate) fn refers_back(&self, trigger: Span) -> bool {
        let lex = lexicon(self.a.lang());
        let before = self.text[self.span.start..trigger.start].trim_end();
        let word_before = before.rsplit(|c: char| !accord_lang::is_alphanumeric(c)).next().unwrap_or("");
        let after = self.text[trigger.end..self.span.end].trim_start();
        let word_after = after.split(|c: char| !accord_lang::is_alphanumeric(c)).next().unwrap_or("");
        lex.list(List::ReferenceBefore).contains(&accord_lang::fold_word(word_before))
            || lex.list(List::ReferenceAfter).contains(&accord_lang::fold_word(word_after))
    }

    /// Where the clause that holds `from` ends.
    pub(crate) fn clause_end(&self, from: usize) -> usize {
        let rest = &self.text[from.min(self.span.end)..self.span.end];
        rest.find(is_clause_mark).map_or(self.span.end, |i| from + i)
    }
}
