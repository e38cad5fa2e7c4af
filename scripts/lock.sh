#!/usr/bin/env bash
# Regenerate the hash-pinned locks from pyproject.toml. Run after changing a dependency:
#     pip install pip-tools && bash scripts/lock.sh
# requirements/lock.txt      what `newstally` needs at run time (the README's first command)
# requirements/test-lock.txt that plus the test extras (scripts/test.sh, what CI runs)
# Both are for CPython 3.11; tests/test_lock.py fails when pyproject.toml names a package the
# locks do not pin.
set -euo pipefail
cd "$(dirname "$0")/.."
common=(--quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url
        --no-emit-find-links --resolver=backtracking)
python -m piptools compile "${common[@]}" -o requirements/lock.txt pyproject.toml
python -m piptools compile "${common[@]}" --extra test -o requirements/test-lock.txt pyproject.toml
