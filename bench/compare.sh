#!/usr/bin/env bash
# bench/compare.sh: times ladderlint side by side with reading the same bytes
# (cat) and with markdownlint-cli2 (default rules), on the Sourcegraph handbook
# snapshot and on 10× and 100× replicas of it, and prints medians, ratios and
# peak memory. Run from anywhere in a clone:
#
#   bench/compare.sh                  # 1×, 10×, 100×; markdownlint-cli2 on 1× only
#   SCALES="1 10" MDL_SCALES="1 10" RUNS=5 bench/compare.sh
#
# Needs Go, npm (markdownlint-cli2 is installed into a temporary folder) and,
# when missing, installs hyperfine and GNU time with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
corpus=${CORPUS:-$repo/../shared/corpus/sourcegraph-handbook-snapshot}
scales=${SCALES:-1 10 100}
mdl_scales=${MDL_SCALES-1}
runs=${RUNS:-10}
work=${WORK:-/tmp/ladderlint-bench}
mkdir -p "$work"

if [ ! -d "$corpus" ]; then
  echo "compare.sh: corpus $corpus not found (set CORPUS)" >&2
  exit 2
fi
if ! command -v hyperfine >/dev/null || [ ! -x /usr/bin/time ]; then
  apt-get install -y hyperfine time >/dev/null
fi

echo "building ladderlint" >&2
CGO_ENABLED=0 go build -o "$work/ladderlint" ./cmd/ladderlint
if [ ! -x "$work/npm/node_modules/.bin/markdownlint-cli2" ]; then
  echo "installing markdownlint-cli2 into $work/npm" >&2
  mkdir -p "$work/npm"
  (cd "$work/npm" && npm install --silent --no-audit --no-fund markdownlint-cli2@0.24.1 >/dev/null)
fi
mdl=$work/npm/node_modules/.bin/markdownlint-cli2

# dataset SCALE prints a folder holding SCALE copies of the snapshot's pages.
dataset() {
  if [ "$1" = 1 ]; then echo "$corpus"; return; fi
  local d=$work/replica-$1
  if [ ! -f "$d/.done" ]; then
    rm -rf "$d" && mkdir -p "$d"
    for i in $(seq 1 "$1"); do cp -r "$corpus" "$d/copy$i"; done
    chmod -R u+w "$d" && touch "$d/.done"
  fi
  echo "$d"
}

# median CMD...: hyperfine's median wall time in seconds.
median() {
  hyperfine --style none --runs "$runs" --warmup 1 -i --export-json "$work/h.json" "$@" >/dev/null 2>&1
  jq -r '.results[0].median' "$work/h.json"
}


printf '%-6s %7s %8s %10s %12s %10s %14s %14s %12s\n' scale files MB cat_s ladderlint_s vs_cat mdlint_s mdlint/ladder ll_peak_MiB
for s in $scales; do
  d=$(dataset "$s")
  files=$(find "$d" -name '*.md' | wc -l)
  mb=$(du -sm --apparent-size "$d" | cut -f1)
  t_cat=$(median "find '$d' -name '*.md' -print0 | xargs -0 cat >/dev/null")
  t_ll=$(median "'$work/ladderlint' -no-snippets '$d' >/dev/null")
  rss=$( { /usr/bin/time -v "$work/ladderlint" -no-snippets "$d" 2>&1 >/dev/null || true; } | awk '/Maximum resident/ {printf "%.1f", $6/1024}')
  t_mdl=- ratio_mdl=-
  if [[ " $mdl_scales " == *" $s "* ]]; then
    # markdownlint-cli2 globs relative to the folder it runs in; default rules.
    t_mdl=$(cd "$d" && hyperfine --style none --runs "$(( runs < 3 ? runs : 3 ))" -i --export-json "$work/h.json" \
      "'$mdl' '**/*.md' >/dev/null 2>&1" >/dev/null 2>&1 && jq -r '.results[0].median' "$work/h.json")
    ratio_mdl=$(awk -v a="$t_mdl" -v b="$t_ll" 'BEGIN {printf "%.0fx", a/b}')
    t_mdl=$(printf '%.3f' "$t_mdl")
  fi
  printf '%-6s %7d %8d %10.3f %12.3f %9.2fx %14s %14s %12s\n' "${s}x" "$files" "$mb" "$t_cat" "$t_ll" \
    "$(awk -v a="$t_ll" -v b="$t_cat" 'BEGIN {print a/b}')" "$t_mdl" "$ratio_mdl" "$rss"
done

# A pre-commit run: one ladder page, startup and schema compilation included.
page=$corpus/content/departments/engineering/dev/career-development/framework.md
if [ -f "$page" ]; then
  t_one=$(median "'$work/ladderlint' -no-snippets '$page' >/dev/null")
  printf 'single page (%s): %.1f ms\n' "${page#$corpus/}" "$(awk -v a="$t_one" 'BEGIN {print a*1000}')"
fi
