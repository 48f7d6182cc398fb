//! Credit amounts as certificates state them: "1.5 AMA PRA Category 1 Credits", "2.0
//! contact hours", "0.15 CEUs" (a tenth of a CEU is one contact hour, as ACPE and IACET
//! count), "3 AOA Category 1-A credits", or "Credits claimed: 1.25". Each amount is weighed:
//! what was awarded or claimed beats a bare statement, which beats the designated maximum.

use super::tokens::{Kind, decimal_at, tokens};

/// What an amount is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A credit type of the catalog, named by the certificate.
    Typed(&'static str),
    /// Contact hours without saying for which profession.
    Contact,
    /// Continuing education units: ten contact hours each.
    Ceu,
    /// Credits or hours of no stated kind.
    Plain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weight {
    /// "designates ... for a maximum of", "approved for".
    Designated,
    Stated,
    /// "is awarded", "credits claimed", "earned".
    Awarded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub hundredths: i64,
    pub unit: Unit,
    pub weight: Weight,
}

/// Words after a number that say what it counts, most specific first (lower case).
pub const UNITS: [(&str, Unit); 27] = [
    ("ama pra category 1", Unit::Typed("AMA_PRA_1")),
    ("ama pra category 2", Unit::Typed("AMA_PRA_2")),
    ("aoa category 1-a", Unit::Typed("AOA_1A")),
    ("aoa category 1-b", Unit::Typed("AOA_1B")),
    ("aoa category 2-a", Unit::Typed("AOA_2A")),
    ("aoa category 2-b", Unit::Typed("AOA_2B")),
    ("category 1-a", Unit::Typed("AOA_1A")),
    ("category 1-b", Unit::Typed("AOA_1B")),
    ("category 2-a", Unit::Typed("AOA_2A")),
    ("category 2-b", Unit::Typed("AOA_2B")),
    ("aafp prescribed", Unit::Typed("AAFP_PRESCRIBED")),
    ("prescribed credit", Unit::Typed("AAFP_PRESCRIBED")),
    ("abim moc", Unit::Typed("ABIM_MOC")),
    ("medical knowledge moc", Unit::Typed("ABIM_MOC")),
    ("moc point", Unit::Typed("ABIM_MOC")),
    ("nursing contact hour", Unit::Typed("ANCC")),
    ("ancc contact hour", Unit::Typed("ANCC")),
    ("ncpd contact hour", Unit::Typed("ANCC")),
    ("pharmacy contact hour", Unit::Typed("ACPE")),
    ("acpe contact hour", Unit::Typed("ACPE")),
    ("contact hour", Unit::Contact),
    ("ceu", Unit::Ceu),
    ("continuing education unit", Unit::Ceu),
    ("credit", Unit::Plain),
    ("hour", Unit::Plain),
    ("cme credit", Unit::Plain),
    ("ce credit", Unit::Plain),
];

/// Words before an amount and the weight they give it; the nearest one counts.
const WEIGHTS: [(&str, Weight); 13] = [
    ("maximum", Weight::Designated),
    ("up to", Weight::Designated),
    ("designate", Weight::Designated),
    ("approved for", Weight::Designated),
    ("offers", Weight::Designated),
    ("award", Weight::Awarded),
    ("claim", Weight::Awarded),
    ("earn", Weight::Awarded),
    ("received", Weight::Awarded),
    ("total", Weight::Awarded),
    ("complet", Weight::Awarded),
    ("for successfully", Weight::Awarded),
    ("granted", Weight::Awarded),
];

pub fn weight_of(context: &str) -> Weight {
    WEIGHTS
        .iter()
        .filter_map(|(cue, weight)| context.rfind(cue).map(|at| (at + cue.len(), *weight)))
        .max_by_key(|(end, _)| *end)
        .map_or(Weight::Stated, |(_, weight)| weight)
}

/// The unit named at the start of `rest` (lower case), if it names one.
fn unit_at(rest: &str) -> Option<Unit> {
    let rest = rest.trim_start_matches([' ', ')', '(']);
    UNITS
        .iter()
        .find(|(words, _)| rest.starts_with(words))
        .map(|(_, unit)| *unit)
}

/// The unit a label names anywhere in it ("Contact Hours Awarded", "CEUs").
pub fn unit_in(label: &str) -> Unit {
    UNITS
        .iter()
        .find(|(words, _)| label.contains(words))
        .map_or(Unit::Plain, |(_, unit)| *unit)
}

/// Hours in hundredths for `value` counted in `unit`; nothing beyond what one activity can
/// give (200 hours) or at nothing.
pub fn hundredths(value: f64, unit: Unit) -> Option<i64> {
    let hours = if unit == Unit::Ceu {
        value * 10.0
    } else {
        value
    };
    let hundredths = (hours * 100.0).round();
    (hundredths > 0.0 && hundredths <= 20_000.0).then_some(hundredths as i64)
}

/// Every amount stated in `text` (a paragraph or a label's value). `default` is the unit
/// and weight for a bare number, as a label gives them; `None` skips bare numbers.
pub fn amounts(text: &str, default: Option<(Unit, Weight)>) -> Vec<Amount> {
    let lower = text.to_ascii_lowercase();
    let t = tokens(&lower);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let Some((value, next)) = decimal_at(&t, i) else {
            i += 1;
            continue;
        };
        // "Category 1" and "1-A" are names, not amounts; a number glued to a letter or
        // dash (a code such as "H01" or "26-001") is not one either.
        let named = i > 0
            && (t[i - 1].is_word("category")
                || t[i - 1].end == t[i].start
                    && (t[i - 1].kind == Kind::Word || "-/#".contains(t[i - 1].text.as_str())));
        let glued = t.get(next).is_some_and(|x| {
            x.start == t[next - 1].end && (x.kind == Kind::Word || x.is_symbol('-'))
        });
        let context = &lower[lower[..t[i].start].rfind(". ").map_or(0, |at| at + 2)..t[i].start];
        let found = match unit_at(&lower[t[next - 1].end..]) {
            Some(unit) => Some((unit, weight_of(context))),
            None if lower[t[next - 1].end..].trim().is_empty() => default,
            None => None,
        };
        if let Some((unit, weight)) = found.filter(|_| !named && !glued)
            && let Some(hundredths) = hundredths(value, unit)
        {
            // A label's weight ("Credits claimed") outranks the words inside its value.
            let weight = default.map_or(weight, |(_, label)| label);
            out.push(Amount {
                hundredths,
                unit,
                weight,
            });
        }
        i = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<(i64, Unit, Weight)> {
        amounts(text, None)
            .first()
            .map(|a| (a.hundredths, a.unit, a.weight))
    }

    #[test]
    fn amounts_in_their_units() {
        let ama = Unit::Typed("AMA_PRA_1");
        assert_eq!(
            first("is awarded 1.5 AMA PRA Category 1 Credits."),
            Some((150, ama, Weight::Awarded))
        );
        assert_eq!(
            first("2.0 contact hours"),
            Some((200, Unit::Contact, Weight::Stated))
        );
        assert_eq!(
            first("0.15 CEUs (1.5 contact hours)"),
            Some((150, Unit::Ceu, Weight::Stated))
        );
        assert_eq!(
            first("3 AOA Category 1-A credits"),
            Some((300, Unit::Typed("AOA_1A"), Weight::Stated))
        );
        assert_eq!(
            first("one and one-half (1.5) nursing contact hours"),
            Some((150, Unit::Typed("ANCC"), Weight::Stated))
        );
    }

    #[test]
    fn the_designated_maximum_is_weighed_as_such() {
        let text = "Lakeshore designates this live activity for a maximum of 2.0 AMA PRA \
                    Category 1 Credits. Physicians should claim only the credit commensurate.";
        assert_eq!(amounts(text, None).len(), 1);
        assert_eq!(amounts(text, None)[0].weight, Weight::Designated);
    }

    #[test]
    fn names_codes_and_years_are_not_amounts() {
        assert!(amounts("AMA PRA Category 1 Credit", None).is_empty());
        assert!(amounts("UAN 0000-0000-26-001-H01-P", None).is_empty());
        assert!(amounts("March 14, 2026 and 12 participants", None).is_empty());
        assert!(amounts("0 credits and 900 hours", None).is_empty());
    }

    #[test]
    fn a_label_gives_a_bare_number_its_unit() {
        let found = amounts("1.25", Some((Unit::Contact, Weight::Awarded)));
        assert_eq!(found[0].hundredths, 125);
        assert_eq!(found[0].unit, Unit::Contact);
        assert!(amounts("about 1.25 of it", Some((Unit::Contact, Weight::Awarded))).is_empty());
    }
}
