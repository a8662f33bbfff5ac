/* fuzz_newman.c: a Newman CSV report without a catalogue. */
#include "config.h"

#include "benchtop/parse.h"

#include "fuzz.h"

int
fuzz_newman(const uint8_t *data, size_t size)
{
	char *copy = fuzz_copy(data, size);
	struct attempt a;
	struct bt_error err;

	attempt_init(&a);
	newman_parse(copy, size, "fuzz.csv", NULL, &a, &err);
	attempt_free(&a);
	free(copy);
	return 0;
}
