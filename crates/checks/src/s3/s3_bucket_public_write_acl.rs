//! # s3_bucket_public_write_acl
//!
//! ## Description
//!
//! Checks that no S3 bucket ACL lets everyone, or any AWS account, write to the bucket or
//! change its ACL, unless Block Public Access neutralises public ACLs.
//!
//! AWS FSBP S3.3. As in Prowler: when the account's Block Public Access ignores public ACLs
//! and restricts public buckets, one PASS for the account. Otherwise each bucket passes
//! when its own block does the same; else a WRITE, WRITE_ACP or FULL_CONTROL grant to the
//! AllUsers or AuthenticatedUsers group fails it, naming the last such grant.
//!
//! ## Risk
//!
//! Anyone can upload, overwrite or delete objects (planting malware in files others
//! download, destroying data, running up storage costs), and with WRITE_ACP take over the
//! bucket's permissions.
//!
//! ## Remediation
//!
//! Remove the public grants, disable ACLs by enforcing bucket-owner object ownership, and
//! turn on Block Public Access.
//!
//! `aws s3api put-bucket-acl --bucket <bucket> --acl private`, then `aws s3api
//! put-bucket-ownership-controls --bucket <bucket> --ownership-controls
//! '{"Rules":[{"ObjectOwnership":"BucketOwnerEnforced"}]}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-3
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html

use kestrel_model::{Finding, Severity};

use crate::s3::{fetched, run_public_bucket_check};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_public_write_acl",
        title: "S3 bucket ACL does not let the public write",
        service: "s3",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsS3Bucket",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "TTPs/Initial Access/Unauthorized Access",
            "Effects/Data Destruction",
        ],
        needs: &[
            kestrel_model::s3::GET_ACCOUNT_PUBLIC_ACCESS_BLOCK,
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_PUBLIC_ACCESS_BLOCK,
            kestrel_model::s3::GET_BUCKET_ACL,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_public_bucket_check(
        scan,
        emit,
        CHECK.meta.id,
        &|b| {
            let grants = fetched(&b.acl_grants)?;
            Ok(grants
                .iter()
                .rev()
                .find(|g| g.is_public() && matches!(g.permission.as_str(), "FULL_CONTROL" | "WRITE" | "WRITE_ACP"))
                .map(|g| {
                    let group = g.uri.as_deref().unwrap_or_default().rsplit('/').next().unwrap_or_default();
                    format!("S3 Bucket {} is writable by anyone due to the bucket ACL: {group} having the {} permission.", b.name, g.permission)
                }))
        },
        &|b| format!("S3 Bucket {} is not publicly writable.", b.name),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s3::tests::{bucket, with_buckets};
    use crate::testkit::{run, statuses};
    use kestrel_model::{s3::AclGrant, s3::Bucket, Fetched, Status};

    fn check(grants: &[(&str, &str)]) -> Vec<Finding> {
        let b = Bucket {
            acl_grants: Fetched::Ok(
                grants
                    .iter()
                    .map(|(group, permission)| AclGrant {
                        grantee_type: "Group".into(),
                        uri: Some(format!("http://acs.amazonaws.com/groups/global/{group}")),
                        permission: permission.to_string(),
                    })
                    .collect(),
            ),
            public_access_block: Fetched::Ok(None),
            ..bucket("b")
        };
        let mut s = with_buckets(vec![b]);
        s.s3.account_public_access_block = Fetched::Ok(None);
        run(&CHECK, &s)
    }

    #[test]
    fn fail_on_public_write_grants() {
        let f = check(&[("AllUsers", "READ"), ("AuthenticatedUsers", "WRITE_ACP")]);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "S3 Bucket b is writable by anyone due to the bucket ACL: AuthenticatedUsers having the WRITE_ACP permission.");
    }

    #[test]
    fn pass_on_read_only_public_grants() {
        let f = check(&[("AllUsers", "READ")]);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b is not publicly writable."
        );
    }
}
