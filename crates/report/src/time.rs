//! Calendar arithmetic for the scan timestamp and the UUIDv7 scan id, without a date
//! crate: kestrel only ever formats UTC instants, so the civil-from-days conversion is
//! all it needs.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sha1::{Digest, Sha1};

/// (year, month, day, hour, minute, second) in UTC.
pub(crate) fn civil(epoch: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        (secs / 3600) as u32,
        (secs % 3600 / 60) as u32,
        (secs % 60) as u32,
    )
}

/// `2025-01-01T00:00:00Z`.
pub fn rfc3339(epoch: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(epoch);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `20250101000000`, the timestamp in Prowler's default output name.
pub fn compact(epoch: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(epoch);
    format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}")
}

/// Seconds since the Unix epoch, now.
pub fn now_epoch() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

static SCAN_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A UUIDv7 (RFC 9562): the scan time in milliseconds, a process-wide counter in the
/// 12-bit `rand_a` field (the RFC's "fixed-length dedicated counter"), and 62 bits of a
/// SHA-1 over the time, the counter, the process id, the account and the clock's
/// nanoseconds in `rand_b`, so two processes scanning in the same second still differ.
pub fn scan_id(epoch: i64, account_id: &str) -> String {
    let counter = SCAN_COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut h = Sha1::new();
    h.update(epoch.to_be_bytes());
    h.update(counter.to_be_bytes());
    h.update(std::process::id().to_be_bytes());
    h.update(nanos.to_be_bytes());
    h.update(account_id.as_bytes());
    let digest = h.finalize();

    let ms = (epoch.max(0) as u64).wrapping_mul(1000) & 0xFFFF_FFFF_FFFF;
    let mut b = [0u8; 16];
    b[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
    let rand_a = (counter & 0x0FFF) as u16;
    b[6] = 0x70 | (rand_a >> 8) as u8;
    b[7] = rand_a as u8;
    b[8..].copy_from_slice(&digest[..8]);
    b[8] = 0x80 | (b[8] & 0x3F);
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_735_689_600), "2025-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_827_696), "2000-02-29T12:34:56Z");
        assert_eq!(rfc3339(4_107_542_399), "2100-02-28T23:59:59Z");
        assert_eq!(compact(1_735_689_600 + 3661), "20250101010101");
    }

    #[test]
    fn scan_id_is_a_uuid7_of_the_scan_time() {
        let a = scan_id(1_735_689_600, "123456789012");
        let b = scan_id(1_735_689_600, "123456789012");
        assert_ne!(a, b);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('7'), "{a}");
        assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"), "{a}");
        let ms = u64::from_str_radix(&format!("{}{}", parts[0], parts[1]), 16).unwrap();
        assert_eq!(ms, 1_735_689_600_000);
    }
}
