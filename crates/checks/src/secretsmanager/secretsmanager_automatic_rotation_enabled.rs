//! # secretsmanager_automatic_rotation_enabled
//!
//! ## Description
//!
//! Checks that each Secrets Manager secret has automatic rotation turned on.
//!
//! The setting is ListSecrets' RotationEnabled; how often the secret rotates is not
//! judged here, as in Prowler.
//!
//! ## Risk
//!
//! A secret that never changes stays useful to whoever copied it, for as long as the
//! credential lives: a leaked database password or API key keeps working.
//!
//! ## Remediation
//!
//! Configure rotation for the secret with a rotation function (AWS provides ones for RDS,
//! Redshift and DocumentDB credentials) and a schedule that fits the credential.
//!
//! `aws secretsmanager rotate-secret --secret-id <secret> --rotation-lambda-arn
//! <function-arn> --rotation-rules AutomaticallyAfterDays=30`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
//! - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_turn-on-for-other.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "secretsmanager_automatic_rotation_enabled",
        title: "Secrets Manager secret has rotation enabled",
        service: "secretsmanager",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsSecretsManagerSecret",
        categories: &["secrets"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls (USA)",
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST CSF Controls (USA)",
        ],
        needs: &[kestrel_model::secretsmanager::LIST_SECRETS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(secrets) = collected(
            &r.secretsmanager.secrets,
            id,
            region,
            scan.account_id(),
            "",
            emit,
        ) else {
            continue;
        };
        for s in secrets {
            let Some(attrs) = collected(&s.attributes, id, region, &s.name, &s.arn, emit) else {
                continue;
            };
            let (status, text) = if attrs.get("RotationEnabled").map(String::as_str) == Some("true")
            {
                (
                    Status::Pass,
                    format!("SecretsManager secret {} has rotation enabled.", s.name),
                )
            } else {
                (
                    Status::Fail,
                    format!("SecretsManager secret {} has rotation disabled.", s.name),
                )
            };
            emit(Finding::new(id, status, region, &s.name, &s.arn, text).with_tags(&s.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched, ResourceWithPolicy};

    fn secret(name: &str, rotation: Option<&str>) -> ResourceWithPolicy {
        ResourceWithPolicy {
            name: name.into(),
            arn: format!("arn:aws:secretsmanager:us-east-1:123456789012:secret:{name}-AbCdEf"),
            attributes: Fetched::Ok(
                rotation
                    .map(|r| ("RotationEnabled".to_string(), r.to_string()))
                    .into_iter()
                    .collect(),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn rotation_on_passes_off_or_absent_fails() {
        let mut s = snapshot();
        region(&mut s).secretsmanager.secrets = Fetched::Ok(vec![
            secret("rotated", Some("true")),
            secret("static", Some("false")),
            secret("never-set", None),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "SecretsManager secret rotated has rotation enabled."
        );
    }

    #[test]
    fn error_when_secrets_cannot_be_listed() {
        let mut s = snapshot();
        region(&mut s).secretsmanager.secrets = Fetched::Error(ApiError::new(
            "secretsmanager:ListSecrets",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
