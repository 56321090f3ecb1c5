//! One country's page: every partner it shares records with, the counts of
//! each kind and the latest event of each pair.

use super::rows::{ListQuery, RecordRow};
use super::{Counts, EventRow, Party, Reader};
use crate::Result;
use serde::Serialize;
use serde_json::Value;

/// A partner of a country, with the pair's counts and latest event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partner {
    pub partner: Party,
    /// The pair page (`BY-VN`), codes in the order every page writes them.
    pub pair: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub latest: Option<EventRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryView {
    pub country: Party,
    /// The merged entity of the country, when the knowledge base has one.
    pub entity: Option<String>,
    pub partners: Vec<Partner>,
}

impl Reader {
    /// A country (or organisation as a party) and its partners, most records first.
    pub fn country(&self, given: &str) -> Result<CountryView> {
        let country = self.party(given)?;
        let table = self.db.partners(&country.code)?;
        let count = |row: &[Value], column: &str| -> u64 {
            table.columns.iter().position(|c| c == column).and_then(|i| row[i].as_u64()).unwrap_or(0)
        };
        let mut partners = Vec::new();
        for row in &table.rows {
            let Some(code) = row.first().and_then(Value::as_str) else { continue };
            let (a, b) = self.pair_parties(&country.code, code)?;
            let newest = ListQuery { sort: Some("date".to_string()), descending: true, limit: 1, ..ListQuery::default() };
            let mut latest = self.rows::<EventRow>(&self.pair_scope(EventRow::KIND, &a, &b)?, &newest)?.items;
            partners.push(Partner {
                partner: self.party(code)?,
                pair: format!("{}-{}", a.code, b.code),
                counts: Counts {
                    events: count(row, "events"),
                    agreements: count(row, "agreements"),
                    figures: count(row, "figures"),
                    commitments: count(row, "commitments"),
                },
                latest: latest.pop(),
            });
        }
        let entity =
            self.db.first("SELECT id FROM kb_entities WHERE type = 'country' AND code = ?1 LIMIT 1", &[(&country.code).into()], |r| {
                r.get(0)
            })?;
        Ok(CountryView { country, entity, partners })
    }
}
