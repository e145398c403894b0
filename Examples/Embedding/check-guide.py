#!/usr/bin/env python3
"""Checks that every snippet marked BEGIN SNIPPET … END SNIPPET in Examples/Embedding/ appears
verbatim (dedented) in a code block of Documentation/CallingFromOtherLanguages.md, so that the guide
shows exactly the code the CI hosts run. Run from the repository root."""
import glob
import re
import sys

guide = open("Documentation/CallingFromOtherLanguages.md", encoding="utf-8").read()
blocks = re.findall(r"^```[a-z]*\n(.*?)^```", guide, re.S | re.M)
missing = []
count = 0
for path in sorted(glob.glob("Examples/Embedding/*")):
    text = open(path, encoding="utf-8").read()
    for name, body in re.findall(r"^[^\n]*BEGIN SNIPPET ([\w-]+)[^\n]*\n(.*?)^[^\n]*END SNIPPET \1", text, re.S | re.M):
        lines = body.rstrip("\n").split("\n")
        indent = min(len(l) - len(l.lstrip()) for l in lines if l.strip())
        snippet = "\n".join(l[indent:] for l in lines) + "\n"
        count += 1
        if not any(snippet == b for b in blocks):
            missing.append(f"{path}: snippet '{name}' is not a code block of the guide")
for m in missing:
    print(m)
print(f"{count} snippets checked; {len(missing)} missing from the guide")
sys.exit(1 if missing else 0)
