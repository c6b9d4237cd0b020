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
