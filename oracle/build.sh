#!/usr/bin/env bash
# Builds one oracle binary per Kubernetes release module under oracle/k8s/ into oracle/bin/
# (`npx projen oracle:build`). A Go error fails the build with Go's log; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p bin
built=0
for dir in k8s/v*/; do
  release="$(basename "$dir")"
  echo "oracle: building $release" >&2
  start=$(date +%s)
  if ! (cd "$dir" && nice -n 10 go build -o "../../bin/oracle-$release" . 2>&1); then
    echo "oracle: go build failed for $release (log above)" >&2
    exit 1
  fi
  echo "oracle: built bin/oracle-$release in $(( $(date +%s) - start ))s" >&2
  built=$((built + 1))
done
[ "$built" -gt 0 ] || { echo "oracle: no release module under oracle/k8s/" >&2; exit 1; }

# The Gateway API oracle (issue 22): its own module and script.
gateway/build.sh
