#!/usr/bin/env bash
# Builds the DocC documentation of every library product into a temporary folder and fails on:
#   - any docc warning (unresolved or broken symbol links, unknown topics, malformed directives);
#   - any public symbol of a product without a doc comment, or throwing without a `- Throws:` line
#     (.ci/docs_coverage.py over the symbol graphs);
#   - any ```swift block in an article that is not in a compiled test file marked `// docs: <Article>`
#     (.ci/docs_snippets.py).
# Usage: .ci/docs.sh [OUTPUT_DIR]   (default: a fresh temporary folder, printed at the end)
# CI: .ci/docs.sh  (about 2.5 min cold on 2 cores: a debug build of the libraries in .build-docs, ~80 s,
#     then seven docc converts, ~65 s; about 70 s when .build-docs is kept)
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(AlipayPlusTime AlipayPlusSigning AlipayPlusModels AlipayPlusTransport AlipayPlus AlipayPlusReconciliation AlipayPlusTesting)
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/alipayplus-docs.XXXXXX")}"
# Symbol graphs straight from the compiler (the root package has no plugin dependency), kept in
# their own scratch folder so the flags do not invalidate the ordinary .build, and so an incremental
# build (which re-emits only the modules it recompiles) still finds every graph.
graphs=.build-docs/symbol-graphs
mkdir -p "$graphs"
swift build --scratch-path .build-docs \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$PWD/$graphs" \
  -Xswiftc -symbol-graph-minimum-access-level -Xswiftc public
docc_bin="$(command -v docc || echo /opt/swift/usr/bin/docc)"

status=0
# The articles' code comes from compiled tests.
python3 .ci/docs_snippets.py Sources Tests || status=1
python3 .ci/docs_coverage.py "$graphs" "$PWD/Sources" "${modules[@]}" || status=1
for module in "${modules[@]}"; do
  # Each catalog gets its own module's graphs (and its extensions of other modules).
  module_graphs="$out/graphs-$module"
  rm -rf "$module_graphs" && mkdir -p "$module_graphs"
  cp "$graphs/$module.symbols.json" "$module_graphs/"
  cp "$graphs/$module"@*.symbols.json "$module_graphs/" 2>/dev/null || true
  log="$out/$module.docc.log"
  if ! "$docc_bin" convert "Sources/$module/Documentation.docc" \
      --additional-symbol-graph-dir "$module_graphs" \
      --fallback-display-name "$module" --fallback-bundle-identifier "com.alipayplus-swift.$module" \
      --output-path "$out/$module.doccarchive" >"$log" 2>&1; then
    echo "docc convert failed for $module:" >&2; cat "$log" >&2; status=1; continue
  fi
  if grep -E 'warning:|error:' "$log" >/dev/null; then
    echo "docc reported problems in $module's documentation:" >&2
    grep -E -A3 'warning:|error:' "$log" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] || exit "$status"
echo "Documentation built without warnings: $out/<Module>.doccarchive"
