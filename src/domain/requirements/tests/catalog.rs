#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use crate::domain::requirements::Catalog;

#[test]
fn every_embedded_set_parses_and_validates() {
    let catalog = Catalog::embedded().unwrap();
    let ids: BTreeSet<&str> = catalog.latest().map(|set| set.id.as_str()).collect();
    assert_eq!(ids.len(), 31, "29 researched sets plus ABIM and ABFM");
    for id in [
        "FL-MD",
        "TX-MD-DO",
        "NY-MD",
        "PA-MD",
        "IL-MD-DO",
        "US-DEA-MATE",
        "ABIM-MOC",
        "ABFM-CC",
    ] {
        assert!(ids.contains(id), "{id} missing");
    }
}

#[test]
fn every_rule_names_a_source_or_says_it_is_unsourced() {
    let catalog = Catalog::embedded().unwrap();
    for set in catalog.all_versions() {
        assert!(!set.sources.is_empty(), "{} has no sources", set.id);
        for topic in &set.topics {
            assert!(
                !topic.sources.is_empty() || topic.confidence == "low",
                "{} topic {} has no source",
                set.id,
                topic.key
            );
        }
    }
}

#[test]
fn aliases_resolve_and_unknown_ids_are_named() {
    let catalog = Catalog::embedded().unwrap();
    assert_eq!(catalog.resolve("ABIM").unwrap(), "ABIM-MOC");
    let err = catalog.resolve("ZZ-MD").unwrap_err();
    assert!(err.to_string().contains("ZZ-MD"));
}

#[test]
fn required_credit_types_are_defined() {
    let catalog = Catalog::embedded().unwrap();
    for ty in [
        "AMA_PRA_1",
        "AMA_PRA_2",
        "AOA_1A",
        "AOA_1B",
        "AOA_2A",
        "AOA_2B",
        "ANCC",
        "ACPE",
        "INFORMAL",
        "OTHER",
    ] {
        assert!(catalog.vocabulary.credit_type(ty).is_some(), "{ty}");
    }
}
