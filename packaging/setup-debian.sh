#!/usr/bin/env bash
# Installs the Debian 12 packages VoxBench needs (packaging/debian-packages.txt).
# Idempotent: when every package is present it only checks and returns in well under a second.
# Works as root or through sudo.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
list="$here/debian-packages.txt"

if [ ! -r /etc/debian_version ]; then
  echo "setup-debian: this script installs Debian packages; on another system install the packages in $list by hand." >&2
  exit 1
fi

mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$list" | grep -v '^$')

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-debian: all ${#wanted[@]} packages are installed."
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "setup-debian: missing packages: ${missing[*]}" >&2
  echo "setup-debian: run this script as root or install sudo." >&2
  exit 1
fi

echo "setup-debian: installing ${#missing[@]} missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup-debian: done."
