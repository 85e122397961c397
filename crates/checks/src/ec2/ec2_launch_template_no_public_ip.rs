//! # ec2_launch_template_no_public_ip
//!
//! ## Description
//!
//! Checks that no version of a launch template gives the instances it launches a public IP
//! address, either by asking for one on a network interface or by attaching an existing
//! interface that has one.
//!
//! AWS FSBP EC2.25. Every version of every template is read, as in Prowler, and the FAIL
//! names the versions at fault. An existing interface counts as public when it has a
//! public IPv4 address or an IPv6 address (Prowler also counts a private address taken
//! from public address space, which kestrel does not see). Versions that cannot be read
//! make the template an ERROR, where Prowler passes it.
//!
//! ## Risk
//!
//! Every instance launched from such a version, by hand or by an Auto Scaling group, is
//! reachable from the internet as soon as a security group lets traffic in.
//!
//! ## Remediation
//!
//! Create a new version without public addressing, make it the default, and delete the
//! versions that assign public addresses.
//!
//! `aws ec2 create-launch-template-version --launch-template-id <lt> --source-version <n>
//! --launch-template-data '{"NetworkInterfaces":[{"DeviceIndex":0,"AssociatePublicIpAddress":false}]}'`,
//! then `aws ec2 modify-launch-template --launch-template-id <lt> --default-version <new>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-25
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-launch-templates.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_launch_template_no_public_ip",
        title: "Launch template versions do not give instances public IP addresses",
        service: "ec2",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEc2LaunchTemplate",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[
            kestrel_model::ec2::DESCRIBE_LAUNCH_TEMPLATES,
            kestrel_model::ec2::DESCRIBE_LAUNCH_TEMPLATE_VERSIONS,
            kestrel_model::ec2::DESCRIBE_NETWORK_INTERFACES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let Some(templates) = collected(&r.ec2.launch_templates, id, region, account, "", emit)
        else {
            continue;
        };
        if templates.is_empty() {
            continue;
        }
        let Some(enis) = collected(&r.ec2.network_interfaces, id, region, account, "", emit) else {
            continue;
        };
        for t in templates {
            let Some(versions) = collected(&t.versions, id, region, &t.id, &t.arn, emit) else {
                continue;
            };
            let public_eni = |eni_id: &String| {
                enis.iter().any(|e| {
                    &e.id == eni_id
                        && (e.public_ip.as_deref().is_some_and(|ip| !ip.is_empty())
                            || !e.ipv6_addresses.is_empty())
                })
            };
            let auto: Vec<String> = versions
                .iter()
                .filter(|v| v.associate_public_ip)
                .map(|v| v.number.to_string())
                .collect();
            let via_eni: Vec<String> = versions
                .iter()
                .filter(|v| v.network_interface_ids.iter().any(public_eni))
                .map(|v| v.number.to_string())
                .collect();
            let name = &t.name;
            let auto_text = format!("is configured to assign a public IP address to network interfaces upon launch in template versions: {}", auto.join(", "));
            let eni_text = format!(
                "is using a network interface with public IP addresses in template versions: {}",
                via_eni.join(", ")
            );
            let (status, text) = match (auto.is_empty(), via_eni.is_empty()) {
                (true, true) => (Status::Pass, format!("EC2 Launch Template {name} is neither configured to assign a public IP address to network interfaces upon launch nor using a network interface with public IP addresses.")),
                (false, false) => (Status::Fail, format!("EC2 Launch Template {name} {auto_text} and {eni_text}.")),
                (false, true) => (Status::Fail, format!("EC2 Launch Template {name} {auto_text}.")),
                (true, false) => (Status::Fail, format!("EC2 Launch Template {name} {eni_text}.")),
            };
            emit(Finding::new(id, status, region, &t.id, &t.arn, text).with_tags(&t.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{
        ec2::LaunchTemplate, ec2::LaunchTemplateVersion, ec2::NetworkInterface, ApiError, Fetched,
        Snapshot,
    };

    fn version(number: i64, auto: bool, eni: Option<&str>) -> LaunchTemplateVersion {
        LaunchTemplateVersion {
            number,
            associate_public_ip: auto,
            network_interface_ids: eni.into_iter().map(String::from).collect(),
        }
    }

    fn snap(versions: Fetched<Vec<LaunchTemplateVersion>>) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.ec2.launch_templates = Fetched::Ok(vec![LaunchTemplate {
            id: "lt-1".into(),
            name: "web".into(),
            versions,
            ..Default::default()
        }]);
        r.ec2.network_interfaces = Fetched::Ok(vec![
            NetworkInterface {
                id: "eni-v4".into(),
                public_ip: Some("203.0.113.5".into()),
                ..Default::default()
            },
            NetworkInterface {
                id: "eni-v6".into(),
                ipv6_addresses: vec!["2600:1f18::1".into()],
                ..Default::default()
            },
            NetworkInterface {
                id: "eni-private".into(),
                ..Default::default()
            },
        ]);
        s
    }

    #[test]
    fn fail_names_the_versions_at_fault() {
        let f = run(
            &CHECK,
            &snap(Fetched::Ok(vec![
                version(1, false, None),
                version(2, true, None),
                version(3, false, Some("eni-v4")),
                version(4, true, Some("eni-v6")),
                version(5, false, Some("eni-private")),
            ])),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "lt-1");
        assert_eq!(f[0].status_extended, "EC2 Launch Template web is configured to assign a public IP address to network interfaces upon launch in template versions: 2, 4 and is using a network interface with public IP addresses in template versions: 3, 4.");
        let f = run(
            &CHECK,
            &snap(Fetched::Ok(vec![version(7, false, Some("eni-v6"))])),
        );
        assert_eq!(f[0].status_extended, "EC2 Launch Template web is using a network interface with public IP addresses in template versions: 7.");
    }

    #[test]
    fn pass_without_public_addressing_error_when_versions_unreadable() {
        let f = run(
            &CHECK,
            &snap(Fetched::Ok(vec![version(1, false, Some("eni-private"))])),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        let denied = ApiError::new(
            "ec2:DescribeLaunchTemplateVersions",
            "UnauthorizedOperation",
            "",
        );
        assert_eq!(
            statuses(&run(&CHECK, &snap(Fetched::Error(denied)))),
            [Status::Error]
        );
    }
}
