#!/usr/bin/env bash
# The closed-loop autoscaling experiment: builds the Api and Silo (Release), then runs `pi experiment autoscale` (cpu, then backlog).
# Without arguments it takes the committed run's settings: a 5 s period and a 30 s scale-down window (about 6 minutes in all).
# Usage: bash experiments/autoscale.sh [--period 15 --down-window 60] [--load FILE] [--metrics backlog] [--out DIR] ...
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v redis-server >/dev/null || { echo "redis-server is missing: sudo apt-get install -y redis-server" >&2; exit 1; }
for p in Api Silo; do dotnet build -c Release -v q -nologo "$ROOT/$p" >/dev/null; done
ARGS=("$@")
[ $# -eq 0 ] && ARGS=(--period 5 --down-window 30)
exec bash "$ROOT/experiments/pi.sh" experiment autoscale "${ARGS[@]}"
