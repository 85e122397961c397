//! Dates as the AWS APIs and the credential report write them.

/// Seconds since the epoch for `2024-01-01T12:00:00Z`, `…+00:00`, `…+0000` (fractions
/// allowed); None for `N/A`, `no_information`, `not_supported` and anything else.
pub fn parse(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.len() < 19 || !s.is_char_boundary(19) {
        return None;
    }
    let b = s.as_bytes();
    if b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d, h, mi, se) = (
        n(0..4)?,
        n(5..7)?,
        n(8..10)?,
        n(11..13)?,
        n(14..16)?,
        n(17..19)?,
    );
    let mut rest = &s[19..];
    if let Some(f) = rest.strip_prefix('.') {
        let digits = f.chars().take_while(|c| c.is_ascii_digit()).count();
        rest = &f[digits..];
    }
    let offset = match rest {
        "" | "Z" | "UTC" | "+00:00" | "+0000" => 0,
        o if (o.starts_with('+') || o.starts_with('-')) && o.len() >= 5 => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let digits: String = o[1..].chars().filter(|c| c.is_ascii_digit()).collect();
            let hh: i64 = digits.get(0..2)?.parse().ok()?;
            let mm: i64 = digits.get(2..4)?.parse().ok()?;
            sign * (hh * 3600 + mm * 60)
        }
        _ => return None,
    };
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * ((mo + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + se - offset)
}

/// Whole days from `then` to `now` (both epoch seconds).
pub fn days_between(then: i64, now: i64) -> i64 {
    (now - then).div_euclid(86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_api_dates() {
        assert_eq!(parse("1970-01-02T00:00:00Z"), Some(86_400));
        assert_eq!(parse("2024-01-01T12:00:00+00:00"), Some(1_704_110_400));
        assert_eq!(parse("2024-01-01T12:00:00.123Z"), Some(1_704_110_400));
        assert_eq!(parse("2024-01-01T13:00:00+01:00"), Some(1_704_110_400));
        assert_eq!(parse("N/A"), None);
        assert_eq!(parse("no_information"), None);
        assert_eq!(days_between(0, 86_400 * 3 + 5), 3);
    }
}
