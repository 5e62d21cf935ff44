#!/usr/bin/env python3
"""Fails when a public symbol of a library product has no doc comment (or throws without `- Throws:`).

Usage: docs_coverage.py SYMBOL_GRAPH_DIR SOURCES_DIR MODULE...

Reads the compiler's symbol graphs (<Module>.symbols.json and <Module>@<Other>.symbols.json) and
lists every public or open symbol declared in SOURCES_DIR/<Module>/ without a `///` comment of its
own, and every one whose declaration throws without a `- Throws:` line in it. Symbols the
compiler makes (synthesized conformances, default implementations from another module's protocol
extension) have no source location in our folder and are not counted.
Exits 1 with `file:line: problem kind name` for each one.
"""
import json
import pathlib
import sys
from urllib.parse import unquote, urlparse


def source_path(symbol):
    uri = (symbol.get("location") or {}).get("uri")
    return unquote(urlparse(uri).path) if uri else None


def location_line(symbol, path, sources, problem):
    position = symbol["location"].get("position", {})
    relative = pathlib.Path(path).relative_to(pathlib.Path(sources).parent)
    name = ".".join(symbol.get("pathComponents", [])) or symbol["names"]["title"]
    return f"{relative}:{position.get('line', 0) + 1}: {problem} {symbol['kind']['displayName'].lower()} {name}"


def declaration_throws(fragments):
    """Whether the declaration itself throws (not just a closure parameter)."""
    depth = 0
    for fragment in fragments:
        spelling = fragment.get("spelling", "")
        if fragment.get("kind") == "keyword" and spelling in ("throws", "rethrows") and depth == 0:
            return True
        depth += spelling.count("(") - spelling.count(")")
    return False


def main(graph_dir, sources, modules):
    missing, counted, throws_undocumented = set(), 0, set()
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
                throws = declaration_throws(symbol.get("declarationFragments", []))
                if has_text and throws and not any("- Throws" in line.get("text", "") for line in comment.get("lines", [])):
                    throws_undocumented.add(location_line(symbol, path, sources, "throws but has no '- Throws:' line:"))
                if not has_text:
                    missing.add(location_line(symbol, path, sources, "no doc comment:"))
    for line in sorted(missing | throws_undocumented):
        print(line, file=sys.stderr)
    if missing or throws_undocumented:
        print(f"docs coverage: of {counted} public symbols, {len(missing)} have no doc comment and "
              f"{len(throws_undocumented)} throw without a '- Throws:' line", file=sys.stderr)
        return 1
    print(f"docs coverage: all {counted} public symbols have a doc comment, every throwing one a '- Throws:' line")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
