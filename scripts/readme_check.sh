#!/usr/bin/env bash
# Run the README's first set-up command exactly as README.md prints it, in a fresh copy of the
# repository with a fresh venv and that venv's own pip (the one Python 3.11 ships), then ingest
# a text file, a web page, a feed and a crawl and run every `$ newstally ...` line of the README's
# tour. Fails if any step fails. scripts/test.sh runs it, so CI does.
#
# The command is read out of README.md (the first fenced block under "## Set up"), never copied.
# One change is made to it: its last step `newstally demo` serves the web UI until stopped, so it
# runs as `newstally demo --no-serve` (same ingest, then it prints the URL and exits).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/newstally-readme.XXXXXX")
trap 'rm -rf "$work"' EXIT

command=$(python3 - "$root/README.md" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text.split("\n## Set up", 1)[1]
block = re.search(r"```\n(.*?)\n```", section, re.S)
if not block:
    sys.exit("README.md: no fenced command under '## Set up'")
print(block.group(1).strip())
PY
)
case "$command" in
    *"newstally demo") command="$command --no-serve" ;;
    *) echo "readme_check: the set-up command no longer ends with 'newstally demo': $command" >&2
       exit 1 ;;
esac

# A fresh copy of the tracked files as they are now (with ../shared beside it, as in CI).
mkdir "$work/repo"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$work/repo"
ln -s "$root/../shared" "$work/shared"
cd "$work/repo"
echo "readme_check: $command"
PIP_DISABLE_PIP_VERSION_CHECK=1 bash -euo pipefail -c "$command"

venv="$work/repo/.venv/bin"
echo "readme_check: pip in the venv was $("$venv/pip" --version | cut -d' ' -f1-2)"

# One input of each kind, invented here.
mkdir "$work/in"
cat > "$work/in/flood.txt" <<'TXT'
AUREL, Valdoria (Wire) — At least 14 people were killed and 30 injured when the Ostra river
burst its banks on Monday, the regional governor said.
TXT
cat > "$work/in/bridge.html" <<'HTML'
<html><head><title>Bridge crash</title></head><body><article><p>Three people were injured when
a lorry struck the Kesh bridge on Tuesday, police in the invented town of Kesh said.</p>
<p>The bridge stays closed while engineers inspect it.</p></article></body></html>
HTML
cat > "$work/in/feed.xml" <<'XML'
<?xml version="1.0"?><rss version="2.0"><channel><title>Lantern</title>
<item><title>Storm hits coast</title><link>https://lantern.example/storm</link>
<pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate>
<description>Two people died and nine were hurt as the storm reached the invented coast of
Marel, the coast guard said on Tuesday.</description></item></channel></rss>
XML
"$venv/python" - "$work/in/crawl.warc.gz" <<'PY'
import io, sys
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
body = (b"<html><head><title>Mine collapse</title></head><body><article><p>Rescuers said"
        b" 11 miners were missing after a collapse in the invented Orsk mine on Sunday.</p>"
        b"</article></body></html>")
with open(sys.argv[1], "wb") as out:
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://lantern.example/mine", "response",
                        payload=io.BytesIO(body), http_headers=headers))
PY
for input in flood.txt bridge.html feed.xml crawl.warc.gz; do
    "$venv/newstally" ingest --db "$work/inputs.db" "$work/in/$input"
done

# Every `$ newstally ...` line of the README, in order, from the copy's root.
python3 - "$root/README.md" > "$work/tour.txt" <<'PY'
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("$ newstally "):
        print(line[2:].strip())
PY
[ -s "$work/tour.txt" ] || { echo "readme_check: README has no '\$ newstally' tour lines" >&2; exit 1; }
while IFS= read -r line; do
    echo "readme_check: $line"
    # shellcheck disable=SC2086  # the README line is split into words as a shell would
    (PATH="$venv:$PATH" bash -euo pipefail -c "$line" > /dev/null)
done < "$work/tour.txt"
echo "readme_check: ok"
