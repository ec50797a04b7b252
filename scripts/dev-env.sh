#!/usr/bin/env bash
# Prepares the development/test environment of this repository, idempotently:
#   .venv            (python3 -m venv, if missing)
#   pip install -e '.[test]'   only when pyproject.toml changed since the last install
#   npm ci (node_modules)      only when package-lock.json changed since the last install
# Prints one line per step only when that step does something.
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

sha() { sha256sum "$1" | cut -d' ' -f1; }

for f in pyproject.toml package-lock.json; do
    [ -f "$f" ] || { echo "dev-env: $PWD/$f is missing" >&2; exit 1; }
done

if [ ! -x .venv/bin/python ]; then
    echo "dev-env: creating .venv"
    python3 -m venv .venv
fi

want=$(sha pyproject.toml)
stamp=.venv/.pyproject.sha256
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    echo "dev-env: pip install -e '.[test]' (pyproject.toml changed)"
    .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
    printf '%s\n' "$want" > "$stamp"
fi

want=$(sha package-lock.json)
stamp=node_modules/.lock.sha256
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    echo "dev-env: npm ci (package-lock.json changed)"
    # --ignore-scripts: vnu-jar's postinstall would try to download a JRE.
    # stdout only carries the "added N packages" summary; errors go to stderr.
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
    printf '%s\n' "$want" > "$stamp"
fi
