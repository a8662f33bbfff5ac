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

echo "## the trajectory diff: two 300-step mini-swe-agent trajectories, headless"
# 300 tool calls each with 20-line outputs; B skips every 10th command of
# A, adds one of its own every 7th, and prints other output every 5th
traj() { # side
	awk -v side="$1" 'BEGIN {
		printf "{\"info\": {\"exit_status\": \"%s\", \"model_stats\": {\"instance_cost\": 0.5, \"api_calls\": 300}, \"config\": {\"environment\": {\"cwd\": \"/testbed\"}}}, \"trajectory_format\": \"mini-swe-agent-1.1\", \"messages\": [", side == "a" ? "Submitted" : "LimitsExceeded"
		n = 0
		for (i = 0; n < 300; i++) {
			if (side == "b" && i % 10 == 9) continue
			cmd = (side == "b" && i % 7 == 3) ? sprintf("cat /testbed/extra_%d.py", i) : sprintf("grep -n value_%d /testbed/app/module%d.py", i, i % 40)
			printf "%s{\"role\": \"assistant\", \"content\": \"Step %d.\", \"extra\": {\"actions\": [{\"command\": \"%s\", \"tool_call_id\": \"c%d\"}]}}", (n ? ", " : ""), i, cmd, i
			printf ", {\"role\": \"tool\", \"tool_call_id\": \"c%d\", \"content\": \"", i
			for (l = 0; l < 20; l++)
				printf "%s%d: value_%d = compute(%d)%s", (l ? "\\n" : ""), l, i, l, (side == "b" && i % 5 == 0) ? " # changed" : ""
			printf "\"}"
			n++
		}
		printf "]}\n"
	}'
}
traj a > "$dir/a.traj.json"
traj b > "$dir/b.traj.json"
for s in a b; do
	printf '{"benchtop": 1, "run": {"agent": "bench", "model": "traj-%s"}, "task": {"name": "flask-openapi-unconstrained"}, "attempt": 0, "report": {"totals": {"total": 290, "passed": 0, "failed": 290}}, "artifacts": {"trajectory": {"path": "%s.traj.json"}}}\n' "$s" "$s"
done > "$dir/traj.jsonl"
"$bin" import "$dir/traj.jsonl" --store "$dir/t.db" --quiet || exit 1
for size in 80x24 160x40; do
	# the pair view of the two runs, then J
	printf '<Space>\nj\nc\n4\n<Enter>\nJ\n>\no\n' > "$dir/keys"
	rm -f "$dir/timing"
	BENCHTOP_TIMING="$dir/timing" BENCHTOP_SCRIPT="$dir/keys" BENCHTOP_NO_DISPLAY=1 \
		LINES=${size#*x} COLUMNS=${size%x*} LANG=C.UTF-8 TERM=xterm-256color \
		"$bin" "$dir/t.db" --no-config
	echo "at $size:"
	awk '$1 == "key" && ($2 == "J" || $5 == "trajdiff") {
		what = $2 == "J" ? "J: load, parse, align, first screen" : $2 == ">" ? ">: next difference" : "o: output diff"
		printf "  %-36s %8.2f ms\n", what, $3 }' "$dir/timing"
done
