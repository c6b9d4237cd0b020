#!/usr/bin/env bash
# The Kubernetes experiment: needs kubectl with a cluster running the chart (manifests/README.md) and the Api's NodePort URL.
# Usage: bash experiments/kubernetes.sh --url http://NODE:30080 --api-key KEY [--count 20] [--points 2e11] [--interval 10] ...
set -euo pipefail
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/pi.sh" experiment kubernetes "$@"
