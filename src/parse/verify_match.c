/* verify_match.c: the matcher of the DB and ORM evidence patterns
 * (verify_internal.h says how a pattern is written): every pattern of a
 * check searched in one pass over the added text, linear in its size. */
#include "config.h"

#include "verify_internal.h"

#include <string.h>

/* The steps after an anchor, from s[i]: the match end, or NOPOS. */
static size_t
steps_match(const struct step *st, const char *s, size_t n, size_t i)
{
	size_t t;

	for (; st->op != OP_END && i != NOPOS; st++) {
		switch (st->op) {
		case OP_LIT:
			i = vtext_lit_at(s, n, i, st->lit);
			break;
		case OP_ILIT:
			i = vtext_ilit_at(s, n, i, st->lit);
			break;
		case OP_IOPT:
			if ((t = vtext_ilit_at(s, n, i, st->lit)) != NOPOS)
				i = t;
			break;
		case OP_QUOTE:
			i = i < n && vtext_is_quote(s[i]) ? i + 1 : NOPOS;
			break;
		case OP_SEP:
			i = i < n && (s[i] == ':' || s[i] == '=') ? i + 1 : NOPOS;
			break;
		case OP_SPACES:
			i = vtext_skip_space(s, n, i);
			break;
		case OP_SPACES1:
			t = vtext_skip_space(s, n, i);
			i = t > i ? t : NOPOS;
			break;
		case OP_PLUS_WORD:
			if (i < n && s[i] == '+' && (t = vtext_skip_word(s, n, i + 1, '\0')) > i + 1)
				i = t;
			break;
		case OP_BOUND:
			i = vtext_at_boundary(s, n, i) ? i : NOPOS;
			break;
		case OP_LEAD_SPACE:
		case OP_SAME_LINE:
		case OP_END:
			/* only ever before or just after the anchor: see alt_match_at() */
			i = NOPOS;
			break;
		}
	}
	return i;
}

/* The look-behinds before an alternative's anchor, checked at s[at]. */
static bool
before_anchor_ok(const struct step *st, const struct step *anchor, const char *s, size_t n,
		 size_t at)
{
	for (; st < anchor; st++) {
		if (st->op == OP_BOUND && !vtext_at_boundary(s, n, at))
			return false;
		if (st->op == OP_LEAD_SPACE && at > 0 && !vtext_is_space(vtext_before(s, at)))
			return false;
	}
	return true;
}

static const struct step *
anchor_of(const struct step *alt)
{
	while (alt->op != OP_LIT && alt->op != OP_ILIT && alt->op != OP_QUOTE)
		alt++;
	return alt;
}

/* Can the byte c begin a match of these steps?  A cheap filter only. */
static bool
may_start(const struct step *st, char c)
{
	while (st->op == OP_BOUND)
		st++;
	if (st->op == OP_QUOTE)
		return vtext_is_quote(c);
	if (st->op == OP_LIT)
		return c == st->lit[0];
	if (st->op == OP_ILIT)
		return vtext_lower(c) == st->lit[0] || (unsigned char)c == vtext_fold_lead(st->lit[0]);
	return true;
}

/* Does the alternative match with its anchor at s[at]?  When it has
 * [^\n]* after the anchor and fails, *resume is set past the line: a later
 * anchor on the same line sees less of it, so it cannot match either. */
static bool
alt_match_at(const struct step *alt, const char *s, size_t n, size_t at, size_t *resume)
{
	const struct step *anchor = anchor_of(alt);
	size_t end;

	if (anchor->op == OP_QUOTE)
		end = vtext_is_quote(s[at]) ? at + 1 : NOPOS;
	else if (anchor->op == OP_LIT)
		end = vtext_lit_at(s, n, at, anchor->lit);
	else
		end = vtext_ilit_at(s, n, at, anchor->lit);
	if (end == NOPOS || !before_anchor_ok(alt, anchor, s, n, at))
		return false;
	if (anchor[1].op == OP_SAME_LINE) {
		const char *nl = memchr(s + end, '\n', n - end);
		size_t eol = nl ? (size_t)(nl - s) : n;

		for (size_t i = end; i < eol; i++)
			if (may_start(anchor + 2, s[i]) && steps_match(anchor + 2, s, n, i) != NOPOS)
				return true;
		*resume = eol + 1;
		return false;
	}
	return steps_match(anchor + 1, s, n, end) != NOPOS;
}

/* One alternative, listed under each byte its anchor can start with. */
struct alt_ref {
	unsigned char label, alt;
};

/* The bytes that can begin a match of one character of a step (lit: the
 * literal's character); 0 when any byte can. */
static size_t
bytes_of(enum op op, char lit, unsigned char b[3])
{
	size_t nb = 0;

	if (op == OP_QUOTE) {
		b[nb++] = '\'';
		b[nb++] = '"';
	} else if (op == OP_LIT || op == OP_ILIT) {
		b[nb++] = (unsigned char)lit;
		if (op == OP_ILIT && lit >= 'a' && lit <= 'z')
			b[nb++] = (unsigned char)(lit - ('a' - 'A'));
		if (op == OP_ILIT && vtext_fold_lead(lit))
			b[nb++] = vtext_fold_lead(lit);
	}
	return nb;
}

/* Mark in pairs[first] the bytes that can follow `first` in a match
 * anchored at a: the anchor's second character, or the next step's first. */
static void
mark_pairs(uint8_t pairs[256][32], unsigned char first, const struct step *a)
{
	unsigned char b[3];
	size_t nb = 0;

	if (first < 0x80) { /* a folded letter's next byte is its own */
		if ((a->op == OP_LIT || a->op == OP_ILIT) && a->lit[1])
			nb = bytes_of(a->op, a->lit[1], b);
		else if (a[1].op == OP_LIT || a[1].op == OP_ILIT || a[1].op == OP_QUOTE)
			nb = bytes_of(a[1].op, a[1].lit ? a[1].lit[0] : 0, b);
	}
	if (nb == 0)
		memset(pairs[first], 0xFF, sizeof(pairs[first]));
	for (size_t j = 0; j < nb; j++)
		pairs[first][b[j] >> 3] |= (uint8_t)(1u << (b[j] & 7));
}

/* Callers search at most two groups (sqlite and postgres), each at most
 * MAX_LABELS (asserted beside the tables), so the bound in verify_match_groups
 * never cuts. */
#define MAX_GROUP_LABELS (2 * MAX_LABELS)

/* pat.search(text) for each pattern of the groups, all in one pass over
 * the text (the text is long, the patterns few): at[i] is where label i
 * first matched (its leftmost anchor), NOPOS when it did not.  Returns how
 * many matched. */
size_t
verify_match_groups(const struct label_group *g, size_t n_groups, const char *s, size_t n)
{
	const struct evidence_pattern *pat[MAX_GROUP_LABELS];
	size_t *at[MAX_GROUP_LABELS], count = 0;
	struct alt_ref refs[MAX_GROUP_LABELS * MAX_ALTS * 3];
	unsigned short start[257] = {0}, fill[256];
	size_t resume[MAX_GROUP_LABELS][MAX_ALTS] = {{0}}, found = 0;
	/* the byte pairs an anchor can start with: most positions whose first
	 * byte could start one (an 's' for "sqlite") fail on the second */
	uint8_t pairs[256][32];

	for (size_t j = 0; j < n_groups; j++)
		for (size_t i = 0; i < g[j].count && count < MAX_GROUP_LABELS; i++) {
			pat[count] = &g[j].pat[i];
			at[count++] = &g[j].at[i];
			g[j].at[i] = NOPOS;
		}
	memset(pairs, 0, sizeof(pairs));
	/* index the alternatives by the bytes that can start their anchor:
	 * a quote, the literal's first byte, under re.I also its other case
	 * and the lead byte of a non-ASCII letter that folds to it */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < count; i++) {
			for (size_t k = 0; k < MAX_ALTS && pat[i]->alt[k][0].op != OP_END; k++) {
				const struct step *a = anchor_of(pat[i]->alt[k]);
				unsigned char b[3];
				size_t nb = bytes_of(a->op, a->lit ? a->lit[0] : 0, b);

				for (size_t j = 0; j < nb; j++) {
					if (pass == 0) {
						start[b[j] + 1]++;
						mark_pairs(pairs, b[j], a);
						continue;
					}
					refs[fill[b[j]]].label = (unsigned char)i;
					refs[fill[b[j]]++].alt = (unsigned char)k;
				}
			}
		}
		for (int c = 0; pass == 0 && c < 256; c++) {
			start[c + 1] = (unsigned short)(start[c + 1] + start[c]);
			fill[c] = start[c];
		}
	}

	for (size_t i = 0; i < n && found < count; i++) {
		unsigned char c = (unsigned char)s[i], d = i + 1 < n ? (unsigned char)s[i + 1] : 0;

		if (i + 1 < n && !(pairs[c][d >> 3] & (1u << (d & 7))))
			continue;
		for (unsigned r = start[c]; r < start[c + 1]; r++) {
			size_t l = refs[r].label, k = refs[r].alt;

			if (*at[l] != NOPOS || i < resume[l][k])
				continue;
			if (alt_match_at(pat[l]->alt[k], s, n, i, &resume[l][k])) {
				*at[l] = i;
				found++;
			}
		}
	}
	return found;
}

/* How many of at[0..count) are set. */
size_t
verify_match_count(const size_t *at, size_t count)
{
	size_t found = 0;

	for (size_t i = 0; i < count; i++)
		found += at[i] != NOPOS;
	return found;
}

/* "a, b, c" from the labels that matched; evidence rows for each. */
void
verify_match_labels(struct buf *b, const struct verify_patch *p, const struct evidence_pattern *pat,
	   size_t count, const size_t *at, enum verifier_kind v, struct evidence_list *ev)
{
	bool first = true;

	for (size_t i = 0; i < count; i++) {
		if (at[i] == NOPOS)
			continue;
		buf_puts(b, first ? "" : ", ");
		buf_puts(b, pat[i].label);
		first = false;
		verify_evidence_at(p, ev, v, at[i], pat[i].label, "");
	}
}
