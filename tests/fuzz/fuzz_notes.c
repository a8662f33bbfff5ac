/* fuzz_notes.c: a notes export read back (CSV or JSON), and the address
 * grammar on the same bytes. */
#include "config.h"

#include "benchtop/address.h"
#include "benchtop/parse.h"

#include "fuzz.h"

int
fuzz_notes(const uint8_t *data, size_t size)
{
	char *copy = fuzz_copy(data, size), *text = fuzz_cstr(data, size), why[160];
	struct notes_file f;
	struct bt_error err;
	struct address a, back;
	struct buf out;

	notes_sniff(copy, size);
	if (notes_parse(copy, size, "fuzz.csv", &f, &err) == BT_OK) {
		/* every row's address parses as a run, a task or an attempt */
		for (size_t i = 0; i < f.n; i++)
			FUZZ_CHECK(address_parse(f.rows[i].address, &a, why, sizeof(why)) &&
				   a.kind <= ADDRESS_ATTEMPT && f.rows[i].author[0] && f.rows[i].time[0]);
	} else {
		FUZZ_CHECK(f.n == 0 && err.msg[0]);
	}
	notes_file_free(&f);
	/* an address that parses prints as text that parses back to it */
	buf_init(&out);
	if (address_parse(text, &a, why, sizeof(why))) {
		address_format(&a, &out);
		FUZZ_CHECK(address_parse(out.data, &back, why, sizeof(why)) &&
			   back.kind == a.kind && strcmp(back.run, a.run) == 0 &&
			   strcmp(back.task, a.task) == 0 && back.attempt == a.attempt &&
			   back.step == a.step && back.request == a.request);
		for (const char *p = out.data; *p; p++)
			FUZZ_CHECK((unsigned char)*p > ' ' && *p != 0x7f);
	}
	buf_free(&out);
	free(text);
	free(copy);
	return 0;
}
