#!/usr/bin/env bash
# build-daprd.sh — builds Dapr's sidecar, daprd, from the Go module proxy and
# prints the binary's path. The binary is cached outside the repository
# (${CRUDGEN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crudgen}/daprd-<version>),
# so only the first run on a machine builds it (about 5 to 15 minutes on two
# cores; later runs take no time).
#
# daprd's module has replace directives, so `go install ...@version` refuses
# it: the module is downloaded, copied out of the read-only module cache and
# built there, with the stable components (Redis pub/sub among them).
set -euo pipefail

version=${DAPR_VERSION:-v1.16.0}
cache=${CRUDGEN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crudgen}
bin="$cache/daprd-$version"
if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
  echo "$bin"
  exit 0
fi
mkdir -p "$cache"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
dir=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/dapr/dapr@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "build-daprd.sh: could not download github.com/dapr/dapr@$version" >&2; exit 1; }
cp -r "$dir" "$work/src"
chmod -R u+w "$work/src"
echo "build-daprd.sh: building daprd $version into $bin (first run on this machine)" >&2
(cd "$work/src" && go build -tags stablecomponents -o "$bin.tmp" ./cmd/daprd)
mv "$bin.tmp" "$bin"
echo "$bin"
