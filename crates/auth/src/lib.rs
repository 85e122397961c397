//! kestrel's credential engine: everything the AWS CLI does with `~/.aws/config` and
//! `~/.aws/credentials`, plus Prowler's `-R/-I/-T/--role-session-name/--mfa`.
//!
//! It knows nothing about scanning. The pieces, in the order a run uses them:
//! - [`files`] reads and merges the two shared files ([`ini`] is botocore's INI dialect);
//! - [`plan`] decides, without any network, which source and which role hops apply;
//! - [`resolve`] executes the plan ([`sources`] for the base, [`sts`] for the hops),
//!   with the AWS CLI's disk [`cache`] and [`mfa`] prompts;
//! - [`provider`] hands the result to AWS SDK clients and refreshes it before expiry;
//! - [`net`] is the HTTPS client and timeouts every AWS client of a run shares.
//!
//! The exact semantics are in `../shared/reference/credentials.md`; the README lists
//! where kestrel deliberately differs.

pub mod cache;
pub mod credentials;
pub mod env;
pub mod error;
pub mod files;
pub use kestrel_parse::ini;
pub mod mfa;
pub mod net;
pub mod plan;
pub mod provider;
pub mod pyjson;
pub mod resolve;
pub mod sources;
pub mod sts;
pub mod validate;

pub use credentials::Credentials;
pub use env::Env;
pub use error::AuthError;
pub use provider::RefreshingProvider;
pub use resolve::{ResolveOptions, Resolved, Resolver, RoleOptions, Step};
pub use sts::CallerIdentity;
