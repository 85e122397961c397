//! Helpers shared by checks: turning missing data into ERROR findings, resource
//! policies and network rules (dates: `kestrel_model::time`).

use kestrel_model::{ApiError, Fetched, Finding, Status};

pub mod cross_account;
pub mod net;
pub mod policy;
pub mod secrets;

/// The data, or an ERROR finding saying why it is missing (then None).
pub fn collected<'a, T>(
    fetched: &'a Fetched<T>,
    check_id: &str,
    region: &str,
    resource_id: &str,
    resource_arn: &str,
    emit: &mut dyn FnMut(Finding),
) -> Option<&'a T> {
    match fetched {
        Fetched::Ok(v) => Some(v),
        Fetched::Error(e) => {
            emit(error_finding(
                check_id,
                region,
                resource_id,
                resource_arn,
                Some(e),
            ));
            None
        }
        Fetched::NotCollected => {
            emit(error_finding(
                check_id,
                region,
                resource_id,
                resource_arn,
                None,
            ));
            None
        }
    }
}

/// An ERROR finding for data that could not be collected.
pub fn error_finding(
    check_id: &str,
    region: &str,
    resource_id: &str,
    resource_arn: &str,
    err: Option<&ApiError>,
) -> Finding {
    Finding::new(
        check_id,
        Status::Error,
        region,
        resource_id,
        resource_arn,
        could_not_evaluate(err),
    )
}

/// The text of an ERROR finding: why the data is missing (`None`: not collected).
pub fn could_not_evaluate(err: Option<&ApiError>) -> String {
    match err {
        Some(e) => format!("Could not evaluate: {}.", e.describe()),
        None => "Could not evaluate: the data this check needs was not collected (the inventory was saved by a scan that did not select this check: scan again with it selected).".to_string(),
    }
}

/// `arn:<partition>:<service>:<region>:<account>:<resource>`.
pub fn arn(partition: &str, service: &str, region: &str, account: &str, resource: &str) -> String {
    format!("arn:{partition}:{service}:{region}:{account}:{resource}")
}
