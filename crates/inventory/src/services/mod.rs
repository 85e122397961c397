//! One collector per AWS service, one file each, registered in [`SERVICES`].
//!
//! A service's file declares `pub const SERVICE: Service`: its label (progress, logs),
//! the API actions it calls (typed constants from the model, with their dependency
//! depth for the request scheduler), and its collector together with where its data
//! lands in the snapshot ([`global!`] / [`regional!`]). It also declares its SDK client
//! ([`sdk_client!`](crate::sdk_client)). Everything else is derived from the table:
//! which collectors run (a service runs when a selected check needs one of its
//! actions), the progress units, and the actions the inventory knows.

use futures::future::LocalBoxFuture;
use kestrel_model::{Action, Regional, Snapshot};

use crate::collection::Collection;
use crate::Scope;

pub mod accessanalyzer;
pub mod account;
pub mod acm;
pub mod apigateway;
pub mod autoscaling;
pub mod backup;
pub mod cloudfront;
pub mod cloudtrail;
pub mod cloudwatch;
pub mod config;
pub mod dynamodb;
pub mod ec2;
pub mod ecr;
pub mod ecs;
pub mod efs;
pub mod eks;
pub mod elb;
pub mod elbv2;
pub mod emr;
pub mod eventbridge;
pub mod glacier;
pub mod guardduty;
pub mod iam;
pub mod kafka;
pub mod kms;
pub mod lambda;
pub mod logs;
pub mod macie;
pub mod networkfirewall;
pub mod organizations;
pub mod rds;
pub mod s3;
pub mod secretsmanager;
pub mod securityhub;
pub mod sns;
pub mod sqs;
pub mod transfer;
pub mod wafv2;

/// Every service the inventory collects, global ones first.
pub const SERVICES: &[&Service] = &[
    &iam::SERVICE,
    &s3::SERVICE,
    &s3::ACCESS_POINTS,
    &organizations::SERVICE,
    &account::SERVICE,
    &cloudfront::SERVICE,
    &wafv2::CLOUDFRONT_SCOPE,
    &ec2::SERVICE,
    &cloudtrail::SERVICE,
    &cloudwatch::SERVICE,
    &logs::SERVICE,
    &config::SERVICE,
    &kms::SERVICE,
    &rds::SERVICE,
    &efs::SERVICE,
    &accessanalyzer::SERVICE,
    &securityhub::SERVICE,
    &macie::SERVICE,
    &lambda::SERVICE,
    &apigateway::SERVICE,
    &elbv2::SERVICE,
    &eventbridge::SERVICE,
    &glacier::SERVICE,
    &secretsmanager::SERVICE,
    &sns::SERVICE,
    &sqs::SERVICE,
    &ecs::SERVICE,
    &ecr::SERVICE,
    &eks::SERVICE,
    &elb::SERVICE,
    &acm::SERVICE,
    &backup::SERVICE,
    &kafka::SERVICE,
    &emr::SERVICE,
    &autoscaling::SERVICE,
    &networkfirewall::SERVICE,
    &dynamodb::SERVICE,
    &guardduty::SERVICE,
    &transfer::SERVICE,
    &wafv2::SERVICE,
];

/// Actions called outside any service's collector: the region list.
const OTHER_ACTIONS: &[Action] = &[kestrel_model::ec2::DESCRIBE_REGIONS];

/// A collector and what it needs.
pub struct Service {
    /// Its name in progress and logs (`kms`, shown as `kms us-east-1`).
    pub label: &'static str,
    /// Every API action it calls.
    pub actions: &'static [Action],
    pub collect: Collect,
    /// Runs on the whole snapshot once every region is in (CloudTrail copies a trail's
    /// status from its home region to its shadow copies).
    pub after: Option<fn(&mut Snapshot)>,
}

/// Applies a collector's result to the snapshot (or to its region).
pub type Landing<T> = Box<dyn FnOnce(&mut T)>;

/// How a service is collected: once per account, or once per region.
pub enum Collect {
    Global(for<'a> fn(&'a Collection) -> LocalBoxFuture<'a, Landing<Snapshot>>),
    Regional(for<'a> fn(&'a Collection, &'a str) -> LocalBoxFuture<'a, Landing<Regional>>),
}

impl Service {
    pub fn is_global(&self) -> bool {
        matches!(self.collect, Collect::Global(_))
    }

    fn selected(&self, scope: &Scope) -> bool {
        self.actions.iter().any(|a| scope.needs(*a))
    }
}

/// A global collector: `global!(collect => field)` runs `collect(&Collection)` and
/// stores its result in `snapshot.field`.
#[macro_export]
macro_rules! global {
    ($collect:path => $field:ident) => {{
        fn run(
            c: &$crate::collection::Collection,
        ) -> futures::future::LocalBoxFuture<'_, $crate::services::Landing<kestrel_model::Snapshot>>
        {
            Box::pin(async move {
                let v = $collect(c).await;
                Box::new(move |s: &mut kestrel_model::Snapshot| s.$field = v)
                    as $crate::services::Landing<kestrel_model::Snapshot>
            })
        }
        $crate::services::Collect::Global(run)
    }};
}

/// A regional collector: `regional!(collect => field)` runs `collect(&Collection,
/// region)` in every scanned region and stores its result in `regional[region].field`.
#[macro_export]
macro_rules! regional {
    ($collect:path => $field:ident) => {{
        fn run<'a>(
            c: &'a $crate::collection::Collection,
            region: &'a str,
        ) -> futures::future::LocalBoxFuture<'a, $crate::services::Landing<kestrel_model::Regional>>
        {
            Box::pin(async move {
                let v = $collect(c, region).await;
                Box::new(move |r: &mut kestrel_model::Regional| r.$field = v)
                    as $crate::services::Landing<kestrel_model::Regional>
            })
        }
        $crate::services::Collect::Regional(run)
    }};
}

/// The services the scope needs, in table order.
pub fn selected(scope: &Scope) -> Vec<&'static Service> {
    SERVICES
        .iter()
        .copied()
        .filter(|s| s.selected(scope))
        .collect()
}

/// Every action the inventory calls.
pub fn known_actions() -> impl Iterator<Item = Action> {
    SERVICES
        .iter()
        .flat_map(|s| s.actions.iter().copied())
        .chain(OTHER_ACTIONS.iter().copied())
}

/// Whether some service declares `action`.
pub fn known(action: Action) -> bool {
    known_actions().any(|a| a == action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_a_check_needs_is_collected() {
        let missing: Vec<String> = kestrel_checks::all()
            .iter()
            .flat_map(|c| c.meta.needs.iter().map(move |a| (c.meta.id, *a)))
            .filter(|(_, a)| !known(*a))
            .map(|(id, a)| format!("{id} needs {a}"))
            .collect();
        assert!(
            missing.is_empty(),
            "not collected by the inventory: {missing:#?}"
        );
    }

    #[test]
    fn labels_and_actions_are_declared_once() {
        let mut labels: Vec<&str> = SERVICES.iter().map(|s| s.label).collect();
        labels.sort();
        let n = labels.len();
        labels.dedup();
        assert_eq!(n, labels.len(), "a label is used twice");
        let mut actions: Vec<Action> = known_actions().collect();
        actions.sort();
        let n = actions.len();
        actions.dedup();
        assert_eq!(n, actions.len(), "an action is declared by two services");
        for s in SERVICES {
            assert!(!s.actions.is_empty(), "{} declares no actions", s.label);
        }
    }

    #[test]
    fn a_service_runs_when_one_of_its_actions_is_needed() {
        let scope = |actions: &[Action]| Scope {
            actions: actions.iter().map(|a| a.key()).collect(),
            limit: crate::Limit::new(1),
        };
        let labels = |s: &Scope| selected(s).iter().map(|s| s.label).collect::<Vec<_>>();
        assert_eq!(
            labels(&scope(&[kestrel_model::kms::GET_KEY_POLICY])),
            ["kms"]
        );
        assert_eq!(
            labels(&scope(&[
                kestrel_model::iam::LIST_USERS,
                kestrel_model::sqs::LIST_QUEUES
            ])),
            ["iam", "sqs"]
        );
        // Classic and v2 load balancing share IAM names, and the two WAF scopes their
        // calls: each collector runs only for its own.
        assert_eq!(
            labels(&scope(&[kestrel_model::elbv2::DESCRIBE_LOAD_BALANCERS])),
            ["elbv2"]
        );
        assert_eq!(
            labels(&scope(&[kestrel_model::elb::DESCRIBE_LOAD_BALANCERS])),
            ["elb"]
        );
        assert_eq!(
            labels(&scope(&[kestrel_model::wafv2::LIST_WEB_ACLS])),
            ["wafv2"]
        );
        // The region list is not a service.
        assert!(labels(&scope(&[kestrel_model::ec2::DESCRIBE_REGIONS])).is_empty());
        assert!(iam::SERVICE.is_global() && !kms::SERVICE.is_global());
    }
}
