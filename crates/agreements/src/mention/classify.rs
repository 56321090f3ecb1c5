//! Classifying a grown name: a new instrument, a reference back, a package
//! or a group told by its fields, with its kind and topics.

use super::*;

impl Reader<'_> {
    pub(super) fn classify(&self, hit: &HeadHit, name: &Name, concluded: bool) -> Option<Mention> {
        let toks = self.tokens;
        let head_capital = self.capital_at(hit.start) && !toks[hit.start..hit.end].iter().all(|t| t.all_caps);
        let headline = toks[hit.start..hit.end].iter().all(|t| t.all_caps);
        let determined =
            matches!(name.before, Some(Role::Definite | Role::Indefinite | Role::Demonstrative | Role::Plural | Role::Quantifier));
        match hit.head.need {
            Need::Capital if !head_capital => return None,
            Need::Determiner if !(head_capital || determined) => return None,
            _ => {}
        }
        let content: Vec<String> = toks[name.start..name.end]
            .iter()
            .enumerate()
            .filter(|(k, t)| {
                let i = name.start + k;
                let proper = t.capital && i > 0 && t.role == Some(Role::Function);
                t.word && (t.role.is_none() || t.role == Some(Role::Ordinal) || proper) && !t.digits && !(hit.start..hit.end).contains(&i)
            })
            .map(|(_, t)| accord_lang::fold_word(&self.text[t.os..t.oe]))
            // A head that names an area ("free trade agreement", "FTA")
            // says what the instrument is about as its words would.
            .chain(hit.head.topic.map(String::from))
            .collect();
        // A capitalised head that names its area is a name by itself
        // ("Hiệp định Thương mại tự do"); "the free trade agreement" is not.
        let named_head = hit.head.topic.is_some() && head_capital;
        let bare = content.len() == usize::from(hit.head.topic.is_some()) && name.aliases.is_empty() && name.year.is_none() && !named_head;
        let plural = hit.head.plural || matches!(name.before, Some(Role::Plural | Role::Quantifier));
        // "this deal", "such an important agreement", "văn kiện này".
        let such_a =
            name.before == Some(Role::Indefinite) && name.start.checked_sub(2).is_some_and(|i| toks[i].role == Some(Role::Demonstrative));
        let demonstrative = name.before == Some(Role::Demonstrative) || such_a || name.demonstrative_after;
        let span = Span::new(toks[name.start].os, toks[name.end.max(name.start + 1) - 1].oe);
        let title = self.text.get(span.start..span.end).unwrap_or("").trim().to_string();
        let named = head_capital || headline || content.is_empty() && !name.aliases.is_empty();
        let class = if demonstrative || name.copular {
            Class::Reference
        } else if plural {
            // "documents on defence, health and culture": the complement
            // itself may be the list.
            let fields = self.field_list(name.end).or_else(|| self.complement_list(hit, name));
            if bare && name.before == Some(Role::Definite) && !name.quantified {
                Class::Reference
            } else if !concluded {
                return None;
            } else if let Some(items) = fields.filter(|items| items.len() >= 2) {
                // A counted package with its fields listed stays one record;
                // uncounted documents listed by field are one per field.
                if !name.quantified && items.iter().all(|(_, areas)| !areas.is_empty()) {
                    Class::PerField { fields: items }
                } else {
                    let mut all: Vec<&'static str> = Vec::new();
                    for (_, areas) in &items {
                        push_all(&mut all, areas);
                    }
                    Class::Package { fields: all }
                }
            } else if name.quantified {
                Class::Package { fields: Vec::new() }
            } else if self.sentence.slice(self.text).trim_end().ends_with(':') {
                // "The documents exchanged include:": the list that
                // follows spells them out (see `listing`).
                Class::Reference
            } else {
                return None;
            }
        } else if name.ordinal {
            // Even when the ordinal is read as a weekday too and left out
            // of the name ("Văn kiện thứ hai").
            Class::Member
        } else if bare {
            if name.before == Some(Role::Indefinite) {
                Class::Described { bare_indefinite: true }
            } else {
                Class::Reference
            }
        } else {
            Class::Described { bare_indefinite: false }
        };
        // A plan or programme is named by the years it covers ("Kế hoạch
        // hợp tác năm 2024", "the 2024 work plan"), not by when it was
        // signed ("the 2015 agreement").
        let signed = name.year.filter(|_| hit.head.kind != "programme");
        let topics = self.topics(hit, name, &class);
        Some(Mention {
            kind: hit.head.kind,
            class,
            title,
            head: self.text.get(toks[hit.start].os..toks[hit.end - 1].oe).unwrap_or("").to_string(),
            content,
            aliases: name.aliases.clone(),
            topics,
            signed,
            in_force: None,
            status: None,
            named,
            sentence: self.sentence,
            span,
        })
    }

    /// The fields listed after a plural name: "in the areas of A, B and C",
    /// "trên các lĩnh vực A, B và C", each with its areas.
    pub(super) fn field_list(&self, from: usize) -> Option<Vec<(String, Vec<&'static str>)>> {
        let toks = self.tokens;
        let mut i = from;
        while i < toks.len() && toks[i].role != Some(Role::List) {
            if self.is_head_start(i) || (!toks[i].word && matches!(self.folded_of(&toks[i]), ";" | ":" | "." | "?" | "!")) {
                return None;
            }
            i += 1;
        }
        while i < toks.len() && toks[i].role == Some(Role::List) {
            i += 1;
        }
        self.items_from(i)
    }

    /// The list a name's complement opens: "documents on A, B and C".
    pub(super) fn complement_list(&self, hit: &HeadHit, name: &Name) -> Option<Vec<(String, Vec<&'static str>)>> {
        let opener = self.tokens.get(hit.end)?;
        if opener.role != Some(Role::Complement) || name.end <= hit.end + 1 {
            return None;
        }
        self.items_from(hit.end + 1).filter(|items| items.len() >= 2)
    }

    /// Items separated by commas and "and" from token `i` to the end of the
    /// list.
    pub(super) fn items_from(&self, mut i: usize) -> Option<Vec<(String, Vec<&'static str>)>> {
        let toks = self.tokens;
        if i >= toks.len() {
            return None;
        }
        let mut items = Vec::new();
        let mut item_start = i;
        let push = |s: usize, e: usize, items: &mut Vec<(String, Vec<&'static str>)>| {
            if s < e {
                let span = Span::new(toks[s].os, toks[e - 1].oe);
                let text = self.text.get(span.start..span.end).unwrap_or("").to_string();
                let areas = self.a.areas_within(span);
                items.push((text, areas));
            }
        };
        while i < toks.len() {
            let t = &toks[i];
            let separator = (!t.word && self.folded_of(t) == ",") || t.role == Some(Role::And);
            let end_of_list =
                (!t.word && !self.joiner(i) && self.folded_of(t) != ",") || matches!(t.role, Some(r) if r.is_status() || r.ends_phrase());
            if separator || end_of_list {
                push(item_start, i, &mut items);
                item_start = i + 1;
                if end_of_list {
                    break;
                }
            }
            i += 1;
        }
        if i >= toks.len() {
            push(item_start, toks.len(), &mut items);
        }
        items.truncate(12);
        Some(items)
    }

    pub(super) fn topics(&self, hit: &HeadHit, name: &Name, class: &Class) -> Vec<&'static str> {
        let toks = self.tokens;
        let areas_of = |s: usize, e: usize| -> Vec<&'static str> {
            if s >= e {
                return Vec::new();
            }
            self.a.areas_within(Span::new(toks[s].os, toks[e - 1].oe))
        };
        // The head itself is left out: "road map" is not about roads.
        let mut out = areas_of(name.start, hit.start);
        push_all(&mut out, &areas_of(hit.end, name.end));
        if let Some(topic) = hit.head.topic {
            push_all(&mut out, &[topic]);
        }
        match class {
            Class::Package { fields } => {
                push_all(&mut out, fields);
                push_all(&mut out, &self.sentence_areas(hit));
                // A package spans areas beyond those the text lists.
                push_all(&mut out, &["other"]);
            }
            Class::PerField { .. } => {}
            Class::Described { .. } | Class::Reference | Class::Member => {
                if out.is_empty() {
                    out = self.sentence_areas(hit);
                }
                // Statements and declarations frame the relationship itself.
                push_all(&mut out, crate::lexicon::areas_of_kind(hit.head.kind));
                if out.is_empty() {
                    out.push("other");
                }
            }
        }
        out
    }

    /// The areas of the sentence, the head left out ("road map" is not
    /// about roads).
    pub(super) fn sentence_areas(&self, hit: &HeadHit) -> Vec<&'static str> {
        let toks = self.tokens;
        let (head_start, head_end) = (toks[hit.start].os, toks[hit.end - 1].oe);
        let mut out = self.a.areas_within(Span::new(self.sentence.start, head_start.max(self.sentence.start)));
        push_all(&mut out, &self.a.areas_within(Span::new(head_end.min(self.sentence.end), self.sentence.end)));
        out
    }
}
