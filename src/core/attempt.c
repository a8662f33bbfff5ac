/* attempt.c: the attempt record shared by importers and the store. */
#include "config.h"

#include "benchtop/attempt.h"

#include <stdlib.h>
#include <string.h>

const struct artifact_kind_info artifact_kinds[ARTIFACT_KINDS] = {
#define ARTIFACT_INFO(id, name, title, heading, viewer, option) [id] = {name, title, heading, option},
	ARTIFACT_KIND_LIST(ARTIFACT_INFO)
};

static const char *const verifier_names[VERIFIER_COUNT] = {
	"architecture", "database", "orm",
};

void
attempt_init(struct attempt *a)
{
	memset(a, 0, sizeof(*a));
	a->steps = a->tokens_in = a->tokens_out = a->llm_calls = -1;
	a->cost = -1;
	buf_init(&a->problems);
}

void
run_ident_free(struct run_ident *r)
{
	free(r->name);
	free(r->agent);
	free(r->model);
	free(r->label);
	free(r->source);
	memset(r, 0, sizeof(*r));
}

void
run_ident_set(struct run_ident *r, const char *name, const char *agent, const char *model,
	      const char *label, const char *source)
{
	run_ident_free(r);
	r->agent = xstrdup(agent);
	r->model = xstrdup(model);
	r->name = name && *name ? xstrdup(name) : xasprintf("%s/%s", agent, model);
	r->label = xstrdup(label ? label : "");
	r->source = xstrdup(source ? source : "");
}

void
attempt_free(struct attempt *a)
{
	run_ident_free(&a->run);
	for (size_t i = 0; i < a->n_requests; i++) {
		struct request *r = &a->requests[i];
		free(r->name);
		free(r->method);
		free(r->url);
		free(r->status);
		strv_free(&r->passed);
		strv_free(&r->failed);
	}
	free(a->requests);
	for (size_t i = 0; i < VERIFIER_COUNT; i++)
		free(a->verdict[i].reason);
	for (size_t i = 0; i < a->n_evidence; i++) {
		free(a->evidence[i].file);
		free(a->evidence[i].label);
		free(a->evidence[i].detail);
	}
	free(a->evidence);
	free(a->termination);
	free(a->category);
	free(a->category_reasoning);
	free(a->subcategory);
	free(a->subcategory_reasoning);
	buf_free(&a->problems);
	for (size_t i = 0; i < ARTIFACT_KINDS; i++) {
		free(a->artifacts[i].path);
		free(a->artifacts[i].data);
	}
	attempt_init(a);
}

void
attempt_finish(struct attempt *a)
{
	/* spec 4.1: A% = P/T (0 when T = 0); tests pass when nothing failed
	 * and something ran; strict A% is zeroed by any failing verifier. */
	a->raw = a->total > 0 ? (double)a->passed / (double)a->total : 0.0;
	a->tests_passed = a->failed == 0 && a->total > 0;
	a->verifiers_ok = true;
	for (size_t i = 0; i < VERIFIER_COUNT; i++)
		if (a->verdict[i].applicable && !a->verdict[i].ok)
			a->verifiers_ok = false;
	a->strict = a->verifiers_ok ? a->raw : 0.0;
	a->succeeded = a->tests_passed && a->verifiers_ok;
	if (!a->has_report)
		a->flags |= ATTEMPT_NO_REPORT;
	if (!a->artifacts[ARTIFACT_PATCH].present)
		a->flags |= ATTEMPT_NO_PATCH;
	if (a->problems.len)
		a->flags |= ATTEMPT_PROBLEMS;
}

struct request *
attempt_add_request(struct attempt *a)
{
	struct request *r;

	BT_GROW(a->requests, a->cap_requests, a->n_requests + 1);
	r = &a->requests[a->n_requests++];
	memset(r, 0, sizeof(*r));
	r->position = (int)a->n_requests;
	r->code = -1;
	r->response_ms = r->response_bytes = -1;
	return r;
}

struct evidence *
attempt_add_evidence(struct attempt *a, enum verifier_kind v)
{
	struct evidence *e;

	BT_GROW(a->evidence, a->cap_evidence, a->n_evidence + 1);
	e = &a->evidence[a->n_evidence++];
	memset(e, 0, sizeof(*e));
	e->verifier = v;
	return e;
}

void
attempt_problem(struct attempt *a, const char *fmt, ...)
{
	va_list ap;

	if (a->problems.len)
		buf_putc(&a->problems, '\n');
	va_start(ap, fmt);
	buf_vprintf(&a->problems, fmt, ap);
	va_end(ap);
}

void
attempt_set_artifact(struct attempt *a, enum artifact_kind kind, const char *path, char *data,
		     size_t len, size_t size, bool truncated)
{
	struct artifact *art = &a->artifacts[kind];

	free(art->path);
	free(art->data);
	art->present = true;
	art->path = path ? xstrdup(path) : NULL;
	art->data = data;
	art->len = len;
	art->size = size;
	art->truncated = truncated;
}

const char *
artifact_kind_name(enum artifact_kind kind)
{
	return kind < ARTIFACT_KINDS ? artifact_kinds[kind].name : "?";
}

int
artifact_kind_from_name(const char *name)
{
	for (int i = 0; i < ARTIFACT_KINDS; i++)
		if (strcmp(artifact_kinds[i].name, name) == 0)
			return i;
	return -1;
}

static const char *const termination_names[TERM_COUNT] = {
	"Submitted", "LimitsExceeded", "Error", "NoTrajectory", "Unknown",
};

const char *
termination_name(enum termination t)
{
	return t < TERM_COUNT ? termination_names[t] : "?";
}

const char *
attempt_termination_text(const struct attempt *a)
{
	/* the stored word is for machines: NoTrajectory means nothing was recorded */
	if (!a->termination)
		return "termination unknown";
	return strcmp(a->termination, "NoTrajectory") == 0 ? "no trajectory recorded"
							   : a->termination;
}

enum termination
termination_parse(const char *name)
{
	for (int i = 0; name && i < TERM_COUNT; i++)
		if (strcmp(termination_names[i], name) == 0)
			return (enum termination)i;
	return TERM_NO_TRAJECTORY;
}

const char *
verifier_name(enum verifier_kind v)
{
	return v < VERIFIER_COUNT ? verifier_names[v] : "?";
}

/* ------------------------------------------------------------ failures */

static bool
url_has_null_slug(const char *url)
{
	const char *p = url;
	while ((p = strstr(p, "/null"))) {
		if (p[5] == '\0' || p[5] == '/' || p[5] == '?')
			return true;
		p += 5;
	}
	return strstr(url, "{{") != NULL || strstr(url, "%7B%7B") != NULL;
}

bool
attempt_request_is_cascade(const struct attempt *a, size_t r)
{
	const struct request *q = &a->requests[r];
	long login;

	if (url_has_null_slug(q->url ? q->url : ""))
		return true;
	/* without a token every authenticated request answers 401 */
	login = attempt_find_request(a, "Login and Remember Token", 1);
	return q->code == 401 && login >= 0 && a->requests[login].n_failed > 0 && (size_t)login < r;
}

bool
attempt_server_down(const struct attempt *a)
{
	for (size_t i = 0; i < a->n_requests; i++)
		if (a->requests[i].code >= 0)
			return false;
	return true;
}

long
attempt_first_failure(const struct attempt *a)
{
	/* a server that never answered fails everything at once: its first
	 * request is the whole story */
	bool down = attempt_server_down(a);

	for (size_t i = 0; i < a->n_requests; i++)
		if (a->requests[i].n_failed > 0 && (down || !attempt_request_is_cascade(a, i)))
			return (long)i;
	return -1;
}

int
attempt_request_occurrence(const struct attempt *a, size_t r)
{
	int n = 1;

	for (size_t i = 0; i < r; i++)
		n += str_eq(a->requests[i].name, a->requests[r].name);
	return n;
}

long
attempt_find_request(const struct attempt *a, const char *name, int occurrence)
{
	for (size_t i = 0; i < a->n_requests; i++)
		if (str_eq(a->requests[i].name, name) && --occurrence == 0)
			return (long)i;
	return -1;
}
