//! ANCC nursing contact hour certificates: a classic centred one, a grid of headings with
//! values under them, a jointly accredited interprofessional one, and a webinar drawn
//! through a scaled text matrix.

use super::{Sample, Truth};
use crate::support::certificate_pdf::{Certificate, Font::*, Order, Style};

const ANCC_STATEMENT: &str = "is accredited as a provider of nursing continuing professional \
                              development by the American Nurses Credentialing Center's \
                              Commission on Accreditation.";

fn classic() -> Sample {
    let mut c = Certificate::landscape(Style::Lines).compressed();
    c.centered(64.0, HelveticaBold, 28.0, "Certificate of Completion")
        .centered(100.0, Helvetica, 15.0, "Bluewater Nursing Collaborative")
        .centered(160.0, Helvetica, 12.0, "awards")
        .centered(188.0, HelveticaBold, 20.0, "Morgan Lee, RN")
        .centered(222.0, HelveticaBold, 14.0, "2.25 Nursing Contact Hours")
        .centered(250.0, Helvetica, 12.0, "for successful completion of")
        .centered(
            276.0,
            HelveticaBold,
            16.0,
            "Safe Handoffs in Critical Care Transitions",
        )
        .centered(312.0, Helvetica, 12.0, "Completed: 14 April 2026");
    c.wrapped(
        120.0,
        430.0,
        552.0,
        Helvetica,
        9.0,
        &format!("Bluewater Nursing Collaborative {ANCC_STATEMENT}"),
    );
    c.text(
        120.0,
        500.0,
        Helvetica,
        8.0,
        "Provider approval expires 12/31/2027. Keep this certificate for four years.",
    );
    let truth = Truth {
        title: "Safe Handoffs in Critical Care Transitions",
        provider: "Bluewater Nursing Collaborative",
        completed: "2026-04-14",
        hours: "2.25",
        credit_type: "ANCC",
    };
    Sample::new("ancc_classic", c.pdf(), truth)
}

fn grid() -> Sample {
    let mut c = Certificate::portrait(Style::Scaled).order(Order::Reversed);
    c.text(
        60.0,
        60.0,
        TimesBold,
        18.0,
        "Coastal Health Professional Development",
    )
    .text(
        60.0,
        82.0,
        TimesItalic,
        11.0,
        "Nursing Continuing Professional Development Certificate",
    )
    .text(
        60.0,
        130.0,
        Times,
        11.0,
        "Awarded to Jamie Alvarez, RN, CCRN",
    )
    .text(60.0, 180.0, TimesBold, 9.0, "Activity Title")
    .text(340.0, 180.0, TimesBold, 9.0, "Date of Completion")
    .text(60.0, 198.0, Times, 12.0, "Sepsis Early Recognition for")
    .text(340.0, 198.0, Times, 12.0, "06/03/2026")
    .text(60.0, 213.0, Times, 12.0, "Medical-Surgical Nurses")
    .text(60.0, 250.0, TimesBold, 9.0, "Contact Hours Awarded")
    .text(340.0, 250.0, TimesBold, 9.0, "Approved Provider")
    .text(60.0, 268.0, Times, 12.0, "1.5")
    .text(
        340.0,
        268.0,
        Times,
        12.0,
        "Coastal Health Professional Development",
    );
    c.wrapped(
        60.0,
        330.0,
        490.0,
        Times,
        9.0,
        &format!(
            "Coastal Health Professional Development {ANCC_STATEMENT} This activity was \
             approved for 1.75 contact hours. Successful completion required attendance at the \
             full session and a completed evaluation."
        ),
    );
    let truth = Truth {
        title: "Sepsis Early Recognition for Medical-Surgical Nurses",
        provider: "Coastal Health Professional Development",
        completed: "2026-06-03",
        hours: "1.5",
        credit_type: "ANCC",
    };
    Sample::new("ancc_heading_grid", c.pdf(), truth)
}

fn joint() -> Sample {
    let mut c = Certificate::landscape(Style::Words).order(Order::Interleaved);
    c.centered(60.0, HelveticaBold, 24.0, "Certificate of Participation")
        .centered(88.0, Helvetica, 13.0, "Meridian Learning Group");
    let rows = [
        ("Participant:", "Dana Whitfield, RN"),
        ("Title:", "Heart Failure Across the Continuum of Care"),
        ("Date:", "02/18/2026"),
        ("Credit Type:", "ANCC Contact Hours"),
        ("Hours Earned:", "2.5"),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 140.0 + 22.0 * i as f64;
        c.text(100.0, y, HelveticaBold, 11.0, label)
            .text(260.0, y, Helvetica, 11.0, value);
    }
    let mut y = c.wrapped(
        100.0,
        290.0,
        592.0,
        Times,
        9.0,
        "In support of improving patient care, Meridian Learning Group is jointly accredited by \
         the Accreditation Council for Continuing Medical Education (ACCME), the Accreditation \
         Council for Pharmacy Education (ACPE), and the American Nurses Credentialing Center \
         (ANCC), to provide continuing education for the healthcare team.",
    );
    for line in [
        "Nurses: This activity is designated for a maximum of 3.0 ANCC contact hours.",
        "Physicians: Meridian Learning Group designates this live activity for a maximum of 3.0 \
         AMA PRA Category 1 Credits\u{2122}.",
        "Pharmacists: This knowledge-based activity is approved for 3.0 contact hours (0.3 CEU). \
         UAN: JA0001234-0000-26-017-L01-P.",
    ] {
        y = c.wrapped(100.0, y + 8.0, 592.0, Times, 9.0, line);
    }
    let truth = Truth {
        title: "Heart Failure Across the Continuum of Care",
        provider: "Meridian Learning Group",
        completed: "2026-02-18",
        hours: "2.5",
        credit_type: "ANCC",
    };
    Sample::new("ancc_joint_accreditation", c.pdf(), truth)
}

fn webinar() -> Sample {
    let mut c = Certificate::portrait(Style::Scaled);
    c.centered(90.0, HelveticaBold, 22.0, "Certificate of Participation")
        .centered(130.0, Helvetica, 14.0, "Prairie State Nurses Association")
        .centered(190.0, Helvetica, 12.0, "certifies that")
        .centered(215.0, HelveticaBold, 18.0, "Taylor Brooks, BSN, RN")
        .centered(250.0, Helvetica, 12.0, "participated in the webinar")
        .centered(
            275.0,
            HelveticaBold,
            14.0,
            "\u{201C}Recognizing Human Trafficking in Clinical Settings\u{201D}",
        )
        .centered(305.0, Helvetica, 12.0, "on 2026-03-05")
        .centered(
            325.0,
            Helvetica,
            12.0,
            "and has been awarded 1.0 contact hour.",
        );
    c.wrapped(
        72.0,
        420.0,
        468.0,
        Helvetica,
        8.5,
        "Prairie State Nurses Association is accredited with distinction as a provider of nursing \
         continuing professional development by the American Nurses Credentialing Center's \
         Commission on Accreditation.",
    );
    c.text(
        72.0,
        740.0,
        Helvetica,
        7.0,
        "Certificate ID PSNA-26-0419 | Printed 03/06/2026",
    );
    let truth = Truth {
        title: "Recognizing Human Trafficking in Clinical Settings",
        provider: "Prairie State Nurses Association",
        completed: "2026-03-05",
        hours: "1",
        credit_type: "ANCC",
    };
    Sample::new("ancc_webinar_scaled", c.pdf(), truth)
}

pub fn all() -> Vec<Sample> {
    vec![classic(), grid(), joint(), webinar()]
}
