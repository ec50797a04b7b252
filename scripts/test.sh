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
# The tests write and remove many thousands of small files and folders (sites, caches, work
# folders): on a tmpfs that is a matter of seconds, on a disk it can be minutes of waiting
# (an ext4 mounted with `discard` removes each file in a few milliseconds). So where TMPDIR
# is not set and /dev/shm is a tmpfs with 2 GiB free, their temporary folders go there.
if [ -z "${TMPDIR:-}" ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] \
        && [ "$(df -Pk /dev/shm | awk 'NR == 2 {print $4}')" -ge $((2 * 1024 * 1024)) ]; then
    export TMPDIR="/dev/shm/policyhub-tests-$(id -u)"
    mkdir -p -m 700 "$TMPDIR"
fi
exec .venv/bin/python -m pytest -n auto "$@"
