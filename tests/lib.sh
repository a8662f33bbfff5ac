# lib.sh: TAP helpers for the shell tests (sourced).  Every check prints one
# "ok N - name" / "not ok N - name" line; done_testing prints the plan.
set -u
: "${BENCHTOP:?run the tests with make check}"
: "${abs_top_srcdir:?run the tests with make check}"
fixtures="$abs_top_srcdir/tests/fixtures"
shared="${BENCHTOP_SHARED:-$abs_top_srcdir/../shared}"
[ -f "$shared/docs/upstream-format.md" ] || shared=""
tap_n=0
tap_failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/benchtop-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# no user configuration or store leaks into a test
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
unset BENCHTOP_STORE BENCHTOP_DEMO_STORE NO_COLOR 2>/dev/null || true
mkdir -p "$HOME"

ok() { # status name
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $tap_n - $2"; else
		echo "not ok $tap_n - $2"; tap_failed=$((tap_failed + 1)); fi
}
is() { # got want name
	tap_n=$((tap_n + 1))
	if [ "$1" = "$2" ]; then echo "ok $tap_n - $3"; else
		echo "not ok $tap_n - $3"
		printf '%s\n' "got:" "$1" "want:" "$2" | sed 's/^/#   /'
		tap_failed=$((tap_failed + 1)); fi
}
has() { # text needle name
	tap_n=$((tap_n + 1))
	case "$1" in *"$2"*) echo "ok $tap_n - $3" ;; *)
		echo "not ok $tap_n - $3"
		printf '%s\n' "wanted to find: $2" "in:" "$1" | sed 's/^/#   /'
		tap_failed=$((tap_failed + 1)) ;; esac
}
hasnt() { # text needle name
	tap_n=$((tap_n + 1))
	case "$1" in *"$2"*)
		echo "not ok $tap_n - $3"; echo "#   did not want: $2"
		tap_failed=$((tap_failed + 1)) ;; *) echo "ok $tap_n - $3" ;; esac
}
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # SKIP $*"; }
done_testing() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }
# run benchtop, capturing stdout+stderr in $out and the status in $rc
run() { out=$("$BENCHTOP" "$@" 2>&1); rc=$?; }
