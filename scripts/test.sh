#!/usr/bin/env bash
# Runs the test suite in the project's venv. pytest options live in pyproject.toml.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
scripts/dev-env.sh
exec .venv/bin/python -m pytest "$@"
