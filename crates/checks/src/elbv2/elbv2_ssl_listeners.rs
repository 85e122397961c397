//! # elbv2_ssl_listeners
//!
//! ## Description
//!
//! Checks that application load balancers serve only HTTPS, or redirect plain HTTP to
//! HTTPS.
//!
//! AWS FSBP ELB.1. Only application load balancers are reported, as in Prowler. An HTTP
//! listener passes when one of its rules redirects to HTTPS; a listener whose rules could
//! not be read makes the load balancer an ERROR.
//!
//! ## Risk
//!
//! Plain HTTP exposes requests, session cookies and credentials to anyone on the path, and
//! lets them be altered in transit.
//!
//! ## Remediation
//!
//! Serve the application on an HTTPS listener with an ACM certificate, and make the HTTP
//! listener's default action a permanent redirect to HTTPS.
//!
//! `aws elbv2 modify-listener --listener-arn <http-listener> --default-actions
//! 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2_ssl_listeners",
        title: "Application load balancer serves HTTPS only, or redirects HTTP to HTTPS",
        service: "elbv2",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsElbv2LoadBalancer",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::elbv2::DESCRIBE_LOAD_BALANCERS,
            kestrel_model::elbv2::DESCRIBE_LISTENERS,
            kestrel_model::elbv2::DESCRIBE_RULES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(lbs) = collected(
            &r.elbv2.load_balancers,
            id,
            region,
            scan.account_id(),
            "",
            emit,
        ) else {
            continue;
        };
        'lbs: for lb in lbs.iter().filter(|lb| lb.lb_type == "application") {
            let Some(listeners) = collected(&lb.listeners, id, region, &lb.name, &lb.arn, emit)
            else {
                continue;
            };
            let mut status = Status::Pass;
            let mut text = format!("ELBv2 ALB {} has HTTPS listeners only.", lb.name);
            for l in listeners.iter().filter(|l| l.protocol == "HTTP") {
                let Some(redirects) =
                    collected(&l.redirects_to_https, id, region, &lb.name, &lb.arn, emit)
                else {
                    continue 'lbs;
                };
                if *redirects {
                    text = format!(
                        "ELBv2 ALB {} has HTTP listener but it redirects to HTTPS.",
                        lb.name
                    );
                } else {
                    status = Status::Fail;
                    text = format!("ELBv2 ALB {} has non-encrypted listeners.", lb.name);
                }
            }
            emit(Finding::new(id, status, region, &lb.name, &lb.arn, text).with_tags(&lb.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{elbv2::Listener, elbv2::LoadBalancer, ApiError, Fetched, Snapshot};

    fn snap(listeners: Vec<Listener>) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).elbv2.load_balancers = Fetched::Ok(vec![LoadBalancer {
            name: "lb".into(),
            lb_type: "application".into(),
            listeners: Fetched::Ok(listeners),
            ..Default::default()
        }]);
        s
    }

    fn listener(protocol: &str, redirects: Fetched<bool>) -> Listener {
        Listener {
            protocol: protocol.into(),
            redirects_to_https: redirects,
            ..Default::default()
        }
    }

    #[test]
    fn verdicts() {
        let f = run(
            &CHECK,
            &snap(vec![listener("HTTPS", Fetched::NotCollected)]),
        );
        assert_eq!(
            f[0].status_extended,
            "ELBv2 ALB lb has HTTPS listeners only."
        );
        let f = run(&CHECK, &snap(vec![listener("HTTP", Fetched::Ok(false))]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "ELBv2 ALB lb has non-encrypted listeners."
        );
        let f = run(
            &CHECK,
            &snap(vec![
                listener("HTTP", Fetched::Ok(true)),
                listener("HTTPS", Fetched::NotCollected),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "ELBv2 ALB lb has HTTP listener but it redirects to HTTPS."
        );
    }

    #[test]
    fn error_when_rules_cannot_be_read() {
        let denied = ApiError::new("elasticloadbalancing:DescribeRules", "AccessDenied", "");
        let f = run(
            &CHECK,
            &snap(vec![listener("HTTP", Fetched::Error(denied))]),
        );
        assert_eq!(statuses(&f), [Status::Error]);
    }
}
