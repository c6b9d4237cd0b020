#!/usr/bin/env bash
# Starts a plain dockerd (Debian's docker.io) when no docker daemon answers; prints where it logs. Needs root.
# IPv4 forwarding is turned on first: dockerd sets the iptables FORWARD policy to DROP only when it has to turn forwarding on
# itself, and that policy would cut the bridge of the chaos soak (br_netfilter sends bridged frames through FORWARD). The soak
# also accepts its own bridge explicitly (experiments/…/Chaos/NetworkLab.cs), for a dockerd that was started otherwise.
set -euo pipefail
if docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
  exit 0
fi
command -v dockerd >/dev/null || { echo "dockerd is missing: apt-get install -y docker.io" >&2; exit 1; }
sysctl -q -w net.ipv4.ip_forward=1
log=/var/log/pi-orleans-dockerd.log
setsid dockerd >"$log" 2>&1 < /dev/null &
for _ in $(seq 1 60); do
  docker version --format '{{.Server.Version}}' >/dev/null 2>&1 && { echo "dockerd started (log: $log)"; exit 0; }
  sleep 0.5
done
echo "dockerd did not answer within 30 s:" >&2; tail -20 "$log" >&2; exit 1
