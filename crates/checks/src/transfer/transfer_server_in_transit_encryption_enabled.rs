//! # transfer_server_in_transit_encryption_enabled
//!
//! ## Description
//!
//! Checks that no AWS Transfer Family server accepts plain FTP: SFTP, FTPS and AS2 only.
//!
//! AWS Security Hub control Transfer.2.
//!
//! ## Risk
//!
//! FTP sends user names, passwords and files in clear text: anyone on the network path
//! reads or alters them.
//!
//! ## Remediation
//!
//! Remove FTP from the server's protocols and move its users to SFTP or FTPS.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/transfer/latest/userguide/edit-server-config.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/transfer-controls.html#transfer-2

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "transfer_server_in_transit_encryption_enabled",
        title: "Transfer Family server does not accept plain FTP",
        service: "transfer",
        subservice: "",
        severity: Severity::High,
        resource_type: "Other",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls",
            "Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS",
            "Software and Configuration Checks/Industry and Regulatory Standards/HIPAA Controls (USA)",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::transfer::LIST_SERVERS,
            kestrel_model::transfer::DESCRIBE_SERVER,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(servers) = collected(&r.transfer.servers, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for s in servers {
            let Some(protocols) = collected(&s.protocols, id, region, &s.id, &s.arn, emit) else {
                continue;
            };
            let (status, text) = if protocols.iter().any(|p| p == "FTP") {
                (
                    Status::Fail,
                    format!(
                        "Transfer Server {} does not have encryption in transit enabled.",
                        s.id
                    ),
                )
            } else {
                (
                    Status::Pass,
                    format!(
                        "Transfer Server {} does have encryption in transit enabled.",
                        s.id
                    ),
                )
            };
            emit(Finding::new(id, status, region, &s.id, &s.arn, text).with_tags(&s.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{transfer::Server, ApiError, Fetched};

    #[test]
    fn fail_only_with_ftp() {
        let mut s = snapshot();
        let srv = |id: &str, p: &[&str]| Server {
            id: id.into(),
            protocols: Fetched::Ok(p.iter().map(|x| x.to_string()).collect()),
            ..Default::default()
        };
        region(&mut s).transfer.servers = Fetched::Ok(vec![
            srv("s-1", &["SFTP"]),
            srv("s-2", &["FTPS", "FTP"]),
            srv("s-3", &[]),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Pass]);
        assert_eq!(
            f[1].status_extended,
            "Transfer Server s-2 does not have encryption in transit enabled."
        );
    }

    #[test]
    fn error_when_undescribed() {
        let mut s = snapshot();
        region(&mut s).transfer.servers = Fetched::Ok(vec![Server {
            id: "s-1".into(),
            protocols: Fetched::Error(ApiError::new(
                "transfer:DescribeServer",
                "AccessDeniedException",
                "",
            )),
            ..Default::default()
        }]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
