#!/usr/bin/env bash
# Installs the web app's npm packages when package-lock.json changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=node_modules/.tongban-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
