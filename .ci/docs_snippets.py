#!/usr/bin/env python3
"""Every ```swift block of a DocC article must be compiled code.

Usage: docs_snippets.py SOURCES_DIR TESTS_DIR

An article is a .md file in a Sources/<Module>/Documentation.docc catalog. Each of its ```swift
blocks must appear, line for line (indentation and blank lines ignored), in a Swift file under
TESTS_DIR that carries the marker line `// docs: <ArticleFileName>` (without .md). A block that is
not code to compile (a manifest, shell) uses another fence language (```sh, ``` for plain text).
Exits 1 listing every block that is not found.
"""
import pathlib
import re
import sys

MARKER = re.compile(r"^\s*// docs: (\S+)\s*$", re.MULTILINE)


def normalized(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def swift_blocks(article_text):
    blocks, current, line_number = [], None, 0
    for number, line in enumerate(article_text.splitlines(), start=1):
        fence = line.strip()
        if current is None and fence.startswith("```swift"):
            current, line_number = [], number
        elif current is not None and fence == "```":
            blocks.append((line_number, "\n".join(current)))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def contains(haystack, needle):
    if not needle:
        return True
    first = needle[0]
    for index, line in enumerate(haystack):
        if line == first and haystack[index:index + len(needle)] == needle:
            return True
    return False


def main(sources, tests):
    marked = {}
    for path in pathlib.Path(tests).rglob("*.swift"):
        text = path.read_text(encoding="utf-8")
        lines = normalized(text)
        for article in MARKER.findall(text):
            marked.setdefault(article, []).append((path, lines))
    problems, checked = [], 0
    for article in sorted(pathlib.Path(sources).glob("*/Documentation.docc/**/*.md")):
        name = article.stem
        for line_number, block in swift_blocks(article.read_text(encoding="utf-8")):
            checked += 1
            files = marked.get(name, [])
            if not files:
                problems.append(f"{article}:{line_number}: no test file is marked '// docs: {name}'")
            elif not any(contains(lines, normalized(block)) for _, lines in files):
                where = ", ".join(str(path) for path, _ in files)
                problems.append(f"{article}:{line_number}: this ```swift block is not in {where}: "
                                "copy it from the compiled test, or fix the test and copy again")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"docs snippets: {checked} swift blocks found in their compiled test files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
