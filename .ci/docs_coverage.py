#!/usr/bin/env python3
"""Fails when a public symbol of a library product has no doc comment.

Usage: docs_coverage.py SYMBOL_GRAPH_DIR SOURCES_DIR MODULE...

Reads the compiler's symbol graphs (<Module>.symbols.json and <Module>@<Other>.symbols.json) and
lists every public or open symbol declared in SOURCES_DIR/<Module>/ without a `///` comment of its
own. Symbols the compiler makes (synthesized conformances, default implementations from another
module's protocol extension) have no source location in our folder and are not counted.
Exits 1 with `file:line: kind name` for each one.
"""
import json
import pathlib
import sys
from urllib.parse import unquote, urlparse


def source_path(symbol):
    uri = (symbol.get("location") or {}).get("uri")
    return unquote(urlparse(uri).path) if uri else None


def main(graph_dir, sources, modules):
    missing, counted = set(), 0
    for module in modules:
        folder = str(pathlib.Path(sources, module)) + "/"
        graph_files = [pathlib.Path(graph_dir, f"{module}.symbols.json"),
                       *sorted(pathlib.Path(graph_dir).glob(f"{module}@*.symbols.json"))]
        if not graph_files[0].exists():
            print(f"no symbol graph for {module} in {graph_dir}", file=sys.stderr)
            return 1
        for graph_file in graph_files:
            graph = json.loads(graph_file.read_text(encoding="utf-8"))
            for symbol in graph.get("symbols", []):
                if symbol.get("accessLevel") not in ("public", "open"):
                    continue
                path = source_path(symbol)
                if not path or not path.startswith(folder):
                    continue
                counted += 1
                comment = symbol.get("docComment") or {}
                has_text = any(line.get("text", "").strip() for line in comment.get("lines", []))
                if not has_text:
                    position = symbol["location"].get("position", {})
                    relative = pathlib.Path(path).relative_to(pathlib.Path(sources).parent)
                    name = ".".join(symbol.get("pathComponents", [])) or symbol["names"]["title"]
                    missing.add(f"{relative}:{position.get('line', 0) + 1}: "
                                f"{symbol['kind']['displayName'].lower()} {name}")
    for line in sorted(missing):
        print(line, file=sys.stderr)
    if missing:
        print(f"docs coverage: {len(missing)} of {counted} public symbols have no doc comment", file=sys.stderr)
        return 1
    print(f"docs coverage: all {counted} public symbols have a doc comment")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
