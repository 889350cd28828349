#!/usr/bin/env bash
# Installs the Debian packages vios needs to build, once, when missing.
# Usage: scripts/ensure-deps.sh [extra debian packages...]
set -euo pipefail
need=(libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev pkg-config "$@")
missing=()
for pkg in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "vios: Debian-pakketten installeren: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
