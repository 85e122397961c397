//! # iam_user_hardware_mfa_enabled
//!
//! ## Description
//!
//! Checks that each IAM user's MFA devices are all hardware ones (FIDO security keys or
//! hardware TOTP tokens), not virtual authenticator apps.
//!
//! As in Prowler: a user without any MFA device fails, and one virtual (or SMS) device
//! among several makes the user fail. The device kind is read from its serial number:
//! `…:mfa/…` is virtual, anything else hardware.
//!
//! ## Risk
//!
//! A virtual MFA lives on a phone or computer that can be cloned, backed up to the cloud
//! or phished along with the password; a hardware key cannot be copied and FIDO keys
//! resist phishing.
//!
//! ## Remediation
//!
//! Register a FIDO security key or hardware TOTP token for the user and deactivate the
//! virtual device.
//!
//! `aws iam deactivate-mfa-device --user-name <user> --serial-number <virtual-serial>`
//! after registering the hardware device in the console (FIDO keys) or with `aws iam
//! enable-mfa-device` (TOTP tokens).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_physical.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_user_hardware_mfa_enabled",
        title: "IAM user has hardware MFA enabled",
        service: "iam",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsIamUser",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "TTPs/Initial Access",
            "TTPs/Credential Access",
        ],
        needs: &[
            kestrel_model::iam::LIST_USERS,
            kestrel_model::iam::LIST_MFA_DEVICES,
            kestrel_model::iam::LIST_USER_TAGS,
        ],
    },
    run,
};

/// The device kind Prowler reads from a serial: the resource type of an ARN serial
/// (`mfa`, `sms-mfa`, `u2f`), `hardware` for a bare serial.
fn kind(serial: &str) -> &str {
    serial
        .split(':')
        .nth(5)
        .and_then(|r| r.split('/').next())
        .unwrap_or("hardware")
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let iam = &scan.snapshot.iam;
    let Some(users) = collected(&iam.users, id, region, scan.account_id(), "", emit) else {
        return;
    };
    for u in users {
        let Some(devices) = collected(&u.mfa_devices, id, region, &u.name, &u.arn, emit) else {
            continue;
        };
        let (status, text) = if devices.is_empty() {
            (
                Status::Fail,
                format!("User {} does not have any type of MFA enabled.", u.name),
            )
        } else if devices.iter().any(|d| matches!(kind(d), "mfa" | "sms-mfa")) {
            (
                Status::Fail,
                format!(
                    "User {} has a virtual MFA instead of a hardware MFA device enabled.",
                    u.name
                ),
            )
        } else {
            (
                Status::Pass,
                format!("User {} has hardware MFA enabled.", u.name),
            )
        };
        emit(Finding::new(id, status, region, &u.name, &u.arn, text).with_tags(&u.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::User, ApiError, Fetched};

    fn user(name: &str, devices: &[&str]) -> User {
        User {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:user/{name}"),
            mfa_devices: Fetched::Ok(devices.iter().map(|d| d.to_string()).collect()),
            ..Default::default()
        }
    }

    #[test]
    fn hardware_passes_virtual_or_none_fails() {
        let mut s = snapshot();
        s.iam.users = Fetched::Ok(vec![
            user("fido", &["arn:aws:iam::123456789012:u2f/user/fido/key-ABC"]),
            user("token", &["GAHT12345678"]),
            user("phone", &["arn:aws:iam::123456789012:mfa/phone"]),
            user("mixed", &["GAHT1", "arn:aws:iam::123456789012:mfa/mixed"]),
            user("none", &[]),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(
            statuses(&f),
            [
                Status::Pass,
                Status::Pass,
                Status::Fail,
                Status::Fail,
                Status::Fail
            ]
        );
        assert_eq!(
            f[2].status_extended,
            "User phone has a virtual MFA instead of a hardware MFA device enabled."
        );
        assert_eq!(
            f[4].status_extended,
            "User none does not have any type of MFA enabled."
        );
    }

    #[test]
    fn errors_when_devices_or_users_cannot_be_listed() {
        let mut s = snapshot();
        let mut u = user("u", &[]);
        u.mfa_devices = Fetched::Error(ApiError::new("iam:ListMFADevices", "AccessDenied", ""));
        s.iam.users = Fetched::Ok(vec![u]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
        s.iam.users = Fetched::Error(ApiError::new("iam:ListUsers", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
