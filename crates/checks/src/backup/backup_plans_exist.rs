//! # backup_plans_exist
//!
//! ## Description
//!
//! Checks that the account has at least one AWS Backup plan in the scanned regions. One
//! finding for the account: PASS on the first plan found; FAIL when there is none but
//! backup vaults exist (someone uses AWS Backup without a schedule); no finding when the
//! account uses AWS Backup not at all, as in Prowler.
//!
//! The FAIL is reported in the first scanned region.
//!
//! ## Risk
//!
//! Without a backup plan nothing is backed up on a schedule: data lost to deletion,
//! corruption or ransomware is gone for good.
//!
//! ## Remediation
//!
//! Create a backup plan with rules for frequency and retention and assign the resources to
//! protect (by tag or by ARN).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/aws-backup/latest/devguide/about-backup-plans.html
//! - https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "backup_plans_exist",
        title: "AWS Backup has at least one backup plan",
        service: "backup",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsBackupBackupPlan",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[
            kestrel_model::backup::LIST_BACKUP_PLANS,
            kestrel_model::backup::LIST_BACKUP_VAULTS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    let mut any_vault = false;
    let mut unreadable = false;
    for (region, r) in scan.regions() {
        // Emit nothing yet: an ERROR only matters when no plan is found anywhere.
        let mut held = Vec::new();
        let plans = collected(&r.backup.plans, id, region, account, "", &mut |f| {
            held.push(f)
        });
        if let Some(p) = plans.and_then(|p| p.first()) {
            emit(Finding::new(
                id,
                Status::Pass,
                region,
                &p.name,
                &p.arn,
                format!("At least one Backup Plan exists: {}.", p.name),
            ));
            return;
        }
        let vaults = collected(&r.backup.vaults, id, region, account, "", &mut |f| {
            held.push(f)
        });
        any_vault |= vaults.is_some_and(|v| !v.is_empty());
        unreadable |= !held.is_empty();
    }
    let region = scan.global_region();
    if unreadable {
        // Some region could not be read and none has a plan: the answer is unknown.
        for (region, r) in scan.regions() {
            collected(&r.backup.plans, id, region, account, "", emit);
            collected(&r.backup.vaults, id, region, account, "", emit);
        }
    } else if any_vault {
        emit(Finding::new(
            id,
            Status::Fail,
            region,
            account,
            &crate::util::arn(scan.partition(), "backup", region, account, "backup-plan"),
            "No Backup Plan exist.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{
        backup::{Plan, Vault},
        ApiError, Fetched, Snapshot,
    };

    fn snap(plans: Fetched<Vec<Plan>>, vaults: Fetched<Vec<Vault>>) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.backup.plans = plans;
        r.backup.vaults = vaults;
        s
    }

    fn vault() -> Vault {
        Vault {
            name: "v".into(),
            ..Default::default()
        }
    }

    #[test]
    fn pass_on_the_first_plan() {
        let plan = Plan {
            name: "daily".into(),
            arn: "arn:aws:backup:us-east-1:123456789012:backup-plan:1".into(),
        };
        let f = run(&CHECK, &snap(Fetched::Ok(vec![plan]), Fetched::Ok(vec![])));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "daily");
        assert_eq!(
            f[0].status_extended,
            "At least one Backup Plan exists: daily."
        );
    }

    #[test]
    fn fail_with_vaults_but_no_plan() {
        let f = run(
            &CHECK,
            &snap(Fetched::Ok(vec![]), Fetched::Ok(vec![vault()])),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "123456789012");
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:backup:us-east-1:123456789012:backup-plan"
        );
    }

    #[test]
    fn nothing_when_backup_is_unused() {
        assert!(run(&CHECK, &snap(Fetched::Ok(vec![]), Fetched::Ok(vec![]))).is_empty());
    }

    #[test]
    fn error_only_when_no_plan_settles_it() {
        let denied = || {
            Fetched::Error(ApiError::new(
                "backup:ListBackupPlans",
                "AccessDeniedException",
                "",
            ))
        };
        let f = run(&CHECK, &snap(denied(), Fetched::Ok(vec![vault()])));
        assert_eq!(statuses(&f), [Status::Error]);
        let vaults_denied = Fetched::Error(ApiError::new(
            "backup:ListBackupVaults",
            "AccessDeniedException",
            "",
        ));
        let f = run(&CHECK, &snap(Fetched::Ok(vec![]), vaults_denied));
        assert_eq!(statuses(&f), [Status::Error]);
    }
}
