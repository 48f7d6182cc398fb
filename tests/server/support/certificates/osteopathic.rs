//! AOA Category 1-A certificates: a classic centred one for a live program, and a table
//! printed in a composite font whose text is only readable through its ToUnicode map.

use super::{Sample, Truth};
use crate::support::certificate_pdf::{Certificate, Font::*, Order, Style};

fn classic() -> Sample {
    let mut c = Certificate::landscape(Style::Words).order(Order::Reversed);
    c.centered(70.0, TimesBold, 24.0, "Prairie Osteopathic Society")
        .centered(
            100.0,
            TimesItalic,
            12.0,
            "Osteopathic Continuing Medical Education",
        )
        .centered(160.0, Times, 13.0, "certifies that")
        .centered(190.0, TimesBold, 20.0, "Sam Ortiz, DO")
        .centered(225.0, Times, 13.0, "attended")
        .centered(
            252.0,
            TimesBold,
            16.0,
            "Osteopathic Manipulative Treatment for Low Back Pain",
        )
        .centered(
            282.0,
            Times,
            13.0,
            "held October 16\u{2013}18, 2025, in Wichita, Kansas,",
        )
        .centered(
            300.0,
            Times,
            13.0,
            "and is awarded 12 AOA Category 1-A credits.",
        );
    c.wrapped(
        90.0,
        420.0,
        612.0,
        Times,
        9.0,
        "Prairie Osteopathic Society is accredited by the American Osteopathic Association to \
         provide osteopathic continuing medical education for physicians. Prairie Osteopathic \
         Society designates this program for a maximum of 14 AOA Category 1-A credits and will \
         report CME and specialty credits commensurate with the extent of the physician's \
         participation in this activity.",
    );
    let truth = Truth {
        title: "Osteopathic Manipulative Treatment for Low Back Pain",
        provider: "Prairie Osteopathic Society",
        completed: "2025-10-18",
        hours: "12",
        credit_type: "AOA_1A",
    };
    Sample::new("aoa_classic", c.pdf(), truth)
}

fn composite_table() -> Sample {
    let mut c = Certificate::portrait(Style::Lines).order(Order::Interleaved);
    c.text(
        60.0,
        70.0,
        Composite,
        16.0,
        "Great Lakes College of Osteopathic Medicine",
    )
    .text(
        60.0,
        90.0,
        Composite,
        10.0,
        "Division of Continuing Medical Education",
    )
    .centered(140.0, Composite, 20.0, "CME Certificate")
    .text(
        60.0,
        190.0,
        Composite,
        11.0,
        "This certificate is presented to Riley Chen, DO for the activity listed below.",
    );
    for (x, heading, value) in [
        (60.0, "Course", "Concussion Management in Sports Medicine"),
        (330.0, "Date", "11/08/2025"),
        (420.0, "Category", "1-A"),
        (510.0, "Credits", "3.5"),
    ] {
        c.text(x, 240.0, Composite, 10.0, heading)
            .text(x, 262.0, Composite, 10.0, value);
    }
    c.text(
        60.0,
        320.0,
        Composite,
        10.0,
        "Provided by: Great Lakes College of Osteopathic Medicine",
    );
    c.wrapped(
        60.0,
        360.0,
        490.0,
        Composite,
        8.5,
        "Great Lakes College of Osteopathic Medicine is accredited by the American Osteopathic \
         Association (AOA) to provide osteopathic continuing medical education for physicians \
         and designates this activity for a maximum of 3.5 AOA Category 1-A credits.",
    );
    let truth = Truth {
        title: "Concussion Management in Sports Medicine",
        provider: "Great Lakes College of Osteopathic Medicine",
        completed: "2025-11-08",
        hours: "3.5",
        credit_type: "AOA_1A",
    };
    Sample::new("aoa_composite_table", c.pdf(), truth)
}

pub fn all() -> Vec<Sample> {
    vec![classic(), composite_table()]
}
