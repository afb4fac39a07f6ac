#!/usr/bin/env python3
"""Run the examples shown in the README and the man pages and compare their
output with what the page shows, so documentation cannot go stale.

An example is a line starting with "$ " inside a ```console block (Markdown)
or a .Bd -literal ... .Ed display (mdoc). The lines after it, up to the next
"$ " line or the end of the block, are its exact standard output; a line
"..." matches any number of lines (none included). Commands run with sh -c
from the top of the tree, with the tools' directory ($IPM_BIN, default bin)
first in PATH; a command naming ../shared is skipped when ../shared/seeds is
missing. Prints "PASS doc FILE:LINE", "FAIL doc FILE:LINE: why" or "SKIP …".

usage: scripts/doctest.py FILE...
"""
import os
import re
import subprocess
import sys


def man_unescape(s):
    """mdoc text of a literal display -> the characters it shows."""
    s = s.replace("\\&", "").replace("\\e", "\\").replace("\\-", "-")
    s = s.replace("\\(aq", "'").replace("\\(dq", '"').replace("\\(ti", "~")
    s = s.replace("\\(ha", "^").replace("\\(ga", "`").replace("\\ ", " ")
    return s


def blocks(path):
    """(line number, [lines]) for every display that may hold examples."""
    text = open(path, encoding="utf-8").read().split("\n")
    man = not path.endswith(".md")
    cur, start = None, 0
    for i, line in enumerate(text, 1):
        if cur is None:
            if (man and line.startswith(".Bd -literal")) or (not man and line.strip() == "```console"):
                cur, start = [], i + 1
            continue
        if (man and line.startswith(".Ed")) or (not man and line.strip() == "```"):
            yield start, cur
            cur = None
            continue
        cur.append(man_unescape(line) if man else line)


def examples(path):
    for start, lines in blocks(path):
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                i += 1
                continue
            cmd, lno = lines[i][2:], start + i
            i += 1
            while cmd.endswith("\\") and i < len(lines):   # a command continued
                cmd = cmd[:-1] + "\n" + lines[i]
                i += 1
            want = []
            while i < len(lines) and not lines[i].startswith("$ "):
                want.append(lines[i])
                i += 1
            while want and want[-1] == "":
                want.pop()
            yield lno, cmd, want


def matches(want, got):
    """want (with "..." wildcards) against got, line by line."""
    pat = "".join(r"(?:.*\n)*?" if w == "..." else re.escape(w) + r"\n" for w in want)
    return re.fullmatch(pat, "".join(g + "\n" for g in got)) is not None


def main(argv):
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(top)
    bindir = os.path.abspath(os.environ.get("IPM_BIN", "bin"))
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""), LC_ALL="C.UTF-8")
    have_shared = os.path.isdir("../shared/seeds")
    for path in argv[1:]:
        for lno, cmd, want in examples(path):
            name = "doc %s:%d" % (path, lno)
            if "../shared" in cmd and not have_shared:
                print("SKIP %s: ../shared/seeds not found" % name)
                continue
            try:
                p = subprocess.run(["sh", "-c", cmd], env=env, capture_output=True, timeout=120)
            except subprocess.TimeoutExpired:
                print("FAIL %s: timed out" % name)
                continue
            got = p.stdout.decode("utf-8", "replace").split("\n")
            if got and got[-1] == "":
                got.pop()
            while got and got[-1] == "":
                got.pop()
            if matches(want, got):
                print("PASS %s" % name)
            else:
                print("FAIL %s: $ %s" % (name, cmd.split("\n")[0]))
                for g in got[:40]:
                    print("   got: %s" % g)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
