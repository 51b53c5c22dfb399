//! Hours counted in quarter hours, the unit training and reflective supervision
//! are logged in. Parsing refuses anything that is not a whole number of quarter
//! hours, so arithmetic on [`Hours`] is exact.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign};

/// A non-negative number of hours, exact to the quarter hour. On the wire it is a
/// JSON number of hours (`1.25`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hours(u32);

/// Why a number is not an amount of [`Hours`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HoursError {
    /// Negative, infinite or not a number.
    NotPositive,
    /// Not a multiple of a quarter hour.
    NotQuarter,
    /// Absurdly large.
    TooLarge,
}

impl fmt::Display for HoursError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HoursError::NotPositive => "must be a positive number of hours",
            HoursError::NotQuarter => "must be in quarter hours (for example 1.25)",
            HoursError::TooLarge => "is too large",
        })
    }
}

impl std::error::Error for HoursError {}

impl Hours {
    /// No hours.
    pub const ZERO: Hours = Hours(0);

    /// Whole hours.
    pub const fn whole(hours: u32) -> Self {
        Hours(hours * 4)
    }

    /// From a count of quarter hours.
    pub const fn from_quarters(quarters: u32) -> Self {
        Hours(quarters)
    }

    /// The count of quarter hours.
    pub const fn quarters(self) -> u32 {
        self.0
    }

    /// Parses a number of hours; zero is allowed here (a rule may require none),
    /// entries refuse it separately.
    pub fn from_f64(hours: f64) -> Result<Self, HoursError> {
        if !hours.is_finite() || hours < 0.0 {
            return Err(HoursError::NotPositive);
        }
        let quarters = hours * 4.0;
        if (quarters - quarters.round()).abs() > 1e-9 {
            return Err(HoursError::NotQuarter);
        }
        if quarters > 1_000_000.0 {
            return Err(HoursError::TooLarge);
        }
        // In range and integral: the cast is exact.
        Ok(Hours(quarters.round() as u32))
    }

    /// The hours as a float, for display and the wire.
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 4.0
    }

    /// `self - other`, or zero.
    pub fn saturating_sub(self, other: Hours) -> Hours {
        Hours(self.0.saturating_sub(other.0))
    }
}

impl fmt::Display for Hours {
    /// `18`, `18.25`, `18.5`, `18.75`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 4;
        match self.0 % 4 {
            0 => write!(f, "{whole}"),
            1 => write!(f, "{whole}.25"),
            2 => write!(f, "{whole}.5"),
            _ => write!(f, "{whole}.75"),
        }
    }
}

impl Add for Hours {
    type Output = Hours;

    fn add(self, other: Hours) -> Hours {
        Hours(self.0.saturating_add(other.0))
    }
}

impl AddAssign for Hours {
    fn add_assign(&mut self, other: Hours) {
        *self = *self + other;
    }
}

impl Sum for Hours {
    fn sum<I: Iterator<Item = Hours>>(iter: I) -> Hours {
        iter.fold(Hours::ZERO, Add::add)
    }
}

impl Serialize for Hours {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % 4 == 0 {
            serializer.serialize_u32(self.0 / 4)
        } else {
            serializer.serialize_f64(self.as_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let hours = f64::deserialize(deserializer)?;
        Hours::from_f64(hours).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Hours {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Number)
            .minimum(Some(0.0))
            .multiple_of(Some(0.25))
            .description(Some("Hours, in quarter hours"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Hours {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_hours_parse_and_print_exactly() {
        assert_eq!(Hours::from_f64(1.25), Ok(Hours::from_quarters(5)));
        assert_eq!(Hours::from_f64(1.25).unwrap().to_string(), "1.25");
        assert_eq!(Hours::whole(24).to_string(), "24");
        assert_eq!(Hours::from_f64(0.1), Err(HoursError::NotQuarter));
        assert_eq!(Hours::from_f64(-1.0), Err(HoursError::NotPositive));
        assert_eq!(Hours::from_f64(f64::NAN), Err(HoursError::NotPositive));
    }

    #[test]
    fn hours_travel_as_json_numbers() {
        let hours: Hours = serde_json::from_str("2.75").unwrap();
        assert_eq!(hours, Hours::from_quarters(11));
        assert_eq!(serde_json::to_string(&hours).unwrap(), "2.75");
        assert_eq!(serde_json::to_string(&Hours::whole(3)).unwrap(), "3");
        assert!(serde_json::from_str::<Hours>("2.3").is_err());
    }
}
