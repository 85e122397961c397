# Sourced by the project's scripts: where builds and the Python test tools live.
# - Cargo's target directory is kept outside the clone (reused by later runs and by CI
#   on the same machine); override with CARGO_TARGET_DIR.
# - The Python tools (moto server, the AWS CLI, pytest), pinned in
#   tests/requirements.txt, go into a virtualenv keyed by that file's hash.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/kestrel/target}
REQ_HASH=$(sha1sum "$ROOT/tests/requirements.txt" | cut -c1-12)
VENV=${KESTREL_VENV:-$HOME/.cache/kestrel/venv-$REQ_HASH}

ensure_venv() {
  if [ ! -x "$VENV/bin/moto_server" ] || [ ! -x "$VENV/bin/aws" ] || [ ! -x "$VENV/bin/pytest" ]; then
    echo "== installing Python test tools into $VENV (moto, awscli, pytest)"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/tests/requirements.txt"
  fi
  export KESTREL_MOTO_SERVER="$VENV/bin/moto_server"
}

# Cargo tools the suite uses (cargo-deny, cargo-fuzz), installed once from crates.io
# at a pinned version into $TOOLS, which is put on PATH.
TOOLS=$HOME/.cache/kestrel/cargo-tools
export PATH=$TOOLS/bin:$PATH
ensure_cargo_tool() {  # crate version
  if [ ! -x "$TOOLS/bin/$1" ]; then
    echo "== installing $1 $2 from crates.io into $TOOLS"
    cargo install "$1" --locked --version "$2" --root "$TOOLS" --quiet
  fi
}
