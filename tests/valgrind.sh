#!/bin/sh
# valgrind.sh: `make check-valgrind`.  Runs each test program given (the
# unit tests and the fuzz regressions) under valgrind memcheck: any memory
# error or definite/indirect leak, or a failing test, fails it.  Logs go
# next to each program as PROGRAM.valgrind.log; prints one line per
# program and "N passed, N failed".
set -u

: "${VALGRIND:=valgrind}"
if ! command -v "$VALGRIND" >/dev/null 2>&1; then
	echo "check-valgrind needs valgrind (apt-get install valgrind)" >&2
	exit 1
fi
passed=0
failed=0
for t in "$@"; do
	log="$t.valgrind.log"
	start=$(date +%s)
	"$VALGRIND" -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --log-file="$log" \
		"./$t" >"$t.valgrind.out" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	errors=$(grep -c '^==[0-9]*== [A-Z]' "$log")
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		echo "PASS: $t (${secs}s)"
	elif [ "$rc" -eq 99 ]; then
		failed=$((failed + 1))
		echo "FAIL: $t: valgrind found errors or leaks (${secs}s, $errors reports, see $log)"
	else
		failed=$((failed + 1))
		echo "FAIL: $t: the test failed, exit $rc (see $t.valgrind.out)"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
