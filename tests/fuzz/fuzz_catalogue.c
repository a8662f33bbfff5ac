/* fuzz_catalogue.c: the Postman collection's assertion catalogue, and
 * the splitting of a joined Newman list with and without it.  The input
 * is the collection JSON, a NUL byte, then the joined list. */
#include "config.h"

#include "benchtop/parse.h"

#include "fuzz.h"

int
fuzz_catalogue(const uint8_t *data, size_t size)
{
	const uint8_t *list;
	size_t list_size, json_size = fuzz_split(data, size, &list, &list_size);
	char *json = fuzz_copy(data, json_size), *joined = fuzz_cstr(list, list_size);
	struct assertion_catalogue cat;
	struct strv with = {0}, without = {0};
	struct bt_error err;

	if (catalogue_parse(json, json_size, &cat, &err) == BT_OK) {
		for (size_t i = 0; i < cat.n_requests; i++)
			FUZZ_CHECK(cat.requests[i].name && cat.requests[i].folder &&
				   cat.requests[i].method);
		catalogue_split(&cat, joined, &with);
	} else {
		FUZZ_CHECK(cat.n_requests == 0 && cat.all.n == 0);
	}
	catalogue_split(NULL, joined, &without);
	FUZZ_CHECK(joined[0] || (with.n == 0 && without.n == 0));
	strv_free(&with);
	strv_free(&without);
	catalogue_free(&cat);
	free(joined);
	free(json);
	return 0;
}
