#!/usr/bin/env bash
# Installs the Debian packages tongban builds, tests and runs with. Idempotent and
# non-interactive: only packages not yet installed are fetched; apt-get update runs once
# per machine (a stamp under /var/lib/apt/lists) and only when something is missing.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

PACKAGES=(
  build-essential cmake libssl-dev ninja-build pkg-config clang-format clang-tidy clang libclang-rt-14-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql postgresql-contrib
  libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libmimalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libhpdf-dev libqrencode-dev libxlsxwriter-dev libpng-dev zlib1g-dev
  fonts-wqy-zenhei chromium
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

# Node.js may come from another repository (nodesource bundles npm); take it if present.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "deps: installing ${missing[*]}"
  if ! $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/tongban-apt.log 2>&1; then
    $SUDO apt-get update -q >/dev/null
    $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/tongban-apt.log 2>&1 \
      || { cat /tmp/tongban-apt.log; exit 1; }
  fi
fi
