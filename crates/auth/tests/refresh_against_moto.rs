//! Refresh during a long run, against a real moto server: the provider re-walks the
//! chain from the source when the session is about to expire, reuses a still-valid MFA
//! session from the disk cache without asking, and fails clearly (instead of hanging)
//! when a new code would be needed and nobody can type it.
//!
//! moto_server comes from the project's test virtualenv (`./scripts/test` creates it);
//! `KESTREL_MOTO_SERVER` can point elsewhere.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kestrel_auth::mfa::{FixedPrompter, TerminalPrompter};
use kestrel_auth::{AuthError, Env, RefreshingProvider, ResolveOptions, Resolver, RoleOptions};

struct Moto {
    child: Child,
    url: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn moto_server_path() -> PathBuf {
    if let Ok(p) = std::env::var("KESTREL_MOTO_SERVER") {
        return p.into();
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/moto_server");
    assert!(
        venv.exists(),
        "moto_server not found at {}: run the tests with ./scripts/test (or set KESTREL_MOTO_SERVER)",
        venv.display()
    );
    venv
}

fn start_moto() -> Moto {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(moto_server_path())
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start moto_server");
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "moto did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Moto { child, url }
}

fn env_for(home: &Path, moto: &Moto) -> Env {
    Env::from_pairs([
        ("HOME", home.to_str().unwrap()),
        ("AWS_CONFIG_FILE", home.join("config").to_str().unwrap()),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            home.join("credentials").to_str().unwrap(),
        ),
        ("AWS_ENDPOINT_URL", moto.url.as_str()),
        ("AWS_DEFAULT_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ])
}

const CONFIG: &str = "[profile base]\naws_access_key_id = AKIDBASE0000000001\naws_secret_access_key = base-secret\n\
[profile mfa]\nrole_arn = arn:aws:iam::111111111111:role/mfa-role\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n";

#[tokio::test(flavor = "multi_thread")]
async fn short_sessions_are_refreshed_from_the_source() {
    let moto = start_moto();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("config"), CONFIG).unwrap();
    let opts = ResolveOptions {
        profile: Some("base".into()),
        role: Some(RoleOptions {
            role_arn: "arn:aws:iam::222222222222:role/Audit".into(),
            duration_seconds: Some(900),
            ..Default::default()
        }),
        ..Default::default()
    };
    let resolver = Resolver::new(
        &opts,
        env_for(home.path(), &moto),
        Arc::new(FixedPrompter::default()),
    )
    .unwrap();
    let first = resolver.resolve(false).await.unwrap();
    // A 900 s session always has less than 16 minutes left: every call refreshes.
    let provider = RefreshingProvider::with_margin(resolver, &first, Duration::from_secs(16 * 60));
    let again = provider.credentials().await.unwrap();
    assert_eq!(provider.refresh_count(), 1);
    assert_ne!(
        again.access_key_id, first.credentials.access_key_id,
        "a new session was assumed"
    );

    // The SDK uses the provider: a real signed call through it works.
    let conf = aws_sdk_sts::Config::builder()
        .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
        .region(aws_sdk_sts::config::Region::new("us-east-1"))
        .endpoint_url(&moto.url)
        .credentials_provider(provider.clone())
        .build();
    let id = aws_sdk_sts::Client::from_conf(conf)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(id.account(), Some("222222222222"));
    assert!(id
        .arn()
        .unwrap()
        .ends_with(":assumed-role/Audit/KestrelAssessmentSession"));
    assert!(provider.refresh_count() >= 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn long_sessions_are_not_refreshed_early() {
    let moto = start_moto();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("config"), CONFIG).unwrap();
    let opts = ResolveOptions {
        profile: Some("base".into()),
        role: Some(RoleOptions {
            role_arn: "arn:aws:iam::222222222222:role/Audit".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    let resolver = Resolver::new(
        &opts,
        env_for(home.path(), &moto),
        Arc::new(FixedPrompter::default()),
    )
    .unwrap();
    let first = resolver.resolve(false).await.unwrap();
    let provider = RefreshingProvider::new(resolver, &first);
    let again = provider.credentials().await.unwrap();
    assert_eq!(provider.refresh_count(), 0);
    assert_eq!(again.access_key_id, first.credentials.access_key_id);
}

#[tokio::test(flavor = "multi_thread")]
async fn mfa_session_is_reused_from_cache_then_refresh_needs_a_terminal() {
    let moto = start_moto();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("config"), CONFIG).unwrap();
    let opts = ResolveOptions {
        profile: Some("mfa".into()),
        ..Default::default()
    };
    let env = env_for(home.path(), &moto);
    let prompter = Arc::new(FixedPrompter {
        codes: std::sync::Mutex::new(vec!["123456".into()]),
        serial: None,
    });
    let resolver = Resolver::new(&opts, env.clone(), prompter.clone()).unwrap();
    let first = resolver.resolve(false).await.unwrap();
    assert!(
        prompter.codes.lock().unwrap().is_empty(),
        "the one code was used"
    );

    // Refresh while the cached MFA session (one hour) is still valid for the disk cache
    // (more than 15 minutes left): no code is asked.
    let provider = RefreshingProvider::with_margin(resolver, &first, Duration::from_secs(61 * 60));
    let again = provider.credentials().await.unwrap();
    assert_eq!(
        again.access_key_id, first.credentials.access_key_id,
        "reused from the disk cache"
    );
    assert_eq!(provider.refresh_count(), 1);

    // Once the cached session is gone, a new code is needed; with no terminal attached
    // that is a clear error, not a hang on standard input.
    let no_terminal = Resolver::new(
        &opts,
        env,
        Arc::new(TerminalPrompter {
            tty: "/nonexistent/tty".into(),
        }),
    )
    .unwrap();
    no_terminal.cache().clear().unwrap();
    let started = Instant::now();
    let err = no_terminal.resolve(true).await.unwrap_err();
    assert_eq!(err, AuthError::MfaRefreshNeedsCode);
    assert!(started.elapsed() < Duration::from_secs(5));
}
