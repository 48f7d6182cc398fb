//! AMA PRA Category 1 Credit certificates: a classic centred one, a table of labels, a
//! jointly provided conference with a two-column footer, an online portal's transcript
//! row, a letter in running text, and a banner style the reader was not shaped on.

use super::{Sample, Truth};
use crate::support::certificate_pdf::{Certificate, Font::*, Order, Style};

pub fn classic() -> Sample {
    let mut c = Certificate::landscape(Style::Lines).compressed();
    c.centered(80.0, TimesBold, 30.0, "Certificate of Completion")
        .centered(
            120.0,
            Times,
            16.0,
            "Harbor Valley Medical Education Institute",
        )
        .centered(175.0, TimesItalic, 13.0, "This is to certify that")
        .centered(205.0, TimesBold, 22.0, "Jordan A. Rivera, MD")
        .centered(
            240.0,
            TimesItalic,
            13.0,
            "has participated in the enduring material titled",
        )
        .centered(
            272.0,
            TimesBold,
            17.0,
            "Managing Atrial Fibrillation in Older Adults:",
        )
        .centered(293.0, TimesBold, 17.0, "A 2026 Update")
        .centered(
            325.0,
            Times,
            13.0,
            "on March 14, 2026, and is awarded 1.5 AMA PRA Category 1 Credits\u{2122}.",
        )
        .rule(80.0, 470.0, 220.0)
        .text(80.0, 485.0, Times, 10.0, "Course Director");
    c.wrapped(
        380.0,
        440.0,
        330.0,
        Times,
        8.5,
        "Harbor Valley Medical Education Institute is accredited by the Accreditation Council \
         for Continuing Medical Education (ACCME) to provide continuing medical education for \
         physicians. Harbor Valley Medical Education Institute designates this enduring \
         material for a maximum of 2.0 AMA PRA Category 1 Credits\u{2122}. Physicians should \
         claim only the credit commensurate with the extent of their participation.",
    );
    let truth = Truth {
        title: "Managing Atrial Fibrillation in Older Adults: A 2026 Update",
        provider: "Harbor Valley Medical Education Institute",
        completed: "2026-03-14",
        hours: "1.5",
        credit_type: "AMA_PRA_1",
    };
    Sample::new("ama_classic", c.pdf(), truth)
}

fn table() -> Sample {
    let mut c = Certificate::portrait(Style::Words).order(Order::Reversed);
    c.centered(90.0, HelveticaBold, 22.0, "CME CERTIFICATE").centered(
        118.0,
        Helvetica,
        10.0,
        "Northgate University School of Medicine \u{2022} Office of Continuing Medical Education",
    );
    let rows = [
        ("Participant:", "Priya Natarajan, MD"),
        (
            "Activity Title:",
            "Opioid Prescribing and Pain Management: Safer Practice",
        ),
        ("Activity Date:", "04/22/2026"),
        ("Location:", "Northgate Conference Center, Room 210"),
        (
            "Credits Claimed:",
            "3.25 AMA PRA Category 1 Credits\u{2122}",
        ),
        (
            "Accredited Provider:",
            "Northgate University School of Medicine",
        ),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 180.0 + 26.0 * i as f64;
        c.text(72.0, y, HelveticaBold, 10.0, label)
            .text(230.0, y, Helvetica, 11.0, value);
    }
    c.wrapped(
        72.0,
        400.0,
        468.0,
        Helvetica,
        8.0,
        "Northgate University School of Medicine is accredited by the ACCME to provide \
         continuing medical education for physicians. Northgate University School of Medicine \
         designates this live activity for a maximum of 4.0 AMA PRA Category 1 Credits\u{2122}. \
         Physicians should only claim credit commensurate with the extent of their participation.",
    );
    c.text(
        72.0,
        740.0,
        Helvetica,
        7.0,
        "Certificate generated 05/02/2026",
    );
    let truth = Truth {
        title: "Opioid Prescribing and Pain Management: Safer Practice",
        provider: "Northgate University School of Medicine",
        completed: "2026-04-22",
        hours: "3.25",
        credit_type: "AMA_PRA_1",
    };
    Sample::new("ama_table", c.pdf(), truth)
}

fn joint_conference() -> Sample {
    let mut c = Certificate::landscape(Style::Kerned).order(Order::Interleaved);
    c.centered(70.0, HelveticaBold, 26.0, "Certificate of Attendance")
        .centered(120.0, Helvetica, 12.0, "awarded to")
        .centered(150.0, HelveticaBold, 20.0, "Alexis Romero, DO")
        .centered(185.0, Helvetica, 12.0, "for attending")
        .centered(
            212.0,
            HelveticaBold,
            16.0,
            "Cascade Regional Cardiology Summit 2026",
        )
        .centered(
            240.0,
            Helvetica,
            12.0,
            "Held May 7\u{2013}9, 2026 in Tacoma, Washington",
        )
        .centered(
            270.0,
            Helvetica,
            12.0,
            "Credits claimed: 11.75 AMA PRA Category 1 Credits\u{2122}",
        )
        .rule(60.0, 430.0, 200.0)
        .text(60.0, 445.0, Helvetica, 10.0, "Eleanor Park, MD")
        .text(
            60.0,
            459.0,
            Helvetica,
            9.0,
            "Director, Continuing Medical Education",
        );
    c.wrapped(
        400.0,
        400.0,
        330.0,
        Times,
        8.5,
        "This activity was planned and implemented in accordance with the accreditation \
         requirements and policies of the ACCME through the joint providership of Cascade Heart \
         Foundation and Pinecrest Medical Center. Pinecrest Medical Center is accredited by the \
         ACCME to provide continuing medical education for physicians. Pinecrest Medical Center \
         designates this live activity for a maximum of 13.5 AMA PRA Category 1 Credits\u{2122}.",
    );
    let truth = Truth {
        title: "Cascade Regional Cardiology Summit 2026",
        provider: "Pinecrest Medical Center",
        completed: "2026-05-09",
        hours: "11.75",
        credit_type: "AMA_PRA_1",
    };
    Sample::new("ama_joint_two_column", c.pdf(), truth)
}

fn online_portal() -> Sample {
    let mut c = Certificate::portrait(Style::Spaceless);
    c.text(48.0, 60.0, HelveticaBold, 15.0, "Summit Digital CME")
        .text(48.0, 78.0, Helvetica, 9.0, "Online learning for physicians")
        .centered(
            130.0,
            HelveticaBold,
            18.0,
            "Continuing Medical Education Certificate",
        )
        .text(
            48.0,
            170.0,
            Helvetica,
            10.0,
            "Issued to: Dr. Kenji Watanabe",
        );
    for (x, heading, value) in [
        (48.0, "Activity", "Diabetes Technology in Primary Care"),
        (290.0, "Completed", "2026-01-27"),
        (380.0, "Credit Type", "AMA PRA Category 1 Credit\u{2122}"),
        (545.0, "Credits", "0.75"),
    ] {
        c.text(x, 220.0, HelveticaBold, 9.0, heading)
            .text(x, 238.0, Helvetica, 9.0, value);
    }
    c.wrapped(
        48.0,
        300.0,
        516.0,
        Helvetica,
        8.0,
        "Summit Digital CME is accredited by the Accreditation Council for Continuing Medical \
         Education to provide continuing medical education for physicians. Summit Digital CME \
         designates this enduring material for a maximum of 0.75 AMA PRA Category 1 \
         Credit\u{2122}. Release date: 2025-09-01. Expiration date: 2027-08-31.",
    );
    let truth = Truth {
        title: "Diabetes Technology in Primary Care",
        provider: "Summit Digital CME",
        completed: "2026-01-27",
        hours: "0.75",
        credit_type: "AMA_PRA_1",
    };
    Sample::new("ama_online_portal", c.pdf(), truth)
}

fn letter() -> Sample {
    let mut c = Certificate::portrait(Style::Lines);
    c.text(72.0, 72.0, TimesBold, 14.0, "Ridgeview Health System")
        .text(
            72.0,
            90.0,
            Times,
            10.0,
            "Office of Continuing Medical Education",
        )
        .text(
            72.0,
            104.0,
            Times,
            10.0,
            "1200 Ridgeview Parkway, Suite 400, Boise, ID 83702",
        )
        .text(72.0, 150.0, Times, 11.0, "February 16, 2026")
        .text(72.0, 190.0, Times, 11.0, "Dear Dr. Chen,");
    let y = c.wrapped(
        72.0,
        215.0,
        460.0,
        Times,
        11.0,
        "Thank you for participating in Grand Rounds: Advances in Heart Failure Therapy, held on \
         Friday, 6 February 2026. Our records show that you have claimed 1.0 AMA PRA Category 1 \
         Credit\u{2122} for this activity. Please keep this letter with your records.",
    );
    c.wrapped(
        72.0,
        y + 24.0,
        460.0,
        Times,
        11.0,
        "Ridgeview Health System is accredited by the Accreditation Council for Continuing \
         Medical Education (ACCME) to provide continuing medical education for physicians. \
         Ridgeview Health System designates this live activity for a maximum of 1.0 AMA PRA \
         Category 1 Credit\u{2122}.",
    );
    c.text(72.0, 420.0, Times, 11.0, "Sincerely,").text(
        72.0,
        460.0,
        Times,
        11.0,
        "Maria Okafor, MD, Chair, CME Committee",
    );
    let truth = Truth {
        title: "Grand Rounds: Advances in Heart Failure Therapy",
        provider: "Ridgeview Health System",
        completed: "2026-02-06",
        hours: "1",
        credit_type: "AMA_PRA_1",
    };
    Sample::new("ama_letter", c.pdf(), truth)
}

/// A banner certificate with no words that introduce the title or label it, accredited by
/// a state medical society: written after the reader, to see how it copes with a style it
/// was not shaped on.
fn banner() -> Sample {
    let mut c = Certificate::landscape(Style::Words);
    c.centered(70.0, HelveticaBold, 30.0, "CERTIFICATE OF CREDIT")
        .centered(
            105.0,
            Helvetica,
            13.0,
            "Lakeside Emergency Physicians Foundation",
        )
        .centered(170.0, HelveticaBold, 24.0, "Samira Haddad, MD")
        .centered(
            230.0,
            HelveticaBold,
            15.0,
            "ULTRASOUND-GUIDED REGIONAL ANESTHESIA WORKSHOP",
        )
        .centered(
            258.0,
            Helvetica,
            12.0,
            "April 2, 2026  |  Lakeside Simulation Center, Joliet",
        )
        .centered(
            290.0,
            HelveticaBold,
            13.0,
            "4.0 AMA PRA Category 1 Credits\u{2122}",
        );
    c.wrapped(
        110.0,
        440.0,
        560.0,
        Helvetica,
        8.0,
        "Lakeside Emergency Physicians Foundation is accredited by the Illinois State Medical \
         Society to provide continuing medical education for physicians. Lakeside Emergency \
         Physicians Foundation designates this live activity for a maximum of 4.0 AMA PRA \
         Category 1 Credits\u{2122}. Physicians should claim only the credit commensurate with \
         the extent of their participation in the activity.",
    );
    let truth = Truth {
        title: "Ultrasound-Guided Regional Anesthesia Workshop",
        provider: "Lakeside Emergency Physicians Foundation",
        completed: "2026-04-02",
        hours: "4",
        credit_type: "AMA_PRA_1",
    };
    Sample::new("ama_banner_unseen", c.pdf(), truth)
}

pub fn all() -> Vec<Sample> {
    vec![
        classic(),
        table(),
        joint_conference(),
        online_portal(),
        letter(),
        banner(),
    ]
}
