//! The limits STS puts on AssumeRole parameters, and Prowler's checks on `-R`, applied
//! before any call so that a typo costs nothing and says exactly what is allowed.
//! (botocore checks only minimum lengths; STS would reject the rest later.)

use crate::error::AuthError;

pub const MIN_DURATION: i64 = 900;
pub const MAX_DURATION: i64 = 43_200;
pub const DEFAULT_DURATION: i64 = 3_600;
/// STS caps sessions of roles assumed with role credentials (role chaining) at one hour.
pub const CHAINED_MAX_DURATION: i64 = 3_600;
pub const DEFAULT_SESSION_NAME: &str = "KestrelAssessmentSession";

/// A value from the command line or a file, quoted for an error message and capped at
/// 64 characters, so that a pasted document or a 15 KB ARN cannot flood the terminal
/// (and a long value pasted into the wrong flag is not echoed whole).
pub fn shown(value: &str) -> String {
    const MAX: usize = 64;
    let n = value.chars().count();
    if n <= MAX {
        format!("{value:?}")
    } else {
        let head: String = value.chars().take(MAX).collect();
        format!("{head:?}… ({n} characters)")
    }
}

fn word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn check_chars(
    what: &str,
    value: &str,
    min: usize,
    max: usize,
    extra: &str,
    allowed_desc: &str,
) -> Result<(), AuthError> {
    let len = value.chars().count();
    let bad = value.chars().find(|c| !(word(*c) || extra.contains(*c)));
    if len < min || len > max || bad.is_some() {
        let why = match bad {
            Some(c) => format!("character {c:?} is not allowed"),
            None => format!("it is {len} characters long"),
        };
        return Err(AuthError::InvalidParameter(format!(
            "Invalid {what} {}: {why}; it must be {min} to {max} characters of {allowed_desc}",
            shown(value)
        )));
    }
    Ok(())
}

/// `--role-session-name` / `role_session_name`: `[\w+=,.@-]{2,64}`.
pub fn session_name(value: &str) -> Result<(), AuthError> {
    check_chars(
        "role session name",
        value,
        2,
        64,
        "+=,.@-",
        "letters, digits and _+=,.@-",
    )
}

/// `-I/--external-id` / `external_id`: 2..1224 of `[\w+=,.@:/-]`.
pub fn external_id(value: &str) -> Result<(), AuthError> {
    check_chars(
        "external ID",
        value,
        2,
        1224,
        "+=,.@:/-",
        "letters, digits and _+=,.@:/-",
    )
}

/// `mfa_serial` / the `--mfa` device ARN: 9..256 of `[\w+=/:,.@-]`.
pub fn mfa_serial(value: &str) -> Result<(), AuthError> {
    check_chars(
        "MFA serial number",
        value,
        9,
        256,
        "+=/:,.@-",
        "letters, digits and _+=/:,.@-",
    )
}

/// An MFA code: exactly six digits.
pub fn token_code(value: &str) -> Result<(), AuthError> {
    if value.len() == 6 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        let shown = if value.is_empty() {
            "an empty code".to_string()
        } else {
            format!("{} characters", value.chars().count())
        };
        Err(AuthError::Mfa(format!(
            "Invalid MFA code ({shown}): it must be exactly 6 digits"
        )))
    }
}

/// `-T/--session-duration` / `duration_seconds`: 900..43200.
pub fn duration(value: i64) -> Result<(), AuthError> {
    if (MIN_DURATION..=MAX_DURATION).contains(&value) {
        Ok(())
    } else {
        Err(AuthError::InvalidParameter(format!(
            "Session duration must be between {MIN_DURATION} and {MAX_DURATION} seconds (got {value})"
        )))
    }
}

/// An AWS account id: exactly 12 ASCII digits.
pub fn is_account_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())
}

/// Prowler's checks on the `-R` ARN: no region, a known partition, service `iam` or
/// `sts`, a 12-digit account, resource type role|user|assumed-role|root|federated-user,
/// and a name.
pub fn role_arn(value: &str) -> Result<(), AuthError> {
    let fail = |why: &str| {
        Err(AuthError::InvalidParameter(format!(
            "Invalid role ARN {}: {why} (expected arn:aws:iam::123456789012:role/NAME)",
            shown(value)
        )))
    };
    if value.chars().count() > 2048 {
        // AssumeRole's own limit on RoleArn.
        return fail("AWS allows at most 2048 characters");
    }
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    if parts.len() != 6 || parts[0] != "arn" {
        return fail("it must have the form arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE");
    }
    let (partition, service, region, account, resource) =
        (parts[1], parts[2], parts[3], parts[4], parts[5]);
    if !matches!(
        partition,
        "aws"
            | "aws-cn"
            | "aws-us-gov"
            | "aws-iso"
            | "aws-iso-b"
            | "aws-iso-e"
            | "aws-iso-f"
            | "aws-eusc"
    ) {
        return fail(&format!("unknown partition {}", shown(partition)));
    }
    if service != "iam" && service != "sts" {
        return fail(&format!(
            "service must be iam or sts, not {}",
            shown(service)
        ));
    }
    if !region.is_empty() {
        return fail("IAM ARNs have no region");
    }
    if !is_account_id(account) {
        return fail(&format!("account {} is not 12 digits", shown(account)));
    }
    let (rtype, name) = resource.split_once('/').unwrap_or((resource, ""));
    if !matches!(
        rtype,
        "role" | "user" | "assumed-role" | "root" | "federated-user"
    ) {
        return fail(&format!(
            "resource type {} is not one of role, user, assumed-role, root, federated-user",
            shown(rtype)
        ));
    }
    if name.is_empty() && rtype != "root" {
        return fail("the resource name is empty");
    }
    Ok(())
}

/// A `duration_seconds` value from a profile. botocore silently ignores a non-integer;
/// kestrel says so.
pub fn profile_duration(profile: &str, raw: &str) -> Result<i64, AuthError> {
    raw.trim().parse::<i64>().map_err(|_| {
        AuthError::InvalidConfig(format!(
            "duration_seconds {} in profile \"{profile}\" is not a whole number of seconds (allowed: {MIN_DURATION} to {MAX_DURATION})",
            shown(raw)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_capped_in_errors() {
        let arn = format!("arn:aws:iam::123456789012:role/{}", "x".repeat(15_000));
        let err = role_arn(&arn.replace("iam::", "iam:us-east-1:"))
            .unwrap_err()
            .to_string();
        assert!(err.len() < 400, "{} bytes: {err}", err.len());
        assert!(err.contains("characters)"), "{err}");
        let err = session_name(&"é".repeat(5000)).unwrap_err().to_string();
        assert!(err.len() < 400, "{err}");
        assert_eq!(shown("ab"), "\"ab\"");
    }

    #[test]
    fn session_names() {
        assert!(session_name("KestrelAssessmentSession").is_ok());
        assert!(session_name("a.b@c-d_e=f,g+h").is_ok());
        assert!(session_name("a").is_err());
        assert!(session_name(&"x".repeat(65)).is_err());
        assert!(session_name(&"x".repeat(64)).is_ok());
        let err = session_name("has space").unwrap_err().to_string();
        assert!(err.contains("' '") && err.contains("2 to 64"), "{err}");
    }

    #[test]
    fn external_ids() {
        assert!(external_id("ext-1").is_ok());
        assert!(external_id("a:b/c").is_ok());
        assert!(external_id("x").is_err());
        assert!(external_id(&"x".repeat(1225)).is_err());
        assert!(external_id("no*star").is_err());
    }

    #[test]
    fn serials_and_codes() {
        assert!(mfa_serial("arn:aws:iam::123456789012:mfa/user").is_ok());
        assert!(mfa_serial("GAHT1234").is_err(), "8 chars is too short");
        assert!(mfa_serial("GAHT12345").is_ok());
        assert!(token_code("123456").is_ok());
        for bad in ["12345", "1234567", "12a456", "", " 12345"] {
            assert!(token_code(bad).is_err(), "{bad:?}");
        }
        assert!(
            !token_code("98765")
                .unwrap_err()
                .to_string()
                .contains("98765"),
            "codes are never echoed"
        );
    }

    #[test]
    fn durations() {
        assert!(duration(900).is_ok());
        assert!(duration(43200).is_ok());
        assert!(duration(899).is_err());
        assert!(duration(43201).is_err());
        assert!(duration(100)
            .unwrap_err()
            .to_string()
            .starts_with("Session duration must be between 900 and 43200 seconds"));
        assert!(profile_duration("p", "abc").is_err());
        assert_eq!(profile_duration("p", "1800").unwrap(), 1800);
    }

    #[test]
    fn role_arns() {
        assert!(role_arn("arn:aws:iam::123456789012:role/Audit").is_ok());
        assert!(role_arn("arn:aws:iam::123456789012:role/path/Audit").is_ok());
        assert!(role_arn("arn:aws-cn:sts::123456789012:assumed-role/r/s").is_ok());
        for bad in [
            "not-an-arn",
            "arn:aws:iam:us-east-1:123456789012:role/x",
            "arn:aws:s3::123456789012:role/x",
            "arn:foo:iam::123456789012:role/x",
            "arn:aws:iam::12345:role/x",
            "arn:aws:iam::123456789012:group/x",
            "arn:aws:iam::123456789012:role/",
        ] {
            assert!(role_arn(bad).is_err(), "{bad}");
        }
    }
}
