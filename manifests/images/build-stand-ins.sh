#!/usr/bin/env bash
# Makes the base images the Dockerfiles and the chart name available to the local docker daemon, tagged exactly as they are named
# (FROM lines of Api/Dockerfile and Silo/Dockerfile, redis.image of the chart's values.yaml):
#   - the real image when `docker pull` can fetch it;
#   - otherwise a stand-in: a Debian bookworm rootfs (debootstrap --variant=minbase, with the libraries .NET needs) plus the .NET
#     installed on this machine (SDK image: the whole /usr/share/dotnet; aspnet image: the host and the two shared frameworks of the
#     same version, user app 1654 and the environment of the real image), or plus Debian's redis-server for Redis.
# A stand-in already present and made from the same .NET is kept (rerun with --rebuild to remake it). The rootfs is cached under
# $PI_IMAGES_CACHE (default /var/cache/pi-orleans-images), so a rebuild after `docker system prune` takes seconds, not minutes.
# Prints one line per image: "<tag>: real", "<tag>: stand-in (…)" or "<tag>: present (…)". Needs root for debootstrap.
set -euo pipefail
cd "$(dirname "$0")/../.."

cache=${PI_IMAGES_CACHE:-/var/cache/pi-orleans-images}
rebuild=false
[ "${1:-}" = --rebuild ] && rebuild=true
dotnet_root=${DOTNET_ROOT:-/usr/share/dotnet}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
base_packages=ca-certificates,libicu72,libssl3,zlib1g,tzdata,libgcc-s1,libstdc++6

sdk_tag=$(awk '/^FROM/ && /\/sdk:/ {print $2; exit}' Api/Dockerfile)
aspnet_tag=$(awk '/^FROM/ && /\/aspnet:/ {print $2; exit}' Api/Dockerfile)
for f in Silo/Dockerfile; do
  grep -q "^FROM $sdk_tag " "$f" && grep -q "^FROM $aspnet_tag " "$f" || { echo "$f does not build FROM $sdk_tag and $aspnet_tag" >&2; exit 1; }
done
redis_tag=$(awk '/^redis:/ {r=1} r && /repository:/ {repo=$2} r && /tag:/ {gsub(/"/, "", $2); print repo ":" $2; exit}' manifests/chart/values.yaml)

# The .NET the stand-ins carry: the SDK docker would build with (global.json rolls forward), and its runtime's version.
sdk_version=$(dotnet --version)
runtime_version=$(ls "$dotnet_root/shared/Microsoft.NETCore.App" | sort -V | tail -1)
[ -d "$dotnet_root/shared/Microsoft.AspNetCore.App/$runtime_version" ] || { echo "no ASP.NET Core $runtime_version in $dotnet_root" >&2; exit 1; }
stamp="dotnet-sdk-$sdk_version-runtime-$runtime_version"

label_of() { docker image inspect -f '{{ index .Config.Labels "org.pi-orleans.stand-in" }}' "$1" 2>/dev/null || true; }

# Returns 0 when the tag is ready to use (real, pulled, or a current stand-in) and prints how.
ready() {
  local tag=$1 want=$2 have
  if docker image inspect "$tag" >/dev/null 2>&1; then
    have=$(label_of "$tag")
    if [ -z "$have" ] || [ "$have" = "<no value>" ]; then echo "$tag: real (present)"; return 0; fi
    if [ "$have" = "$want" ] && ! $rebuild; then echo "$tag: stand-in (present, $have)"; return 0; fi
  fi
  if [ -z "$(label_of "$tag")" ] && timeout 60 docker pull -q "$tag" >/dev/null 2>&1; then echo "$tag: real (pulled)"; return 0; fi
  return 1
}

# A debootstrapped rootfs as a tarball, made once per package list.
rootfs() {
  local name=$1 packages=$2 tarball="$cache/$1.tar"
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
    mkdir -p "$cache/debs"
    rm -rf "$cache/$name.rootfs"
    debootstrap --variant=minbase --cache-dir="$cache/debs" --include="$packages" bookworm "$cache/$name.rootfs" "$mirror" \
      >"$cache/$name.log" 2>&1 || { tail -20 "$cache/$name.log" >&2; exit 1; }
    # apt's lists and the package cache are not part of an image.
    rm -rf "$cache/$name.rootfs"/var/lib/apt/lists/* "$cache/$name.rootfs"/var/cache/apt/*.bin "$cache/$name.rootfs"/var/cache/apt/archives/*.deb
    tar -C "$cache/$name.rootfs" -cf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
    rm -rf "$cache/$name.rootfs"
  fi
  echo "$tarball"
}

base_image=pi-orleans/stand-in-base:bookworm
import_base() {
  docker image inspect "$base_image" >/dev/null 2>&1 && ! $rebuild && return 0
  docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$(rootfs base "$base_packages")" "$base_image" >/dev/null
}

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT

if ! ready "$sdk_tag" "$stamp"; then
  import_base
  # The SDK image: the whole installation, as mcr's sdk image has it (its extra tools, git and curl, are not needed to publish).
  cp -al "$dotnet_root" "$context/dotnet" 2>/dev/null || cp -a "$dotnet_root" "$context/dotnet"
  docker build -q -t "$sdk_tag" --label "org.pi-orleans.stand-in=$stamp" -f - "$context" >/dev/null <<EOF
FROM $base_image
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true DOTNET_VERSION=$runtime_version \
    ASPNET_VERSION=$runtime_version DOTNET_SDK_VERSION=$sdk_version DOTNET_GENERATE_ASPNET_CERTIFICATE=false DOTNET_NOLOGO=true \
    DOTNET_USE_POLLING_FILE_WATCHER=true NUGET_XMLDOC_MODE=skip
EOF
  rm -rf "$context/dotnet"
  echo "$sdk_tag: stand-in ($stamp on $base_image)"
fi

if ! ready "$aspnet_tag" "$stamp"; then
  import_base
  # The runtime image: the muxer, the host resolver and the two shared frameworks, nothing of the SDK.
  mkdir -p "$context/dotnet/shared"
  for item in dotnet host LICENSE.txt ThirdPartyNotices.txt; do
    if [ -e "$dotnet_root/$item" ]; then
      cp -al "$dotnet_root/$item" "$context/dotnet/" 2>/dev/null || cp -a "$dotnet_root/$item" "$context/dotnet/"
    fi
  done
  for fw in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
    mkdir -p "$context/dotnet/shared/$fw"
    cp -al "$dotnet_root/shared/$fw/$runtime_version" "$context/dotnet/shared/$fw/" 2>/dev/null \
      || cp -a "$dotnet_root/shared/$fw/$runtime_version" "$context/dotnet/shared/$fw/"
  done
  docker build -q -t "$aspnet_tag" --label "org.pi-orleans.stand-in=$stamp" -f - "$context" >/dev/null <<EOF
FROM $base_image
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
 && groupadd --gid 1654 app && useradd --uid 1654 --gid 1654 --create-home --shell /bin/false app
ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true DOTNET_VERSION=$runtime_version ASPNET_VERSION=$runtime_version
EOF
  rm -rf "$context/dotnet"
  echo "$aspnet_tag: stand-in (ASP.NET Core $runtime_version on $base_image)"
fi

redis_stamp=debian-bookworm-redis-server-999
if ! ready "$redis_tag" "$redis_stamp"; then
  # Debian's redis-server (7.0) instead of the image's 7.4; the chart runs it as 999 with its own command, so only the binaries,
  # the user and /data matter. As in the real image, user redis is 999 and owns /data: docker starts a tmpfs mounted there with
  # the image directory's owner and mode, which is what lets Redis (999) write its files.
  docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$(rootfs redis "$base_packages,redis-server,redis-tools")" pi-orleans/stand-in-redis:bookworm >/dev/null
  docker build -q -t "$redis_tag" --label "org.pi-orleans.stand-in=$redis_stamp" -f - "$context" >/dev/null <<EOF
FROM pi-orleans/stand-in-redis:bookworm
RUN groupmod --gid 999 redis && usermod --uid 999 --gid 999 redis && mkdir -p /data && chown redis:redis /data
WORKDIR /data
CMD ["redis-server"]
EOF
  echo "$redis_tag: stand-in (Debian bookworm redis-server)"
fi
