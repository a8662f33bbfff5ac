/* fuzz_newman.c: a Newman CSV report without a catalogue, and the checks
 * of what newman_parse promises (shared with fuzz_newman_cat.c). */
#include "config.h"

#include "benchtop/parse.h"

#include "fuzz.h"

void
fuzz_newman_check(const struct attempt *a, int rc)
{
	long total = 0, passed = 0, failed = 0;

	FUZZ_CHECK(a->has_report == (rc == BT_OK));
	FUZZ_CHECK(rc == BT_OK || (a->flags & ATTEMPT_BROKEN_REPORT));
	for (size_t i = 0; i < a->n_requests; i++) {
		const struct request *r = &a->requests[i];

		FUZZ_CHECK(r->name && r->method && r->url && r->status);
		FUZZ_CHECK(r->code == -1 || (r->code >= 100 && r->code <= 999));
		total += r->n_total;
		passed += r->n_passed;
		failed += r->n_failed;
	}
	/* the requests carry the counts that were added for them (below the
	 * cap on kept rows) */
	if (a->n_requests < 100000)
		FUZZ_CHECK(total == a->total && passed == a->passed && failed == a->failed);
}

int
fuzz_newman(const uint8_t *data, size_t size)
{
	char *copy = fuzz_copy(data, size);
	struct attempt a;
	struct bt_error err;

	attempt_init(&a);
	fuzz_newman_check(&a, newman_parse(copy, size, "fuzz.csv", NULL, &a, &err));
	attempt_free(&a);
	free(copy);
	return 0;
}
