#!/usr/bin/env bash
# Installs Spectral (npm @stoplight/spectral-cli 6.16.3) into <repo>/.tools/spectral and prints the path of its command.
# Idempotent: does nothing if that version is already there. The OpenAPI tests lint /openapi/v1.json with it.
set -euo pipefail

SPECTRAL_VERSION="6.16.3"

root="$(cd "$(dirname "$0")/../.." && pwd)"
prefix="$root/.tools/spectral"
spectral="$prefix/node_modules/.bin/spectral"

if [ -x "$spectral" ] && [ "$("$spectral" --version 2>/dev/null)" = "$SPECTRAL_VERSION" ]; then
  echo "$spectral"
  exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "install-spectral.sh: npm is needed (sudo apt-get install -y npm)" >&2; exit 1; }

mkdir -p "$prefix"
npm install --silent --no-audit --no-fund --prefix "$prefix" "@stoplight/spectral-cli@$SPECTRAL_VERSION" >/dev/null
[ "$("$spectral" --version)" = "$SPECTRAL_VERSION" ] \
  || { echo "install-spectral.sh: $spectral is not spectral $SPECTRAL_VERSION" >&2; exit 1; }
echo "$spectral"
