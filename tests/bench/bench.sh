#!/bin/sh
# make bench: benchtop's performance at several sizes, measured with public
# tools (/usr/bin/time -v, the shell's clock) and benchtop's own timing log
# for the explorer (BENCHTOP_TIMING).  Writes a report to stdout.
#
#   BENCH_SIZES   sizes as ATTEMPTS:PATCH_KB (default "2000:100 20000:0
#                 200000:0"; 0 = realistic 8-30 KB patches).  200,000 needs
#                 ~52 GB of disk and ~45 minutes; a size the disk cannot hold
#                 is skipped with a message
#   BENCH_DIR     where trees and stores go (default: build dir/bench-data,
#                 on the same disk as the build: cp -r is measured there too)
#   BENCH_KEEP    keep the data afterwards
#   BENCH_TUI=0   skip the explorer part (every view on each store, then a
#                 task list of BENCH_LIST_ROWS rows, default 100,000)
#   BENCH_INPUT=jsonl  import one JSONL file of the same attempts instead of
#                 a results tree (cp copies that file): a million small
#                 files wear out a cloud disk's write budget
#   BENCH_FAILURES=0  skip the failure board part (BENCH_FAILURE_ATTEMPTS,
#                 default 200,000 lean attempts: reports and 1 KB patches,
#                 ~9 GB of JSONL and ~7.5 GB of store while it runs)
set -u
: "${abs_top_builddir:?run with make bench}"
bin="$abs_top_builddir/benchtop"
gen="$abs_top_builddir/benchtop-gen"
dir="${BENCH_DIR:-$abs_top_builddir/bench-data}"
sizes="${BENCH_SIZES:-2000:100 20000:0 200000:0}"
mkdir -p "$dir"
now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{ printf "%.3f", $2 - $1 }'; }
ms() { echo "$1 $2" | awk '{ printf "%.1f", ($2 - $1) * 1000 }'; }
rss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{ printf "%.1f MB", $1 / 1024 }'; }

echo "# benchtop benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -r)"
echo "disk: $(df -h "$dir" | awk 'NR == 2 { print $1 " (" $2 ", " $4 " free)" }')"
echo "benchtop: $("$bin" --version)"
echo

for size in $sizes; do
	n=${size%%:*}
	kb=${size#*:}
	[ "$kb" = "$size" ] && kb=0
	# one agent configuration x 80 tasks x 5 attempts = 400 attempts per copy
	scale=$(( (n + 399) / 400 ))
	input=${BENCH_INPUT:-tree}
	tree="$dir/$input-$n"
	store="$dir/store-$n.db"
	if [ "$kb" -gt 0 ]; then echo "## $((scale * 400)) attempts ($kb KB patches)"
	else echo "## $((scale * 400)) attempts (realistic 8-30 KB patches)"; fi
	# the input, its copy and the store, each ~95 KB an attempt (more with
	# bigger patches), and what the sizes before left
	need_mb=$(( scale * 400 * (3 * 95 + 3 * kb) / 1024 ))
	free_mb=$(df -Pm "$dir" | awk 'NR == 2 { print $4 }')
	if [ ! -e "$tree" ] && [ "$need_mb" -gt "$free_mb" ]; then
		echo "skipped: needs ~$((need_mb / 1024)) GB of disk, $((free_mb / 1024)) GB free"
		echo
		continue
	fi
	if [ ! -e "$tree" ]; then
		t0=$(now)
		patch=""
		[ "$kb" -gt 0 ] && patch="--patch-kb $kb"
		# shellcheck disable=SC2086
		"$gen" "$input" "$tree" --runs mini_swe_sdk/bench:0.8 --no-features --attempts 5 \
			--scale "$scale" $patch --quiet || { echo "benchtop-gen failed" >&2; exit 1; }
		echo "generate the $input: $(secs "$t0" "$(now)") s"
	fi
	mb=$(du -sm "$tree" | cut -f1)
	files=$(find "$tree" -type f | wc -l)
	echo "$input: $mb MB on disk, $files files"
	# both read the same (cached) tree and write the same disk; each counts
	# until its data is on disk (sync); the best of three of each
	cp_s=999999 imp_s=999999
	for i in 1 2 3; do
		rm -rf "$dir/copy"; sync
		t0=$(now); cp -r "$tree" "$dir/copy"; sync; t1=$(now)
		cp_s=$(echo "$cp_s $(secs "$t0" "$t1")" | awk '{ print ($2 < $1) ? $2 : $1 }')
		rm -rf "$dir/copy"; rm -f "$store" "$store"-wal "$store"-shm; sync
		t0=$(now)
		/usr/bin/time -v "$bin" import "$tree" --store "$store" --quiet 2> "$dir/time.txt"
		sync; t1=$(now)
		imp_s=$(echo "$imp_s $(secs "$t0" "$t1")" | awk '{ print ($2 < $1) ? $2 : $1 }')
		[ "$n" -ge 100000 ] && break # one round is enough at this size
	done
	attempts=$(sqlite3 "$store" "select count(*) from attempt")
	echo "cp -r of the $input: $cp_s s"
	echo "benchtop import:   $imp_s s = $(echo "$attempts $imp_s" | awk '{ printf "%.0f", $1 / $2 }') attempts/s," \
		"$(echo "$mb $imp_s" | awk '{ printf "%.1f", $1 / $2 }') MB/s," \
		"$(echo "$imp_s $cp_s" | awk '{ printf "%.2f", $1 / $2 }') x cp -r, peak $(rss "$dir/time.txt")"
	size=$(stat -c %s "$store")
	echo "store: $((size / 1048576)) MB, $((size / attempts)) bytes per attempt"
	for cmd in "summary" "table 1" "table 2a" "table 8"; do
		best=999999
		for i in 1 2 3; do
			t0=$(now); "$bin" $cmd --store "$store" > /dev/null; t1=$(now)
			best=$(echo "$best $(ms "$t0" "$t1")" | awk '{ print ($2 < $1) ? $2 : $1 }')
		done
		echo "benchtop $cmd: $best ms (best of 3)"
	done
	echo
done

# The explorer, headless at 80x24, driven by a key script; BENCHTOP_TIMING
# logs the time to the first screen and every key's handling and drawing.
explore() { # store keys-file
	BENCHTOP_TIMING="$dir/timing" BENCHTOP_SCRIPT="$2" BENCHTOP_NO_DISPLAY=1 LINES=24 \
		COLUMNS=80 LANG=C.UTF-8 TERM=xterm-256color \
		/usr/bin/time -v "$bin" "$1" --no-config 2> "$dir/time.txt"
	echo "peak memory: $(rss "$dir/time.txt")"
	awk '/^first-screen/ { print "first screen: " $2 " ms" }
	     /^key/ { printf "key %-30s %8s ms  (%s view)\n", $2, $3, $5;
		      if ($3 > max) { max = $3; which = $2 " in " $5 } }
	     END { print "slowest key: " max " ms (" which ")" }' "$dir/timing"
	rm -f "$dir/timing"
}

if [ "${BENCH_TUI:-1}" != 0 ]; then
	# every view, on each store measured above
	cat > "$dir/keys" <<'KEYS'
j
k
<Enter>
<Right>
<Up>
m
e
v
v
t
<Down>
<Right>
q
T
<PgDn>
s
s
:filter level=2 outcome=failed
G
/clean_architecture<Enter>
n
<Enter>
]
<C-d>
d
<PgDn>
<End>
q
L
q
J
<Down>
q
q
q
q
A
:filter framework=fastapi level=3
s
G
q
?
q
<Space>
j
c
2
3
4
<Enter>
q
q
KEYS
	for size in $sizes; do
		store="$dir/store-${size%%:*}.db"
		[ -f "$store" ] || continue # skipped above
		echo "## the explorer on $(sqlite3 "$store" "select count(*) from attempt") attempts," \
			"$(sqlite3 "$store" "select count(*) from run") runs, 80x24, headless"
		explore "$store" "$dir/keys"
		echo
	done

	# a task list of BENCH_LIST_ROWS (default 100,000) rows: one attempt a
	# task, reports and small patches only (benchtop-gen --lean), so the
	# list is long and the disk is spared
	rows=${BENCH_LIST_ROWS:-100000}
	scale=$(( (rows + 239) / 240 ))
	list="$dir/list.db"
	"$gen" jsonl "$dir/list.jsonl" --lean --attempts 1 --no-features --patch-kb 1 \
		--scale "$scale" --quiet
	t0=$(now)
	"$bin" import "$dir/list.jsonl" --store "$list" --quiet
	echo "## a task list of $(sqlite3 "$list" "select count(*) from task_result") rows" \
		"($(sqlite3 "$list" "select count(*) from run") runs; import $(secs "$t0" "$(now)") s)"
	rm -f "$dir/list.jsonl"
	cat > "$dir/keys" <<'KEYS'
A
<PgDn>
G
s
s
S
:filter level=2 outcome=failed
g
<PgDn>
/koa<Enter>
n
:filter framework=fastapi
F
<Enter>
q
q
KEYS
	explore "$list" "$dir/keys"
fi
# The failure board (the triage issue's budget: one run < 300 ms, the whole
# store < 2 s at 200,000 attempts), from the CLI and in the explorer, and
# the schema-2 migration that backfills an older store's failures.
if [ "${BENCH_FAILURES:-1}" != 0 ]; then
	n=${BENCH_FAILURE_ATTEMPTS:-200000}
	scale=$(( (n + 399) / 400 ))
	big="$dir/failures.db"
	t0=$(now)
	"$gen" jsonl "$dir/failures.jsonl" --lean --attempts 5 --no-features --patch-kb 1 \
		--scale "$scale" --runs mini_swe_sdk/bench:0.8 --quiet
	"$bin" import "$dir/failures.jsonl" --store "$big" --quiet
	rm -f "$dir/failures.jsonl"
	echo "## the failure board on $(sqlite3 "$big" "select count(*) from attempt") attempts," \
		"$(sqlite3 "$big" "select count(*) from run") runs (generated and imported in" \
		"$(secs "$t0" "$(now)") s)"
	run=$("$bin" runs --store "$big" --format csv | sed -n 2p | cut -d, -f1)
	for args in "--run $run" "--run $run --by first-failure" "" "--by assertion" "--by category"; do
		best=999999
		for i in 1 2 3; do
			# shellcheck disable=SC2086
			t0=$(now); "$bin" failures --store "$big" $args --format csv > /dev/null; t1=$(now)
			best=$(echo "$best $(ms "$t0" "$t1")" | awk '{ print ($2 < $1) ? $2 : $1 }')
		done
		echo "benchtop failures ${args:-(every run)}: $best ms (best of 3)"
	done
	# the explorer: b on the first run, then A (every run's tasks) and b
	cat > "$dir/keys" <<'KEYS'
b
<Tab>
<Tab>
<Tab>
<Tab>
<Enter>
<Enter>
q
q
q
A
b
<Tab>
q
q
KEYS
	explore "$big" "$dir/keys"
	# an older store: the failures dropped, the schema one step back, migrated
	sqlite3 "$big" "DROP TABLE attempt_failure; DROP TABLE request_key;
		ALTER TABLE task_result DROP COLUMN has_flags; PRAGMA user_version = 1"
	t0=$(now)
	"$bin" migrate --store "$big" > /dev/null
	echo "benchtop migrate (schema 1 -> 2, backfilling every attempt's failures):" \
		"$(secs "$t0" "$(now)") s"
	rm -f "$big" "$big"-wal "$big"-shm
	echo
fi
[ -n "${BENCH_KEEP:-}" ] || rm -rf "$dir"
