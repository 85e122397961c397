//! The accounts of a multi-account run: `--role-name` with `--account-ids`,
//! `--accounts-file` or `--organizations` (ACTIVE accounts, optionally under some OUs),
//! each with the role to assume and the metadata the reports carry.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use kestrel_model::Snapshot;

use crate::args::{ScanArgs, TargetArgs};
use crate::Failure;

/// One account to scan.
#[derive(Debug, Clone)]
pub struct Target {
    pub account_id: String,
    pub role_arn: String,
    pub mfa_serial: Option<String>,
    pub metadata: Option<kestrel_inventory::org::AccountMetadata>,
}

use kestrel_model::is_account_id as valid_account;

/// The account ids given by `--account-ids` and `--accounts-file` (checked).
pub fn listed_accounts(t: &TargetArgs) -> Result<Vec<String>, Failure> {
    let mut ids: Vec<String> = t
        .account_ids
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(path) = &t.accounts_file {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::Usage(format!(
                "cannot read --accounts-file {}: {e}",
                path.display()
            ))
        })?;
        for (n, line) in text.lines().enumerate() {
            let id = line.split('#').next().unwrap_or("").trim();
            if id.is_empty() {
                continue;
            }
            if !valid_account(id) {
                return Err(Failure::Usage(format!(
                    "{}:{}: {} is not a 12-digit AWS account id",
                    path.display(),
                    n + 1,
                    kestrel_auth::validate::shown(id)
                )));
            }
            ids.push(id.to_string());
        }
    }
    for id in ids.iter().chain(&t.exclude_accounts) {
        if !valid_account(id) {
            return Err(Failure::Usage(format!(
                "{} is not a 12-digit AWS account id",
                kestrel_auth::validate::shown(id)
            )));
        }
    }
    Ok(ids)
}

/// Checks the target flags; None for a single-account run.
pub async fn targets(args: &ScanArgs) -> Result<Option<Vec<Target>>, Failure> {
    let t = &args.targets;
    if !t.is_multi() {
        return Ok(None);
    }
    targets_for(&args.auth, t).await.map(Some)
}

pub async fn targets_for(
    auth: &crate::auth_args::AuthArgs,
    t: &TargetArgs,
) -> Result<Vec<Target>, Failure> {
    if auth.role.is_some() {
        return Err(Failure::Usage(
            "-R/--role names one role; for many accounts use --role-name with --account-ids, --accounts-file or --organizations".into(),
        ));
    }
    let Some(role_name) = &t.role_name else {
        return Err(Failure::Usage(
            "--account-ids, --accounts-file and --organizations need --role-name (the role to assume in each account)".into(),
        ));
    };
    let role_name = role_name.trim_start_matches('/');
    if role_name.is_empty() || role_name.contains(':') {
        return Err(Failure::Usage(format!(
            "invalid --role-name {}: a role name or path/name, not an ARN",
            kestrel_auth::validate::shown(role_name)
        )));
    }
    let mut ids = listed_accounts(t)?;
    if !t.organizational_units.is_empty() && !t.organizations {
        return Err(Failure::Usage(
            "--organizational-units needs --organizations".into(),
        ));
    }
    let source = auth.source_resolver()?;
    let mut source_resolved = source.resolve(false).await?;
    let partition = source
        .identity(&mut source_resolved)
        .await?
        .arn
        .split(':')
        .nth(1)
        .unwrap_or("aws")
        .to_string();
    if t.organizations {
        let clients = clients_for(source, &source_resolved, 3);
        let accounts = kestrel_inventory::org::list_accounts(&clients, &t.organizational_units)
            .await
            .map_err(|e| {
                Failure::Other(anyhow::anyhow!(
                    "cannot list the organization's accounts: {}",
                    e.describe()
                ))
            })?;
        for a in accounts {
            if !valid_account(&a.id) {
                return Err(Failure::Other(anyhow::anyhow!(
                    "Organizations listed the account id {}, which is not 12 digits",
                    kestrel_auth::validate::shown(&a.id)
                )));
            }
            ids.push(a.id);
        }
    }
    let excluded: BTreeSet<&String> = t.exclude_accounts.iter().collect();
    let mut seen = BTreeSet::new();
    ids.retain(|id| !excluded.contains(id) && seen.insert(id.clone()));
    if ids.is_empty() {
        return Err(Failure::Usage("no target account left (check --account-ids/--accounts-file/--organizations and --exclude-accounts)".into()));
    }
    // MFA: the device is asked once here; the code once, for one cached session.
    let mfa_serial = if auth.mfa {
        use kestrel_auth::mfa::Prompter;
        Some(kestrel_auth::mfa::TerminalPrompter::default().mfa_serial()?)
    } else {
        None
    };
    let metadata = match &t.organizations_role {
        Some(arn) => {
            kestrel_auth::validate::role_arn(arn)
                .map_err(|e| Failure::Usage(format!("-O: {e}")))?;
            let r = auth.resolver_for_target(arn, mfa_serial.as_deref())?;
            let resolved = r.resolve(false).await?;
            Some(clients_for(r, &resolved, 3))
        }
        None => None,
    };
    let mut out = Vec::new();
    for id in ids {
        let meta = match &metadata {
            Some(c) => match kestrel_inventory::org::account_metadata(c, &id).await {
                Ok(m) => Some(m),
                Err(e) => {
                    eprintln!(
                        "kestrel: warning: no organization metadata for {id}: {}",
                        e.describe()
                    );
                    None
                }
            },
            None => None,
        };
        out.push(Target {
            role_arn: format!("arn:{partition}:iam::{id}:role/{role_name}"),
            account_id: id,
            mfa_serial: mfa_serial.clone(),
            metadata: meta,
        });
    }
    Ok(out)
}

fn clients_for(
    resolver: kestrel_auth::Resolver,
    resolved: &kestrel_auth::Resolved,
    retries: u32,
) -> kestrel_inventory::Clients {
    let env = resolver.env().clone();
    let files = resolver.files().clone();
    let profile = resolver.profile().to_string();
    let provider = kestrel_auth::RefreshingProvider::new(resolver, resolved);
    let lookup: kestrel_inventory::clients::EndpointLookup =
        Arc::new(move |id: &str, key: &str| {
            kestrel_auth::resolve::endpoint_url(&env, &files, &profile, id, key)
        });
    kestrel_inventory::Clients::new(provider, lookup, retries)
}

pub fn apply_metadata(snapshot: &mut Snapshot, m: kestrel_inventory::org::AccountMetadata) {
    let a = &mut snapshot.account;
    a.name = Some(m.name).filter(|s| !s.is_empty());
    a.email = Some(m.email).filter(|s| !s.is_empty());
    a.organization_id = Some(m.organization_id).filter(|s| !s.is_empty());
    a.organization_arn = Some(m.organization_arn).filter(|s| !s.is_empty());
    a.ou_id = m.ou_id;
    a.ou_path = m.ou_path;
    a.tags = m.tags;
}

/// `--save-inventory inv.json` in a multi-account run writes `inv-<account>.json`.
pub fn per_account_path(path: &Path, account: &str, args: &ScanArgs) -> PathBuf {
    if !args.targets.is_multi() {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("inventory");
    let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("json");
    path.with_file_name(format!("{stem}-{account}.{ext}"))
}
