//! # ec2_transitgateway_auto_accept_vpc_attachments
//!
//! ## Description
//!
//! Checks that transit gateways do not accept shared VPC attachments automatically.
//!
//! AWS FSBP EC2.23. One finding per transit gateway the region lists, as in Prowler.
//!
//! ## Risk
//!
//! With automatic acceptance, any account the gateway is shared with can attach its VPCs
//! and route into every network behind the gateway, without anyone reviewing the request.
//!
//! ## Remediation
//!
//! Turn automatic acceptance off and accept attachment requests one by one.
//!
//! `aws ec2 modify-transit-gateway --transit-gateway-id <tgw> --options
//! AutoAcceptSharedAttachments=disable`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-23
//! - https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_transitgateway_auto_accept_vpc_attachments",
        title: "Transit gateway does not accept shared VPC attachments automatically",
        service: "ec2",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEc2TransitGateway",
        categories: &["trust-boundaries"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "TTPs/Lateral Movement",
        ],
        needs: &[kestrel_model::ec2::DESCRIBE_TRANSIT_GATEWAYS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(gateways) = collected(
            &r.ec2.transit_gateways,
            id,
            region,
            scan.account_id(),
            "",
            emit,
        ) else {
            continue;
        };
        for g in gateways {
            let (status, text) = if g.auto_accept_shared_attachments {
                (
                    Status::Fail,
                    format!("Transit Gateway {} in region {region} is configured to automatically accept shared VPC attachments.", g.id),
                )
            } else {
                (
                    Status::Pass,
                    format!("Transit Gateway {} in region {region} does not automatically accept shared VPC attachments.", g.id),
                )
            };
            emit(Finding::new(id, status, region, &g.id, &g.arn, text).with_tags(&g.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::TransitGateway, Fetched};

    #[test]
    fn fail_auto_accept_pass_otherwise() {
        let mut s = snapshot();
        let tgw = |id: &str, auto| TransitGateway {
            id: id.into(),
            auto_accept_shared_attachments: auto,
            ..Default::default()
        };
        region(&mut s).ec2.transit_gateways =
            Fetched::Ok(vec![tgw("tgw-1", true), tgw("tgw-2", false)]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Transit Gateway tgw-1 in region us-east-1 is configured to automatically accept shared VPC attachments."
        );
    }
}
