//! The scan timestamp and the UUIDv7 scan id (dates themselves: `kestrel_model::time`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

pub use kestrel_model::time::{compact, now_epoch, rfc3339};

use sha1::{Digest, Sha1};

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
