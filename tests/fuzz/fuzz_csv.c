/* fuzz_csv.c: the generic CSV reader (csv_next) over a whole input. */
#include "config.h"

#include "benchtop/parse.h"

#include "fuzz.h"

int
fuzz_csv(const uint8_t *data, size_t size)
{
	char *copy = fuzz_copy(data, size);
	struct csv_reader r;
	struct csv_row row = {0};
	struct bt_error err;
	long last_line = 0;
	int rc;

	csv_reader_init(&r, copy, size);
	while ((rc = csv_next(&r, &row, &err)) == 1) {
		/* every row has a field, and rows start on increasing lines */
		FUZZ_CHECK(row.fields.n >= 1 && row.line > last_line);
		last_line = row.line;
	}
	if (rc < 0)
		FUZZ_CHECK(csv_next(&r, &row, &err) == 0);
	csv_row_free(&row);
	free(copy);
	return 0;
}
