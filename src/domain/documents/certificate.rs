//! What a CE certificate says, read from its text so the "record activity" form can be
//! filled in for the clinician to confirm: title, provider, completion date, hours, credit
//! type and accreditor. A field the text does not make clear stays empty; a wrong guess
//! costs the clinician more than an empty field.
//!
//! The text is expected as the server's extractor lays it out: one line per printed line,
//! top to bottom, with two or more spaces (or a tab) where a line has a wide gap, and each
//! run starting near its column on the page. Plain text without such layout still works,
//! with less to go on.

mod accreditor;
mod completed;
mod credits;
mod dates;
mod labels;
mod layout;
mod paragraphs;
mod provider;
mod title;
mod tokens;

use chrono::NaiveDate;

use self::{
    credits::{Amount, Unit, Weight, amounts, unit_in, weight_of},
    layout::Layout,
};

/// The fields proposed from one certificate; `None` where the text does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertificateFields {
    pub title: Option<String>,
    pub provider: Option<String>,
    /// The accrediting body, as the activity form records it ("ACCME", "ANCC", ...).
    pub accreditor: Option<String>,
    pub completed: Option<NaiveDate>,
    pub hours_hundredths: Option<i64>,
    /// A credit type key of the catalog ("AMA_PRA_1", "ANCC", ...).
    pub credit_type: Option<String>,
}

impl CertificateFields {
    /// How many of the five main fields (all but the accreditor) were found.
    pub fn found(&self) -> usize {
        [
            self.title.is_some(),
            self.provider.is_some(),
            self.completed.is_some(),
            self.hours_hundredths.is_some(),
            self.credit_type.is_some(),
        ]
        .into_iter()
        .filter(|found| *found)
        .count()
    }
}

/// Whether a label names an amount of credit ("Credits claimed", "Contact Hours", "CEUs").
fn counts_credit(label: &str) -> bool {
    ["credit", "hour", "ceu", "point", "contact"]
        .iter()
        .any(|word| label.contains(word))
        && !label.contains("date")
}

/// The amount to propose: labelled amounts and then stated ones, in reading order; the
/// first with the highest weight (awarded, then stated, then the designated maximum).
fn amount(layout: &Layout, paragraphs: &[String]) -> Option<Amount> {
    let labelled = labels::all(layout, counts_credit)
        .into_iter()
        .flat_map(|found| {
            let unit = unit_in(&found.label);
            let weight = match weight_of(&found.label) {
                Weight::Designated => Weight::Designated,
                Weight::Awarded => Weight::Awarded,
                // A plain "Credits:" label is stated outright, as good as awarded.
                Weight::Stated => Weight::Awarded,
            };
            amounts(&found.value, Some((unit, weight)))
        });
    let stated = paragraphs.iter().flat_map(|p| amounts(p, None));
    let all: Vec<Amount> = labelled.chain(stated).collect();
    let best = all.iter().map(|a| a.weight).max()?;
    all.into_iter().find(|a| a.weight == best)
}

/// The credit type printed under its own label ("Credit Type: ANCC Contact Hours").
fn labelled_type(layout: &Layout) -> Option<&'static str> {
    let labels = [
        "credit type",
        "type of credit",
        "credit designation",
        "credit category",
    ];
    let value = labels::first(layout, &labels)?.value.to_ascii_lowercase();
    match accreditor::typed_phrases(&value).as_slice() {
        [one] => Some(*one),
        [] => accreditor::credit_type(Unit::Contact, &[], &accreditor::named(&value)),
        _ => None,
    }
}

/// Reads the fields a certificate's text makes clear.
pub fn read(text: &str) -> CertificateFields {
    let layout = Layout::parse(text);
    let lines = paragraphs::paragraphs(&layout);
    // Running text, for the readers that need whole sentences.
    let paragraphs: Vec<String> = lines.iter().map(|p| p.replace('\n', " ")).collect();
    let whole = paragraphs.join("\n").to_ascii_lowercase();
    let named = accreditor::named(&whole);
    let phrases = accreditor::typed_phrases(&whole);
    let amount = amount(&layout, &paragraphs);
    // Without an amount, the credit type still follows from what the certificate names.
    let unit = amount.map_or(Unit::Plain, |a| a.unit);
    let credit_type = match unit {
        Unit::Typed(key) => Some(key),
        _ => labelled_type(&layout).or_else(|| accreditor::credit_type(unit, &phrases, &named)),
    };
    CertificateFields {
        title: title::title(&layout),
        provider: provider::provider(&layout, &lines),
        accreditor: accreditor::accreditor(credit_type, &named).map(str::to_owned),
        completed: completed::completed(&layout),
        hours_hundredths: amount.map(|a| a.hundredths),
        credit_type: credit_type.map(str::to_owned),
    }
}

#[cfg(test)]
mod tests;
