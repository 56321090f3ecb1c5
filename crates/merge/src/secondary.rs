//! Organisations and places that the knowledge base does not list as
//! entities of their own: missions, the mechanisms of the relationship,
//! sites and world regions (`data/merge/secondary-entities.txt`). A
//! document's facts keep them; the merged registry lists the parties,
//! people, organisations and places that the relationship is about.

use crate::fold;
use accord_doc::facts::{Entity, EntityType};
use std::collections::HashSet;
use std::sync::LazyLock;

/// (type, folded phrase) pairs, and the folded names of world regions.
struct Secondary {
    phrases: Vec<(EntityType, String)>,
    world_regions: HashSet<String>,
}

static SECONDARY: LazyLock<Secondary> = LazyLock::new(|| {
    let mut phrases = Vec::new();
    for line in accord_lang::data_lines(include_str!("../../../data/merge/secondary-entities.txt")) {
        let Some((kind, list)) = line.split_once('\t') else {
            continue;
        };
        let kind = match kind.trim() {
            "organization" => EntityType::Organization,
            "place" => EntityType::Place,
            _ => continue,
        };
        for phrase in list.split('|') {
            let key = fold::key(phrase);
            if !key.is_empty() {
                phrases.push((kind, format!(" {key} ")));
            }
        }
    }
    // places.tsv: name, country code, kind, aliases en, vi, ru.
    let mut world_regions = HashSet::new();
    for line in accord_lang::data_lines(include_str!("../../../data/places.tsv")) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || !cols[1].trim().is_empty() || cols[2].trim() != "region" {
            continue;
        }
        let names = std::iter::once(cols[0]).chain(cols[3..].iter().flat_map(|c| c.split('|')));
        world_regions.extend(names.map(fold::key).filter(|k| !k.is_empty()));
    }
    Secondary { phrases, world_regions }
});

/// Whether the knowledge base leaves this entity out of its registry.
pub(crate) fn secondary(entity: &Entity) -> bool {
    let table = &*SECONDARY;
    std::iter::once(&entity.name).chain(&entity.aliases).any(|name| {
        let key = fold::key(name);
        if entity.kind == EntityType::Place && table.world_regions.contains(&key) {
            return true;
        }
        let padded = format!(" {key} ");
        table.phrases.iter().any(|(kind, phrase)| *kind == entity.kind && padded.contains(phrase.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(kind: EntityType, name: &str) -> Entity {
        Entity { kind, name: name.into(), code: None, aliases: Vec::new(), country: None, title: None, mentions: Vec::new(), rule: None }
    }

    #[test]
    fn missions_mechanisms_sites_and_world_regions_are_secondary_and_the_rest_kept() {
        use EntityType::{Organization, Person, Place};
        for (kind, name, is_secondary) in [
            (Organization, "Chilean Embassy in Oslo", true),
            (Organization, "Norway - Chile Intergovernmental Committee on Trade", true),
            (Organization, "Ủy ban liên Chính phủ Na Uy - Chile", true),
            (Place, "Oslo Airport", true),
            (Place, "Sân bay quốc tế Oslo", true),
            (Place, "Central Asia", true),
            (Place, "châu Âu", true),
            (Organization, "Association of Southeast Asian Nations", false),
            (Organization, "Ministry of Foreign Affairs", false),
            (Organization, "Communist Party of Vietnam", false),
            (Place, "Oslo", false),
            (Place, "East Sea", false),
            (Place, "Quang Ninh", false),
            (Person, "Marta Lind", false),
        ] {
            assert_eq!(secondary(&entity(kind, name)), is_secondary, "{name}");
        }
    }
}
