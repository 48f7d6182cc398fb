//! Whole certificates, as the extractor lays them out, read field by field.

use super::*;

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[test]
fn an_ama_certificate_in_sentences() {
    let text = "\
                         Certificate of Completion

                  Harbor Valley Medical Education Institute

                              This certifies that
                              Jordan A. Rivera, MD
               has participated in the enduring material titled
          Managing Atrial Fibrillation in Older Adults: 2026 Update
      on March 14, 2026 and is awarded 1.5 AMA PRA Category 1 Credits\u{2122}.

   Harbor Valley Medical Education Institute is accredited by the Accreditation
   Council for Continuing Medical Education (ACCME) to provide continuing medical
   education for physicians. Harbor Valley Medical Education Institute designates
   this enduring material for a maximum of 2.0 AMA PRA Category 1 Credits\u{2122}.
   Physicians should claim only the credit commensurate with the extent of their
   participation in the activity.
";
    let fields = read(text);
    assert_eq!(
        fields.title.as_deref(),
        Some("Managing Atrial Fibrillation in Older Adults: 2026 Update")
    );
    assert_eq!(
        fields.provider.as_deref(),
        Some("Harbor Valley Medical Education Institute")
    );
    assert_eq!(fields.completed, date("2026-03-14"));
    assert_eq!(fields.hours_hundredths, Some(150));
    assert_eq!(fields.credit_type.as_deref(), Some("AMA_PRA_1"));
    assert_eq!(fields.accreditor.as_deref(), Some("ACCME"));
    assert_eq!(fields.found(), 5);
}

#[test]
fn a_nursing_certificate_with_labels() {
    let text = "\
CERTIFICATE OF CONTACT HOURS

Participant:        Morgan Lee, RN
Activity Title:     Safe Handoffs in Critical Care
Date Completed:     14 April 2026
Contact Hours:      2.25

Provided by:        Bluewater Nursing Collaborative
Bluewater Nursing Collaborative is accredited as a provider of nursing continuing
professional development by the American Nurses Credentialing Center's Commission
on Accreditation.
";
    let fields = read(text);
    assert_eq!(
        fields.title.as_deref(),
        Some("Safe Handoffs in Critical Care")
    );
    assert_eq!(
        fields.provider.as_deref(),
        Some("Bluewater Nursing Collaborative")
    );
    assert_eq!(fields.completed, date("2026-04-14"));
    assert_eq!(fields.hours_hundredths, Some(225));
    assert_eq!(fields.credit_type.as_deref(), Some("ANCC"));
    assert_eq!(fields.accreditor.as_deref(), Some("ANCC"));
}

#[test]
fn a_pharmacy_certificate_counts_ceus_as_tenths_of_hours() {
    let text = "\
Statement of Continuing Pharmacy Education Credit
Program: Anticoagulation Reversal Update
UAN: 0812-0000-26-041-H01-P     Knowledge-based
Credit: 0.15 CEUs
Date of completion: 2026-02-03
Eastvale College of Pharmacy is accredited by the Accreditation Council for
Pharmacy Education as a provider of continuing pharmacy education.
";
    let fields = read(text);
    assert_eq!(
        fields.title.as_deref(),
        Some("Anticoagulation Reversal Update")
    );
    assert_eq!(
        fields.provider.as_deref(),
        Some("Eastvale College of Pharmacy")
    );
    assert_eq!(fields.completed, date("2026-02-03"));
    assert_eq!(fields.hours_hundredths, Some(150));
    assert_eq!(fields.credit_type.as_deref(), Some("ACPE"));
}

#[test]
fn an_osteopathic_certificate() {
    let text = "\
Prairie Osteopathic Society
certifies that Sam Ortiz, DO attended
\"Osteopathic Manipulative Treatment for Low Back Pain\"
held May 7-9, 2026 and earned 12 AOA Category 1-A credits.
";
    let fields = read(text);
    assert_eq!(
        fields.title.as_deref(),
        Some("Osteopathic Manipulative Treatment for Low Back Pain")
    );
    assert_eq!(fields.completed, date("2026-05-09"));
    assert_eq!(fields.hours_hundredths, Some(1200));
    assert_eq!(fields.credit_type.as_deref(), Some("AOA_1A"));
    assert_eq!(fields.accreditor.as_deref(), Some("AOA"));
}

#[test]
fn text_with_nothing_to_go_on_proposes_nothing() {
    let fields = read("Thank you for your order.\nInvoice 4471\nTotal due: $120.00");
    assert_eq!(fields, CertificateFields::default());
    assert_eq!(read(""), CertificateFields::default());
}

#[test]
fn a_credit_type_label_settles_what_plain_hours_are() {
    let text = "\
Title:          Heart Failure Across the Continuum
Credit Type:    ANCC Contact Hours
Hours earned:   2.5
Meridian Learning Group is jointly accredited by the ACCME, the ACPE and the ANCC.
";
    let fields = read(text);
    assert_eq!(fields.hours_hundredths, Some(250));
    assert_eq!(fields.credit_type.as_deref(), Some("ANCC"));
    assert_eq!(fields.accreditor.as_deref(), Some("ANCC"));
    assert_eq!(fields.provider.as_deref(), Some("Meridian Learning Group"));
}

#[test]
fn a_title_wrapped_in_running_text_ends_at_its_date() {
    let text = "\
Thank you for participating in Grand Rounds: Advances in Heart
Failure Therapy, held on Friday, 9 February 2026. Our records show
that you have claimed 1.0 AMA PRA Category 1 Credit for this activity.
";
    let fields = read(text);
    assert_eq!(
        fields.title.as_deref(),
        Some("Grand Rounds: Advances in Heart Failure Therapy")
    );
    assert_eq!(fields.completed, date("2026-02-09"));
    assert_eq!(fields.hours_hundredths, Some(100));
    assert_eq!(fields.credit_type.as_deref(), Some("AMA_PRA_1"));
}
