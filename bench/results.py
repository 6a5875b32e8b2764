#!/usr/bin/python3
"""Puts a run of bench/run.sh into bench/RESULTS.md: the text between the
markers is replaced; everything else (the notes on targets and profiles, the
earlier results) is kept.

usage: results.py RESULTS.md RUN.md
"""
import sys

BEGIN = "<!-- bench/run.sh: begin -->"
END = "<!-- bench/run.sh: end -->"

path, run = sys.argv[1], open(sys.argv[2]).read().rstrip() + "\n"
text = open(path).read()
if BEGIN in text and END in text:
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
else:
    head, tail = "# Benchmarks\n\n", "\n" + text
open(path, "w").write(head + BEGIN + "\n" + run + END + tail)
