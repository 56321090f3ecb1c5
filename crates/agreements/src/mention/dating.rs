//! Dating a sentence's mentions: a cue of signing or entry into force
//! ("signed", "took effect", "có hiệu lực") goes to the name it governs and
//! takes the point in time of its clause.

use super::{Mention, Name, Reader, Time, Token};
use crate::lexicon::{Role, Rules};
use accord_recognize::reach;
use accord_time::TimeValue;

impl Reader<'_> {
    /// Give each mention the dates and status its clause states: a cue
    /// ("signed", "took effect", "có hiệu lực") goes to the name it governs
    /// (the name right after it, else the nearest name before it), and takes
    /// the point in time right after it, else right before it.
    pub(super) fn date(&self, mentions: &mut [Mention], names: &[(usize, Name)]) {
        if mentions.is_empty() {
            return;
        }
        let anchor = self.a.reference();
        let toks = self.tokens;
        // Name token ranges of the mentions kept, in the same order.
        let ranges: Vec<(usize, usize)> = mentions
            .iter()
            .filter_map(|m| names.iter().find(|(_, n)| toks[n.start].os == m.span.start).map(|(_, n)| (n.start, n.end)))
            .collect();
        if ranges.len() != mentions.len() {
            return;
        }
        let mut i = 0;
        while i < toks.len() {
            let Some(role) = toks[i].role.filter(|r| r.is_status()) else {
                i += 1;
                continue;
            };
            let mut cue_end = i + 1;
            while cue_end < toks.len() && toks[cue_end].role == Some(role) {
                cue_end += 1;
            }
            let object = ranges.iter().position(|&(s, _)| {
                s >= cue_end
                    && s - cue_end <= reach::VERB_TO_OBJECT.0
                    && toks[cue_end..s].iter().all(|t| t.word && !t.role.is_some_and(Role::is_status))
            });
            let subject = ranges.iter().rposition(|&(_, e)| e <= i && i - e <= reach::NAME_TO_CUE.0);
            let chosen = match role {
                Role::InForce => subject.map(|m| (m, false)).or(object.map(|m| (m, true))),
                _ => object.map(|m| (m, true)).or(subject.map(|m| (m, false))),
            };
            if let Some((m, is_object)) = chosen {
                let search_from = if is_object { ranges[m].1.max(cue_end) } else { cue_end };
                let when = self
                    .time_after(search_from, &ranges)
                    .or_else(|| if is_object { self.time_before(i, &ranges) } else { None })
                    .and_then(|t| accord_time::resolve(t.value, anchor));
                let mention = &mut mentions[m];
                match role {
                    Role::Signed => {
                        if mention.signed.is_none() {
                            mention.signed = when;
                        }
                        if mention.status.is_none() {
                            mention.status = Some("signed");
                        }
                    }
                    Role::InForce => {
                        if mention.in_force.is_none() {
                            mention.in_force = when;
                        }
                        mention.status = Some("in_force");
                    }
                    Role::Negotiating => mention.status = mention.status.or(Some("negotiating")),
                    Role::Proposed => mention.status = mention.status.or(Some("proposed")),
                    Role::Expired => mention.status = Some("expired"),
                    _ => {}
                }
            }
            i = cue_end;
        }
    }

    /// The point in time that follows `from` closely, in the same clause,
    /// or right after the ones who signed: a passive verb's agent ("was
    /// signed by the two ministries in May") or the parties ("was signed
    /// between the two governments in May", "được ký giữa ... vào").
    fn time_after(&self, from: usize, names: &[(usize, usize)]) -> Option<&Time<'_>> {
        let t = self.times.iter().find(|t| t.start >= from)?;
        let gap = &self.tokens[from..t.start];
        // After the agent or the parties, their phrase decides.
        let clean = if gap.len() > 1 && matches!(self.own_role(&gap[0]), Some(Role::Agent | Role::Between)) {
            self.agent_phrase(from, t.start)
        } else {
            gap.len() <= reach::CUE_TO_TIME.0 && gap.iter().all(|k| k.word && !k.role.is_some_and(Role::is_status))
        };
        // Nor is the time another instrument's ("the 2019 agreement").
        let clean = clean && !names.iter().any(|&(s, e)| s < t.end && e > from);
        (clean && is_point(t.value)).then_some(t)
    }

    /// Whether the tokens `from..to` are the agent of a passive verb (or
    /// the parties of the verb) and the verb's adjuncts: its marker ("by",
    /// "between") and a noun phrase, the people or bodies that signed ("by
    /// the Government of A and the Government of B"), maybe a phrase of
    /// the verb ("during the visit"), nothing that opens a clause of its
    /// own: no cue, no clause word ("who", "will"), no participle ("the
    /// ministers attending the forum"), no second clause after a comma
    /// (", and the sides met").
    fn agent_phrase(&self, from: usize, to: usize) -> bool {
        let toks = self.tokens;
        if to - from > reach::AGENT_PHRASE.0 {
            return false;
        }
        (from + 1..to).all(|i| {
            let t = &toks[i];
            if !t.word {
                let next_opens_clause = toks.get(i + 1).is_some_and(|n| n.role == Some(Role::And));
                return self.joiner(i) || self.folded_of(t) == "," && !next_opens_clause;
            }
            let opens_clause = t.role.is_some_and(|r| r.is_status() || matches!(r, Role::Stop | Role::Agent | Role::Copula | Role::List));
            !opens_clause && !self.participle(t)
        })
    }

    /// The role of a token's word by itself, which a longer cue may have
    /// taken over ("between" in "between the").
    fn own_role(&self, t: &Token) -> Option<Role> {
        let key = accord_lang::fold_word(&self.text[t.os..t.oe]);
        let whole = self.rules.words.find(&key).into_iter().find(|h| h.start == 0 && h.end == key.len());
        whole.and_then(|h| Rules::role(h.label)).or(t.role)
    }

    /// A lowercase word with a verb's ending (`left_stop_suffixes`).
    fn participle(&self, t: &Token) -> bool {
        let word = &self.text[t.os..t.oe];
        !t.capital && self.rules.shape.has_verb_ending(word)
    }

    /// The point in time that comes shortly before the cue at `cue`.
    fn time_before(&self, cue: usize, names: &[(usize, usize)]) -> Option<&Time<'_>> {
        let t = self.times.iter().rev().find(|t| t.end <= cue)?;
        let gap = &self.tokens[t.end..cue];
        let commas = gap.iter().filter(|k| !k.word).count();
        let clean = gap.len() <= reach::TIME_TO_CUE.0
            && commas <= 1
            && gap.iter().all(|k| k.word || self.folded_of(k) == ",")
            && !names.iter().any(|&(s, _)| s >= t.end && s < cue);
        (clean && is_point(t.value)).then_some(t)
    }
}

/// A value that can date a signing: a date, "today", "on Friday"; not a
/// span of time ("from June 28 to July 1", "until 2026").
fn is_point(value: &TimeValue) -> bool {
    match value {
        TimeValue::Date(_) | TimeValue::Relative { .. } | TimeValue::Weekday { .. } => true,
        TimeValue::Bounded { edge, .. } => matches!(edge, accord_time::Edge::Since),
        TimeValue::Interval { .. } | TimeValue::Duration { .. } => false,
    }
}
