#!/usr/bin/env bash
# bench/image.sh: the Action's cold start, which every pull request of every
# user pays before ladderlint starts: the image build from an empty cache,
# the image's size, and the time from container creation to the first
# finding (and to exit) on a small handbook. Run from anywhere in a clone:
#
#   bench/image.sh            # RUNS=3 by default
#
# It runs internal/image's TestImage (buildah, vfs storage, chroot
# isolation) RUNS times, each with a new empty store, and prints its
# measurements. The base images are local stand-ins (busybox-static for
# Alpine, this machine's Go toolchain for golang:*-alpine, Debian's git for
# apk add git), so no time is spent pulling them: on GitHub the runner also
# pulls golang:1.26-alpine and alpine, and apk downloads git.
# Needs root; installs buildah and busybox-static with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
if ! command -v buildah >/dev/null || [ ! -x /bin/busybox ]; then
  { apt-get install -y buildah busybox-static || { apt-get update && apt-get install -y buildah busybox-static; }; } >/dev/null
fi
echo "machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  echo "run $i:"
  LADDERLINT_IMAGE=1 go test -count=1 -v -timeout 60m -run '^TestImage$/^(version|full_run_with_findings)$' ./internal/image/ |
    grep -E 'cold start|^ +[0-9.]+s |^(---|ok|FAIL)' | sed -e 's/^ *[a-z_]*_test.go:[0-9]*: /  /'
done
