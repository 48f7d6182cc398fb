//! US licensing jurisdictions (states, DC and territories) and the professions Licensure
//! tracks. Codes are the USPS two-letter abbreviations.

pub const JURISDICTIONS: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("AS", "American Samoa"),
    ("GU", "Guam"),
    ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"),
    ("VI", "U.S. Virgin Islands"),
];

/// Professions a state licence can be for, with how they are shown.
pub const PROFESSIONS: &[(&str, &str)] = &[
    ("MD", "Physician (MD)"),
    ("DO", "Osteopathic physician (DO)"),
    ("RN", "Registered nurse (RN)"),
    ("APRN", "Advanced practice registered nurse (APRN)"),
    ("LPN", "Licensed practical nurse (LPN)"),
    ("PA", "Physician assistant (PA)"),
    ("RPH", "Pharmacist (RPh)"),
];

pub fn jurisdiction_name(code: &str) -> Option<&'static str> {
    JURISDICTIONS
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, name)| *name)
}

pub fn is_profession(code: &str) -> bool {
    PROFESSIONS.iter().any(|(known, _)| *known == code)
}
