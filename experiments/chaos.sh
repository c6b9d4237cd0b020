#!/usr/bin/env bash
# The chaos soak: builds the Api, Silo and CLI (Release), then runs `pi experiment chaos` (default 10 minutes; --short for 2).
# Needs root for the network namespaces (else it falls back to loopback and says so in the report) and for the slow fault's
# cpu cgroup (else a SIGSTOP/SIGCONT duty cycle, also said in the report), redis-server, iproute2,
# and nftables for packet loss when the kernel has no sch_netem. Writes docs/experiments/chaos/ (or --out DIR).
# Usage: sudo bash experiments/chaos.sh [--short] [--minutes 10] [--seed 20260314] [--network auto|namespaces|loopback] [--out DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v redis-server >/dev/null || { echo "redis-server is missing: sudo apt-get install -y redis-server" >&2; exit 1; }
command -v ip >/dev/null || echo "iproute2 is missing (apt-get install -y iproute2): the soak will run on loopback" >&2
command -v nft >/dev/null || echo "nftables is missing (apt-get install -y nftables): no packet loss if the kernel has no sch_netem" >&2
for p in Api Silo cli/Pi.Orleans.Cli; do dotnet build -c Release -v q -nologo "$ROOT/$p" >/dev/null; done
TAG="pc$(( $$ % 100000 ))"
# The CLI removes its namespaces and cgroups itself (also on Ctrl-C); this catches a CLI that was killed outright.
cleanup() {
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$TAG-" || true); do ip netns del "$ns" || true; done
  ip link del "${TAG}br" 2>/dev/null || true
  # The slow fault's cpu cgroups (v2 at the top, v1 under cpu/); rmdir only removes empty ones.
  for g in /sys/fs/cgroup/pi-chaos-"$TAG"-* /sys/fs/cgroup/cpu/pi-chaos-"$TAG"-*; do [ -d "$g" ] && rmdir "$g" 2>/dev/null || true; done
}
trap cleanup EXIT
cd "$ROOT"
dotnet "$ROOT/cli/Pi.Orleans.Cli/bin/Release/net10.0/Pi.Orleans.Cli.dll" experiment chaos --tag "$TAG" "$@"
