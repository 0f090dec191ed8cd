#!/usr/bin/env bash
# Builds the Gateway API oracle (issue 22) into oracle/bin/gateway-oracle and downloads the
# sigs.k8s.io/gateway-api module of each bundle in our gatewayApiVersion range with `go mod download`
# (verified against go.sum's checksum database); oracle/bin/gateway-bundles.json maps each bundle to
# its standard-channel CRD directory in the module cache. CRD files are never copied into our tree.
set -euo pipefail
cd "$(dirname "$0")"
# one patch release per bundle: the newest the Go module proxy serves (v1.6.3 is the last on Go 1.26)
BUNDLES=(v1.4.1 v1.5.1 v1.6.3)
mkdir -p ../bin
start=$(date +%s)
nice -n 10 go build -o ../bin/gateway-oracle . 2>&1 || { echo "oracle: go build failed for gateway (log above)" >&2; exit 1; }
echo "oracle: built bin/gateway-oracle in $(( $(date +%s) - start ))s" >&2
json="{"
sep=""
for b in "${BUNDLES[@]}"; do
  dir="$(go mod download -json "sigs.k8s.io/gateway-api@$b" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$dir/config/crd/standard" ] || { echo "oracle: no config/crd/standard in sigs.k8s.io/gateway-api@$b ($dir)" >&2; exit 1; }
  minor="${b%.*}"
  json="$json$sep\"$minor\": {\"module\": \"$b\", \"crds\": \"$dir/config/crd/standard\"}"
  sep=", "
done
echo "$json}" > ../bin/gateway-bundles.json
