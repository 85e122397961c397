//! # iam_root_hardware_mfa_enabled
//!
//! ## Description
//!
//! Checks that the AWS account root user is protected by a hardware MFA device: MFA is
//! enabled in the account summary and no virtual MFA device is assigned to the root user.
//!
//! CIS 2.6. The account summary's `AccountMFAEnabled` says whether root has MFA; a virtual
//! device assigned to `arn:…:root` means it is not hardware. As in Prowler, only the
//! commercial partition is checked (GovCloud and China root users differ) and a root user
//! without any credentials gets no finding. A report without a root row gets a MANUAL
//! finding.
//!
//! ## Risk
//!
//! A virtual MFA on a personal phone can be lost, backed up to the cloud, cloned or leave
//! the company with its owner, weakening the last protection of the most privileged
//! identity.
//!
//! ## Remediation
//!
//! Replace the root user's virtual MFA device with a hardware MFA device (TOTP token or
//! FIDO security key) kept in a controlled location, or remove root credentials with
//! centralized root access.
//!
//! The swap is made while signed in as the root user, under Security credentials.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-hw-mfa-for-root.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{
    col, credential_report, missing_root_row, org_manages_root, root_credentials, root_row,
    CREDENTIAL_REPORT,
};
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_root_hardware_mfa_enabled",
        title: "Root account has a hardware MFA device enabled",
        service: "iam",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsIamUser",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[
            CREDENTIAL_REPORT[0],
            CREDENTIAL_REPORT[1],
            kestrel_model::iam::GET_ACCOUNT_SUMMARY,
            kestrel_model::iam::LIST_VIRTUAL_MFA_DEVICES,
            kestrel_model::iam::LIST_ORGANIZATIONS_FEATURES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    if scan.partition() != "aws" {
        return;
    }
    let region = scan.global_region();
    let mfa_arn = format!(
        "arn:{}:iam:{region}:{}:mfa",
        scan.partition(),
        scan.account_id()
    );
    let Some(rows) = credential_report(scan, id, emit) else {
        return;
    };
    let Some(root) = root_row(rows) else {
        emit(missing_root_row(scan, id, "the root user's MFA device"));
        return;
    };
    if root_credentials(root).is_empty() {
        return;
    }
    let root_id = col(root, "user");
    let Some(summary) = collected(
        &scan.snapshot.iam.account_summary,
        id,
        region,
        root_id,
        &mfa_arn,
        emit,
    ) else {
        return;
    };
    let org = org_manages_root(scan);
    let (status, text) = if summary.get("AccountMFAEnabled").copied().unwrap_or(0) > 0 {
        let Some(devices) = collected(
            &scan.snapshot.iam.virtual_mfa_devices,
            id,
            region,
            root_id,
            &mfa_arn,
            emit,
        ) else {
            return;
        };
        let virtual_on_root = devices
            .iter()
            .any(|d| d.user_arn.as_deref().is_some_and(|a| a.ends_with(":root")));
        match (virtual_on_root, org) {
            (true, true) => (Status::Fail, "Root account has credentials with virtual MFA instead of hardware MFA despite organizational root management being enabled."),
            (true, false) => (Status::Fail, "Root account has a virtual MFA instead of a hardware MFA device enabled."),
            (false, true) => (Status::Pass, "Root account has credentials with hardware MFA enabled. Consider removing individual root credentials since organizational root management is active."),
            (false, false) => (Status::Pass, "Root account has a hardware MFA device enabled."),
        }
    } else if org {
        (
            Status::Fail,
            "Root account has credentials without MFA despite organizational root management being enabled.",
        )
    } else {
        (Status::Fail, "MFA is not enabled for root account.")
    };
    emit(Finding::new(id, status, region, root_id, &mfa_arn, text));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::testrows::{user, with};
    use crate::iam::ROOT_USER;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::VirtualMfaDevice, Fetched, Snapshot};

    fn snap(mfa_enabled: i64, virtual_root: bool) -> Snapshot {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Ok(vec![user(ROOT_USER)]);
        s.iam.account_summary =
            Fetched::Ok([("AccountMFAEnabled".to_string(), mfa_enabled)].into());
        let mut devices = vec![VirtualMfaDevice {
            serial_number: "arn:aws:iam::123456789012:mfa/alice".into(),
            user_arn: Some("arn:aws:iam::123456789012:user/alice".into()),
        }];
        if virtual_root {
            devices.push(VirtualMfaDevice {
                serial_number: "arn:aws:iam::123456789012:mfa/root-account-mfa-device".into(),
                user_arn: Some("arn:aws:iam::123456789012:root".into()),
            });
        }
        s.iam.virtual_mfa_devices = Fetched::Ok(devices);
        s
    }

    #[test]
    fn pass_with_hardware_mfa() {
        let f = run(&CHECK, &snap(1, false));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_arn, "arn:aws:iam:us-east-1:123456789012:mfa");
    }

    #[test]
    fn fail_with_virtual_or_no_mfa() {
        let f = run(&CHECK, &snap(1, true));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.contains("virtual MFA"));
        let f = run(&CHECK, &snap(0, false));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "MFA is not enabled for root account.");
    }

    #[test]
    fn scope_partition_and_root_row() {
        let mut s = snap(1, true);
        s.account.partition = "aws-us-gov".into();
        assert!(run(&CHECK, &s).is_empty());
        let mut s = snap(1, true);
        s.iam.credential_report = Fetched::Ok(vec![with(user("bob"), &[])]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Manual]);
    }

    #[test]
    fn error_when_devices_not_listed() {
        let mut s = snap(1, false);
        s.iam.virtual_mfa_devices = Fetched::NotCollected;
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
