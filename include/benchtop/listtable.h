/* listtable.h: a list as columns and a cell function, curses-free.  What a
 * list view draws (ui_table_draw), what the explorer's export writes and
 * what the CLI prints all come from the same cells, so they cannot differ.
 */
#ifndef BENCHTOP_LISTTABLE_H
#define BENCHTOP_LISTTABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "benchtop/colors.h"

struct app;
struct report_table;

/* A column: drawn by ui_table_draw(), written by list_table_report(). */
struct ui_column {
	const char *title;
	int width;   /* fixed width, or the minimum when flex */
	bool flex;   /* takes the remaining width */
	bool right;  /* right-aligned */
	bool cut_middle; /* too wide: keep both ends ("mini_…large-v2"), for names
			  * that differ at the end */
	const char *key; /* CSV header and JSON key; NULL: made from the title */
	unsigned flags;  /* enum list_column_flag */
};
enum list_column_flag {
	LIST_HIDDEN = 1,      /* not drawn, only written (a task's full name) */
	LIST_SCREEN_ONLY = 2, /* drawn, never written (a bar chart) */
};
struct ui_cell {
	char text[256];
	enum color_elem color;
	const char *glyphs; /* when set, a strip of glyph codes ('P','F','V','-') */
};
/* Fill one cell; app is NULL outside the explorer. */
typedef void (*ui_cell_fn)(struct app *app, void *ctx, size_t row, size_t col,
			   struct ui_cell *cell);

/* A list's rows as shown: columns, row count and the cell function. */
struct list_table {
	const char *title;
	const struct ui_column *cols;
	size_t ncols;
	size_t nrows;
	ui_cell_fn cell;
	void *ctx;
	struct app *app;
	size_t name_col; /* the column that names a row (what y copies) */
};

/* The rows as a report table (each cell's text; a strip as its letters),
 * hidden columns included, screen-only ones left out.  Numbers stay text, as shown.  The caller frees
 * it with report_table_free(). */
struct report_table *list_table_report(const struct list_table *t);
/* Append t's rows to r (which has t's columns, or as many). */
void list_table_append(struct report_table *r, const struct list_table *t);
/* A column's key: its own, else the title in lowercase with '%' as "pct"
 * and other non-alphanumerics as '_' ("A%" -> "a_pct"). */
void list_column_key(const struct ui_column *c, char *out, size_t outlen);

#endif /* BENCHTOP_LISTTABLE_H */
