#!/usr/bin/env bash
# The HPA simulation: replays docs/experiments/local/timeseries.csv (or --trace FILE) through the HPA algorithm, CPU vs backlog (KEDA).
# Usage: bash experiments/simulate.sh [--trace FILE] [--preset kubernetes|chart] [--time-scale K] [--out DIR] ...
set -euo pipefail
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/pi.sh" experiment simulate "$@"
