//! S3 checks.

use crate::Check;

pub mod s3_bucket_secure_transport_policy;

pub const CHECKS: &[&Check] = &[&s3_bucket_secure_transport_policy::CHECK];
