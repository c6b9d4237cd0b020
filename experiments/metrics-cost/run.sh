#!/usr/bin/env bash
# Measures what one measurement costs under each /metrics pipeline candidate (docs/observability.md#cost). Builds Release, runs each mode.
set -euo pipefail
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dotnet build -c Release -v q -nologo "$DIR" >/dev/null
for mode in none adapter otel otel-noreader bridge; do
  dotnet "$DIR/bin/Release/net10.0/Pi.Orleans.MetricsCost.dll" "$mode"
done
uptime
