//! Timestamps of units: UTC, to the second, stored as ISO 8601 text
//! (`2024-05-01T09:30:00Z`) so that they sort and read well in SQLite.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A UTC time to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl Timestamp {
    /// The current time.
    pub fn now() -> Timestamp {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Timestamp { seconds }
    }

    /// Parses ISO 8601 in its basic form (`20240501T093000Z`, as TMX writes it) or extended
    /// form (`2024-05-01T09:30:00Z`, also with a `+02:00` offset or without a time).
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let compact: String = text
            .chars()
            .take_while(|c| *c != '+' && *c != 'Z' && *c != 'z')
            .filter(|c| c.is_ascii_digit() || *c == 'T' || *c == 't')
            .collect();
        let (date, time) = match compact.split_once(['T', 't']) {
            Some((d, t)) => (d, t),
            None => (compact.as_str(), ""),
        };
        if date.len() != 8 || !(time.is_empty() || time.len() == 6 || time.len() == 4) {
            return None;
        }
        let number = |s: &str| s.parse::<u32>().ok();
        let year = i64::from(number(&date[0..4])?);
        let month = number(&date[4..6])?;
        let day = number(&date[6..8])?;
        let (hour, minute, second) = match time.len() {
            0 => (0, 0, 0),
            4 => (number(&time[0..2])?, number(&time[2..4])?, 0),
            _ => (
                number(&time[0..2])?,
                number(&time[2..4])?,
                number(&time[4..6])?,
            ),
        };
        if !(1..=12).contains(&month)
            || !(1..=31).contains(&day)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut seconds = days_from_civil(year, month, day) * 86_400
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second);
        if let Some(offset) = text
            .rsplit_once('+')
            .map(|(_, o)| o)
            .filter(|_| time.len() >= 4)
        {
            let digits: String = offset.chars().filter(char::is_ascii_digit).collect();
            if digits.len() == 4 {
                seconds -= i64::from(number(&digits[0..2])?) * 3600
                    + i64::from(number(&digits[2..4])?) * 60;
            }
        }
        Some(Timestamp { seconds })
    }

    /// The ISO 8601 basic form TMX uses: `20240501T093000Z`.
    pub fn to_basic(&self) -> String {
        let (y, mo, d, h, mi, s) = self.parts();
        format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")
    }

    fn parts(&self) -> (i64, u32, u32, i64, i64, i64) {
        let days = self.seconds.div_euclid(86_400);
        let rest = self.seconds.rem_euclid(86_400);
        let (y, mo, d) = civil_from_days(days);
        (y, mo, d, rest / 3600, rest % 3600 / 60, rest % 60)
    }
}

impl fmt::Display for Timestamp {
    /// The extended form: `2024-05-01T09:30:00Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, mo, d, h, mi, s) = self.parts();
        write!(f, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_parse_and_print() {
        let t = Timestamp::parse("20240501T093000Z").unwrap();
        assert_eq!(t.to_string(), "2024-05-01T09:30:00Z");
        assert_eq!(t.to_basic(), "20240501T093000Z");
        assert_eq!(Timestamp::parse("2024-05-01T09:30:00Z"), Some(t));
        assert_eq!(Timestamp::parse("2024-05-01T11:30:00+02:00"), Some(t));
        assert_eq!(Timestamp::parse("1970-01-01").unwrap().seconds, 0);
        assert_eq!(
            Timestamp::parse("2000-02-29T00:00:00Z")
                .unwrap()
                .to_string(),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(Timestamp::parse("yesterday"), None);
        assert_eq!(Timestamp::parse("20241301T000000Z"), None);
    }
}
