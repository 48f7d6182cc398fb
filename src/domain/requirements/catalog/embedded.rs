//! The requirement sets shipped in the binary (files under `catalog/`, embedded at build time).

/// (file name, contents) of every embedded requirement set.
pub(super) const SETS: &[(&str, &str)] = &[
    ("ABFM-CC.json", include_str!("../../../../catalog/sets/ABFM-CC.json")),
    ("ABIM-MOC.json", include_str!("../../../../catalog/sets/ABIM-MOC.json")),
    ("AZ-DO.json", include_str!("../../../../catalog/sets/AZ-DO.json")),
    ("AZ-MD.json", include_str!("../../../../catalog/sets/AZ-MD.json")),
    ("CA-DO.json", include_str!("../../../../catalog/sets/CA-DO.json")),
    ("CA-MD.json", include_str!("../../../../catalog/sets/CA-MD.json")),
    ("CA-RN.json", include_str!("../../../../catalog/sets/CA-RN.json")),
    ("FL-DO.json", include_str!("../../../../catalog/sets/FL-DO.json")),
    ("FL-MD.json", include_str!("../../../../catalog/sets/FL-MD.json")),
    ("FL-RN.json", include_str!("../../../../catalog/sets/FL-RN.json")),
    ("GA-MD-DO.json", include_str!("../../../../catalog/sets/GA-MD-DO.json")),
    ("IL-MD-DO.json", include_str!("../../../../catalog/sets/IL-MD-DO.json")),
    ("IL-RN.json", include_str!("../../../../catalog/sets/IL-RN.json")),
    ("MA-MD-DO.json", include_str!("../../../../catalog/sets/MA-MD-DO.json")),
    ("MI-DO.json", include_str!("../../../../catalog/sets/MI-DO.json")),
    ("MI-MD.json", include_str!("../../../../catalog/sets/MI-MD.json")),
    ("MI-RN.json", include_str!("../../../../catalog/sets/MI-RN.json")),
    ("NC-MD-DO.json", include_str!("../../../../catalog/sets/NC-MD-DO.json")),
    ("NJ-MD-DO.json", include_str!("../../../../catalog/sets/NJ-MD-DO.json")),
    ("NY-MD.json", include_str!("../../../../catalog/sets/NY-MD.json")),
    ("NY-RN.json", include_str!("../../../../catalog/sets/NY-RN.json")),
    ("OH-MD-DO.json", include_str!("../../../../catalog/sets/OH-MD-DO.json")),
    ("OH-RN.json", include_str!("../../../../catalog/sets/OH-RN.json")),
    ("PA-DO.json", include_str!("../../../../catalog/sets/PA-DO.json")),
    ("PA-MD.json", include_str!("../../../../catalog/sets/PA-MD.json")),
    ("PA-RN.json", include_str!("../../../../catalog/sets/PA-RN.json")),
    ("TX-MD-DO.json", include_str!("../../../../catalog/sets/TX-MD-DO.json")),
    ("TX-RN.json", include_str!("../../../../catalog/sets/TX-RN.json")),
    ("US-DEA-MATE.json", include_str!("../../../../catalog/sets/US-DEA-MATE.json")),
    ("VA-MD-DO.json", include_str!("../../../../catalog/sets/VA-MD-DO.json")),
    ("WA-MD.json", include_str!("../../../../catalog/sets/WA-MD.json")),
];

/// Credit types and facts the catalog defines.
pub(super) const VOCABULARY: &str = include_str!("../../../../catalog/vocabulary.json");
