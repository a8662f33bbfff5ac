/* fuzz_traj_mini.c: a Mini-SWE trajectory.json. */
#include "config.h"

#include "benchtop/parse.h"

#include "fuzz.h"

int
fuzz_traj_mini(const uint8_t *data, size_t size)
{
	char *copy = fuzz_copy(data, size);
	struct trajectory t;
	struct bt_error err;
	long steps = 0;

	trajectory_init(&t);
	trajectory_parse_mini(copy, size, &t, &err);
	FUZZ_CHECK(t.format[0] && t.termination);
	for (size_t i = 0; i < t.n; i++) {
		FUZZ_CHECK(t.v[i].role && t.v[i].source && t.v[i].tool && t.v[i].text);
		steps += strcmp(t.v[i].role, "assistant") == 0;
	}
	/* a step is an assistant message */
	FUZZ_CHECK(t.steps == -1 || t.steps == steps);
	trajectory_free(&t);
	free(copy);
	return 0;
}
