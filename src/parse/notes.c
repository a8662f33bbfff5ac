/* notes.c: a notes export (`benchtop notes --format csv|json`) read back,
 * so that notes pasted into a bug report can go into another store. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/address.h"
#include "benchtop/parse.h"

static const char *const columns[] = {"address", "what", "text", "author", "time"};
#define N_COLUMNS 5
static const char csv_header[] = "address,what,text,author,time";

bool
notes_sniff(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	if (len - i >= sizeof(csv_header) - 1 &&
	    memcmp(data + i, csv_header, sizeof(csv_header) - 1) == 0 &&
	    (len - i == sizeof(csv_header) - 1 || strchr("\r\n", data[i + sizeof(csv_header) - 1])))
		return true;
	while (i < len && strchr(" \t\r\n", data[i]))
		i++;
	static const char json_head[] = "{\"title\": \"Notes\", \"columns\": [\"address\"";
	return len - i >= sizeof(json_head) - 1 &&
	       memcmp(data + i, json_head, sizeof(json_head) - 1) == 0;
}

/* Check and keep one row: v[] in the order of columns[]. */
static int
add_row(struct notes_file *out, const char *const v[N_COLUMNS], const char *file, long line,
	struct bt_error *err)
{
	struct address a;
	char why[160];

	if (!address_parse(v[0], &a, why, sizeof(why)))
		return bt_errorf(err, BT_EINPUT, "%s:%ld: bad address: %s", file, line, why);
	if (a.kind > ADDRESS_ATTEMPT)
		return bt_errorf(err, BT_EINPUT, "%s:%ld: a note or tag is on a run, a task or an "
				 "attempt, not a %s", file, line, address_kind_name(a.kind));
	bool note = strcmp(v[1], "note") == 0;
	if (!note && strcmp(v[1], "tag") != 0)
		return bt_errorf(err, BT_EINPUT, "%s:%ld: 'what' is tag or note", file, line);
	if (note ? !*v[2] : !address_tag_valid(v[2]))
		return bt_errorf(err, BT_EINPUT, "%s:%ld: %s", file, line,
				 note ? "an empty note" : "a tag is 1 to 32 letters, digits or -_.+/");
	if (!*v[3] || !*v[4])
		return bt_errorf(err, BT_EINPUT, "%s:%ld: the author or the time is empty", file,
				 line);
	BT_GROW(out->rows, out->cap, out->n + 1);
	out->rows[out->n++] = (struct notes_row){
		.address = xstrdup(v[0]), .is_note = note, .text = xstrdup(v[2]),
		.author = xstrdup(v[3]), .time = xstrdup(v[4]), .line = line,
	};
	return BT_OK;
}

static int
parse_csv(const char *data, size_t len, const char *file, struct notes_file *out,
	  struct bt_error *err)
{
	struct csv_row row = {0};
	struct csv_reader r;
	int got, rc = BT_OK;

	csv_reader_init(&r, data, len);
	/* the header, checked by notes_sniff() */
	if (csv_next(&r, &row, err) != 1) {
		csv_row_free(&row);
		return bt_errorf(err, BT_EINPUT, "%s: no header", file);
	}
	while (!rc && (got = csv_next(&r, &row, err)) != 0) {
		if (got < 0) {
			rc = bt_errorf(err, BT_EINPUT, "%s: %s", file, err->msg);
			break;
		}
		if (row.fields.n == 1 && !row.fields.v[0][0])
			continue; /* a blank line */
		if (row.fields.n != N_COLUMNS) {
			rc = bt_errorf(err, BT_EINPUT, "%s:%ld: %zu fields, not %d", file, row.line,
				       row.fields.n, N_COLUMNS);
			break;
		}
		rc = add_row(out, (const char *const *)row.fields.v, file, row.line, err);
	}
	csv_row_free(&row);
	return rc;
}

static int
parse_json(const char *data, size_t len, const char *file, struct notes_file *out,
	   struct bt_error *err)
{
	cJSON *doc = cJSON_ParseWithLength(data, len);
	const cJSON *rows, *row;
	long k = 0;
	int rc = BT_OK;

	if (!doc)
		return bt_errorf(err, BT_EINPUT, "%s: not valid JSON", file);
	rows = cJSON_GetObjectItemCaseSensitive(doc, "rows");
	if (!cJSON_IsArray(rows))
		rc = bt_errorf(err, BT_EINPUT, "%s: no \"rows\" array", file);
	cJSON_ArrayForEach(row, rows) {
		const char *v[N_COLUMNS];
		k++;
		if (rc)
			break;
		for (int c = 0; c < N_COLUMNS && !rc; c++) {
			const cJSON *f = cJSON_GetObjectItemCaseSensitive(row, columns[c]);
			if (!cJSON_IsString(f))
				rc = bt_errorf(err, BT_EINPUT, "%s: row %ld: \"%s\" is not a string", file,
					       k, columns[c]);
			else
				v[c] = f->valuestring;
		}
		if (!rc)
			rc = add_row(out, v, file, k, err);
	}
	cJSON_Delete(doc);
	return rc;
}

int
notes_parse(const char *data, size_t len, const char *file, struct notes_file *out,
	    struct bt_error *err)
{
	size_t i = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!notes_sniff(data, len))
		return bt_errorf(err, BT_EINPUT, "%s: not a notes export (benchtop notes --format "
				 "csv or json)", file);
	if (memchr(data, '\0', len))
		return bt_errorf(err, BT_EINPUT, "%s: holds a NUL byte", file);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	rc = data[i] == 'a' ? parse_csv(data + i, len - i, file, out, err)
			    : parse_json(data, len, file, out, err);
	if (rc)
		notes_file_free(out);
	return rc;
}

void
notes_file_free(struct notes_file *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->rows[i].address);
		free(f->rows[i].text);
		free(f->rows[i].author);
		free(f->rows[i].time);
	}
	free(f->rows);
	memset(f, 0, sizeof(*f));
}
