#!/bin/sh
# make bench, part 3: search (issue 15).  A store of SEARCH_ATTEMPTS
# (default 20,000) attempts with 100 KB patches and 50 KB server logs: its
# size without and with the text index (import --index-text), the time to
# build the index, and `benchtop search` over every log for a line planted
# in one attempt's log (best of three), without and with the index.
#
#   SEARCH_ATTEMPTS  attempts (a multiple of 400)
#   BENCH_DIR        where the tree and the store go (default: build dir/bench-data)
#   BENCH_KEEP       keep them afterwards
set -u
: "${abs_top_builddir:?run with make bench}"
bin="$abs_top_builddir/benchtop"
gen="$abs_top_builddir/benchtop-gen"
dir="${BENCH_DIR:-$abs_top_builddir/bench-data}"
n=${SEARCH_ATTEMPTS:-20000}
scale=$(( (n + 399) / 400 ))
tree="$dir/search-tree-$n"
store="$dir/search-$n.db"
mkdir -p "$dir"
now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{ printf "%.3f", $2 - $1 }'; }
mb() { du -m "$1" | cut -f1; }

echo "## search: $((scale * 400)) attempts, 100 KB patches, 50 KB server logs"
need_mb=$(( scale * 400 * 450 / 1024 ))
free_mb=$(df -Pm "$dir" | awk 'NR == 2 { print $4 }')
if [ ! -e "$tree" ] && [ "$need_mb" -gt "$free_mb" ]; then
	echo "skipped: needs ~$((need_mb / 1024)) GB of disk, $((free_mb / 1024)) GB free"
	exit 0
fi
if [ ! -e "$tree" ]; then
	t0=$(now)
	"$gen" tree "$tree" --runs mini_swe_sdk/bench:0.8 --no-features --attempts 5 \
		--scale "$scale" --patch-kb 100 --log-kb 50 --quiet || { echo "benchtop-gen failed" >&2; exit 1; }
	echo "generate the tree: $(secs "$t0" "$(now)") s"
fi
# the line to find, in one attempt's log only
log=$(find "$tree/data/results" -name conduit.log | sort | sed -n "$((scale * 200))p")
grep -q zz_bench_needle_4711 "$log" ||
	printf 'psycopg2.errors.UndefinedTable: relation "zz_bench_needle_4711" does not exist\n' >> "$log"
rm -f "$store" "$store"-wal "$store"-shm
t0=$(now)
"$bin" import "$tree" --store "$store" --quiet || exit 1
echo "import: $(secs "$t0" "$(now)") s"
"$bin" migrate --store "$store" >/dev/null # leave one file to measure (WAL checkpointed)
logs_mb=$(find "$tree/data/results" -name conduit.log -o -name setup.log | xargs cat | wc -c | awk '{ printf "%.0f", $1 / 1048576 }')
size0=$(mb "$store")
echo "store: $size0 MB (the logs: $logs_mb MB)"

search() { # label args...
	label=$1; shift
	best=999999
	for i in 1 2 3; do
		t0=$(now)
		out=$("$bin" search --store "$store" "$@" --format csv)
		t=$(secs "$t0" "$(now)")
		best=$(echo "$best $t" | awk '{ print ($2 < $1) ? $2 : $1 }')
	done
	echo "$label: ${best} s, $(echo "$out" | tail -n +2 | wc -l) match(es)"
}
search "search every log, no index (scan)" zz_bench_needle_4711 --in logs
search "search every log for a regular expression (scan)" 'zz_bench_needle_[0-9]+' --regex --in logs
t0=$(now)
"$bin" import --store "$store" --index-text --quiet || exit 1
echo "build the text index: $(secs "$t0" "$(now)") s"
"$bin" migrate --store "$store" >/dev/null
size1=$(mb "$store")
echo "store with the index: $size1 MB (+$(echo "$size0 $size1" | awk '{ printf "%.0f", ($2 - $1) * 100 / $1 }')%)"
search "search every log, with the index" zz_bench_needle_4711 --in logs
search "search everything, with the index" zz_bench_needle_4711
[ -n "${BENCH_KEEP:-}" ] || rm -rf "$tree" "$store" "$store"-wal "$store"-shm
echo
