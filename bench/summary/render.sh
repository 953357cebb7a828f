#!/bin/sh
# render.sh: screenshots of the job summaries in testdata/summary/, rendered
# as GitHub renders them. Needs Node.js, npm and Debian's chromium.
#   UPDATE_GOLDEN=1 go test ./internal/integration -run TestSummary   # the markdown
#   bench/summary/render.sh                                            # the PNGs
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund
node render.mjs ../../testdata/summary/*.md
