#!/bin/sh
# fuzz.sh: `make fuzz`.  Builds every harness of tests/fuzz with clang,
# libFuzzer, ASan and UBSan into fuzz/ under the build directory (its own
# copy of the library, whatever compiler the build uses), then runs each
# for FUZZ_SECONDS with its seed corpus and prints time, executions,
# execs/s and crashes per harness.
#
# Set by the Makefile: top_srcdir, FUZZ_CC, FUZZ_CPPFLAGS (without quoted
# values: word splitting reads it), FUZZ_LIBS, FUZZ_LIB_SOURCES,
# FUZZ_HARNESSES.  From the user (environment or make command line):
#   FUZZ_SECONDS  seconds per harness (60)
#   FUZZ_TARGETS  the harnesses to run (all), e.g. "csv newman"
#   FUZZ_FLAGS    more libFuzzer flags, e.g. -max_len=1048576
# Each run grows fuzz/corpus/TARGET; crashing inputs land in
# fuzz/crashes/TARGET.  Keep each one as
# tests/fuzz/regressions/TARGET/NAME so that `make check` replays it.
set -eu

: "${top_srcdir:?set by make fuzz}" "${FUZZ_SECONDS:=60}" "${FUZZ_TARGETS:=}" "${FUZZ_FLAGS:=}"
if [ -z "${FUZZ_CC:-}" ]; then
	echo "make fuzz needs clang with libFuzzer (configure FUZZ_CC=...)" >&2
	exit 1
fi
out=fuzz
src="$top_srcdir"
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
mkdir -p "$out/obj"

newer() { # file than-file
	[ -n "$(find "$1" -prune -newer "$2")" ]
}
# Rebuild an object when its source or any header is newer.
newest=config.h
for h in "$src"/include/benchtop/*.h "$src"/src/*.h "$src"/tests/fuzz/fuzz.h; do
	if newer "$h" "$newest"; then newest=$h; fi
done
stale() { # object source
	[ ! -f "$1" ] || newer "$2" "$1" || newer "$newest" "$1"
}
compile() { # object source extra-flags...
	o=$1 c=$2
	shift 2
	if stale "$o" "$c"; then
		echo "  FUZZCC   $o"
		# shellcheck disable=SC2086 # word splitting of the flag lists is wanted
		$FUZZ_CC $flags "$@" $FUZZ_CPPFLAGS -c "$c" -o "$o"
	fi
}

objs=
rebuilt=no
for c in $FUZZ_LIB_SOURCES; do
	case $c in *.c) ;; *) continue ;; esac
	o="$out/obj/$(basename "$c" .c).o"
	if stale "$o" "$src/$c"; then rebuilt=yes; fi
	compile "$o" "$src/$c" -fsanitize=fuzzer-no-link
	objs="$objs $o"
done
if [ "$rebuilt" = yes ] || [ ! -f "$out/libbenchtop.a" ]; then
	rm -f "$out/libbenchtop.a"
	# shellcheck disable=SC2086
	ar rcs "$out/libbenchtop.a" $objs
fi

# Every harness object goes into every binary (harnesses may share
# checks); entry.c picks the one the binary runs.
all=
hobjs=
for h in $FUZZ_HARNESSES; do
	t=$(basename "$h" .c)
	t=${t#fuzz_}
	all="$all $t"
	compile "$out/obj/fuzz_$t.o" "$src/$h" -fsanitize=fuzzer-no-link
	hobjs="$hobjs $out/obj/fuzz_$t.o"
done
for t in $all; do
	compile "$out/obj/entry_$t.o" "$src/tests/fuzz/entry.c" -fsanitize=fuzzer-no-link \
		-DFUZZ_TARGET="$t"
	relink=no
	for o in "$out/libbenchtop.a" "$out/obj/entry_$t.o" $hobjs; do
		if [ ! -f "$out/fuzz_$t" ] || newer "$o" "$out/fuzz_$t"; then relink=yes; fi
	done
	if [ "$relink" = yes ]; then
		echo "  FUZZLD   $out/fuzz_$t"
		# shellcheck disable=SC2086
		$FUZZ_CC $flags -fsanitize=fuzzer "$out/obj/entry_$t.o" $hobjs \
			"$out/libbenchtop.a" $FUZZ_LIBS -o "$out/fuzz_$t"
	fi
done

# Leaks count as crashes; a run stops at its first crash.
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
export ASAN_OPTIONS UBSAN_OPTIONS
total_crashes=0
touch "$out/.started"
printf '%-16s %8s %12s %10s %8s\n' harness seconds executions execs/s crashes
for t in ${FUZZ_TARGETS:-$all}; do
	if [ ! -x "$out/fuzz_$t" ]; then
		echo "no harness '$t' (have:$all)" >&2
		exit 1
	fi
	mkdir -p "$out/corpus/$t" "$out/crashes/$t"
	before=$(find "$out/crashes/$t" -type f | wc -l)
	set -- "$out/corpus/$t" "$src/tests/fuzz/corpus/$t"
	if [ -d "$src/tests/fuzz/regressions/$t" ]; then
		set -- "$@" "$src/tests/fuzz/regressions/$t"
	fi
	if [ -f "$src/tests/fuzz/dict/$t.dict" ]; then
		set -- -dict="$src/tests/fuzz/dict/$t.dict" "$@"
	fi
	start=$(date +%s)
	# shellcheck disable=SC2086
	"$out/fuzz_$t" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$out/crashes/$t/" $FUZZ_FLAGS "$@" \
		>"$out/$t.log" 2>&1 || true
	secs=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/$t.log" | tail -n 1)
	crashes=$(($(find "$out/crashes/$t" -type f | wc -l) - before))
	total_crashes=$((total_crashes + crashes))
	printf '%-16s %8s %12s %10s %8s\n' "$t" "$secs" "${execs:-?}" "${rate:-?}" "$crashes"
done
if [ "$total_crashes" -gt 0 ]; then
	echo "crashing inputs (logs: $out/TARGET.log):" >&2
	find "$out/crashes" -type f -newer "$out/.started" >&2
	exit 1
fi
