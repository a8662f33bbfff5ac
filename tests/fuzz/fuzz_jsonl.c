/* fuzz_jsonl.c: one line of a JSONL results file, then what the importer
 * derives from a line that parsed (trajectory facts, verifiers, metrics).
 * basedir is NULL: artifact paths are refused, inline artifacts are read. */
#include "config.h"

#include "benchtop/ingest.h"

#include "fuzz.h"

int
fuzz_jsonl(const uint8_t *data, size_t size)
{
	char *copy = fuzz_copy(data, size);
	struct attempt a;
	struct bt_error err;

	attempt_init(&a);
	if (jsonl_parse_line(copy, size, "fuzz.jsonl", 1, NULL, &a, &err) == BT_OK)
		ingest_complete_attempt(&a);
	attempt_free(&a);
	free(copy);
	return 0;
}
