#!/usr/bin/env bash
# Builds the CLI (Release) if needed and runs it: bash experiments/pi.sh <pi arguments>. Same as the installed `pi` tool.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLI="$ROOT/cli/Pi.Orleans.Cli/bin/Release/net10.0/Pi.Orleans.Cli.dll"
if [ ! -f "$CLI" ] || [ -n "$(find "$ROOT/cli/Pi.Orleans.Cli" -name '*.cs' -newer "$CLI" -print -quit)" ]; then
  dotnet build -c Release -v q -nologo "$ROOT/cli/Pi.Orleans.Cli" >/dev/null
fi
cd "$ROOT"
exec dotnet "$CLI" "$@"
