#!/usr/bin/env bash
# Install everything the tests need into .venv, then run lint, types and the test suite.
# This is the README's second command and what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
# Everything from the hash-pinned lock (scripts/lock.sh refreshes it), then the project itself
# without resolving anything again: what was tested is what gets installed.
python -m pip install -q --no-deps --require-hashes -r requirements/test-lock.txt
python -m pip install -q --no-deps --no-build-isolation -e .

# The browser tests drive Debian's chromium (never a Playwright-downloaded one); install it when
# missing and we may (root, apt available). Without it those tests skip and say why.
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# A throwaway PostgreSQL (installed when missing) for the store tests on that backend; it is
# stopped and deleted when this script exits. Sets NEWSTALLY_TEST_POSTGRES.
. scripts/test-postgres.sh
start_test_postgres

ruff check src tests
mypy src
# Imports flow one way: the contracts in pyproject.toml ([tool.importlinter]).
lint-imports
pytest -q "$@"

# The README's first set-up command, read out of README.md and run as a new user would: fresh
# copy, fresh venv with the pip Python ships, then one input of each kind and the README's tour.
bash scripts/readme_check.sh
