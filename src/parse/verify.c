/* verify.c: the benchmark's three static verifiers (upstream-format.md
 * section 5), with upstream's rules and reason strings, plus the evidence
 * behind each verdict for the diff viewer.
 *
 * Upstream (constraint_decay/verifiers.py) runs Python `re` patterns over
 * the patch read as text: UTF-8 with errors="replace", universal newlines,
 * split with str.splitlines().  We never build that string.  We match the
 * bytes with one small hand-written matcher per pattern, decode UTF-8 only
 * where a pattern asks for a character class (\s, \w, \b), and keep every
 * matcher linear in the patch size.  Each pattern is quoted next to its
 * matcher so the two can be compared.
 *
 * The label set and the Go/Rust forms follow the upstream source, which
 * has more of them than the spec lists (the spec leaves them out because
 * the benchmark only has Python and Node tasks, but they still match
 * Python and JS text, e.g. `database ... 'postgres'`).
 */
#include "config.h"

#include "verify_internal.h"

#include <stdlib.h>
#include <string.h>

/* The files: verify_patch.c reads the patch, verify_text.h and
 * verify_match.c match upstream's patterns, verify_arch.c, verify_db.c and
 * verify_orm.c are the three rules. */

void
verify_result_set(struct verify_result *out, bool ok, char *reason)
{
	out->ok = ok;
	out->reason = reason;
}

/* Python's repr() of a str, for the "Unknown expected_..." reasons (bytes
 * above 0x7F are copied: Python would show them decoded). */
static void
buf_put_repr(struct buf *b, const char *s)
{
	char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';

	buf_putc(b, q);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\' || c == (unsigned char)q)
			buf_printf(b, "\\%c", c);
		else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\r')
			buf_puts(b, "\\r");
		else if (c == '\t')
			buf_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7F)
			buf_printf(b, "\\x%02x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, q);
}

/* expected.lower() (ASCII is all that can name a valid choice). */
char *
verify_lower_copy(const char *s)
{
	char *r = xstrdup(s ? s : "");

	for (char *q = r; *q; q++)
		*q = vtext_lower(*q);
	return r;
}

void
verify_unknown_expected(struct verify_result *out, const char *what, const char *value,
		 const char *choices)
{
	struct buf r;

	buf_init(&r);
	buf_printf(&r, "Unknown expected_%s: ", what);
	buf_put_repr(&r, value);
	buf_printf(&r, " (%s)", choices);
	verify_result_set(out, false, buf_steal(&r));
}

/* ------------------------------------------------------------ attempts */

void
verify_attempt(struct attempt *a)
{
	const struct artifact *patch = &a->artifacts[ARTIFACT_PATCH];
	unsigned c = a->task.kind == TASK_GENERATION ? a->task.constraints : 0;
	/* spec 3.2: the expected DB is postgres if the name has it, else sqlite */
	const char *db = c & TC_POSTGRES ? "postgres" : c & TC_SQLITE ? "sqlite" : NULL;
	const char *orm = c & TC_SQLALCHEMY ? "sqlalchemy" : c & TC_SEQUELIZE ? "sequelize" : NULL;
	bool run[VERIFIER_COUNT] = {(c & TC_ARCH) != 0, db != NULL, orm != NULL}, any = false;
	struct evidence_list ev = {0};
	struct verify_patch *p;

	for (int v = 0; v < VERIFIER_COUNT; v++) {
		if (!run[v])
			continue;
		a->verdict[v].applicable = true;
		/* the importer's own result wins */
		run[v] = a->verdict[v].reason == NULL;
		any = any || run[v];
	}
	if (!any)
		return;
	if (!patch->present) {
		for (int v = 0; v < VERIFIER_COUNT; v++) {
			if (!run[v])
				continue;
			a->verdict[v].ok = false;
			a->verdict[v].reason = xstrdup("No patch file");
		}
		return;
	}
	if (patch->truncated)
		attempt_problem(a, "the verifiers read only the first %zu of the patch's %zu bytes",
				patch->len, patch->size);
	p = verify_patch_parse(patch->data, patch->len);
	for (int v = 0; v < VERIFIER_COUNT; v++) {
		struct verify_result r;

		if (!run[v])
			continue;
		if (v == VERIFIER_ARCH)
			verify_architecture(p, &r, &ev);
		else if (v == VERIFIER_DB)
			verify_database(p, db, &r, &ev);
		else
			verify_orm(p, orm, &r, &ev);
		a->verdict[v].ok = r.ok;
		a->verdict[v].reason = r.reason;
	}
	verify_patch_free(p);
	/* hand the rows over to the attempt, which then owns their strings */
	for (size_t i = 0; i < ev.n; i++) {
		struct evidence *e = attempt_add_evidence(a, ev.v[i].verifier);

		e->file = ev.v[i].file;
		e->line = ev.v[i].line;
		e->label = ev.v[i].label;
		e->detail = ev.v[i].detail;
	}
	free(ev.v);
}
