//! `--explain`: the resolved chain, one line per hop, on standard error. Never a secret:
//! access keys are shortened to their first and last four characters.

use std::time::SystemTime;

use kestrel_auth::{Resolved, Resolver};

pub fn render(resolver: &Resolver, resolved: &Resolved) -> String {
    let settings = resolver.sts_settings();
    let mut out = format!(
        "credential chain for profile \"{}\" (region {}, STS endpoint {}):\n",
        resolver.profile(),
        settings.region,
        settings.endpoint_for_messages()
    );
    for (i, step) in resolved.steps.iter().enumerate() {
        let mut parts = vec![format!("{:>2}. {}", i + 1, step.source)];
        if let Some(p) = &step.profile {
            parts.push(format!("profile {p}"));
        }
        if let Some(r) = &step.role_arn {
            parts.push(format!("role {r}"));
        }
        if let Some(s) = &step.session_name {
            parts.push(format!("session {s}"));
        }
        if let Some(n) = &step.note {
            parts.push(n.clone());
        }
        if !step.access_key_hint.is_empty() {
            parts.push(format!("key {}", step.access_key_hint));
        }
        if let Some(a) = &step.assumed_arn {
            parts.push(format!("-> {a}"));
        }
        match step.expiration {
            Some(e) => parts.push(format!(
                "expires {} ({})",
                kestrel_model::time::rfc3339(kestrel_model::time::epoch(e)),
                left(e)
            )),
            None => {
                if step.source != "assume-role" {
                    parts.push("no expiry".into());
                }
            }
        }
        if step.role_arn.is_some() && step.source != "sso" {
            parts.push(if step.from_cache {
                "[from cache]".into()
            } else if resolver.cache().enabled() {
                "[fetched, cached]".into()
            } else {
                "[fetched, cache off]".into()
            });
        }
        out.push_str(&parts.join("  "));
        out.push('\n');
    }
    out
}

fn left(t: SystemTime) -> String {
    match t.duration_since(SystemTime::now()) {
        Ok(d) => {
            let m = d.as_secs() / 60;
            if m >= 60 {
                format!("in {}h{:02}m", m / 60, m % 60)
            } else {
                format!("in {m}m")
            }
        }
        Err(_) => "expired".into(),
    }
}
