//! API Gateway REST (v1) and HTTP/WebSocket (v2) APIs (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const GET: Action = Action::new("apigateway:GET", 1);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiGateway {
    /// REST APIs (API Gateway v1).
    pub rest_apis: Fetched<Vec<RestApi>>,
    /// HTTP and WebSocket APIs (API Gateway v2).
    pub http_apis: Fetched<Vec<HttpApi>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RestApi {
    pub id: String,
    pub name: String,
    pub arn: String,
    pub stages: Vec<RestStage>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RestStage {
    pub name: String,
    pub arn: String,
    /// The `*/*` method setting's logging level (`OFF`, `ERROR`, `INFO`), if any.
    pub logging_level: Option<String>,
    /// GetStages `methodSettings`: the `loggingLevel` of every method setting of the
    /// stage (`*/*` and per-method overrides), in any order.
    pub method_logging_levels: Vec<String>,
    /// The client certificate API Gateway presents to the backend, if any.
    pub client_certificate_id: Option<String>,
    /// The AWS WAF web ACL associated with the stage, if any.
    pub web_acl_arn: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HttpApi {
    pub id: String,
    pub name: String,
    pub arn: String,
    pub protocol: String,
    pub stages: Vec<HttpStage>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HttpStage {
    pub name: String,
    pub access_log_destination: Option<String>,
}
