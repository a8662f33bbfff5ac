"""The layers of DEVELOPERS.md, checked on the built objects and on the sources.

Each folder of src/ may call only the folders its row allows (nm: a symbol an
object uses must be defined in its own folder or an allowed one); SQLite is
called only from src/store/ and curses only from src/tui/ (nm and #include).
Prints TAP.  Usage: layers.py SRCDIR BUILDDIR
"""
import glob
import os
import re
import subprocess
import sys

ALLOWED = {
    "util": set(),
    "core": {"util"},
    "parse": {"core", "util"},
    "store": {"core", "util"},
    "metrics": {"core", "util"},
    "ingest": {"parse", "store", "metrics", "core", "util"},
    "report": {"store", "metrics", "core", "util"},
    "model": {"report", "parse", "store", "metrics", "core", "util"},
    "tui": {"model", "report", "store", "metrics", "core", "util"},
    "cli": {"tui", "model", "report", "ingest", "parse", "store", "metrics", "core", "util"},
}
CURSES = re.compile(r"^(initscr|newterm|endwin|wmove|wrefresh|waddn?w?str|wattr_?on|getch|"
                    r"wget_wch|get_wch|mvw?add|start_color|init_pair|keypad|doupdate|mousemask)")

srcdir, builddir = sys.argv[1], sys.argv[2]
n = 0
failed = 0


def ok(cond, what, detail=()):
    global n, failed
    n += 1
    print(("ok" if cond else "not ok") + f" {n} - {what}")
    if not cond:
        failed += 1
        for d in list(detail)[:20]:
            print(f"#   {d}")


# objects of today's sources only (a build directory may keep stale ones)
objs = sorted(o for o in glob.glob(os.path.join(builddir, "src", "*", "*.o"))
              if os.path.exists(os.path.join(srcdir, os.path.relpath(o, builddir))[:-2] + ".c"))
if not objs:
    print("1..0 # SKIP no objects under " + os.path.join(builddir, "src"))
    sys.exit(0)
defined, used = {}, {}
for o in objs:
    layer = os.path.basename(os.path.dirname(o))
    out = subprocess.run(["nm", o], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        p = line.split()
        if len(p) == 3 and p[1] in "TDBRC":
            defined[p[2]] = layer
        elif len(p) == 2 and p[0] == "U":
            used.setdefault(o, set()).add(p[1])

ok(set(ALLOWED) >= {os.path.basename(os.path.dirname(o)) for o in objs},
   "every folder of src/ has a row in the layer table",
   sorted({os.path.basename(os.path.dirname(o)) for o in objs} - set(ALLOWED)))
for layer in sorted(ALLOWED):
    bad = []
    for o in objs:
        if os.path.basename(os.path.dirname(o)) != layer:
            continue
        for s in sorted(used.get(o, ())):
            to = defined.get(s)
            if to and to != layer and to not in ALLOWED[layer]:
                bad.append(f"{os.path.relpath(o, builddir)} calls {s} of src/{to}/")
    ok(not bad, f"src/{layer}/ calls only " +
       (", ".join(sorted(ALLOWED[layer])) or "itself"), bad)

sql = [f"{os.path.relpath(o, builddir)}: {s}" for o in objs for s in used.get(o, ())
       if s.startswith("sqlite3_") and "/store/" not in o]
ok(not sql, "only src/store/ calls SQLite", sql)
curses = [f"{os.path.relpath(o, builddir)}: {s}" for o in objs for s in used.get(o, ())
          if CURSES.match(s) and "/tui/" not in o]
ok(not curses, "only src/tui/ calls curses", curses)

inc = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
by_header = {"sqlite3.h": "store", "curses.h": "tui", "ncurses.h": "tui", "ncursesw/curses.h": "tui",
             "tui_curses.h": "tui"}
bad = []
for f in sorted(glob.glob(os.path.join(srcdir, "src", "*", "*.[ch]")) +
                glob.glob(os.path.join(srcdir, "include", "benchtop", "*.h"))):
    folder = os.path.basename(os.path.dirname(f))
    for line in open(f, encoding="utf-8"):
        m = inc.match(line)
        if m and m.group(1) in by_header and folder != by_header[m.group(1)]:
            bad.append(f"{os.path.relpath(f, srcdir)} includes {m.group(1)}")
ok(not bad, "sqlite3.h is included only in src/store/, the curses headers only in src/tui/", bad)
print(f"1..{n}")
sys.exit(1 if failed else 0)
