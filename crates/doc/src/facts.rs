//! The output records of `shared/spec/facts.md`, serialised exactly as the
//! spec and the scorer expect.
//!
//! The dates of events, agreements and figures stay the ISO text of the
//! record (a date or an interval, read with [`crate::DateRange`]): facts are
//! read back from files other runs and tools wrote, and a date that is not
//! ISO must cost that date, not the whole document.

use serde::{Deserialize, Serialize};

use crate::Date;

/// Where a record was read: byte offsets into the input and the exact quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionOffsets {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Country,
    Person,
    Organization,
    Place,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Country => "country",
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Place => "place",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub mentions: Vec<MentionOffsets>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "kind")]
    pub visit_kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default)]
    pub participants: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub date: Option<String>,
    #[serde(default)]
    pub parties: Vec<String>,
    pub evidence: Evidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    pub title: String,
    pub kind: String,
    pub topics: Vec<String>,
    #[serde(default)]
    pub parties: Vec<String>,
    pub signed: Option<String>,
    pub in_force: Option<String>,
    pub status: Option<String>,
    pub evidence: Evidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub indicator: String,
    pub value: f64,
    pub unit: Option<String>,
    pub period: Option<String>,
    pub status: String,
    #[serde(default)]
    pub parties: Vec<String>,
    pub evidence: Evidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    pub areas: Vec<String>,
    #[serde(default)]
    pub parties: Vec<String>,
    pub modality: String,
    pub text: String,
    pub evidence: Evidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// The `doc` object of a per-document output.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocHeader {
    pub id: String,
    pub lang: String,
    pub published: Option<Date>,
    pub dateline: Option<String>,
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Everything extracted from one document: one JSON object per facts.md.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocFacts {
    pub doc: DocHeader,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub agreements: Vec<Agreement>,
    pub figures: Vec<Figure>,
    pub commitments: Vec<Commitment>,
}
