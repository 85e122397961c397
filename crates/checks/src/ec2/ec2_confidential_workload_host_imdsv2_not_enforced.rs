//! # ec2_confidential_workload_host_imdsv2_not_enforced
//!
//! ## Description
//!
//! Checks that EC2 instances running Nitro Enclaves (confidential-workload hosts) require
//! IMDSv2 session tokens for the instance metadata service.
//!
//! CIS 3.0 (Prowler's mapping). A host is an instance with enclaves enabled that is not
//! pending, shutting down or terminated; other instances get no finding. As in Prowler,
//! only HttpTokens is read: a host with the metadata service disabled but tokens optional
//! still fails.
//!
//! ## Risk
//!
//! With IMDSv1 allowed, a server-side request forgery or proxy flaw on the host can read
//! the instance role's credentials, and with them whatever the enclave's parent may reach
//! (KMS keys that release secrets to the enclave among them).
//!
//! ## Remediation
//!
//! Require IMDSv2 on the host, after checking its software uses session tokens.
//!
//! `aws ec2 modify-instance-metadata-options --instance-id <instance> --http-tokens
//! required --http-endpoint enabled`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/enclaves/latest/user/nitro-enclave.html
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::{is_enclave_host, HOST_TRUST_NOTE};
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_confidential_workload_host_imdsv2_not_enforced",
        title: "Confidential-workload host requires IMDSv2",
        service: "ec2",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEc2Instance",
        categories: &["identity-access", "ec2-imdsv1"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "TTPs/Credential Access",
        ],
        needs: &[kestrel_model::ec2::DESCRIBE_INSTANCES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(instances) = collected(&r.ec2.instances, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for i in instances.iter().filter(|i| is_enclave_host(i)) {
            let (status, text) = if i.http_tokens.as_deref() == Some("required") {
                (
                    Status::Pass,
                    format!(
                        "Confidential-workload host {} enforces IMDSv2. {HOST_TRUST_NOTE}",
                        i.id
                    ),
                )
            } else {
                (
                    Status::Fail,
                    format!(
                        "Confidential-workload host {} does not enforce IMDSv2 (HttpTokens={}). {HOST_TRUST_NOTE}",
                        i.id,
                        i.http_tokens.as_deref().unwrap_or("None")
                    ),
                )
            };
            emit(Finding::new(id, status, region, &i.id, &i.arn, text).with_tags(&i.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::Instance, Fetched};

    fn host(id: &str, state: &str, enclaves: bool, tokens: Option<&str>) -> Instance {
        Instance {
            id: id.into(),
            state: state.into(),
            enclaves_enabled: enclaves,
            http_tokens: tokens.map(String::from),
            ..Default::default()
        }
    }

    #[test]
    fn only_enclave_hosts_are_judged() {
        let mut s = snapshot();
        region(&mut s).ec2.instances = Fetched::Ok(vec![
            host("i-1", "running", true, Some("required")),
            host("i-2", "stopped", true, Some("optional")),
            host("i-3", "running", false, Some("optional")),
            host("i-4", "terminated", true, Some("optional")),
            host("i-5", "running", true, None),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Fail]);
        assert!(f[0]
            .status_extended
            .starts_with("Confidential-workload host i-1 enforces IMDSv2. "));
        assert!(f[1].status_extended.contains("(HttpTokens=optional)"));
        assert!(f[2].status_extended.contains("(HttpTokens=None)"));
    }
}
