//! Time in PX files: TIMEVAL's time scales and ranges, and the `CCYYMMDD hh:mm` timestamps of
//! CREATION-DATE and LAST-UPDATED.

use std::fmt;

/// The time scale of a TIMEVAL (`TLIST(A1)` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeScale {
    /// `A1`: years, written `CCYY`.
    Annual,
    /// `H1`: half-years, written `CCYYH` (`19712` is the second half of 1971).
    HalfYear,
    /// `Q1`: quarters, written `CCYYQ`.
    Quarterly,
    /// `M1`: months, written `CCYYMM`.
    Monthly,
    /// `W1`: ISO weeks, written `CCYYWW`.
    Weekly,
}

impl TimeScale {
    pub(super) fn parse(code: &str) -> Option<TimeScale> {
        Some(match code.to_ascii_uppercase().as_str() {
            "A1" => TimeScale::Annual,
            "H1" => TimeScale::HalfYear,
            "Q1" => TimeScale::Quarterly,
            "M1" => TimeScale::Monthly,
            "W1" => TimeScale::Weekly,
            _ => return None,
        })
    }

    /// How many digits follow the year in a period code.
    fn digits(self) -> usize {
        match self {
            TimeScale::Annual => 0,
            TimeScale::HalfYear | TimeScale::Quarterly => 1,
            TimeScale::Monthly | TimeScale::Weekly => 2,
        }
    }

    /// How many periods `year` has.
    fn periods_in(self, year: u32) -> u32 {
        match self {
            TimeScale::Annual => 1,
            TimeScale::HalfYear => 2,
            TimeScale::Quarterly => 4,
            TimeScale::Monthly => 12,
            TimeScale::Weekly => iso_weeks(year),
        }
    }

    /// `(year, period)` of a period code written the spec's way, period counting from 1.
    fn split(self, code: &str) -> Option<(u32, u32)> {
        let year_digits = 4;
        let digits = self.digits();
        if code.len() != year_digits + digits || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year = code[..year_digits].parse().ok()?;
        let period = if digits == 0 {
            1
        } else {
            code[year_digits..].parse().ok()?
        };
        (1..=self.periods_in(year))
            .contains(&period)
            .then_some((year, period))
    }

    fn format(self, year: u32, period: u32) -> String {
        match self.digits() {
            0 => format!("{year:04}"),
            1 => format!("{year:04}{period}"),
            _ => format!("{year:04}{period:02}"),
        }
    }

    /// The periods from `from` to `to`, both included; `Err` with the reason when a bound
    /// is not written for this scale, the range runs backwards, or it has more than `limit`
    /// periods.
    pub(super) fn expand(self, from: &str, to: &str, limit: usize) -> Result<Vec<String>, String> {
        let start = self
            .split(from)
            .ok_or_else(|| format!("\"{from}\" is not a period of {}", self.describe()))?;
        let end = self
            .split(to)
            .ok_or_else(|| format!("\"{to}\" is not a period of {}", self.describe()))?;
        if end < start {
            return Err(format!("the range \"{from}\"-\"{to}\" runs backwards"));
        }
        let mut periods = Vec::new();
        let (mut year, mut period) = start;
        loop {
            if periods.len() == limit {
                return Err(format!(
                    "the range \"{from}\"-\"{to}\" has more periods than the variable has values ({limit})"
                ));
            }
            periods.push(self.format(year, period));
            if (year, period) == end {
                return Ok(periods);
            }
            if period == self.periods_in(year) {
                year += 1;
                period = 1;
            } else {
                period += 1;
            }
        }
    }

    fn describe(self) -> &'static str {
        match self {
            TimeScale::Annual => "TLIST(A1) (a year: CCYY)",
            TimeScale::HalfYear => "TLIST(H1) (a half-year: CCYYH, H 1 or 2)",
            TimeScale::Quarterly => "TLIST(Q1) (a quarter: CCYYQ, Q 1 to 4)",
            TimeScale::Monthly => "TLIST(M1) (a month: CCYYMM)",
            TimeScale::Weekly => "TLIST(W1) (an ISO week: CCYYWW)",
        }
    }
}

/// 52 or 53: a year has an ISO week 53 when it starts on a Thursday, or on a Wednesday in a
/// leap year.
fn iso_weeks(year: u32) -> u32 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match (weekday_of_january_1(year), leap) {
        (4, _) | (3, true) => 53,
        _ => 52,
    }
}

/// 0 = Sunday … 6 = Saturday (Sakamoto's method).
fn weekday_of_january_1(year: u32) -> u32 {
    let y = i64::from(year) - 1;
    (1 + y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)).rem_euclid(7) as u32
}

/// A PX timestamp, `CCYYMMDD hh:mm` (CREATION-DATE, LAST-UPDATED, NEXT-UPDATE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    /// The year.
    pub year: u32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1–31.
    pub day: u32,
    /// The hour, 0–23 (0 when the time is left out).
    pub hour: u32,
    /// The minute, 0–59 (0 when the time is left out).
    pub minute: u32,
}

impl Timestamp {
    /// Reads `CCYYMMDD hh:mm` or `CCYYMMDD`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let (date, time) = match text.split_once(' ') {
            Some((date, time)) => (date, Some(time.trim())),
            None => (text, None),
        };
        let number = |s: &str| -> Option<u32> {
            s.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| s.parse().ok())
                .flatten()
        };
        if date.len() != 8 || !date.is_ascii() {
            return None;
        }
        let year = number(&date[..4])?;
        let month = number(&date[4..6])?;
        let day = number(&date[6..])?;
        let (hour, minute) = match time {
            Some(time) => {
                let (h, m) = time.split_once(':')?;
                (number(h)?, number(m)?)
            }
            None => (0, 0),
        };
        ((1..=12).contains(&month) && (1..=31).contains(&day) && hour < 24 && minute < 60)
            .then_some(Timestamp {
                year,
                month,
                day,
                hour,
                minute,
            })
    }
}

impl fmt::Display for Timestamp {
    /// `2006-02-09 11:31`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}
