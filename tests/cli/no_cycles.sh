#!/bin/bash
# no_cycles.sh - the library's files call each other without circles: from
# the symbols each object of libarsenal_core.a defines and uses (nm), the
# graph of "file A calls file B" must have no cycle, so every file can be
# read knowing only the ones below it.
# valgrind: skip (runs no arsenal code)
set -u
bin=$1
lib=$(dirname "$bin")/libarsenal_core.a
[ -f "$lib" ] || { echo "FAIL: $lib not found"; exit 1; }
nm -A "$lib" 2>/dev/null | python3 -c '
import collections, sys
defs, uses = {}, collections.defaultdict(set)
for line in sys.stdin:
    head, _, rest = line.rpartition(":")
    obj = head.split(":")[-1]
    p = rest.split()
    if len(p) == 3 and p[1] in "TDBR":
        defs[p[2]] = obj
    elif len(p) == 2 and p[0] == "U":
        uses[obj].add(p[1])
g = {f: {defs[u] for u in us if u in defs and defs[u] != f} for f, us in uses.items()}
state, path = {}, []
def visit(v):
    state[v] = 1
    path.append(v)
    for w in sorted(g.get(v, ())):
        if state.get(w) == 1:
            print("FAIL: circle " + " -> ".join(path[path.index(w):] + [w]))
            sys.exit(1)
        if w not in state:
            visit(w)
    path.pop()
    state[v] = 2
sys.setrecursionlimit(10000)
for v in sorted(g):
    if v not in state:
        visit(v)
print("no_cycles: %d files, no circles" % len(g))
'
