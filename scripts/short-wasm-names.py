#!/usr/bin/env python3
"""Gives the page's wasm short import and export names, and its glue the same names.

wasm-bindgen names each import after the JavaScript it calls plus a 16-hex-digit hash
(`__wbg_addEventListener_f2d27251d333a631`), and every one of them is written twice, in the wasm
and in its glue: ~250 imports whose hashes gzip cannot shrink. Binaryen's
`--minify-imports-and-exports-and-modules` renames them (`a`, `b`, … in module `a`) and prints
the mapping, which this script then applies to the glue, before it is minified.

Usage: short-wasm-names.py APP_BG.wasm APP.js (both rewritten in place). Fails, leaving both
files as they were, if the glue does not name each import and export as expected.
"""

import json
import os
import re
import subprocess
import sys

FEATURES = [
    "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
    "--enable-reference-types", "--enable-multivalue", "--enable-mutable-globals",
]


def main(wasm_path: str, glue_path: str) -> None:
    shortened = wasm_path + ".short"
    mapping = subprocess.run(
        ["wasm-opt", *FEATURES, "--minify-imports-and-exports-and-modules", wasm_path, "-o", shortened],
        check=True, capture_output=True, text=True,
    ).stdout
    # wasm-opt prints the mapping as JSON after any notes of its own.
    names = json.loads(mapping[mapping.index("{"):])
    try:
        glue = shortened_glue(glue_path, names)
    except BaseException:  # sys.exit's too: the build fails with no stray file in dist/
        os.remove(shortened)
        raise
    with open(glue_path, "w", encoding="utf-8") as file:
        file.write(glue)
    os.replace(shortened, wasm_path)
    print(f"short-wasm-names: {len(names['imports'])} imports and {len(names['exports'])} exports renamed")


def shortened_glue(glue_path: str, names: dict) -> str:
    """The glue with the names in `names` (wasm-opt's mapping) in place of wasm-bindgen's."""
    with open(glue_path, encoding="utf-8") as file:
        glue = file.read()
    modules = {module for module, _, _ in names["imports"]}
    if len(modules) != 1:
        sys.exit(f"short-wasm-names: expected the imports of one module, found {sorted(modules)}")
    (module,) = modules
    glue = replace_once(glue, f'"{module}": import0', '"a": import0', module)
    for _, old, new in names["imports"]:
        # Each import is one entry of the glue's `import0` object: `    NAME: function(…`.
        glue = replace_once(glue, re.compile(rf"^(\s+){re.escape(old)}:", re.M), rf"\g<1>{new}:", old)
    for old, new in names["exports"]:
        # The glue reaches exports through `wasm.NAME`; some (`main`) it never names.
        glue = re.sub(rf"\bwasm\.{re.escape(old)}\b", f"wasm.{new}", glue)
    leftover = [old for old, _ in names["exports"] if re.search(rf"\bwasm\.{re.escape(old)}\b", glue)]
    if leftover:
        sys.exit(f"short-wasm-names: the glue still names exports {leftover}")
    return glue


def replace_once(text: str, pattern, replacement: str, what: str) -> str:
    """`pattern` replaced by `replacement`, which must match exactly once."""
    if isinstance(pattern, str):
        pattern = re.compile(re.escape(pattern))
    result, count = pattern.subn(replacement, text)
    if count != 1:
        sys.exit(f"short-wasm-names: `{what}` is named {count} times in the glue, not once")
    return result


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
