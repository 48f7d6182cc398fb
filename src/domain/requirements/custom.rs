//! Requirement sets a clinician defines for a credential the catalog lacks (a hospital's own
//! rule, BLS/ACLS renewal, ...).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    catalog::{
        CarryOver, CreditTypeRules, CycleRule, Deadline, FirstRenewal, FirstRenewalKind,
        FirstRenewalTreatment, Frequency, RuleSet, SetKind, Source, TopicRule, TotalRule,
        WindowKind, WindowRule,
    },
    hours::Hours,
    ids::{CreditType, RuleSetId, TopicKey},
};

const SOURCE_ID: &str = "CLINICIAN";

/// The address a clinician's set cites when they gave none: sets must cite an address, and
/// `.invalid` can never resolve. Pages show the title alone for it.
pub const NO_ADDRESS: &str = "https://licensure.invalid/custom";

/// A clinician's own set: a cycle, a total and optional topics.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomSet {
    pub id: String,
    pub label: String,
    pub cycle_months: u32,
    #[serde(default)]
    pub total_hours: Hours,
    #[serde(default)]
    pub accepted_credit_types: Option<Vec<CreditType>>,
    #[serde(default)]
    pub topics: Vec<CustomTopic>,
    /// Where the rule is written down (e.g. the hospital's policy page), if anywhere.
    #[serde(default)]
    pub source_url: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomTopic {
    pub key: TopicKey,
    pub label: String,
    /// `None`: a completed course is enough (e.g. a BLS card).
    #[serde(default)]
    pub hours: Option<Hours>,
}

impl CustomSet {
    /// The set in catalog form; its one source is the clinician.
    pub fn into_rule_set(self) -> RuleSet {
        let sources = vec![SOURCE_ID.to_owned()];
        let topics = self
            .topics
            .into_iter()
            .map(|topic| TopicRule {
                key: topic.key,
                label: topic.label,
                hours: topic.hours,
                frequency: Frequency::EveryCycle,
                due_text: None,
                counts_toward_total: true,
                any_topic: false,
                credit_types: None,
                applies_if: Vec::new(),
                first_renewal: FirstRenewalTreatment::Required,
                exclusive_with: Vec::new(),
                also_counts_toward: Vec::new(),
                also_satisfied_by_topics: Vec::new(),
                notes: String::new(),
                confidence: "clinician".into(),
                sources: sources.clone(),
            })
            .collect();
        RuleSet {
            id: RuleSetId::new(self.id),
            aliases: Vec::new(),
            version: 1,
            effective_from: NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default(),
            kind: SetKind::Custom,
            jurisdiction: "custom".into(),
            profession: "custom".into(),
            applies_to: Vec::new(),
            board: self.label.clone(),
            confidence: "clinician".into(),
            confidence_notes: "Defined by the clinician.".into(),
            as_of: String::new(),
            cycle: CycleRule {
                months: self.cycle_months,
                deadline: Deadline::FromExpiry,
                grace_days: 0,
                text: "The credential's expiry date.".into(),
                confidence: "clinician".into(),
                sources: sources.clone(),
            },
            window: WindowRule {
                kind: WindowKind::Cycle,
                text: String::new(),
                sources: sources.clone(),
            },
            total: TotalRule {
                hours: self.total_hours,
                sources: sources.clone(),
            },
            credit_types: CreditTypeRules {
                accepted: self.accepted_credit_types,
                buckets: Vec::new(),
                mapping_note: String::new(),
                researched: Vec::new(),
            },
            topics,
            first_renewal: FirstRenewal {
                kind: FirstRenewalKind::NotModelled,
                text: String::new(),
                confidence: "clinician".into(),
                sources: Vec::new(),
            },
            proration: None,
            carry_over: CarryOver {
                allowed: Some(false),
                max_hours: None,
                topic_hours_carried: false,
                notes: String::new(),
                sources: Vec::new(),
            },
            exemptions: Vec::new(),
            unknowns: Vec::new(),
            record_retention_years: None,
            sources: vec![Source {
                id: SOURCE_ID.into(),
                title: format!("Defined by the clinician: {}", self.label).into(),
                url: self.source_url.unwrap_or_else(|| NO_ADDRESS.into()).into(),
                source_type: "clinician".into(),
                supports: "The clinician's own description of this requirement".into(),
            }],
        }
    }
}
