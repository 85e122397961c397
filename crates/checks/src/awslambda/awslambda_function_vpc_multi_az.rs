//! # awslambda_function_vpc_multi_az
//!
//! ## Description
//!
//! Checks that a Lambda function attached to a VPC has subnets in at least two
//! Availability Zones (the setting lambda_min_azs, Prowler's name and default).
//!
//! AWS Security Hub control Lambda.5. A function outside any VPC fails here, unless
//! awslambda_function_inside_vpc runs in the same scan and already fails it (Prowler's
//! rule, so one gap is reported once).
//!
//! ## Risk
//!
//! A VPC function whose subnets sit in one zone stops running when that zone has an
//! outage, even though Lambda itself could run it elsewhere.
//!
//! ## Remediation
//!
//! Add subnets from other Availability Zones to the function's VPC configuration (with
//! routes and security groups that match the existing ones).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-5

use std::collections::BTreeSet;

use kestrel_model::{Finding, Severity, Status};

use super::run_function_check;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "awslambda_function_vpc_multi_az",
        title: "Lambda function in a VPC spans several Availability Zones",
        service: "awslambda",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsLambdaFunction",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
        ],
        needs: &[
            kestrel_model::lambda::LIST_FUNCTIONS,
            kestrel_model::ec2::DESCRIBE_SUBNETS,
        ],
    },
    run,
};

const INSIDE_VPC: &str = "awslambda_function_inside_vpc";

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let min = scan.settings.lambda_min_azs;
    let reported_elsewhere = scan.runs(INSIDE_VPC);
    run_function_check(scan, emit, id, |f, (region, r), emit| {
        let Some(vpc) = f.vpc_id.as_deref() else {
            return (!reported_elsewhere).then(|| {
                (
                    Status::Fail,
                    format!("Lambda function {} is not inside a VPC.", f.name),
                )
            });
        };
        let subnets = collected(&r.ec2.subnets, id, region, &f.name, &f.arn, emit)?;
        let zones: BTreeSet<&str> = subnets
            .iter()
            .filter(|s| f.vpc_subnet_ids.contains(&s.id))
            .map(|s| s.availability_zone.as_str())
            .collect();
        let list = zones.iter().copied().collect::<Vec<_>>().join(", ");
        Some(if zones.len() >= min {
            (
                Status::Pass,
                format!(
                    "Lambda function {} is inside of VPC {vpc} that spans in at least {min} AZs: {list}.",
                    f.name
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "Lambda function {} is inside of VPC {vpc} that spans only in {} AZs: {list}. Must span in at least {min} AZs.",
                    f.name,
                    zones.len()
                ),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{ec2::Subnet, lambda::LambdaFunction, ApiError, Fetched, Snapshot};

    fn snap(subnets: &[&str]) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.ec2.subnets = Fetched::Ok(
            [
                ("subnet-a", "us-east-1a"),
                ("subnet-b", "us-east-1b"),
                ("subnet-c", "us-east-1a"),
            ]
            .iter()
            .map(|(id, az)| Subnet {
                id: id.to_string(),
                availability_zone: az.to_string(),
                ..Default::default()
            })
            .collect(),
        );
        r.lambda.functions = Fetched::Ok(vec![LambdaFunction {
            name: "fn".into(),
            vpc_id: (!subnets.is_empty()).then(|| "vpc-1".to_string()),
            vpc_subnet_ids: subnets.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }]);
        s
    }

    #[test]
    fn pass_with_subnets_in_two_zones() {
        let f = run(&CHECK, &snap(&["subnet-a", "subnet-b"]));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Lambda function fn is inside of VPC vpc-1 that spans in at least 2 AZs: us-east-1a, us-east-1b."
        );
    }

    #[test]
    fn fail_with_subnets_in_one_zone() {
        let f = run(&CHECK, &snap(&["subnet-a", "subnet-c"]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0]
            .status_extended
            .contains("spans only in 1 AZs: us-east-1a."));
        let three = Settings {
            lambda_min_azs: 3,
            ..Settings::default()
        };
        let f = run_with(&CHECK, &snap(&["subnet-a", "subnet-b"]), &three);
        assert_eq!(statuses(&f), [Status::Fail]);
    }

    #[test]
    fn outside_a_vpc_fails_unless_the_inside_vpc_check_runs() {
        let s = snap(&[]);
        // No selection: every check runs, the inside-VPC one included.
        assert!(run(&CHECK, &s).is_empty());
        let settings = Settings::default();
        let alone = [&CHECK];
        let both = [
            &CHECK,
            &crate::awslambda::awslambda_function_inside_vpc::CHECK,
        ];
        let collect = |sel: &[&'static Check]| {
            let scan = Scan::new(&s, &settings, 0).with_selection(sel);
            let mut out = Vec::new();
            (CHECK.run)(&scan, &mut |f| out.push(f));
            out
        };
        let f = collect(&alone);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Lambda function fn is not inside a VPC."
        );
        assert!(collect(&both).is_empty());
    }

    #[test]
    fn error_when_subnets_are_unreadable() {
        let mut s = snap(&["subnet-a"]);
        region(&mut s).ec2.subnets = Fetched::Error(ApiError::new(
            "ec2:DescribeSubnets",
            "UnauthorizedOperation",
            "",
        ));
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "fn");
    }
}
