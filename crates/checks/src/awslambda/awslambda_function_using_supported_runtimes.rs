//! # awslambda_function_using_supported_runtimes
//!
//! ## Description
//!
//! Checks that Lambda functions do not run on a deprecated runtime.
//!
//! AWS FSBP Lambda.2. The deprecated runtimes are the setting `obsolete_lambda_runtimes`,
//! with Prowler's name and default list (Python up to 3.8, Node.js up to 16, Java 8, Go
//! 1.x, .NET up to 7, Ruby up to 2.7, the first custom runtime). Functions deployed as
//! container images have no runtime and are not reported, as in Prowler.
//!
//! ## Risk
//!
//! A deprecated runtime gets no security patches for its language runtime or operating
//! system, and AWS eventually blocks updates to functions that use it, leaving known
//! vulnerabilities in production.
//!
//! ## Remediation
//!
//! Move the function to a supported runtime version, test it, and deploy it.
//!
//! `aws lambda update-function-configuration --function-name <function> --runtime
//! <runtime>` (for example `python3.12` or `nodejs20.x`).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2
//! - https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "awslambda_function_using_supported_runtimes",
        title: "Lambda function runs on a supported runtime",
        service: "awslambda",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsLambdaFunction",
        categories: &[],
        check_type: &[
            "Software and Configuration Checks/Patch Management",
            "Software and Configuration Checks/AWS Security Best Practices",
        ],
        needs: &[kestrel_model::lambda::LIST_FUNCTIONS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let obsolete = &scan.settings.obsolete_lambda_runtimes;
    for (region, r) in scan.regions() {
        let Some(functions) =
            collected(&r.lambda.functions, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for f in functions {
            let Some(runtime) = f.runtime.as_deref().filter(|r| !r.is_empty()) else {
                continue;
            };
            let (status, text) = if obsolete.iter().any(|o| o == runtime) {
                (
                    Status::Fail,
                    format!(
                        "Lambda function {} is using {runtime} which is obsolete.",
                        f.name
                    ),
                )
            } else {
                (
                    Status::Pass,
                    format!(
                        "Lambda function {} is using {runtime} which is supported.",
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
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{lambda::LambdaFunction, Fetched, Snapshot};

    fn snap(runtimes: &[Option<&str>]) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).lambda.functions = Fetched::Ok(
            runtimes
                .iter()
                .enumerate()
                .map(|(i, r)| LambdaFunction {
                    name: format!("f{i}"),
                    runtime: r.map(String::from),
                    ..Default::default()
                })
                .collect(),
        );
        s
    }

    #[test]
    fn fail_obsolete_pass_supported_skip_images() {
        let f = run(
            &CHECK,
            &snap(&[Some("python3.8"), Some("python3.12"), None]),
        );
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Lambda function f0 is using python3.8 which is obsolete."
        );
        assert_eq!(
            f[1].status_extended,
            "Lambda function f1 is using python3.12 which is supported."
        );
    }

    #[test]
    fn the_list_is_a_setting() {
        let settings = Settings {
            obsolete_lambda_runtimes: vec!["python3.12".into()],
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &snap(&[Some("python3.12")]), &settings)),
            [Status::Fail]
        );
    }
}
