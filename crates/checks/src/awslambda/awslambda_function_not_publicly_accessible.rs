//! # awslambda_function_not_publicly_accessible
//!
//! ## Description
//!
//! Checks that Lambda function resource-based policies do not grant access to everyone
//! (Principal "*") without a condition restricting the caller's account, organization,
//! source or network.
//!
//! CIS 2.21. Statements that let everyone invoke the function and statements that let
//! everyone manage it both count. A function without a resource-based policy passes.
//!
//! ## Risk
//!
//! A publicly invocable function runs its code with its execution role's permissions on
//! input from anyone, enabling data access or changes through the role, abuse of downstream
//! services, and unbounded cost.
//!
//! ## Remediation
//!
//! Remove public statements from the function policy and grant lambda:InvokeFunction only
//! to specific accounts or services, adding aws:SourceAccount and aws:SourceArn conditions
//! for service principals.
//!
//! `aws lambda remove-permission --function-name <fn> --statement-id <sid>` for each public
//! statement; `aws lambda add-permission` with `--source-account` and `--source-arn` grants
//! a service principal access again.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
//! - https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::{collected, policy};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "awslambda_function_not_publicly_accessible",
        title: "Lambda function resource-based policy does not allow public access",
        service: "awslambda",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsLambdaFunction",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "TTPs/Initial Access",
        ],
        needs: &[
            kestrel_model::lambda::LIST_FUNCTIONS,
            kestrel_model::lambda::GET_POLICY,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(functions) =
            collected(&r.lambda.functions, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for f in functions {
            let Some(pol) = collected(&f.policy, id, region, &f.name, &f.arn, emit) else {
                continue;
            };
            let (status, text) = if pol.as_ref().is_some_and(policy::is_public) {
                (
                    Status::Fail,
                    format!(
                        "Lambda function {} has a resource-based policy with public access.",
                        f.name
                    ),
                )
            } else {
                (
                    Status::Pass,
                    format!(
                        "Lambda function {} has a resource-based policy without public access.",
                        f.name
                    ),
                )
            };
            emit(Finding::new(id, status, region, &f.name, &f.arn, text).with_tags(&f.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{lambda::LambdaFunction, ApiError, Fetched};
    use serde_json::{json, Value};

    fn check(policy: Fetched<Option<Value>>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).lambda.functions = Fetched::Ok(vec![LambdaFunction {
            name: "fn".into(),
            arn: "arn:aws:lambda:us-east-1:123456789012:function:fn".into(),
            policy,
            ..Default::default()
        }]);
        run(&CHECK, &s)
    }

    fn stmt(principal: Value, condition: Option<Value>) -> Fetched<Option<Value>> {
        let mut s = json!({"Sid": "s", "Effect": "Allow", "Principal": principal, "Action": "lambda:InvokeFunction",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fn"});
        if let Some(c) = condition {
            s["Condition"] = c;
        }
        Fetched::Ok(Some(json!({"Version": "2012-10-17", "Statement": [s]})))
    }

    #[test]
    fn fail_when_public() {
        let f = check(stmt(json!("*"), None));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Lambda function fn has a resource-based policy with public access."
        );
        assert_eq!(
            statuses(&check(stmt(json!({"AWS": "*"}), None))),
            [Status::Fail]
        );
    }

    #[test]
    fn pass_when_restricted_or_without_policy() {
        assert_eq!(statuses(&check(Fetched::Ok(None))), [Status::Pass]);
        assert_eq!(
            statuses(&check(stmt(
                json!({"Service": "s3.amazonaws.com"}),
                Some(json!({"StringEquals": {"AWS:SourceAccount": "123456789012"}}))
            ))),
            [Status::Pass]
        );
        assert_eq!(
            statuses(&check(stmt(
                json!("*"),
                Some(
                    json!({"ArnLike": {"AWS:SourceArn": "arn:aws:execute-api:us-east-1:123456789012:abc/*"}})
                )
            ))),
            [Status::Pass]
        );
    }

    #[test]
    fn error_when_policy_denied() {
        let f = check(Fetched::Error(ApiError::new(
            "lambda:GetPolicy",
            "AccessDeniedException",
            "",
        )));
        assert_eq!(statuses(&f), [Status::Error]);
    }
}
