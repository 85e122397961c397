//! # s3_access_point_public_access_block
//!
//! ## Description
//!
//! Checks that every S3 access point blocks public access with all four of its Block
//! Public Access settings.
//!
//! AWS FSBP S3.19. One finding per access point in each scanned region, as in Prowler. An
//! access point's settings are fixed when it is created.
//!
//! ## Risk
//!
//! An access point without the block can be given a policy that opens its bucket's data
//! to everyone, bypassing the care taken on the bucket itself.
//!
//! ## Remediation
//!
//! Access point settings cannot be changed: create a replacement with every block on,
//! move clients to it, then delete the old one.
//!
//! `aws s3control create-access-point --account-id <account> --name <name> --bucket
//! <bucket> --public-access-block-configuration
//! BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`,
//! then `aws s3control delete-access-point --account-id <account> --name <old>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-19
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-bpa-settings.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_access_point_public_access_block",
        title: "S3 access point blocks all public access",
        service: "s3",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsS3AccessPoint",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::s3::LIST_ACCESS_POINTS,
            kestrel_model::s3::GET_ACCESS_POINT,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(points) = collected(
            &r.s3control.access_points,
            id,
            region,
            scan.account_id(),
            "",
            emit,
        ) else {
            continue;
        };
        for ap in points {
            let Some(block) =
                collected(&ap.public_access_block, id, region, &ap.name, &ap.arn, emit)
            else {
                continue;
            };
            let label = format!("Access Point {} of bucket {}", ap.name, ap.bucket);
            let (status, text) = if block.all() {
                (
                    Status::Pass,
                    format!("{label} does have Public Access Block enabled."),
                )
            } else {
                (
                    Status::Fail,
                    format!("{label} does not have Public Access Block enabled."),
                )
            };
            emit(Finding::new(id, status, region, &ap.name, &ap.arn, text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{s3::AccessPoint, s3::PublicAccessBlock, ApiError, Fetched};

    fn point(name: &str, block: Fetched<PublicAccessBlock>) -> AccessPoint {
        AccessPoint {
            name: name.into(),
            arn: format!("arn:aws:s3:us-east-1:123456789012:accesspoint/{name}"),
            bucket: "data".into(),
            public_access_block: block,
        }
    }

    #[test]
    fn pass_only_with_every_block() {
        let all = PublicAccessBlock {
            block_public_acls: true,
            ignore_public_acls: true,
            block_public_policy: true,
            restrict_public_buckets: true,
        };
        let partial = PublicAccessBlock {
            block_public_policy: false,
            ..all
        };
        let mut s = snapshot();
        region(&mut s).s3control.access_points = Fetched::Ok(vec![
            point("ap-1", Fetched::Ok(all)),
            point("ap-2", Fetched::Ok(partial)),
            point(
                "ap-3",
                Fetched::Error(ApiError::new("s3:GetAccessPoint", "AccessDenied", "")),
            ),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Error]);
        assert_eq!(
            f[0].status_extended,
            "Access Point ap-1 of bucket data does have Public Access Block enabled."
        );
        assert_eq!(
            f[1].status_extended,
            "Access Point ap-2 of bucket data does not have Public Access Block enabled."
        );
    }
}
