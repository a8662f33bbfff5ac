/* model_memory.c: tags and notes gathered by address for the lists. */
#include "config.h"

#include "benchtop/model_memory.h"

#include <stdlib.h>
#include <string.h>

/* One tag or note filed under one address (its own, or its task's). */
struct filed {
	const char *key, *word; /* word NULL: a note */
};

static int
cmp_filed(const void *pa, const void *pb)
{
	const struct filed *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	if (c)
		return c;
	if (!a->word || !b->word)
		return !a->word - !b->word;
	return strcmp(a->word, b->word);
}

int
memory_index_load(struct memory_index *x, struct store *st, struct bt_error *err)
{
	struct memo_filter f = {0};
	struct memo *m;
	struct filed *fl;
	struct strv keys = {0};
	size_t n, nf = 0, cap = 0;
	int rc;

	memset(x, 0, sizeof(*x));
	if ((rc = store_memos(st, &f, &m, &n, err)))
		return rc;
	if (n == 0) {
		store_memos_free(m, n);
		return BT_OK;
	}
	fl = xcalloc(2 * n, sizeof(*fl));
	for (size_t i = 0; i < n; i++) {
		struct address a, up;
		struct buf key;
		char why[160];
		const char *word = m[i].kind == MEMO_TAG ? m[i].text : NULL;
		fl[nf++] = (struct filed){m[i].address, word};
		/* an attempt's tags and notes count for its task too */
		if (address_parse(m[i].address, &a, why, sizeof(why)) && a.kind == ADDRESS_ATTEMPT &&
		    address_parent(&a, &up)) {
			buf_init(&key);
			address_format(&up, &key);
			strv_push_owned(&keys, buf_steal(&key));
			fl[nf++] = (struct filed){keys.v[keys.n - 1], word};
		}
	}
	qsort(fl, nf, sizeof(*fl), cmp_filed);
	for (size_t i = 0; i < nf;) {
		struct buf tags;
		struct memory_entry *e;
		BT_GROW(x->v, cap, x->n + 1);
		e = &x->v[x->n++];
		memset(e, 0, sizeof(*e));
		e->address = xstrdup(fl[i].key);
		buf_init(&tags);
		const char *last = NULL;
		for (; i < nf && strcmp(fl[i].key, e->address) == 0; i++) {
			if (!fl[i].word)
				e->note = true;
			else if (!last || strcmp(last, fl[i].word) != 0)
				buf_printf(&tags, "%s%s", tags.len ? " " : "", last = fl[i].word);
		}
		e->tags = tags.len ? buf_steal(&tags) : xstrdup("");
		buf_free(&tags);
	}
	free(fl);
	strv_free(&keys);
	store_memos_free(m, n);
	return BT_OK;
}

const struct memory_entry *
memory_lookup(const struct memory_index *x, const char *address)
{
	size_t lo = 0, hi = x->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(x->v[mid].address, address);
		if (c == 0)
			return &x->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct memory_entry *
memory_lookup_parts(const struct memory_index *x, const char *run, const char *task,
		    int attempt)
{
	const struct memory_entry *e;
	struct address a;
	struct buf key;

	if (x->n == 0)
		return NULL;
	address_set(&a, run, task, attempt);
	buf_init(&key);
	address_format(&a, &key);
	e = memory_lookup(x, key.data);
	buf_free(&key);
	return e;
}

bool
memory_has_tag(const struct memory_entry *e, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = e ? e->tags : ""; (p = strstr(p, word)); p += n)
		if ((p == e->tags || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

void
memory_index_free(struct memory_index *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->v[i].address);
		free(x->v[i].tags);
	}
	free(x->v);
	memset(x, 0, sizeof(*x));
}

int
memory_edit_tags(const char *path, const char *address, const char *words, const char *author,
		 struct buf *msg, struct bt_error *err)
{
	char *copy = xstrdup(words), *save = NULL, now[32];
	struct store *st;
	int rc;

	buf_reset(msg);
	/* check every word before writing any */
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		const char *word = *w == '-' || *w == '+' ? w + 1 : w;
		if (!address_tag_valid(word)) {
			free(copy);
			return bt_errorf(err, BT_EUSAGE, "a tag is 1 to 32 letters, digits or -_.+/");
		}
	}
	free(copy);
	if ((rc = store_open(path, STORE_WRITE, &st, err)))
		return rc;
	time_iso_now(now);
	copy = xstrdup(words);
	if (!(rc = store_begin(st, err))) {
		for (char *w = strtok_r(copy, " \t", &save); w && !rc;
		     w = strtok_r(NULL, " \t", &save)) {
			bool changed = false, rm = *w == '-';
			const char *word = *w == '-' || *w == '+' ? w + 1 : w;
			rc = rm ? store_tag_remove(st, address, word, &changed, err)
				: store_tag_put(st, address, word, author, now, &changed, err);
			if (!rc && changed)
				buf_printf(msg, "%s%c%s", msg->len ? " " : "", rm ? '-' : '+', word);
		}
		if (rc || (rc = store_commit(st, err)))
			store_rollback(st);
	}
	free(copy);
	store_close(st);
	if (!rc && !msg->len)
		buf_puts(msg, "no change");
	buf_cstr(msg);
	return rc;
}

int
memory_write_note(const char *path, const char *address, const char *author, const char *text,
		  struct bt_error *err)
{
	struct store *st;
	char now[32];
	int rc;

	if ((rc = store_open(path, STORE_WRITE, &st, err)))
		return rc;
	time_iso_now(now);
	rc = store_note_put(st, address, author, text, now, err);
	store_close(st);
	return rc;
}

int
memory_read_note(struct store *st, const char *address, const char *author, struct buf *out,
		 struct bt_error *err)
{
	struct memo_filter f = {.notes = true};
	struct memo *m;
	size_t n;
	int rc;

	buf_reset(out);
	if ((rc = store_memos(st, &f, &m, &n, err)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (strcmp(m[i].address, address) == 0 && strcmp(m[i].author, author) == 0)
			buf_puts(out, m[i].text);
	buf_cstr(out);
	store_memos_free(m, n);
	return BT_OK;
}
