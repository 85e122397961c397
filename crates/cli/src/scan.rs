//! `kestrel aws`: the listings (`--list-checks`, …), then a saved inventory, one
//! account ([`crate::account`]) or many ([`crate::multi`]); the exit code is 3 when
//! something fails, unless `-z`.
//!
//! The modules of the command point one way: `scan` → `multi` → `account` →
//! `reports`/`targets` → `args`.

use std::io::IsTerminal;
use std::time::Instant;

use crate::account::{evaluate_and_report, load_inventory, print_outcome, scan_account, verdict};
use crate::args::ScanArgs;
use crate::select;
use crate::Failure;

pub async fn run(args: ScanArgs) -> Result<u8, Failure> {
    args.validate()?;
    let selection = args.selection();
    if args.list_services {
        print!("{}", select::list_services());
        return Ok(0);
    }
    if args.list_compliance {
        print!("{}", select::list_compliance());
        return Ok(0);
    }
    if !args.list_compliance_requirements.is_empty() {
        print!(
            "{}",
            select::list_requirements(&args.list_compliance_requirements)?
        );
        return Ok(0);
    }
    let checks = selection.resolve()?;
    if args.list_checks {
        print!("{}", select::list_checks(&checks));
        return Ok(0);
    }
    let interactive = std::io::stderr().is_terminal();
    let limit = kestrel_inventory::limit(args.max_concurrency as usize);

    if let Some(path) = &args.inventory {
        let started = Instant::now();
        let snapshot = load_inventory(path)?;
        let outcome = evaluate_and_report(&args, &checks, &snapshot, 0, started)?;
        print_outcome(&outcome);
        return Ok(verdict(&args, &outcome.summary));
    }
    match crate::targets::targets(&args).await? {
        None => {
            let outcome = scan_account(&args, &checks, None, limit, interactive).await?;
            print_outcome(&outcome);
            Ok(verdict(&args, &outcome.summary))
        }
        Some(targets) => crate::multi::run_all(&args, &checks, targets, limit).await,
    }
}
