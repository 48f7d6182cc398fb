//! Hours as exact hundredths, so sums and comparisons never drift and results are repeatable.

use std::{
    fmt,
    iter::Sum,
    ops::{Add, AddAssign, Sub},
};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number of CE hours (or points), stored in hundredths of an hour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hours(i64);

impl Hours {
    pub const ZERO: Hours = Hours(0);

    /// Whole or fractional hours, rounded to the nearest hundredth.
    pub fn from_f64(hours: f64) -> Hours {
        Hours((hours * 100.0).round() as i64)
    }

    pub const fn whole(hours: i64) -> Hours {
        Hours(hours * 100)
    }

    pub const fn hundredths(value: i64) -> Hours {
        Hours(value)
    }

    pub const fn as_hundredths(self) -> i64 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Subtraction that stops at zero (missing hours are never negative).
    pub fn saturating_sub(self, other: Hours) -> Hours {
        Hours((self.0 - other.0).max(0))
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl Add for Hours {
    type Output = Hours;
    fn add(self, other: Hours) -> Hours {
        Hours(self.0 + other.0)
    }
}

impl AddAssign for Hours {
    fn add_assign(&mut self, other: Hours) {
        self.0 += other.0;
    }
}

impl Sub for Hours {
    type Output = Hours;
    fn sub(self, other: Hours) -> Hours {
        Hours(self.0 - other.0)
    }
}

impl Sum for Hours {
    fn sum<I: Iterator<Item = Hours>>(iter: I) -> Hours {
        iter.fold(Hours::ZERO, Add::add)
    }
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Whole hours and hundredths as integers: the same text as formatting the float with
        // two decimals, without float formatting (most of the cost of a report's next-step
        // texts in the issue 4 benchmark).
        let (whole, hundredths) = (self.0 / 100, self.0 % 100);
        match (self.0 >= 0, hundredths) {
            (_, 0) => write!(f, "{whole}"),
            (true, _) => write!(f, "{whole}.{hundredths:02}"),
            (false, _) => write!(f, "{:.2}", self.as_f64()),
        }
    }
}

impl Serialize for Hours {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Hours, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if !value.is_finite() || !(0.0..=100_000.0).contains(&value) {
            return Err(serde::de::Error::custom(format!(
                "hours must be between 0 and 100000, not {value}"
            )));
        }
        Ok(Hours::from_f64(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_hundredths_and_prints_plainly() {
        assert_eq!(Hours::from_f64(1.005 + 0.001).as_hundredths(), 101);
        assert_eq!(Hours::whole(12).to_string(), "12");
        assert_eq!(Hours::from_f64(0.5).to_string(), "0.50");
        assert_eq!(Hours::whole(2).saturating_sub(Hours::whole(5)), Hours::ZERO);
    }

    #[test]
    fn text_is_the_float_with_two_decimals_for_every_hundredth() {
        // The text is built from integers; it must stay what `{:.2}` of the float printed,
        // which reports and outside checkers already hold.
        for hundredths in (-1_000..=100_000).chain([9_999_999, 10_000_000]) {
            let hours = Hours::hundredths(hundredths);
            let expected = if hundredths % 100 == 0 {
                (hundredths / 100).to_string()
            } else {
                format!("{:.2}", hours.as_f64())
            };
            assert_eq!(hours.to_string(), expected, "{hundredths} hundredths");
        }
    }
}
