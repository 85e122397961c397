//! # ec2_ami_public
//!
//! ## Description
//!
//! Checks that none of the account's own AMIs can be launched by everyone.
//!
//! One finding per AMI the account owns (deprecated ones included), named by its name
//! when it has one, as in Prowler. Sharing with named accounts or organizations is not
//! public.
//!
//! ## Risk
//!
//! A public image can be launched and inspected by anyone: software, configuration and
//! anything left on its disks (keys, credentials, internal hostnames) become public.
//!
//! ## Remediation
//!
//! Make the image private and share it with the accounts that need it; block public
//! sharing of AMIs for the region.
//!
//! `aws ec2 modify-image-attribute --image-id <ami> --launch-permission
//! "Remove=[{Group=all}]"`, then `aws ec2 enable-image-block-public-access
//! --image-block-public-access-state block-new-sharing`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_ami_public",
        title: "AMI owned by the account is not public",
        service: "ec2",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "Other",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Data Exposure",
        ],
        needs: &[kestrel_model::ec2::DESCRIBE_IMAGES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(images) = collected(&r.ec2.images, id, region, scan.account_id(), "", emit) else {
            continue;
        };
        for i in images {
            let label = if i.name.is_empty() { &i.id } else { &i.name };
            let (status, text) = if i.public {
                (
                    Status::Fail,
                    format!("EC2 AMI {label} is currently public."),
                )
            } else {
                (Status::Pass, format!("EC2 AMI {label} is not public."))
            };
            emit(Finding::new(id, status, region, &i.id, &i.arn, text).with_tags(&i.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::Image, Fetched};

    #[test]
    fn fail_public_pass_private_named_by_name_or_id() {
        let mut s = snapshot();
        region(&mut s).ec2.images = Fetched::Ok(vec![
            Image {
                id: "ami-1".into(),
                name: "golden".into(),
                public: true,
                ..Default::default()
            },
            Image {
                id: "ami-2".into(),
                ..Default::default()
            },
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(f[0].status_extended, "EC2 AMI golden is currently public.");
        assert_eq!(f[1].status_extended, "EC2 AMI ami-2 is not public.");
        assert_eq!(f[1].resource_id, "ami-2");
    }
}
