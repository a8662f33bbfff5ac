/* model_label.c: a labelling session (model_label.h). */
#include "config.h"

#include "benchtop/model_label.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/store_label.h"
#include "benchtop/task.h"

const struct label_key label_keys[LABEL_N_KEYS] = {
	{'1', "logic_error", "incorrect_query_logic"},
	{'2', "logic_error", "database_runtime_error"},
	{'3', "logic_error", "auth_misconfiguration"},
	{'4', "logic_error", "framework_idiosyncrasy"},
	{'5', "logic_error", "business_logic_defect"},
	{'6', "logic_error", "state_propagation_failure"},
	{'s', "server_startup_failure", NULL},
	{'i', "incomplete_implementation", NULL},
	{'f', "schema_format_error", NULL},
	{'o', "stuck_in_loop", NULL},
	{'c', "constraint_violation", NULL},
	{'p', "premature_termination", NULL},
	{'x', "other", NULL},
};

const struct label_key *
label_key_find(char key)
{
	for (size_t i = 0; i < LABEL_N_KEYS; i++)
		if (label_keys[i].key == key)
			return &label_keys[i];
	return NULL;
}

/* splitmix64: a small generator with a fixed sequence per seed, so a
 * sample is the same on every machine. */
static uint64_t
next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) without modulo bias. */
static size_t
below(uint64_t *state, size_t n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % n, r;

	do
		r = next_random(state);
	while (r >= limit);
	return (size_t)(r % n);
}

static void
shuffle(size_t *v, size_t n, uint64_t *state)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = below(state, i), t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

static const char *
stratum(const struct label_item *it)
{
	return it->judge_category ? it->judge_category : "";
}

size_t
label_sample(const struct label_item *cands, size_t n, size_t want, uint64_t seed, bool stratify,
	     size_t *out)
{
	uint64_t state = seed;
	size_t *idx, taken = 0;

	if (want > n)
		want = n;
	if (want == 0)
		return 0;
	idx = xcalloc(n, sizeof(*idx));
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	if (!stratify) {
		shuffle(idx, n, &state);
		memcpy(out, idx, want * sizeof(*out));
		free(idx);
		return want;
	}
	/* strata in order of first appearance; each one's members shuffled */
	struct strv names = {0};
	for (size_t i = 0; i < n; i++)
		if (!strv_contains(&names, stratum(&cands[i])))
			strv_push(&names, stratum(&cands[i]));
	size_t k = names.n, *size = xcalloc(k, sizeof(size_t)), *quota = xcalloc(k, sizeof(size_t));
	double *rem = xcalloc(k, sizeof(double));
	for (size_t i = 0; i < n; i++)
		for (size_t s = 0; s < k; s++)
			if (strcmp(stratum(&cands[i]), names.v[s]) == 0)
				size[s]++;
	/* proportional quotas, at least one per stratum when want allows,
	 * the rest by largest remainder (ties: the earlier stratum) */
	size_t given = 0;
	for (size_t s = 0; s < k; s++) {
		double exact = (double)want * (double)size[s] / (double)n;
		quota[s] = (size_t)exact;
		if (quota[s] == 0 && want >= k)
			quota[s] = 1;
		rem[s] = exact - (double)(size_t)exact;
		given += quota[s];
	}
	while (given > want) { /* the minimums overshot: take back from the largest */
		size_t big = 0;
		for (size_t s = 1; s < k; s++)
			if (quota[s] > quota[big])
				big = s;
		quota[big]--;
		given--;
	}
	while (given < want) {
		size_t best = k;
		for (size_t s = 0; s < k; s++)
			if (quota[s] < size[s] && (best == k || rem[s] > rem[best]))
				best = s;
		quota[best]++;
		rem[best] = -1;
		given++;
	}
	shuffle(idx, n, &state);
	for (size_t s = 0; s < k; s++) {
		size_t got = 0;
		for (size_t i = 0; i < n && got < quota[s]; i++)
			if (strcmp(stratum(&cands[idx[i]]), names.v[s]) == 0) {
				out[taken++] = idx[i];
				got++;
			}
	}
	shuffle(out, taken, &state);
	free(size);
	free(quota);
	free(rem);
	free(idx);
	strv_free(&names);
	return taken;
}

/* ------------------------------------------------------------ session */

static void
next_open(struct label_session *s, size_t from)
{
	for (size_t k = 0; k < s->n; k++) {
		size_t i = (from + k) % s->n;
		if (!s->items[i].category) {
			s->cur = i;
			return;
		}
	}
	s->cur = from < s->n ? from : s->n ? s->n - 1 : 0;
}

static int
load_items(struct label_session *s, struct bt_error *err)
{
	label_items_free(s->items, s->n);
	s->items = NULL;
	s->n = 0;
	return store_label_items(s->st, s->session_id, s->labeller, &s->items, &s->n, err);
}

static int
create(struct label_session *s, const struct label_start *o, const struct label_session_key *key,
       struct bt_error *err)
{
	struct label_item *cands = NULL;
	size_t n = 0, want, *pick = NULL, got;
	int64_t run_id, *ids = NULL;
	int rc;

	if ((rc = store_find_run(s->st, o->run, &run_id, err)) ||
	    (rc = store_label_candidates(s->st, run_id, &cands, &n, err)))
		goto out;
	if (n == 0) {
		rc = bt_errorf(err, BT_EINPUT, "run %s has no failed attempt to label", o->run);
		goto out;
	}
	want = o->sample > 0 ? (size_t)o->sample : n;
	pick = xcalloc(n, sizeof(*pick));
	got = label_sample(cands, n, want, o->seed, o->stratify, pick);
	ids = xcalloc(got + 1, sizeof(*ids));
	if ((rc = store_begin(s->st, err)))
		goto out;
	for (size_t i = 0; i < got && !rc; i++) {
		struct label_item *it = &cands[pick[i]];
		/* an item already known (another session, an import) keeps its
		 * judge labels and evidence: only new ones are added */
		rc = store_label_item_put(s->st, it, false, err);
		ids[i] = it->id;
	}
	if (!rc)
		rc = store_label_session_create(s->st, key, ids, got, &s->session_id, err);
	if (rc)
		store_rollback(s->st);
	else
		rc = store_commit(s->st, err);
out:
	free(ids);
	free(pick);
	label_items_free(cands, n);
	return rc;
}

int
label_session_open(struct label_session *s, const struct label_start *o, struct bt_error *err)
{
	char strat[16];
	struct label_session_key key = {o->run, o->labeller, strat, o->sample > 0 ? o->sample : 0,
					o->seed};
	int rc;

	memset(s, 0, sizeof(*s));
	snprintf(strat, sizeof(strat), "%s", o->stratify ? "category" : "");
	if ((rc = store_open(o->store_path, STORE_WRITE, &s->st, err)))
		return rc;
	s->labeller = xstrdup(o->labeller);
	s->run = xstrdup(o->run);
	if ((rc = store_label_session_find(s->st, &key, &s->session_id, err)) ||
	    (!s->session_id && (rc = create(s, o, &key, err))) || (rc = load_items(s, err))) {
		label_session_close(s);
		return rc;
	}
	next_open(s, 0);
	return BT_OK;
}

void
label_session_close(struct label_session *s)
{
	for (size_t i = 0; i < s->n_undo; i++) {
		free(s->undo[i].category);
		free(s->undo[i].subcategory);
	}
	free(s->undo);
	label_items_free(s->items, s->n);
	free(s->labeller);
	free(s->run);
	store_close(s->st);
	memset(s, 0, sizeof(*s));
}

size_t
label_session_done(const struct label_session *s)
{
	size_t done = 0;

	for (size_t i = 0; i < s->n; i++)
		done += s->items[i].category != NULL;
	return done;
}

static void
set_label(struct label_item *it, const char *category, const char *subcategory)
{
	free(it->category);
	free(it->subcategory);
	it->category = category ? xstrdup(category) : NULL;
	it->subcategory = subcategory ? xstrdup(subcategory) : NULL;
}

int
label_session_choose(struct label_session *s, const struct label_key *k, struct bt_error *err)
{
	struct label_item *it;
	struct label_choice c = {k->category, k->subcategory};
	int rc;

	if (s->cur >= s->n)
		return BT_OK;
	it = &s->items[s->cur];
	if ((rc = store_label_put(s->st, it->id, s->labeller, &c, err)))
		return rc;
	BT_GROW(s->undo, s->cap_undo, s->n_undo + 1);
	s->undo[s->n_undo++] = (struct label_undo){
		s->cur, it->category ? xstrdup(it->category) : NULL,
		it->subcategory ? xstrdup(it->subcategory) : NULL};
	set_label(it, k->category, k->subcategory);
	next_open(s, s->cur + 1 < s->n ? s->cur + 1 : s->cur);
	return BT_OK;
}

bool
label_session_undo(struct label_session *s, struct bt_error *err, int *rc)
{
	struct label_undo *u;

	*rc = BT_OK;
	if (!s->n_undo)
		return false;
	u = &s->undo[s->n_undo - 1];
	if (u->category) {
		struct label_choice c = {u->category, u->subcategory};
		*rc = store_label_put(s->st, s->items[u->item].id, s->labeller, &c, err);
	} else {
		*rc = store_label_delete(s->st, s->items[u->item].id, s->labeller, err);
	}
	if (*rc)
		return true;
	set_label(&s->items[u->item], u->category, u->subcategory);
	s->cur = u->item;
	free(u->category);
	free(u->subcategory);
	s->n_undo--;
	return true;
}

bool
label_session_revealed(const struct label_session *s, size_t i)
{
	return i < s->n && s->items[i].category != NULL;
}

/* ------------------------------------------------------------ document */

const char *
label_display(const char *key)
{
	int i;

	if (!key)
		return "(none)";
	if ((i = taxonomy_index(taxonomy_subcategories, TAXONOMY_N_SUBCATEGORIES, key)) >= 0)
		return taxonomy_subcategories[i].display;
	if ((i = taxonomy_index(taxonomy_categories, TAXONOMY_N_CATEGORIES, key)) >= 0)
		return taxonomy_categories[i].display;
	return key;
}

/* Lines of a text, at most `max` (the last ones when `tail`). */
static void
add_text(struct attempt_doc *d, const char *text, size_t max, bool tail, enum doc_role role)
{
	size_t lines = 1, skip = 0, k = 0;
	const char *p;

	if (!text || !*text) {
		attempt_doc_add(d, DOC_DIM, 2, "(none kept with this item)");
		return;
	}
	for (p = text; *p; p++)
		lines += *p == '\n';
	if (lines > max) {
		if (tail) {
			skip = lines - max;
			attempt_doc_add(d, DOC_DIM, 2, "(%zu earlier lines)", skip);
		}
	}
	for (p = text; *p && k < skip + max; k++) {
		size_t n = strcspn(p, "\n");
		if (k >= skip)
			attempt_doc_add(d, role, 2, "%.*s", (int)n, p);
		p += n + (p[n] == '\n');
	}
	if (!tail && lines > max)
		attempt_doc_add(d, DOC_DIM, 2, "(%zu more lines)", lines - max);
}

/* The failed requests as upstream's judge saw them: "{name} {method} ->
 * {code}: {failed} failed". */
static void
add_requests(struct attempt_doc *d, const struct label_item *it, const struct attempt *a)
{
	size_t shown = 0;

	if (!a) {
		add_text(d, it->newman_summary, 400, false, DOC_TEXT);
		return;
	}
	if (!a->has_report) {
		attempt_doc_add(d, DOC_BAD, 2, "no Newman report: the server likely never started");
		return;
	}
	for (size_t r = 0; r < a->n_requests; r++) {
		const struct request *q = &a->requests[r];
		if (q->n_failed <= 0)
			continue;
		char code[16];
		if (q->code < 0)
			snprintf(code, sizeof(code), "no response");
		else
			snprintf(code, sizeof(code), "%d", q->code);
		attempt_doc_add(d, DOC_REQUEST_FAIL, 2, "%s %s → %s: %d failed", q->name ? q->name : "",
				q->method ? q->method : "", code, q->n_failed);
		d->v[d->n - 1].request = (long)r;
		shown++;
	}
	if (!shown)
		attempt_doc_add(d, DOC_GOOD, 2, "All Newman assertions passed (a verifier failed)");
}

/* A prose text in lines of at most 76 columns (bytes; the sanitizer
 * measures when drawing), cut at spaces. */
static void
add_wrapped(struct attempt_doc *d, const char *head, const char *text)
{
	struct buf b;
	const char *p;

	if (!text || !*text)
		return;
	buf_init(&b);
	buf_puts(&b, head);
	buf_puts(&b, text);
	p = buf_cstr(&b);
	while (*p) {
		size_t n = strlen(p);
		if (n > 76) {
			n = 76;
			while (n > 20 && p[n] != ' ')
				n--;
		}
		attempt_doc_add(d, DOC_DIM, 2, "%.*s", (int)n, p);
		p += n;
		while (*p == ' ')
			p++;
	}
	buf_free(&b);
}

static void
add_choice(struct attempt_doc *d, const char *who, const char *category, const char *subcategory,
	   enum doc_role role)
{
	if (subcategory)
		attempt_doc_add(d, role, 2, "%-10s %s: %s", who, label_display(category),
				label_display(subcategory));
	else
		attempt_doc_add(d, role, 2, "%-10s %s", who, label_display(category));
}

void
label_doc_build(const struct label_session *s, size_t i, const struct attempt *a,
		enum label_pane pane, struct attempt_doc *d)
{
	const struct label_item *it;
	static const char *const pane_titles[] = {"Failed requests (Newman)", "Server log (the end)",
						  "Trajectory (the last steps)"};

	memset(d, 0, sizeof(*d));
	if (i >= s->n)
		return;
	it = &s->items[i];
	attempt_doc_add(d, DOC_HEADING, 0, "%s", it->address);
	if (it->task_description)
		attempt_doc_add(d, DOC_DIM, 2, "%s", it->task_description);
	attempt_doc_add(d, DOC_DIM, 2, "%s", a ? "the attempt is in the store: d patch, L log, "
				      "J trajectory" : "a free-standing item: L log, J trajectory "
				      "(as kept with it)");
	attempt_doc_add(d, DOC_TEXT, 0, "%s", "");
	if (label_session_revealed(s, i)) {
		bool agree = it->judge_category && strcmp(it->category, it->judge_category) == 0 &&
			     (!it->subcategory || !it->judge_subcategory ||
			      strcmp(it->subcategory, it->judge_subcategory) == 0);
		attempt_doc_add(d, DOC_HEADING, 0, "Labels (%s)", !it->judge_category ? "the judge gave none"
				: agree ? "you agree" : "you disagree");
		add_choice(d, "you", it->category, it->subcategory, DOC_TEXT);
		if (it->judge_category)
			add_choice(d, "the judge", it->judge_category, it->judge_subcategory,
				   agree ? DOC_GOOD : DOC_BAD);
		add_wrapped(d, "the judge's reasoning: ", it->judge_reasoning);
		add_wrapped(d, "on the category: ", it->coarse_reasoning);
	} else {
		attempt_doc_add(d, DOC_HEADING, 0, "Labels");
		attempt_doc_add(d, DOC_WARN, 2, "the judge's label stays hidden until you choose");
	}
	attempt_doc_add(d, DOC_TEXT, 0, "%s", "");
	attempt_doc_add(d, DOC_HEADING, 0, "%s", pane_titles[pane]);
	if (pane == LABEL_PANE_LOG)
		add_text(d, it->server_log, 200, true, DOC_TEXT);
	else if (pane == LABEL_PANE_TRAJECTORY)
		add_text(d, it->trajectory, 200, true, DOC_TEXT);
	else
		add_requests(d, it, a);
}
