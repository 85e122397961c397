//! UTC timestamps, without a date crate: kestrel reads the ISO-8601 / RFC 3339 shapes
//! the AWS APIs, the credential report and credential documents write, and writes
//! `2024-01-01T12:00:00Z`. The one place dates are parsed and formatted (credential
//! cache, checks' ages, report timestamps).
//!
//! Read: `2024-01-01T12:00:00Z` (AWS CLI v1), `…+00:00` (CLI v2), `…UTC` (boto3 by
//! hand), `…+0000`, any `±HH:MM` / `±HHMM` offset, a space instead of `T`, with or
//! without fractional seconds. Not a date (`N/A`, `no_information`) is `None`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds and nanoseconds since the Unix epoch; None for anything but a timestamp in
/// one of the shapes above (or one before 1970).
pub fn parse_precise(s: &str) -> Option<(i64, u32)> {
    let s = s.trim();
    if s.len() < 19 || !s.is_char_boundary(19) {
        return None;
    }
    let (date_time, rest) = s.split_at(19);
    let b = date_time.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = &date_time[r];
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if b[4] != b'-'
        || b[7] != b'-'
        || !(b[10] == b'T' || b[10] == b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = rest;
    let mut nanos: u32 = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let padded = format!("{:0<9}", &frac[..digits.min(9)]);
        nanos = padded.parse().ok()?;
        rest = &frac[digits..];
    }
    let offset_secs: i64 = match rest {
        "" | "Z" | "z" | "UTC" | "GMT" | "+00:00" | "-00:00" | "+0000" => 0,
        other => {
            let sign = match other.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits: String = other[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let h: i64 = digits[..2].parse().ok()?;
            let m: i64 = digits[2..].parse().ok()?;
            sign * (h * 3600 + m * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
    if secs < 0 {
        return None;
    }
    Some((secs, nanos))
}

/// Seconds since the Unix epoch (fractions dropped).
pub fn parse(s: &str) -> Option<i64> {
    parse_precise(s).map(|(secs, _)| secs)
}

/// As a `SystemTime`, fractions kept.
pub fn parse_system_time(s: &str) -> Option<SystemTime> {
    parse_precise(s).map(|(secs, nanos)| UNIX_EPOCH + Duration::new(secs as u64, nanos))
}

/// Seconds since the Unix epoch of `t` (0 before it).
pub fn epoch(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Seconds since the Unix epoch, now.
pub fn now_epoch() -> i64 {
    epoch(SystemTime::now())
}

/// Whole days from `then` to `now` (both epoch seconds).
pub fn days_between(then: i64, now: i64) -> i64 {
    (now - then).div_euclid(86_400)
}

/// (year, month, day, hour, minute, second) in UTC.
pub fn civil(epoch: i64) -> (i64, u32, u32, u32, u32, u32) {
    let (days, secs) = (epoch.div_euclid(86_400), epoch.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    (
        y,
        m as u32,
        d as u32,
        (secs / 3600) as u32,
        (secs % 3600 / 60) as u32,
        (secs % 60) as u32,
    )
}

/// `2024-01-01T12:00:00Z`.
pub fn rfc3339(epoch: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(epoch);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `20240101120000`, the timestamp in Prowler's default output name.
pub fn compact(epoch: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(epoch);
    format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}")
}

// Howard Hinnant's algorithms.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOON: i64 = 1_704_110_400; // 2024-01-01T12:00:00Z

    #[test]
    fn every_shape_the_apis_and_credential_documents_write() {
        for s in [
            "2024-01-01T12:00:00Z",
            "2024-01-01T12:00:00z",
            "2024-01-01T12:00:00+00:00",
            "2024-01-01T12:00:00-00:00",
            "2024-01-01T12:00:00+0000",
            "2024-01-01T12:00:00UTC",
            "2024-01-01T12:00:00GMT",
            "2024-01-01 12:00:00Z",
            "2024-01-01T13:00:00+01:00",
            "2024-01-01T06:30:00-0530",
            "2024-01-01T12:00:00.123Z",
            "  2024-01-01T12:00:00Z ",
        ] {
            assert_eq!(parse(s), Some(NOON), "{s}");
        }
        assert_eq!(parse("1970-01-02T00:00:00Z"), Some(86_400));
        assert_eq!(
            parse_system_time("2024-01-01T12:00:00.250Z"),
            Some(UNIX_EPOCH + Duration::from_secs(NOON as u64) + Duration::from_millis(250))
        );
    }

    #[test]
    fn anything_else_is_not_a_date() {
        for bad in [
            "",
            "N/A",
            "no_information",
            "not_supported",
            "yesterday",
            "2024-01-01",
            "2024-13-01T00:00:00Z",
            "2024-01-32T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T12:00:00 nope",
            "2024-01-01T12:00:00.Z",
            "2024-01-01T12:00:00+1",
            "2024-01-01X12:00:00Z",
            "1969-12-31T23:59:59Z",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_known_instants_and_round_trips() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(NOON), "2024-01-01T12:00:00Z");
        assert_eq!(rfc3339(951_827_696), "2000-02-29T12:34:56Z");
        assert_eq!(rfc3339(4_107_542_399), "2100-02-28T23:59:59Z");
        assert_eq!(compact(1_735_689_600 + 3661), "20250101010101");
        for t in [0, NOON, 951_827_696, 4_107_542_399, 1_709_251_199] {
            assert_eq!(parse(&rfc3339(t)), Some(t));
        }
        assert_eq!(days_between(0, 86_400 * 3 + 5), 3);
        assert_eq!(days_between(86_400, 0), -1);
    }
}
