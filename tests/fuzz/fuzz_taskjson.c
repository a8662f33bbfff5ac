/* fuzz_taskjson.c: a task definition (data/tasks/FOLDER/NAME.json). */
#include "config.h"

#include "benchtop/parse.h"

#include "fuzz.h"

int
fuzz_taskjson(const uint8_t *data, size_t size)
{
	char *copy = fuzz_copy(data, size);
	struct task_json t;
	struct bt_error err;

	if (task_json_parse(copy, size, "fuzz.json", &t, &err) == BT_OK)
		FUZZ_CHECK(t.name && t.postman_collection);
	task_json_free(&t);
	free(copy);
	return 0;
}
