/* fuzz_judge.c: the failure-taxonomy CSVs (coarse and logic). */
#include "config.h"

#include "benchtop/parse.h"

#include "fuzz.h"

int
fuzz_judge(const uint8_t *data, size_t size)
{
	char *copy = fuzz_copy(data, size);
	struct judge_file f;
	struct bt_error err;

	judge_sniff(copy, size);
	if (judge_parse(copy, size, "fuzz.csv", &f, &err) == BT_OK) {
		for (size_t i = 0; i < f.n; i++)
			FUZZ_CHECK(f.rows[i].agent[0] && f.rows[i].model[0] &&
				   f.rows[i].runtime[0] && f.rows[i].task[0] && f.rows[i].label);
	} else {
		FUZZ_CHECK(f.n == 0);
	}
	judge_file_free(&f);
	free(copy);
	return 0;
}
