//! ACPE statements of credit: a table of labels with the activity's UAN and CEUs, and a
//! two-column certificate with a credit box beside the participant's details.

use super::{Sample, Truth};
use crate::support::certificate_pdf::{Certificate, Font::*, Order, Style};

fn statement() -> Sample {
    let mut c = Certificate::landscape(Style::Lines);
    c.text(60.0, 60.0, TimesBold, 20.0, "Eastvale College of Pharmacy")
        .text(
            60.0,
            82.0,
            TimesItalic,
            12.0,
            "Statement of Continuing Pharmacy Education Credit",
        );
    let rows = [
        ("Participant:", "Avery Quinn, PharmD"),
        ("NABP e-Profile ID:", "4471902"),
        (
            "Program Title:",
            "Anticoagulation Reversal: What Pharmacists Need to Know",
        ),
        ("UAN:", "0812-0000-26-041-H01-P"),
        ("Activity Type:", "Knowledge-based, home study"),
        ("Date Completed:", "February 3, 2026"),
        ("Credit Earned:", "1.5 contact hours (0.15 CEU)"),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 140.0 + 24.0 * i as f64;
        c.text(60.0, y, TimesBold, 11.0, label)
            .text(230.0, y, Times, 12.0, value);
    }
    c.wrapped(
        60.0,
        330.0,
        672.0,
        Times,
        9.5,
        "Eastvale College of Pharmacy is accredited by the Accreditation Council for Pharmacy \
         Education as a provider of continuing pharmacy education. Credit is reported to CPE \
         Monitor within 60 days of completion; print this statement for your records.",
    );
    let truth = Truth {
        title: "Anticoagulation Reversal: What Pharmacists Need to Know",
        provider: "Eastvale College of Pharmacy",
        completed: "2026-02-03",
        hours: "1.5",
        credit_type: "ACPE",
    };
    Sample::new("acpe_statement", c.pdf(), truth)
}

fn credit_box() -> Sample {
    let mut c = Certificate::landscape(Style::Words)
        .order(Order::Reversed)
        .compressed();
    c.text(60.0, 80.0, HelveticaBold, 22.0, "Certificate of Credit")
        .text(60.0, 130.0, Helvetica, 11.0, "This certifies that")
        .text(500.0, 130.0, HelveticaBold, 9.0, "ACPE UAN")
        .text(60.0, 152.0, HelveticaBold, 16.0, "Eliza Grant, PharmD")
        .text(500.0, 152.0, Helvetica, 10.0, "0145-9999-26-012-H06-P")
        .text(
            60.0,
            184.0,
            Helvetica,
            11.0,
            "has completed the home-study activity",
        )
        .text(500.0, 184.0, HelveticaBold, 9.0, "Credits")
        .text(
            60.0,
            206.0,
            HelveticaBold,
            13.0,
            "Immunization Update for Pharmacists:",
        )
        .text(500.0, 206.0, Helvetica, 10.0, "2.0 contact hours (0.2 CEU)")
        .text(
            60.0,
            223.0,
            HelveticaBold,
            13.0,
            "Vaccine Schedules and Catch-Up Dosing",
        )
        .text(500.0, 223.0, HelveticaBold, 9.0, "Provider")
        .text(60.0, 258.0, Helvetica, 11.0, "Completion date: 01/30/2026")
        .text(
            500.0,
            258.0,
            Helvetica,
            10.0,
            "Tri-County Pharmacy Education Alliance",
        )
        .rule(490.0, 110.0, 260.0)
        .rule(490.0, 270.0, 260.0);
    c.wrapped(
        60.0,
        470.0,
        672.0,
        Times,
        9.0,
        "Tri-County Pharmacy Education Alliance is accredited by the Accreditation Council for \
         Pharmacy Education as a provider of continuing pharmacy education. This activity is \
         approved for 2.0 contact hours (0.2 CEU); statements of credit are uploaded to CPE \
         Monitor.",
    );
    let truth = Truth {
        title: "Immunization Update for Pharmacists: Vaccine Schedules and Catch-Up Dosing",
        provider: "Tri-County Pharmacy Education Alliance",
        completed: "2026-01-30",
        hours: "2",
        credit_type: "ACPE",
    };
    Sample::new("acpe_credit_box", c.pdf(), truth)
}

pub fn all() -> Vec<Sample> {
    vec![statement(), credit_box()]
}
