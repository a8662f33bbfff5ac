/* store_memory.c: tags and notes keyed by address (data/migrations/
 * 005-tags-notes.sql).  Results imports never call these: what a user
 * wrote stays until the user removes it. */
#include "config.h"

#include "store_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void
fill_memo(sqlite3_stmt *st, void *row)
{
	struct memo *m = row;

	m->kind = sqlite3_column_int(st, 0) ? MEMO_NOTE : MEMO_TAG;
	m->address = store_col_text(st, 1);
	m->text = store_col_text(st, 2);
	m->author = store_col_text(st, 3);
	m->created_at = store_col_text(st, 4);
}

int
store_memos(struct store *s, const struct memo_filter *f, struct memo **out, size_t *n,
	    struct bt_error *err)
{
	/* ?1 a run's address: the run itself and whatever is below it;
	 * ?2 a tag: the addresses that carry it; ?3, ?4: tags, notes */
	static const char sql[] =
		"SELECT 0, address, word, author, created_at FROM tag WHERE ?3"
		" UNION ALL SELECT 1, address, text, author, created_at FROM note WHERE ?4"
		" ORDER BY 2, 1, 3";
	static const char where[] =
		"SELECT * FROM (%s) WHERE (?1 IS NULL OR address = ?1"
		"  OR substr(address, 1, length(?1) + 1) = ?1 || ':')"
		" AND (?2 IS NULL OR address IN (SELECT address FROM tag WHERE word = ?2))";
	bool both = !f->tags && !f->notes;
	sqlite3_stmt *st;
	char *q = xasprintf(where, sql);
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_prepare(s, q, &st, err);
	free(q);
	if (rc)
		return rc;
	store_bind_text(st, 1, f->run);
	store_bind_text(st, 2, f->tag);
	sqlite3_bind_int(st, 3, both || f->tags);
	sqlite3_bind_int(st, 4, both || f->notes);
	rc = store_collect(s, st, sizeof(**out), fill_memo, (void **)out, n, "cannot read the notes",
			   err);
	if (rc) {
		store_memos_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
store_memos_free(struct memo *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].address);
		free(m[i].text);
		free(m[i].author);
		free(m[i].created_at);
	}
	free(m);
}

/* Run one write statement with text parameters (NULL ends them); *changed
 * gets whether a row changed. */
static int
write_one(struct store *s, const char *sql, bool *changed, struct bt_error *err, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc, i = 1;

	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	va_start(ap, err);
	for (const char *v; (v = va_arg(ap, const char *));)
		store_bind_text(st, i++, v);
	va_end(ap);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "cannot write a tag or a note");
	if (changed)
		*changed = sqlite3_changes(s->db) > 0;
	return BT_OK;
}

int
store_tag_put(struct store *s, const char *address, const char *word, const char *author,
	      const char *when, bool *changed, struct bt_error *err)
{
	if (!address_tag_valid(word))
		return bt_errorf(err, BT_EUSAGE, "a tag is 1 to 32 letters, digits or -_.+/");
	return write_one(s, "INSERT OR IGNORE INTO tag (address, word, author, created_at)"
			 " VALUES (?1, ?2, ?3, ?4)", changed, err, address, word, author, when,
			 (const char *)NULL);
}

int
store_tag_remove(struct store *s, const char *address, const char *word, bool *changed,
		 struct bt_error *err)
{
	return write_one(s, "DELETE FROM tag WHERE address = ?1 AND word = ?2", changed, err,
			 address, word, (const char *)NULL);
}

int
store_note_put(struct store *s, const char *address, const char *author, const char *text,
	       const char *when, struct bt_error *err)
{
	if (!*text)
		return write_one(s, "DELETE FROM note WHERE address = ?1 AND author = ?2", NULL,
				 err, address, author, (const char *)NULL);
	return write_one(s, "INSERT OR REPLACE INTO note (address, author, text, created_at)"
			 " VALUES (?1, ?2, ?3, ?4)", NULL, err, address, author, text, when,
			 (const char *)NULL);
}

int
store_tag_words(struct store *s, struct strv *out, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_prepare(s, "SELECT word FROM tag GROUP BY word ORDER BY count(*) DESC, word",
				&st, err)))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strv_push(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot read the tags");
}
