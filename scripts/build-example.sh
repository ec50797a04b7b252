#!/usr/bin/env bash
# Builds the example site from drafts/ and content/ into site/, creating .venv if needed.
# Extra arguments go to `policyhub build` (e.g. --today 2026-11-22, --base-url URL).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

if [ ! -x .venv/bin/python ]; then
    echo "build-example: creating .venv"
    python3 -m venv .venv
fi
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat .venv/.pyproject.sha256 2>/dev/null || true)" != "$want" ] && \
   [ "$(cat .venv/.pyproject-build.sha256 2>/dev/null || true)" != "$want" ]; then
    echo "build-example: pip install -e . (pyproject.toml changed)"
    .venv/bin/python -m pip install -q --disable-pip-version-check -e .
    printf '%s\n' "$want" > .venv/.pyproject-build.sha256
fi
export NO_MKDOCS_2_WARNING=1
.venv/bin/policyhub build --config site_config.yml --out site "$@"
echo "Open site/index.html in a browser, or serve it: python3 -m http.server -d site 8000"
