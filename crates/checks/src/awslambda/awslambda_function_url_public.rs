//! # awslambda_function_url_public
//!
//! ## Description
//!
//! Checks that Lambda function URLs require IAM authentication.
//!
//! Functions without a function URL are not reported, as in Prowler. A URL with auth type
//! NONE fails, whatever the function's resource policy says: anyone who knows the URL can
//! call it unless the policy or the code stops them.
//!
//! ## Risk
//!
//! An unauthenticated URL exposes the function to the whole internet: its logic, the data
//! it returns and the permissions of its role can be reached and abused, and every call
//! is billed.
//!
//! ## Remediation
//!
//! Set the URL's auth type to AWS_IAM and grant lambda:InvokeFunctionUrl only to the
//! principals that need it, or put the function behind API Gateway with an authorizer.
//!
//! `aws lambda update-function-url-config --function-name <function> --auth-type AWS_IAM`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
//! - https://docs.aws.amazon.com/lambda/latest/dg/lambda-urls.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "awslambda_function_url_public",
        title: "Lambda function URL requires IAM authentication",
        service: "awslambda",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsLambdaFunction",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::lambda::LIST_FUNCTIONS,
            kestrel_model::lambda::GET_FUNCTION_URL_CONFIG,
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
            let Some(url) = collected(&f.url_auth_type, id, region, &f.name, &f.arn, emit) else {
                continue;
            };
            let Some(auth) = url.as_deref() else {
                continue;
            };
            let (status, text) = if auth == "AWS_IAM" {
                (
                    Status::Pass,
                    format!(
                        "Lambda function {} does not have a publicly accessible function URL.",
                        f.name
                    ),
                )
            } else {
                (
                    Status::Fail,
                    format!(
                        "Lambda function {} has a publicly accessible function URL.",
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

    #[test]
    fn fail_open_url_pass_iam_skip_without_url_error_unreadable() {
        let mut s = snapshot();
        let f = |name: &str, url: Fetched<Option<String>>| LambdaFunction {
            name: name.into(),
            url_auth_type: url,
            ..Default::default()
        };
        region(&mut s).lambda.functions = Fetched::Ok(vec![
            f("open", Fetched::Ok(Some("NONE".into()))),
            f("iam", Fetched::Ok(Some("AWS_IAM".into()))),
            f("none", Fetched::Ok(None)),
            f(
                "denied",
                Fetched::Error(ApiError::new(
                    "lambda:GetFunctionUrlConfig",
                    "AccessDeniedException",
                    "",
                )),
            ),
        ]);
        let out = run(&CHECK, &s);
        assert_eq!(statuses(&out), [Status::Fail, Status::Pass, Status::Error]);
        assert_eq!(
            out[0].status_extended,
            "Lambda function open has a publicly accessible function URL."
        );
    }
}
