//! Lambda functions (regional).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_FUNCTIONS: Action = Action::new("lambda:ListFunctions", 1);
pub const GET_POLICY: Action = Action::new("lambda:GetPolicy", 0);
pub const GET_FUNCTION_URL_CONFIG: Action = Action::new("lambda:GetFunctionUrlConfig", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Lambda {
    pub functions: Fetched<Vec<LambdaFunction>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LambdaFunction {
    pub name: String,
    pub arn: String,
    pub runtime: Option<String>,
    /// The VPC it runs in, when it has a VPC configuration.
    pub vpc_id: Option<String>,
    /// The security groups of its VPC configuration.
    pub vpc_security_group_ids: Vec<String>,
    /// The subnets of its VPC configuration.
    pub vpc_subnet_ids: Vec<String>,
    pub policy: Fetched<Option<Value>>,
    /// The function URL's auth type (`AWS_IAM` or `NONE`); None without a URL.
    pub url_auth_type: Fetched<Option<String>>,
    pub tags: Tags,
}
