/* listtable.c: a list's rows, as the explorer shows them, as a report table
 * (for `benchtop tasks`, `benchtop failures` and the explorer's export). */
#include "config.h"

#include "benchtop/listtable.h"
#include "benchtop/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
list_column_key(const struct ui_column *c, char *out, size_t outlen)
{
	size_t n = 0;

	if (c->key) {
		snprintf(out, outlen, "%s", c->key);
		return;
	}
	for (const char *p = c->title; *p && n + 4 < outlen; p++) {
		char ch = *p;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch + 32);
		if (ch == '%') {
			n += (size_t)snprintf(out + n, outlen - n, "%spct", n && out[n - 1] != '_' ? "_" : "");
		} else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
			out[n++] = ch;
		} else if (n && out[n - 1] != '_') {
			out[n++] = '_';
		}
	}
	while (n && out[n - 1] == '_')
		n--;
	out[n] = '\0';
}

struct report_table *
list_table_report(const struct list_table *t)
{
	char **specs = xcalloc(t->ncols ? t->ncols : 1, sizeof(*specs));
	struct report_table *r;
	size_t n = 0;

	for (size_t c = 0; c < t->ncols; c++) {
		char key[64];
		if (t->cols[c].flags & LIST_SCREEN_ONLY)
			continue;
		list_column_key(&t->cols[c], key, sizeof(key));
		specs[n++] = xasprintf("%s%s|%s", t->cols[c].right ? ">" : "", t->cols[c].title, key);
	}
	r = report_new(t->title, n, (const char *const *)specs);
	for (size_t c = 0; c < n; c++)
		free(specs[c]);
	free(specs);
	list_table_append(r, t);
	return r;
}

void
list_table_append(struct report_table *r, const struct list_table *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		size_t row = report_add_row(r), out = 0;
		for (size_t c = 0; c < t->ncols && out < r->ncols; c++) {
			struct ui_cell cell = {.color = COL_TEXT};
			if (t->cols[c].flags & LIST_SCREEN_ONLY)
				continue;
			t->cell(t->app, t->ctx, i, c, &cell);
			report_set_text(r, row, out++, cell.glyphs ? cell.glyphs : cell.text);
		}
	}
}
