#!/usr/bin/env bash
# Regenerates the Kiota client in ../GeneratedClient from v1.json here, the Api's /openapi/v1.json saved without its servers entry
# (GeneratedClientTests fails when the two differ). Installs Kiota 1.38.0 into <repo>/.tools/kiota from NuGet if missing.
# To refresh v1.json from a running Api: curl -s localhost:8080/openapi/v1.json | jq 'del(.servers)' > v1.json
set -euo pipefail

KIOTA_VERSION="1.38.0"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
kiota="$root/.tools/kiota/kiota"

if [ ! -x "$kiota" ] || [ "$("$kiota" --version | cut -d+ -f1)" != "$KIOTA_VERSION" ]; then
  dotnet tool update microsoft.openapi.kiota --version "$KIOTA_VERSION" --tool-path "$root/.tools/kiota" >/dev/null
fi

cd "$here"
"$kiota" generate -l CSharp -d v1.json -c PiApiGeneratedClient -n Pi.Orleans.Api.Tests.GeneratedClient -o ../GeneratedClient \
  --exclude-backward-compatible --clean-output --log-level Error
