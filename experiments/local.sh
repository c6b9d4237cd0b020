#!/usr/bin/env bash
# The local experiment: builds the Api and Silo (Release), then runs redis-server, the Api and 1..N workers on this machine.
# Usage: bash experiments/local.sh [--workers 2] [--points 2e10] [--repeats 3] [--quick] [--out DIR] ...
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v redis-server >/dev/null || { echo "redis-server is missing: sudo apt-get install -y redis-server" >&2; exit 1; }
for p in Api Silo; do dotnet build -c Release -v q -nologo "$ROOT/$p" >/dev/null; done
exec bash "$ROOT/experiments/pi.sh" experiment local "$@"
