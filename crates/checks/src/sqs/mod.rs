//! sqs checks.

use crate::Check;

pub mod sqs_queues_not_publicly_accessible;

pub const CHECKS: &[&Check] = &[&sqs_queues_not_publicly_accessible::CHECK];

/// The queue URL (Prowler's resource id for queues) from its ARN
/// `arn:<partition>:sqs:<region>:<account>:<name>`:
/// `https://sqs.<region>.amazonaws.com[.cn]/<account>/<name>`. None for a malformed ARN.
pub(crate) fn queue_url(arn: &str) -> Option<String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [_, partition, "sqs", region, account, name] = parts.as_slice() else {
        return None;
    };
    let domain = if *partition == "aws-cn" {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    Some(format!("https://sqs.{region}.{domain}/{account}/{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_urls() {
        assert_eq!(
            queue_url("arn:aws:sqs:eu-west-1:123456789012:jobs.fifo").as_deref(),
            Some("https://sqs.eu-west-1.amazonaws.com/123456789012/jobs.fifo")
        );
        assert_eq!(
            queue_url("arn:aws-cn:sqs:cn-north-1:123456789012:q").as_deref(),
            Some("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q")
        );
        assert_eq!(queue_url("jobs"), None);
    }
}
