/* model_attempt.c: the attempt view's document (curses-free). */
#include "config.h"

#include "benchtop/model_attempt.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/sanitize.h"

void
attempt_doc_add(struct attempt_doc *d, enum doc_role role, int indent, const char *fmt, ...)
{
	struct doc_line *l;
	va_list ap;

	BT_GROW(d->v, d->cap, d->n + 1);
	l = &d->v[d->n++];
	va_start(ap, fmt);
	l->text = xvasprintf(fmt, ap);
	va_end(ap);
	l->role = role;
	l->indent = indent;
	l->artifact = -1;
	l->request = -1;
	l->cut_at = l->cut_len = 0;
}

void
attempt_doc_fit(const struct doc_line *l, long cols, bool utf8, struct buf *out)
{
	struct san_opts so = {.utf8 = utf8};
	size_t len = strlen(l->text), end = l->cut_at + l->cut_len;
	const char *ell = utf8 ? "\u2026" : "~";
	long over = sanitize_width(l->text, len, &so) - cols, span, keep;

	buf_reset(out);
	if (over <= 0 || !l->cut_len || end > len) {
		buf_append(out, l->text, len);
		buf_cstr(out);
		return;
	}
	span = sanitize_width(l->text + l->cut_at, l->cut_len, &so);
	/* the span keeps at least 8 columns, one of them the ellipsis */
	keep = span - over - 1 >= 7 ? span - over - 1 : 7;
	if (keep >= span) {
		buf_append(out, l->text, len);
		buf_cstr(out);
		return;
	}
	size_t head = sanitize_fit(l->text + l->cut_at, l->cut_len, &so, (keep + 1) / 2, false);
	size_t tail = sanitize_fit_tail(l->text + l->cut_at + head, l->cut_len - head, &so,
					keep / 2);
	buf_append(out, l->text, l->cut_at + head);
	buf_puts(out, ell);
	buf_append(out, l->text + end - tail, len - (end - tail));
	buf_cstr(out);
}

void
attempt_doc_free(struct attempt_doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

static void
verdicts(const struct attempt *a, struct attempt_doc *d)
{
	static const char *const names[VERIFIER_COUNT] = {"Architecture", "Database", "ORM"};

	if (a->task.kind == TASK_FEATURE) {
		attempt_doc_add(d, DOC_DIM, 2, "none: feature tasks have no static verifiers");
		return;
	}
	for (int v = 0; v < VERIFIER_COUNT; v++) {
		const struct verdict *vd = &a->verdict[v];
		if (!vd->applicable)
			attempt_doc_add(d, DOC_DIM, 2, "%-13s not required by the task", names[v]);
		else
			attempt_doc_add(d, vd->ok ? DOC_GOOD : DOC_BAD, 2, "%-13s %s  %s", names[v],
			    vd->ok ? "passed" : "FAILED", vd->reason ? vd->reason : "");
		if (!vd->applicable)
			continue;
		/* the evidence behind a failure, for a quick look before the diff */
		int shown = 0;
		for (size_t i = 0; i < a->n_evidence && !vd->ok; i++) {
			const struct evidence *e = &a->evidence[i];
			if (e->verifier != (enum verifier_kind)v || str_starts(e->label, "layer:"))
				continue;
			if (shown++ == 6) {
				attempt_doc_add(d, DOC_DIM, 16, "... more in the patch view");
				break;
			}
			/* e->line counts in the patch, not in the file */
			attempt_doc_add(d, DOC_WARN, 16, "%s  %s (patch line %d)  %s", e->label,
			    e->file ? e->file : "?", e->line, e->detail ? e->detail : "");
		}
	}
}

static void
requests(const struct attempt *a, struct attempt_doc *d)
{
	long c = attempt_find_request(a, "Create Article", 1);
	const struct request *create = c >= 0 ? &a->requests[c] : NULL;
	long failed_requests = 0;

	for (size_t i = 0; i < a->n_requests; i++)
		failed_requests += a->requests[i].n_failed > 0;
	if (!a->has_report) {
		attempt_doc_add(d, DOC_BAD, 0, "No Newman report: the server never ran the tests (A%% = 0).");
		return;
	}
	attempt_doc_add(d, DOC_HEADING, 0, "Failed assertions by request (%ld of %zu requests)", failed_requests,
	    a->n_requests);
	if (failed_requests == 0) {
		attempt_doc_add(d, DOC_GOOD, 2, "every assertion passed");
		return;
	}
	bool down = attempt_server_down(a);
	if (down)
		attempt_doc_add(d, DOC_WARN, 2, "no request got a response: the server was not running");
	else if (create && create->n_failed > 0)
		attempt_doc_add(d, DOC_WARN, 2, "Create Article failed: later {{slug}} requests cascade "
		    "(/articles/null)");
	for (size_t i = 0; i < a->n_requests; i++) {
		const struct request *r = &a->requests[i];
		bool cascade;
		char code[48];

		if (r->n_failed == 0)
			continue;
		cascade = !down && attempt_request_is_cascade(a, i);
		if (r->code < 0)
			snprintf(code, sizeof(code), "no response");
		else
			snprintf(code, sizeof(code), "%d %s", r->code, r->status ? r->status : "");
		char head[32];
		const char *url = str_url_path(r->url ? r->url : "");
		snprintf(head, sizeof(head), "#%-2d %-6s ", r->position, r->method ? r->method : "");
		attempt_doc_add(d, cascade ? DOC_CASCADE : DOC_REQUEST_FAIL, 2, "%s%s  %s %s  %d/%d failed%s",
		    head, url, r->code < 0 ? "" : "->", code, r->n_failed, r->n_total,
		    cascade ? "  [cascade]" : "");
		d->v[d->n - 1].request = (long)i;
		/* at 80 columns the URL gives way, not the status or the counts */
		d->v[d->n - 1].cut_at = strlen(head);
		d->v[d->n - 1].cut_len = strlen(url);
		for (size_t k = 0; k < r->failed.n; k++) {
			attempt_doc_add(d, DOC_DIM, 8, "%s", r->failed.v[k]);
			d->v[d->n - 1].request = (long)i;
		}
		if (r->failed.n == 0 && r->n_failed) {
			attempt_doc_add(d, DOC_DIM, 8, "(%d assertion%s, names not recorded)", r->n_failed,
			    r->n_failed == 1 ? "" : "s");
			d->v[d->n - 1].request = (long)i;
		}
	}
}

static void
artifacts(const struct attempt *a, struct attempt_doc *d)
{
	attempt_doc_add(d, DOC_HEADING, 0, "Artifacts (Enter opens)");
	for (int k = 0; k < ARTIFACT_KINDS; k++) {
		const struct artifact *art = &a->artifacts[k];
		char size[32];
		if (!art->present) {
			attempt_doc_add(d, DOC_DIM, 2, "  %-26s none", artifact_kinds[k].heading);
			continue;
		}
		str_human_size(art->size, size, sizeof(size));
		attempt_doc_add(d, DOC_ARTIFACT, 2, "%s %-26s %s%s%s%s", ">", artifact_kinds[k].heading,
				size, art->truncated ? " (truncated)" : "", art->format[0] ? "  " : "",
				art->format);
		d->v[d->n - 1].artifact = k;
	}
}

void
attempt_doc_build(const struct attempt *a, struct attempt_doc *d)
{
	char cs[128], tin[32], tout[32];
	const char *outcome;
	enum doc_role orole;

	memset(d, 0, sizeof(*d));
	task_constraints_string(a->task.constraints, cs, sizeof(cs));
	attempt_doc_add(d, DOC_HEADING, 0, "%s", a->task.name);
	if (a->task.kind == TASK_FEATURE)
		attempt_doc_add(d, DOC_TEXT, 2, "feature task, %s (%s), difficulty %s",
		    task_framework_display(a->task.framework), a->task.runtime, a->task.difficulty);
	else
		attempt_doc_add(d, DOC_TEXT, 2, "%s (%s), L%d: %s", task_framework_display(a->task.framework),
		    a->task.runtime, a->task.level, a->task.level ? cs : "no constraints");
	attempt_doc_add(d, DOC_TEXT, 2, "run %s, attempt run_%d%s%s", a->run.name, a->number,
	    a->batch[0] ? ", batch " : "", a->batch);

	long errored = 0;
	for (size_t i = 0; i < a->n_requests; i++)
		errored += a->requests[i].code < 0;
	if (a->succeeded)
		outcome = "SUCCEEDED", orole = DOC_GOOD;
	else if (!a->has_report)
		outcome = "FAILED: no report (the server never ran the tests)", orole = DOC_BAD;
	else if (a->n_requests && errored == (long)a->n_requests)
		outcome = "FAILED: the server never answered (every request got no response)",
		orole = DOC_BAD;
	else if (a->tests_passed)
		outcome = "FAILED: tests passed but a verifier failed", orole = DOC_WARN;
	else
		outcome = "FAILED: assertions failed", orole = DOC_BAD;
	attempt_doc_add(d, orole, 0, "%s", outcome);
	attempt_doc_add(d, DOC_TEXT, 2, "assertions %ld/%ld passed, %ld failed   A%% %.1f   strict A%% %.1f",
	    a->passed, a->total, a->failed, a->raw * 100, a->strict * 100);
	attempt_doc_add(d, DOC_TEXT, 2, "%zu requests, %ld without a response", a->n_requests, errored);

	attempt_doc_add(d, DOC_HEADING, 0, "Verifiers");
	verdicts(a, d);

	attempt_doc_add(d, DOC_HEADING, 0, "Agent");
	{
		struct buf b;
		buf_init(&b);
		buf_puts(&b, attempt_termination_text(a));
		if (a->steps >= 0)
			buf_printf(&b, ", %ld steps", a->steps);
		if (a->tokens_in >= 0 || a->tokens_out >= 0) {
			str_human_count((double)a->tokens_in, tin, sizeof(tin));
			str_human_count((double)a->tokens_out, tout, sizeof(tout));
			const char *approx = a->flags & ATTEMPT_TOKENS_APPROX ? "~" : "";
			buf_printf(&b, ", tokens %s%s in / %s%s out%s", approx,
				   a->tokens_in >= 0 ? tin : "?", approx, a->tokens_out >= 0 ? tout : "?",
				   *approx ? " (estimated: bytes/4)" : "");
		}
		if (a->llm_calls >= 0)
			buf_printf(&b, ", %ld model calls", a->llm_calls);
		if (a->cost >= 0)
			buf_printf(&b, ", cost $%.2f", a->cost);
		attempt_doc_add(d, DOC_TEXT, 2, "%s", buf_cstr(&b));
		buf_free(&b);
	}

	if (a->category || a->subcategory) {
		attempt_doc_add(d, DOC_HEADING, 0, "Failure analysis (LLM judge)");
		if (a->category) {
			attempt_doc_add(d, DOC_WARN, 2, "%s", a->category);
			if (a->category_reasoning && *a->category_reasoning)
				attempt_doc_add(d, DOC_TEXT, 4, "%s", a->category_reasoning);
		}
		if (a->subcategory) {
			attempt_doc_add(d, DOC_WARN, 2, "%s", a->subcategory);
			if (a->subcategory_reasoning && *a->subcategory_reasoning)
				attempt_doc_add(d, DOC_TEXT, 4, "%s", a->subcategory_reasoning);
		}
	}
	if (a->problems.len) {
		const char *p = a->problems.data;
		attempt_doc_add(d, DOC_HEADING, 0, "Import problems");
		while (*p) {
			size_t n = strcspn(p, "\n");
			attempt_doc_add(d, DOC_WARN, 2, "%.*s", (int)n, p);
			p += n + (p[n] ? 1 : 0);
		}
	}
	requests(a, d);
	artifacts(a, d);
}
