/* report.h: one table model, written in every output format.
 *
 * Reports (summary, tables, compare) build a struct report_table; the
 * writers print it as aligned text, CSV, JSON, Markdown or a LaTeX tabular.
 * The table owns every string in it; report_table_free() releases them.
 */
#ifndef BENCHTOP_REPORT_H
#define BENCHTOP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "benchtop/util.h"

enum report_format { FMT_TEXT, FMT_CSV, FMT_JSON, FMT_MD, FMT_LATEX, FMT_COUNT };

enum cell_kind { CELL_EMPTY, CELL_TEXT, CELL_NUM, CELL_INT };

struct cell {
	enum cell_kind kind;
	char *text;  /* CELL_TEXT */
	double num;  /* CELL_NUM */
	long i;      /* CELL_INT */
	int prec;    /* decimals shown in text formats (machine formats show 4) */
	bool sign;   /* print an explicit + on positive numbers */
	bool dash;   /* CELL_EMPTY shown as a dash in text and Markdown */
};

struct report_col {
	char *name; /* header as shown */
	char *key;  /* JSON key / CSV header: lowercase, no spaces */
	bool right; /* right-aligned (numbers) */
};

struct report_row {
	struct cell *cells;
	bool rule_before; /* a horizontal rule above this row */
};

struct report_table {
	char *title;
	size_t ncols;
	struct report_col *cols;
	size_t nrows, cap;
	struct report_row *rows;
	struct strv *notes; /* footnotes, printed under text/md tables */
	bool pending_rule;  /* report_rule() was called */
};

/* A table with the given columns: each spec is "Header" or "Header|key" and
 * a leading '>' marks a right-aligned column (">A%|strict_pct"). */
struct report_table *report_new(const char *title, size_t ncols, const char *const *specs);
void report_table_free(struct report_table *t);
/* Append an empty row; returns its index. */
size_t report_add_row(struct report_table *t);
void report_rule(struct report_table *t); /* a rule above the next row added */
void report_set_text(struct report_table *t, size_t row, size_t col, const char *text);
/* A value that does not exist: a dash for people, empty (CSV) or null (JSON)
 * for programs. */
void report_set_missing(struct report_table *t, size_t row, size_t col);
void report_set_num(struct report_table *t, size_t row, size_t col, double v, int prec);
void report_set_signed(struct report_table *t, size_t row, size_t col, double v, int prec);
void report_set_int(struct report_table *t, size_t row, size_t col, long v);
void report_note(struct report_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A CSV field, quoted only when it holds a comma, a quote or a line end
 * (as Python's csv module writes it: upstream's CSVs). */
void report_csv_field(FILE *out, const char *s);

/* "text", "csv", "json", "md"/"markdown", "latex"/"tex"; -1 when unknown. */
int report_format_parse(const char *s);
/* How the output will be read (cli_report_flags() works them out). */
enum report_flag {
	REPORT_ASCII = 1 << 0,    /* the terminal is not UTF-8: text and Markdown
				   * show ASCII stand-ins ("dA%", "+-") */
	REPORT_TERMINAL = 1 << 1, /* out is a terminal: CSV is shown safely too */
};
/* Write several tables as one document in the format.  Table text comes
 * partly from imported data (run names, labels), so the formats people
 * read (text, Markdown, LaTeX, and CSV on a terminal) show control
 * characters and invalid UTF-8 as visible stand-ins (sanitize.h); JSON
 * escapes them; CSV to a file keeps the bytes. */
void report_write(struct report_table *const *tables, size_t n, enum report_format f,
		  unsigned flags, FILE *out);

#endif
