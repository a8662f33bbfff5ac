#!/bin/sh
# The viewers' speed (make bench): time from the key that opens a patch to
# its first screen, and from <End> to the screen with the last line, for
# a 1 MB and a 50 MB patch, unified and side by side, from benchtop's own
# timing log (BENCHTOP_TIMING: each key to the next full screen).  Also the
# whole run's wall clock and peak memory, with public tools.
set -u
: "${abs_top_builddir:?run with make bench}"
bin="$abs_top_builddir/benchtop"
dir=$(mktemp -d "${TMPDIR:-/tmp}/benchtop-bench-viewers.XXXXXX")
trap 'rm -rf "$dir"' EXIT
now() { date +%s.%N; }

# a patch of about $1 MB: files of 300 lines of Python-like code
patch() {
	awk -v mb="$1" 'BEGIN {
		files = int(mb * 1048576 / (300 * 48) + 0.5)
		for (f = 0; f < files; f++) {
			printf "diff --git a/app/module%05d.py b/app/module%05d.py\n", f, f
			printf "--- a/app/module%05d.py\n+++ b/app/module%05d.py\n@@ -1,200 +1,200 @@\n", f, f
			for (i = 0; i < 300; i++)
				printf "%s    value_%05d = compute(%d, \"%s\")\n", \
					(i % 3 == 0 ? "-" : i % 3 == 1 ? "+" : " "), i, i, "padding text"
		}
	}'
}
patch 1 > "$dir/1mb.patch"
patch 50 > "$dir/50mb.patch"
for n in 1 50; do
	printf '{"benchtop": 1, "run": {"agent": "bench", "model": "m%s"}, "task": {"name": "flask-openapi-unconstrained"}, "attempt": 0, "report": {"totals": {"total": 290, "passed": 0, "failed": 290}}, "artifacts": {"patch": {"path": "%smb.patch"}}}\n' "$n" "$n"
done > "$dir/bench.jsonl"
"$bin" import "$dir/bench.jsonl" --store "$dir/s.db" --quiet || exit 1

echo "## the patch viewer, 80x24 and 160x40, headless"
for run in 1 50; do
	for size in 80x24 160x40; do
		size_b=$(stat -c %s "$dir/${run}mb.patch")
		cat > "$dir/keys" <<KEYS
:search bench/m$run
<Enter>
T
<Enter>
d
<End>
<Home>
V
<End>
w
<End>
/value_00299<Enter>
KEYS
		t0=$(now)
		BENCHTOP_TIMING="$dir/timing" BENCHTOP_SCRIPT="$dir/keys" BENCHTOP_NO_DISPLAY=1 \
			LINES=${size#*x} COLUMNS=${size%x*} LANG=C.UTF-8 TERM=xterm-256color \
			/usr/bin/time -v "$bin" "$dir/s.db" --no-config 2> "$dir/time.txt"
		t1=$(now)
		echo "$((size_b / 1024)) KB patch at $size: whole run $(echo "$t0 $t1" | \
			awk '{ printf "%.0f", ($2 - $1) * 1000 }') ms, peak $(sed -n \
			's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt" | \
			awk '{ printf "%.1f MB", $1 / 1024 }')"
		# the keys in the patch viewer, and "d" that opened it
		awk '$1 == "key" && ($5 == "diff" || $2 == "d") {
			n = split("d:open, first screen|<End>:<End>, last line|<Home>:<Home>|V:V, side by side|w:w, wrap|/:/, search", l, "|")
			what = $2
			for (i = 1; i <= n; i++) { split(l[i], kv, ":"); if (kv[1] == $2) what = kv[2] }
			printf "  %-22s %8.2f ms\n", what, $3 }' "$dir/timing"
	done
done
