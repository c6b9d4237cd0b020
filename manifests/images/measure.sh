#!/usr/bin/env bash
# Runs the image test (tests/Pi.Orleans.Images.Tests) and keeps its measurements in results/images/<UTC time>.md: base images used,
# build times, time from `docker run` to ready per container, image sizes, idle memory (docker stats), with the load average at
# each step. Extra arguments go to `dotnet test` (e.g. --no-build). The numbers in docs/performance.md come from this.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p results/images
out="results/images/$(date -u +%Y-%m-%dT%H%MZ).md"
{
  echo "# Image test measurements, $(date -u '+%F %T') UTC"
  echo
  echo "Command: \`bash manifests/images/measure.sh $*\`; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores."
  echo "Load average before: $(cat /proc/loadavg)"
  echo
  echo '```'
} >"$out"
status=0
PI_IMAGES_REPORT="$PWD/$out" dotnet test -c Release --project tests/Pi.Orleans.Images.Tests "$@" || status=$?
{
  echo '```'
  echo
  echo "Load average after: $(cat /proc/loadavg); dotnet test exit code $status."
} >>"$out"
cat "$out"
exit "$status"
