//! # ec2_instance_paravirtual_type
//!
//! ## Description
//!
//! Checks that EC2 instances use hardware virtual machine (HVM) virtualization rather than
//! paravirtual (PV).
//!
//! AWS FSBP EC2.24. One finding per instance, terminated ones aside, as in Prowler; an
//! instance whose virtualization type is not `paravirtual` passes.
//!
//! ## Risk
//!
//! Paravirtual instances run on previous-generation instance types and AMIs that no longer
//! get the hardware security features (Nitro isolation, enhanced networking, newer CPU
//! mitigations) of current ones, and their images are rarely patched.
//!
//! ## Remediation
//!
//! Rebuild the workload from an HVM AMI on a current instance type, then retire the
//! paravirtual instance.
//!
//! `aws ec2 describe-images --image-ids <ami>` shows `VirtualizationType`; launch the
//! replacement with `aws ec2 run-instances --image-id <hvm-ami> --instance-type <type>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-24
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/virtualization_types.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::instance_in_scope;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_instance_paravirtual_type",
        title: "EC2 instance uses HVM virtualization, not paravirtual",
        service: "ec2",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsEc2Instance",
        categories: &["node-security"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[kestrel_model::ec2::DESCRIBE_INSTANCES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(instances) = collected(&r.ec2.instances, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for i in instances.iter().filter(|i| instance_in_scope(i)) {
            let (status, kind) = if i.virtualization_type.as_deref() == Some("paravirtual") {
                (Status::Fail, "paravirtual")
            } else {
                (Status::Pass, "HVM")
            };
            let text = format!(
                "EC2 Instance {} virtualization type is set to {kind}.",
                i.id
            );
            emit(Finding::new(id, status, region, &i.id, &i.arn, text).with_tags(&i.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::Instance, Fetched};

    #[test]
    fn fail_paravirtual_pass_hvm_skip_terminated() {
        let mut s = snapshot();
        let i = |id: &str, state: &str, v: Option<&str>| Instance {
            id: id.into(),
            state: state.into(),
            virtualization_type: v.map(String::from),
            ..Default::default()
        };
        region(&mut s).ec2.instances = Fetched::Ok(vec![
            i("i-1", "running", Some("paravirtual")),
            i("i-2", "running", Some("hvm")),
            i("i-3", "stopped", None),
            i("i-4", "terminated", Some("paravirtual")),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "EC2 Instance i-1 virtualization type is set to paravirtual."
        );
        assert_eq!(
            f[1].status_extended,
            "EC2 Instance i-2 virtualization type is set to HVM."
        );
    }
}
