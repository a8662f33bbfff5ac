/* model_search.c: a literal or a regular expression over the texts the
 * store hands out (store_texts), one hit per matching line. */
#include "config.h"

#include "benchtop/model_search.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	unsigned bits;
} source_names[] = {
	{"logs", TEXT_LOGS},
	{"patches", TEXT_PATCH},
	{"trajectories", TEXT_TRAJECTORY},
	{"judge", TEXT_JUDGE},
	{"assertions", TEXT_ASSERTIONS},
};
#define N_SOURCES (sizeof(source_names) / sizeof(source_names[0]))

unsigned
search_sources_parse(const char *list, char *why, size_t whylen)
{
	unsigned bits = 0;
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ","), i;
		for (i = 0; i < N_SOURCES; i++)
			if (strlen(source_names[i].name) == n && strncmp(p, source_names[i].name, n) == 0)
				break;
		if (i == N_SOURCES) {
			snprintf(why, whylen, "--in takes logs, patches, trajectories, judge and "
				 "assertions, comma-separated");
			return 0;
		}
		bits |= source_names[i].bits;
		p += n + (p[n] == ',');
	}
	if (!bits)
		snprintf(why, whylen, "--in names no source");
	return bits;
}

struct scan {
	const struct search_opts *o;
	struct search_result *r;
	regex_t re;
	size_t plen;
};

/* Keep the hit at line [ls, le) of t, matched at [ms, me). */
static void
add_hit(struct scan *sc, const struct store_text *t, long line, const char *ls, const char *le,
	const char *ms, const char *me)
{
	struct search_result *r = sc->r;
	struct buf text;

	/* a long line: the part around the match, cut at character starts */
	if (le - ls > SEARCH_LINE_MAX) {
		size_t room = me - ms >= SEARCH_LINE_MAX ? 0 : (SEARCH_LINE_MAX - (size_t)(me - ms)) / 2;
		const char *from = ms - ls > (ptrdiff_t)room ? ms - room : ls;
		const char *to = le - from > SEARCH_LINE_MAX ? from + SEARCH_LINE_MAX : le;
		if (to < me)
			to = me;
		while (from > ls && ((unsigned char)*from & 0xC0) == 0x80)
			from--;
		while (to < le && ((unsigned char)*to & 0xC0) == 0x80)
			to++;
		buf_init(&text);
		buf_puts(&text, from > ls ? "..." : "");
		buf_append(&text, from, (size_t)(to - from));
		buf_puts(&text, to < le ? "..." : "");
	} else {
		buf_init(&text);
		buf_append(&text, ls, (size_t)(le - ls));
	}
	BT_GROW(r->v, r->cap, r->n + 1);
	struct search_hit *h = &r->v[r->n++];
	memset(h, 0, sizeof(*h));
	h->addr = *t->addr;
	h->attempt_id = t->attempt_id;
	snprintf(h->source, sizeof(h->source), "%s", t->source);
	h->line = line;
	h->text = buf_cstr(&text) ? buf_steal(&text) : xstrdup("");
	buf_free(&text);
}

/* The next match in [p, end): its start and end; false when none. */
static bool
next_match(struct scan *sc, const char *p, const char *end, const char **ms, const char **me)
{
	if (!sc->o->regex) {
		const char *m = memmem(p, (size_t)(end - p), sc->o->pattern, sc->plen);
		if (!m)
			return false;
		*ms = m;
		*me = m + sc->plen;
		return true;
	}
	/* a regular expression matches line by line: REG_STARTEND keeps it
	 * inside [p, end) whatever bytes the text holds */
	for (const char *ls = p; ls < end;) {
		const char *le = memchr(ls, '\n', (size_t)(end - ls));
		regmatch_t m[1] = {{0, (regoff_t)((le ? le : end) - ls)}};
		if (regexec(&sc->re, ls, 1, m, REG_STARTEND) == 0) {
			*ms = ls + m[0].rm_so;
			*me = ls + m[0].rm_eo;
			return true;
		}
		ls = le ? le + 1 : end;
	}
	return false;
}

static int
scan_text(void *ctx, const struct store_text *t)
{
	struct scan *sc = ctx;
	const char *p = t->data, *end = t->data + t->len, *counted = t->data;
	const char *ms, *me;
	long line = 1;

	sc->r->texts++;
	while (p < end && next_match(sc, p, end, &ms, &me)) {
		const char *ls = ms, *le;
		while (ls > p && ls[-1] != '\n')
			ls--;
		/* count the lines up to the match once, left to right */
		for (const char *q = counted; (q = memchr(q, '\n', (size_t)(ls - q))); q++)
			line++;
		counted = ls;
		/* no match holds a newline */
		if (!(le = memchr(ms, '\n', (size_t)(end - ms))))
			le = end;
		add_hit(sc, t, line, ls, le > ls && le[-1] == '\r' ? le - 1 : le, ms, me);
		if (sc->o->max_hits && sc->r->n >= sc->o->max_hits) {
			sc->r->truncated = true;
			return 1;
		}
		p = le < end ? le + 1 : end;
	}
	return 0;
}

int
search_run(struct store *st, const struct search_opts *o, struct search_result *r,
	   struct bt_error *err)
{
	struct scan sc = {.o = o, .r = r};
	unsigned sources = o->sources ? o->sources
				      : TEXT_PATCH | TEXT_LOGS | TEXT_TRAJECTORY | TEXT_JUDGE |
					    TEXT_ASSERTIONS;
	int rc;

	memset(r, 0, sizeof(*r));
	if (!o->pattern[0])
		return bt_errorf(err, BT_EUSAGE, "an empty pattern");
	if (strchr(o->pattern, '\n'))
		return bt_errorf(err, BT_EUSAGE, "a pattern is one line");
	sc.plen = strlen(o->pattern);
	if (o->regex) {
		int e = regcomp(&sc.re, o->pattern, REG_EXTENDED | REG_NEWLINE);
		if (e) {
			char msg[128];
			regerror(e, &sc.re, msg, sizeof(msg));
			return bt_errorf(err, BT_EUSAGE, "bad regular expression: %s", msg);
		}
	}
	rc = store_texts(st, sources, o->run_id, o->regex ? NULL : o->pattern, scan_text, &sc,
			 &r->indexed, err);
	if (rc == 1 && r->truncated)
		rc = BT_OK;
	if (o->regex)
		regfree(&sc.re);
	return rc;
}

void
search_result_free(struct search_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].text);
	free(r->v);
	memset(r, 0, sizeof(*r));
}
