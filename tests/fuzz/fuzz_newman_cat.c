/* fuzz_newman_cat.c: a Newman CSV report split with a catalogue.  The
 * input is the collection JSON, a NUL byte, then the CSV. */
#include "config.h"

#include "benchtop/parse.h"

#include "fuzz.h"

int
fuzz_newman_cat(const uint8_t *data, size_t size)
{
	const uint8_t *csv;
	size_t csv_size, json_size = fuzz_split(data, size, &csv, &csv_size);
	char *json = fuzz_copy(data, json_size), *report = fuzz_copy(csv, csv_size);
	struct assertion_catalogue cat;
	struct attempt a;
	struct bt_error err;
	int rc = catalogue_parse(json, json_size, &cat, &err);

	attempt_init(&a);
	fuzz_newman_check(&a, newman_parse(report, csv_size, "fuzz.csv", rc == BT_OK ? &cat : NULL,
					   &a, &err));
	attempt_free(&a);
	catalogue_free(&cat);
	free(report);
	free(json);
	return 0;
}
