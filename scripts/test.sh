#!/usr/bin/env bash
# Runs the test suite in the project's venv, on every core (-n auto; pass -n 0 for one
# process). Other pytest options after it; the rest live in pyproject.toml.
#   scripts/test.sh -m "not browser"          the fast run
#   scripts/test.sh --hypothesis-profile ci   the full run (CI=true selects that profile too)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
scripts/dev-env.sh
# Python keeps the compiled code of the checkout (in the ignored __pycache__ folders) even where
# the environment says not to: otherwise each worker compiles and assert-rewrites every test
# module again, and each `python -m generator` a test starts compiles the whole package again.
unset PYTHONDONTWRITEBYTECODE
exec .venv/bin/python -m pytest -n auto "$@"
