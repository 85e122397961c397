//! # awslambda_function_inside_vpc
//!
//! ## Description
//!
//! Checks that Lambda functions are attached to a VPC.
//!
//! AWS FSBP Lambda.3. Every function of each scanned region is reported, as in Prowler; a
//! function with a VPC configuration passes.
//!
//! ## Risk
//!
//! A function outside any VPC reaches the internet directly and cannot be confined by
//! security groups, network ACLs, VPC endpoints or flow logs: exfiltration from a
//! compromised function goes unseen by the network controls.
//!
//! ## Remediation
//!
//! Attach the function to private subnets of a VPC with security groups that allow only
//! the traffic it needs, and VPC endpoints or a NAT gateway for the AWS services it calls.
//!
//! `aws lambda update-function-configuration --function-name <function> --vpc-config
//! SubnetIds=<subnet-a>,<subnet-b>,SecurityGroupIds=<sg>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-3
//! - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html

use kestrel_model::{Finding, Severity, Status};

use super::run_function_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "awslambda_function_inside_vpc",
        title: "Lambda function runs inside a VPC",
        service: "awslambda",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsLambdaFunction",
        categories: &["trust-boundaries"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[kestrel_model::lambda::LIST_FUNCTIONS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_function_check(scan, emit, CHECK.meta.id, |f, _, _| {
        Some(match f.vpc_id.as_deref() {
            Some(vpc) => (
                Status::Pass,
                format!("Lambda function {} is inside of VPC {vpc}", f.name),
            ),
            None => (
                Status::Fail,
                format!("Lambda function {} is not inside a VPC", f.name),
            ),
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{lambda::LambdaFunction, Fetched};

    #[test]
    fn fail_outside_pass_inside() {
        let mut s = snapshot();
        let f = |name: &str, vpc: Option<&str>| LambdaFunction {
            name: name.into(),
            vpc_id: vpc.map(String::from),
            ..Default::default()
        };
        region(&mut s).lambda.functions = Fetched::Ok(vec![f("a", None), f("b", Some("vpc-1"))]);
        let out = run(&CHECK, &s);
        assert_eq!(statuses(&out), [Status::Fail, Status::Pass]);
        assert_eq!(
            out[0].status_extended,
            "Lambda function a is not inside a VPC"
        );
        assert_eq!(
            out[1].status_extended,
            "Lambda function b is inside of VPC vpc-1"
        );
    }
}
