/* report.c: the table model and its writers (text, CSV, JSON, Markdown, LaTeX). */
#include "config.h"

#include "benchtop/report.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/sanitize.h"
#include "benchtop/utf8.h"
#include "benchtop/util.h"

/* Machine formats (CSV, JSON) keep four decimals of whatever unit the column has. */
#define MACHINE_PREC 4

struct report_table *
report_new(const char *title, size_t ncols, const char *const *specs)
{
	struct report_table *t = xcalloc(1, sizeof(*t));

	t->title = xstrdup(title ? title : "");
	t->ncols = ncols;
	t->cols = xcalloc(ncols, sizeof(*t->cols));
	t->notes = xcalloc(1, sizeof(*t->notes));
	for (size_t i = 0; i < ncols; i++) {
		const char *s = specs[i], *bar;
		struct report_col *c = &t->cols[i];

		if (*s == '>') {
			c->right = true;
			s++;
		}
		bar = strchr(s, '|');
		if (bar) {
			c->name = xstrndup(s, (size_t)(bar - s));
			c->key = xstrdup(bar + 1);
		} else {
			c->name = xstrdup(s);
			c->key = xstrdup(s);
			for (char *p = c->key; *p; p++)
				*p = *p == ' ' ? '_' : (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		}
	}
	return t;
}

void
report_table_free(struct report_table *t)
{
	if (!t)
		return;
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			free(t->rows[r].cells[c].text);
		free(t->rows[r].cells);
	}
	for (size_t c = 0; c < t->ncols; c++) {
		free(t->cols[c].name);
		free(t->cols[c].key);
	}
	free(t->rows);
	free(t->cols);
	free(t->title);
	strv_free(t->notes);
	free(t->notes);
	free(t);
}

size_t
report_add_row(struct report_table *t)
{
	BT_GROW(t->rows, t->cap, t->nrows + 1);
	t->rows[t->nrows].cells = xcalloc(t->ncols ? t->ncols : 1, sizeof(struct cell));
	t->rows[t->nrows].rule_before = t->pending_rule;
	t->pending_rule = false;
	return t->nrows++;
}

void
report_rule(struct report_table *t)
{
	t->pending_rule = true;
}

static struct cell *
cell_at(struct report_table *t, size_t row, size_t col)
{
	struct cell *c = &t->rows[row].cells[col];
	free(c->text);
	memset(c, 0, sizeof(*c));
	return c;
}

void
report_set_text(struct report_table *t, size_t row, size_t col, const char *text)
{
	struct cell *c = cell_at(t, row, col);
	if (!text)
		return;
	c->kind = CELL_TEXT;
	c->text = xstrdup(text);
}

void
report_set_missing(struct report_table *t, size_t row, size_t col)
{
	cell_at(t, row, col)->dash = true;
}

void
report_set_num(struct report_table *t, size_t row, size_t col, double v, int prec)
{
	struct cell *c = cell_at(t, row, col);
	c->kind = isfinite(v) ? CELL_NUM : CELL_EMPTY;
	c->num = v;
	c->prec = prec;
}

void
report_set_signed(struct report_table *t, size_t row, size_t col, double v, int prec)
{
	report_set_num(t, row, col, v, prec);
	t->rows[row].cells[col].sign = true;
}

void
report_set_int(struct report_table *t, size_t row, size_t col, long v)
{
	struct cell *c = cell_at(t, row, col);
	c->kind = CELL_INT;
	c->i = v;
}

void
report_note(struct report_table *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strv_push_owned(t->notes, xvasprintf(fmt, ap));
	va_end(ap);
}

int
report_format_parse(const char *s)
{
	static const struct {
		const char *name;
		enum report_format f;
	} names[] = {
		{"text", FMT_TEXT}, {"txt", FMT_TEXT}, {"csv", FMT_CSV},   {"json", FMT_JSON},
		{"md", FMT_MD},     {"markdown", FMT_MD}, {"latex", FMT_LATEX}, {"tex", FMT_LATEX},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0)
			return (int)names[i].f;
	return -1;
}

/* Format a cell for display; machine formats use more decimals and no sign. */
static void
cell_format(const struct cell *c, bool machine, struct buf *out)
{
	buf_reset(out);
	switch (c->kind) {
	case CELL_EMPTY:
		if (c->dash && !machine)
			buf_puts(out, "–");
		break;
	case CELL_TEXT:
		buf_puts(out, c->text);
		break;
	case CELL_INT:
		buf_printf(out, "%ld", c->i);
		break;
	case CELL_NUM: {
		int prec = machine ? MACHINE_PREC : c->prec;
		/* "-0.0" stays: upstream prints it for small negative deltas */
		buf_printf(out, (c->sign && !machine) ? "%+.*f" : "%.*f", prec, c->num);
		break;
	}
	}
	buf_cstr(out);
}

/* ------------------------------------------------------------ text */

/* s as a reader's terminal can safely show it (sanitize.h), in ASCII when
 * ascii; newlines are kept when lines is set.  Returns tmp's text. */
static const char *
shown(const char *s, bool ascii, bool lines, struct buf *tmp)
{
	struct san_opts o = {.utf8 = !ascii};

	buf_reset(tmp);
	for (;;) {
		size_t n = lines ? strcspn(s, "\n") : strlen(s);

		sanitize_to_buf(s, n, &o, tmp);
		if (!s[n])
			break;
		buf_putc(tmp, '\n');
		s += n + 1;
	}
	return buf_cstr(tmp);
}

static void
pad(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

/* Cell c of row r (r = -1: the header) as shown, into b. */
static const char *
text_cell(const struct report_table *t, long r, size_t c, bool ascii, struct buf *tmp,
	  struct buf *b)
{
	if (r < 0)
		return shown(t->cols[c].name, ascii, false, b);
	cell_format(&t->rows[r].cells[c], false, tmp);
	return shown(tmp->data, ascii, false, b);
}

static void
write_text(const struct report_table *t, FILE *out, bool markdown, bool ascii)
{
	size_t *w = xcalloc(t->ncols ? t->ncols : 1, sizeof(size_t));
	struct buf tmp, b;

	buf_init(&tmp);
	buf_init(&b);
	for (long r = -1; r < (long)t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const char *text = text_cell(t, r, c, ascii, &tmp, &b);
			size_t cw = utf8_width(text, strlen(text));

			if (cw > w[c])
				w[c] = cw;
		}
	/* a Markdown separator needs three dashes */
	for (size_t c = 0; markdown && c < t->ncols; c++)
		if (w[c] < 3)
			w[c] = 3;
	if (t->title[0])
		fprintf(out, markdown ? "### %s\n\n" : "%s\n\n", shown(t->title, ascii, true, &b));

	for (long r = -1; r < (long)t->nrows; r++) {
		if (r >= 0 && t->rows[r].rule_before && !markdown) {
			for (size_t c = 0; c < t->ncols; c++) {
				fputs(c ? "  " : "", out);
				for (size_t i = 0; i < w[c]; i++)
					fputc('-', out);
			}
			fputc('\n', out);
		}
		for (size_t c = 0; c < t->ncols; c++) {
			const char *text = text_cell(t, r, c, ascii, &tmp, &b);
			size_t cw = utf8_width(text, strlen(text));
			bool right = t->cols[c].right;

			fputs(markdown ? (c ? " | " : "| ") : (c ? "  " : ""), out);
			if (right)
				pad(out, w[c] - cw);
			for (; *text; text++) {
				if (markdown && *text == '|')
					fputc('\\', out);
				fputc(*text, out);
			}
			if (!right && (markdown || c + 1 < t->ncols))
				pad(out, w[c] - cw);
		}
		fputs(markdown ? " |\n" : "\n", out);
		if (r >= 0)
			continue;
		/* under the header */
		for (size_t c = 0; c < t->ncols; c++) {
			fputs(markdown ? (c ? " | " : "| ") : (c ? "  " : ""), out);
			for (size_t i = 0; i < w[c]; i++)
				fputc(markdown && i + 1 == w[c] && t->cols[c].right ? ':' : '-', out);
		}
		fputs(markdown ? " |\n" : "\n", out);
	}
	if (t->notes->n) {
		fputc('\n', out);
		for (size_t i = 0; i < t->notes->n; i++)
			fprintf(out, "%s%s\n", markdown ? "> " : "",
				shown(t->notes->v[i], ascii, false, &b));
	}
	buf_free(&tmp);
	buf_free(&b);
	free(w);
}

/* ------------------------------------------------------------ CSV */

void
report_csv_field(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* On a terminal, fields are shown safely (see report_write); to a file
 * they keep their bytes. */
static void
write_csv(const struct report_table *t, FILE *out, bool terminal, bool ascii)
{
	struct buf b, safe;

	buf_init(&b);
	buf_init(&safe);
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fputc(',', out);
		report_csv_field(out, t->cols[c].key);
	}
	fputc('\n', out);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', out);
			cell_format(&t->rows[r].cells[c], true, &b);
			report_csv_field(out, terminal ? shown(b.data, ascii, false, &safe) : b.data);
		}
		fputc('\n', out);
	}
	buf_free(&b);
	buf_free(&safe);
}

/* ------------------------------------------------------------ JSON */

/* A JSON string: controls (C0, DEL, C1) and hidden characters (bidi,
 * line separators, zero width) escaped, invalid UTF-8 as U+FFFD,
 * so that the document is valid and safe to print. */
static void
json_string(FILE *out, const char *s)
{
	size_t len = strlen(s);

	fputc('"', out);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (cp & UTF8_INVALID_BYTE)
			fputs("\\ufffd", out);
		else if (cp == '"' || cp == '\\')
			fprintf(out, "\\%c", (char)cp);
		else if (cp == '\n')
			fputs("\\n", out);
		else if (cp == '\r')
			fputs("\\r", out);
		else if (cp == '\t')
			fputs("\\t", out);
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || sanitize_is_hidden(cp))
			fprintf(out, "\\u%04x", (unsigned)cp); /* bidi, separators, zero width too */
		else
			fwrite(s + i, 1, n, out);
		i += n;
	}
	fputc('"', out);
}

static void
write_json(const struct report_table *t, FILE *out)
{
	struct buf b;

	buf_init(&b);
	fputs("{\"title\": ", out);
	json_string(out, t->title);
	fputs(", \"columns\": [", out);
	for (size_t c = 0; c < t->ncols; c++) {
		fputs(c ? ", " : "", out);
		json_string(out, t->cols[c].key);
	}
	fputs("],\n \"rows\": [", out);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs(r ? ",\n  {" : "\n  {", out);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cell *cell = &t->rows[r].cells[c];
			fputs(c ? ", " : "", out);
			json_string(out, t->cols[c].key);
			fputs(": ", out);
			if (cell->kind == CELL_EMPTY) {
				fputs("null", out);
			} else if (cell->kind == CELL_TEXT) {
				json_string(out, cell->text);
			} else {
				cell_format(cell, true, &b);
				fputs(b.data, out);
			}
		}
		fputc('}', out);
	}
	fputs(t->nrows ? "\n ]" : "]", out);
	if (t->notes->n) {
		fputs(",\n \"notes\": [", out);
		for (size_t i = 0; i < t->notes->n; i++) {
			fputs(i ? ", " : "", out);
			json_string(out, t->notes->v[i]);
		}
		fputc(']', out);
	}
	fputs("}", out);
	buf_free(&b);
}

/* ------------------------------------------------------------ LaTeX */

static void
latex_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': case '%': case '$': case '#': case '_': case '{': case '}':
			fputc('\\', out);
			fputc(*s, out);
			break;
		case '~': fputs("\\textasciitilde{}", out); break;
		case '^': fputs("\\textasciicircum{}", out); break;
		case '\\': fputs("\\textbackslash{}", out); break;
		case '<': fputs("\\textless{}", out); break;
		case '>': fputs("\\textgreater{}", out); break;
		default:
			/* a few non-ASCII signs the reports use */
			if (strncmp(s, "Δ", strlen("Δ")) == 0) {
				fputs("$\\Delta$", out);
				s += strlen("Δ") - 1;
			} else if (strncmp(s, "±", strlen("±")) == 0) {
				fputs("$\\pm$", out);
				s += strlen("±") - 1;
			} else if (strncmp(s, "–", strlen("–")) == 0) {
				fputs("--", out);
				s += strlen("–") - 1;
			} else {
				fputc(*s, out);
			}
		}
	}
}

static void
write_latex(const struct report_table *t, FILE *out)
{
	struct buf b, safe;

	buf_init(&b);
	buf_init(&safe);
	if (t->title[0]) {
		fputs("% ", out);
		for (const char *p = shown(t->title, false, true, &safe); *p; p++)
			fputc(*p == '\n' ? ' ' : *p, out);
		fputc('\n', out);
	}
	fputs("\\begin{tabular}{", out);
	for (size_t c = 0; c < t->ncols; c++)
		fputc(t->cols[c].right ? 'r' : 'l', out);
	fputs("}\n\\hline\n", out);
	for (size_t c = 0; c < t->ncols; c++) {
		fputs(c ? " & " : "", out);
		latex_text(out, shown(t->cols[c].name, false, false, &safe));
	}
	fputs(" \\\\\n\\hline\n", out);
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->rows[r].rule_before)
			fputs("\\hline\n", out);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cell *cell = &t->rows[r].cells[c];
			fputs(c ? " & " : "", out);
			cell_format(cell, false, &b);
			if (cell->kind == CELL_EMPTY)
				fputs("--", out);
			else
				latex_text(out, shown(b.data, false, false, &safe));
		}
		fputs(" \\\\\n", out);
	}
	fputs("\\hline\n\\end{tabular}\n", out);
	buf_free(&b);
	buf_free(&safe);
}

void
report_write(struct report_table *const *tables, size_t n, enum report_format f, unsigned flags,
	     FILE *out)
{
	bool ascii = flags & REPORT_ASCII;

	if (f == FMT_JSON && n != 1)
		fputc('[', out);
	for (size_t i = 0; i < n; i++) {
		const struct report_table *t = tables[i];
		switch (f) {
		case FMT_TEXT:
		case FMT_MD:
			if (i)
				fputc('\n', out);
			write_text(t, out, f == FMT_MD, ascii);
			break;
		case FMT_CSV:
			if (i)
				fputc('\n', out);
			write_csv(t, out, flags & REPORT_TERMINAL, ascii);
			break;
		case FMT_JSON:
			if (i)
				fputs(",\n", out);
			write_json(t, out);
			break;
		case FMT_LATEX:
			if (i)
				fputc('\n', out);
			write_latex(t, out);
			break;
		case FMT_COUNT:
			break;
		}
	}
	if (f == FMT_JSON)
		fputs(n != 1 ? "]\n" : "\n", out);
}
