#!/usr/bin/env bash
# clang-format check on every tracked C++ file, then clang-tidy on our sources.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
files=$(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run --Werror $files
srcs=$(git ls-files '*.cpp' | grep -vE '^(fuzz|web)/')
echo "$srcs" | xargs -P 2 -n 8 clang-tidy -p "$BUILD" --quiet 2>/dev/null
