//! Certificates in the styles accredited providers issue them, each with the fields it
//! truly states. Every organisation, person and title is invented; the accreditation
//! statements follow the accreditors' published patterns in our own words.

mod ama;
mod nursing;
mod osteopathic;
mod pharmacy;

/// What a certificate states, as the "record activity" form would hold it.
#[derive(Debug, Clone, Copy)]
pub struct Truth {
    pub title: &'static str,
    pub provider: &'static str,
    /// `YYYY-MM-DD`.
    pub completed: &'static str,
    pub hours: &'static str,
    pub credit_type: &'static str,
}

pub struct Sample {
    pub name: &'static str,
    pub pdf: Vec<u8>,
    pub truth: Truth,
}

impl Sample {
    pub fn new(name: &'static str, pdf: Vec<u8>, truth: Truth) -> Self {
        Self { name, pdf, truth }
    }
}

/// Every certificate layout the extraction is measured on.
pub fn all() -> Vec<Sample> {
    let mut all = ama::all();
    all.extend(nursing::all());
    all.extend(pharmacy::all());
    all.extend(osteopathic::all());
    all
}

/// The classic AMA certificate, also served to the browser test as a fixture.
pub fn ama_classic() -> Sample {
    ama::classic()
}
