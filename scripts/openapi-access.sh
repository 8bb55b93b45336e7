#!/usr/bin/env bash
# Rewrites every operation's `x-tongban-access` in docs/api/openapi.json from the access table
# (adapters/http/api/access_table.cpp). The table is read through the built HTTP tests, which
# dump it (TONGBAN_ACCESS_DUMP); only the extension changes, the rest of the document is
# loaded and written back as it was.
#
#   scripts/openapi-access.sh [BUILD_DIR]   # default: build; http_integration_test must be built
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
dump="$(mktemp)"
trap 'rm -f "$dump"' EXIT
TONGBAN_ACCESS_DUMP="$dump" "$build/tests/http/http_integration_test" \
  --gtest_filter='*OpenApiTest.EveryOperationServesItsAccessTableRow*' >/dev/null || true
python3 - "$dump" docs/api/openapi.json <<'PY'
import json, sys
table = json.load(open(sys.argv[1], encoding="utf-8"))
if not table:
    sys.exit("no access table dump: is http_integration_test built?")
path = sys.argv[2]
doc = json.load(open(path, encoding="utf-8"))
changed = 0
for key, grants in table.items():
    method, pattern = key.split(" ", 1)
    op = doc["paths"].get(pattern, {}).get(method)
    if op is None:
        print(f"not documented: {method.upper()} {pattern}", file=sys.stderr)
        continue
    if op.get("x-tongban-access") != grants:
        op["x-tongban-access"] = grants
        changed += 1
with open(path, "w", encoding="utf-8") as f:
    f.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
print(f"{changed} operations updated")
PY
