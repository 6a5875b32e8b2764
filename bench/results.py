#!/usr/bin/python3
"""Puts a run of bench/run.sh into bench/RESULTS.md: between the markers,
the run's "## " sections replace those of the same title and its first line
(machine, versions) the previous one; a section the run left out
(BENCH_ONLY) stays, under a line saying which run it comes from. Everything
outside the markers (the notes on targets and profiles, the earlier
results) is kept.

usage: results.py RESULTS.md RUN.md
"""
import sys

BEGIN = "<!-- bench/run.sh: begin -->"
END = "<!-- bench/run.sh: end -->"

path, run = sys.argv[1], open(sys.argv[2]).read().rstrip() + "\n"
text = open(path).read()


def sections(block):
    """The lines before the first "## " heading, and the sections by title."""
    parts = block.split("\n## ")
    out = {}
    for part in parts[1:]:
        out[part.split("\n", 1)[0].strip()] = "## " + part.rstrip() + "\n"
    return parts[0], out


def origin(preamble):
    lines = [l for l in preamble.splitlines() if l.startswith("Run of ")]
    return lines[0][len("Run of "):].split(";")[0] if lines else "an earlier run"


if BEGIN in text and END in text:
    head, rest = text.split(BEGIN, 1)
    old_block, tail = rest.split(END, 1)
else:
    head, old_block, tail = "# Benchmarks\n\n", "", "\n" + text
old_pre, old_secs = sections(old_block.strip("\n"))
new_pre, new_secs = sections(run.strip("\n"))
merged = []
for title, body in old_secs.items():
    if title in new_secs:
        merged.append(new_secs.pop(title))
    elif "\n(from the run of " in body:  # kept from a run before that one already
        merged.append(body)
    else:
        title_line, rest_ = body.split("\n", 1)
        merged.append(title_line + "\n\n(from the run of " + origin(old_pre) + ")\n" + rest_)
merged.extend(new_secs.values())
block = new_pre.rstrip() + "\n\n" + "\n".join(merged)
open(path, "w").write(head + BEGIN + "\n" + block + END + tail)
