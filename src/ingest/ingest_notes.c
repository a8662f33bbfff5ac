/* ingest_notes.c: a notes export (`benchtop notes --format csv|json`) into
 * the store's tags and notes, as written: addresses are kept as they are,
 * so notes about results not (yet) in this store wait for them. */
#include "config.h"

#include "benchtop/ingest.h"

#include <stdlib.h>

int
notes_import_data(struct store *st, const char *data, size_t len, const char *name,
		  const struct import_options *o, struct import_summary *sum,
		  struct bt_error *err)
{
	struct notes_file nf;
	int rc;

	(void)o;
	sum->bytes += (long)len;
	if ((rc = notes_parse(data, len, name, &nf, err)))
		return rc;
	if ((rc = store_begin(st, err)))
		goto out;
	for (size_t i = 0; i < nf.n && !rc; i++) {
		const struct notes_row *r = &nf.rows[i];
		rc = r->is_note ? store_note_put(st, r->address, r->author, r->text, r->time, err)
				: store_tag_put(st, r->address, r->text, r->author, r->time, NULL, err);
	}
	if (rc || (rc = store_commit(st, err))) {
		store_rollback(st);
		goto out;
	}
	sum->notes += (long)nf.n;
out:
	notes_file_free(&nf);
	return rc;
}
