#!/usr/bin/env bash
# The options every measurement script takes (source first): parse_options PARTS "$@" sets QUICK (0 or 1, from --quick) and
# ONLY (from --only, default PARTS, a comma-separated list); `has PART` tells whether PART is to be measured.
parse_options() {
  local parts=$1
  shift
  QUICK=0
  ONLY=$parts
  while [ $# -gt 0 ]; do
    case $1 in
      --quick) QUICK=1 ;;
      --only) ONLY=$2; shift ;;
      *) echo "usage: $0 [--quick] [--only $parts]" >&2; exit 2 ;;
    esac
    shift
  done
}

has() { [[ ",$ONLY," == *",$1,"* ]]; }

# prepare TOOL...: installs the tools that are missing (apt-get) and builds the Api, the Silo and the bare sampler (Release).
prepare() {
  local missing=() tool project
  for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null
  fi

  echo "building Release (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  for project in Api Silo experiments/Pi.Orleans.BareSampler; do dotnet build -c Release -v q -nologo "$project" >/dev/null; done
}
