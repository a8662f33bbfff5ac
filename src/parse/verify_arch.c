/* verify_arch.c: the architecture rule (upstream-format.md 5.1): at least
 * three of the four layers among the touched files' directories, and no
 * import from a lower layer up to a higher one, in any of the import forms
 * upstream knows (Python, CommonJS, ESM, Go, Rust). */
#include "config.h"

#include "verify_internal.h"

#include <stdio.h>
#include <string.h>

/* In upstream's matching order: a file or an import belongs to the first
 * of these whose names appear among its path components. */
enum layer { LAYER_ROUTES, LAYER_SERVICES, LAYER_MODELS, LAYER_REPOSITORIES, LAYER_COUNT };

static const char *const layer_names[LAYER_COUNT] = {"routes", "services", "models",
						      "repositories"};
static const int layer_rank[LAYER_COUNT] = {3, 2, 0, 1};
static const char *const layer_dirs[LAYER_COUNT][8] = {
	{"routes", "handlers", "route", "handler", "routers", "views"},
	{"services", "service", "usecases", "use_cases"},
	{"models", "model", "entities", "entity", "domain"},
	{"repositories", "repository", "repos", "data_access", "data", "dao", "dal"},
};
/* Reasons list layers sorted by name. */
static const enum layer layer_sorted[LAYER_COUNT] = {LAYER_MODELS, LAYER_REPOSITORIES,
						     LAYER_ROUTES, LAYER_SERVICES};

/* The layers one path component names, compared lowercase (ASCII is
 * enough: the one non-ASCII letter str.lower() turns into ASCII is U+212A,
 * a k, and no layer name has a k). */
static unsigned
component_layers(const char *c, size_t len)
{
	unsigned mask = 0;

	for (int l = 0; l < LAYER_COUNT; l++) {
		for (const char *const *d = layer_dirs[l]; *d; d++) {
			size_t k = 0, dl = strlen(*d);

			if (dl != len)
				continue;
			while (k < len && vtext_lower(c[k]) == (*d)[k])
				k++;
			if (k == len)
				mask |= 1u << l;
		}
	}
	return mask;
}

/* _dir_components(): every component of PurePosixPath(path).parts but the
 * last (empty and "." components do not count). */
static unsigned
dir_layers(const char *path, size_t len)
{
	unsigned mask = 0, last = 0;
	size_t i = 0;

	while (i < len) {
		size_t j = i;

		while (j < len && path[j] != '/')
			j++;
		if (j > i && !(j - i == 1 && path[i] == '.')) {
			mask |= last;
			last = component_layers(path + i, j - i);
		}
		i = j + 1;
	}
	return mask;
}

/* _imported_layer(): "::" and "." become "/", then every component counts. */
static unsigned
import_layers(const char *path, size_t len)
{
	unsigned mask = 0;
	size_t i = 0;

	while (i <= len) {
		size_t j = i;

		while (j < len && path[j] != '/' && path[j] != '.' &&
		       !(path[j] == ':' && j + 1 < len && path[j + 1] == ':'))
			j++;
		if (j > i)
			mask |= component_layers(path + i, j - i);
		i = j + (j < len && path[j] == ':' ? 2 : 1);
	}
	return mask;
}

static int
first_layer(unsigned mask)
{
	for (int l = 0; l < LAYER_COUNT; l++)
		if (mask & (1u << l))
			return l;
	return -1;
}

/* One file's added text, scanned for imports. */
struct import_scan {
	const struct verify_patch *p;
	const char *t;
	size_t n;
	size_t base;         /* offset of t in p->text */
	enum layer layer;    /* the file's layer */
	size_t violations;
	struct evidence_list *ev;
	size_t no_quote;     /* no ' or " at or after this offset */
	size_t no_dquote;    /* no " at or after this offset */
};

/* An import target was found at t[off..off+len); `at` is where its
 * statement starts.  Count it when it reaches up to a higher layer. */
static void
scan_import(struct import_scan *sc, size_t off, size_t len, size_t at)
{
	int target = first_layer(import_layers(sc->t + off, len));
	char prefix[64];

	if (target < 0 || layer_rank[target] <= layer_rank[sc->layer])
		return;
	sc->violations++;
	snprintf(prefix, sizeof(prefix), "%s imports %s: ", layer_names[sc->layer],
		 layer_names[target]);
	verify_evidence_at(sc->p, sc->ev, VERIFIER_ARCH, sc->base + at, "violation", prefix);
}

/* The next ' or " at or after `from` (both when dq_only is false). */
static size_t
scan_next_quote(struct import_scan *sc, size_t from, bool dq_only)
{
	size_t *none = dq_only ? &sc->no_dquote : &sc->no_quote;
	size_t i;

	/* remembering where quotes run out keeps failed scans linear */
	if (from >= *none)
		return NOPOS;
	for (i = from; i < sc->n; i++)
		if (dq_only ? sc->t[i] == '"' : vtext_is_quote(sc->t[i]))
			return i;
	*none = from;
	return NOPOS;
}

/* A quoted target at t[q]: q is the opening quote, then [^'"]+ (or [^"]+)
 * up to a closing quote.  Returns the offset after it, or NOPOS. */
static size_t
scan_quoted(struct import_scan *sc, size_t q, bool dq_only, size_t *path, size_t *len)
{
	size_t c;

	if (q >= sc->n || (dq_only ? sc->t[q] != '"' : !vtext_is_quote(sc->t[q])))
		return NOPOS;
	c = scan_next_quote(sc, q + 1, dq_only);
	if (c == NOPOS || c == q + 1)
		return NOPOS;
	*path = q + 1;
	*len = c - q - 1;
	return c + 1;
}

/* One ^\s*KEYWORD... import form: called with the offset after the
 * keyword and the keyword's offset; returns the match end or NOPOS. */
typedef size_t (*line_form)(struct import_scan *sc, size_t i, size_t at);

/* re.finditer of r"^\s*KEYWORD..." with re.M: a candidate is a keyword
 * that starts a line's text (\s* may also cross blank lines, which finds
 * the same keyword); after a match the search goes on at the next line
 * start at or after its end. */
static void
scan_line_form(struct import_scan *sc, const char *keyword, line_form form)
{
	size_t ls = 0, klen = strlen(keyword);

	while (ls < sc->n) {
		size_t k = vtext_skip_space(sc->t, sc->n, ls), e = NOPOS;
		const char *nl;

		if (k >= sc->n)
			break;
		if (vtext_lit_at(sc->t, sc->n, k, keyword) != NOPOS)
			e = form(sc, k + klen, k);
		if (e != NOPOS && sc->t[e - 1] == '\n') {
			ls = e;
			continue;
		}
		nl = memchr(sc->t + (e != NOPOS ? e : k), '\n', sc->n - (e != NOPOS ? e : k));
		ls = nl ? (size_t)(nl - sc->t) + 1 : sc->n;
	}
}

/* from\s+([\w.]+)\s+import */
static size_t
form_py_from(struct import_scan *sc, size_t i, size_t at)
{
	size_t q = vtext_skip_space(sc->t, sc->n, i), r, u;

	if (q == i || (r = vtext_skip_word(sc->t, sc->n, q, '.')) == q)
		return NOPOS;
	u = vtext_skip_space(sc->t, sc->n, r);
	if (u == r || vtext_lit_at(sc->t, sc->n, u, "import") == NOPOS)
		return NOPOS;
	scan_import(sc, q, r - q, at);
	return u + 6;
}

/* \s+([\w<also>]+) after a keyword: the module a Python import or a Rust
 * use names */
static size_t
keyword_module(struct import_scan *sc, size_t i, size_t at, char also)
{
	size_t q = vtext_skip_space(sc->t, sc->n, i), r;

	if (q == i || (r = vtext_skip_word(sc->t, sc->n, q, also)) == q)
		return NOPOS;
	scan_import(sc, q, r - q, at);
	return r;
}

/* import\s+([\w.]+) */
static size_t
form_py_import(struct import_scan *sc, size_t i, size_t at)
{
	return keyword_module(sc, i, at, '.');
}

/* use\s+([\w:]+) (Rust) */
static size_t
form_rust_use(struct import_scan *sc, size_t i, size_t at)
{
	return keyword_module(sc, i, at, ':');
}

/* from\s+['"]([^'"]+)['"] at t[d], the tail of the ESM form */
static size_t
esm_tail(struct import_scan *sc, size_t d, size_t at)
{
	size_t f, g, path, len, e;

	if (vtext_lit_at(sc->t, sc->n, d, "from") == NOPOS)
		return NOPOS;
	f = d + 4;
	g = vtext_skip_space(sc->t, sc->n, f);
	if (g == f || (e = scan_quoted(sc, g, false, &path, &len)) == NOPOS)
		return NOPOS;
	scan_import(sc, path, len, at);
	return e;
}

/* import\s+.*?\s+from\s+['"]([^'"]+)['"]: re tries the longest \s+ first
 * and then the shortest .*?, so the first "from" that follows whitespace
 * wins; .*? stops at the end of the line but the \s+ before "from" may
 * cross it.  Only when that fails does re shorten the first \s+, which
 * helps only if it held two whitespace characters and "from" follows. */
static size_t
form_esm(struct import_scan *sc, size_t i, size_t at)
{
	const char *t = sc->t;
	size_t n = sc->n, b0 = vtext_skip_space(t, n, i), eol, k, e, chars = 0;
	const char *nl;

	if (b0 == i)
		return NOPOS;
	nl = memchr(t + b0, '\n', n - b0);
	eol = nl ? (size_t)(nl - t) : n;
	k = b0;
	while (k <= eol && k < n) {
		size_t len = vtext_space_at(t, n, k);

		if (len) {
			size_t d = vtext_skip_space(t, n, k);

			if ((e = esm_tail(sc, d, at)) != NOPOS)
				return e;
			k = d;
		} else {
			uint32_t c;

			k += vtext_decode(t, n, k, &c);
		}
	}
	for (k = i; k < b0 && chars < 2; k += vtext_space_at(t, n, k))
		chars++;
	return chars >= 2 ? esm_tail(sc, b0, at) : NOPOS;
}

/* import\s+(?:\w+\s+)?"([^"]+)" (Go, and a JS import "x" with double quotes) */
static size_t
form_go_import(struct import_scan *sc, size_t i, size_t at)
{
	size_t b0 = vtext_skip_space(sc->t, sc->n, i), w, x, path, len, e;

	if (b0 == i)
		return NOPOS;
	x = b0;
	if ((w = vtext_skip_word(sc->t, sc->n, b0, '\0')) > b0) {
		x = vtext_skip_space(sc->t, sc->n, w);
		if (x == w)
			return NOPOS;
	}
	if ((e = scan_quoted(sc, x, true, &path, &len)) == NOPOS)
		return NOPOS;
	scan_import(sc, path, len, at);
	return e;
}

/* require\(\s*['"]([^'"]+)['"]\s*\) anywhere */
static void
scan_require(struct import_scan *sc)
{
	size_t from = 0, at, end, path, len, e, r;

	while ((at = vtext_find(sc->t, sc->n, from, "require(", &end)) != NOPOS) {
		from = at + 1;
		e = scan_quoted(sc, vtext_skip_space(sc->t, sc->n, end), false, &path, &len);
		if (e == NOPOS)
			continue;
		r = vtext_skip_space(sc->t, sc->n, e);
		if (r < sc->n && sc->t[r] == ')') {
			scan_import(sc, path, len, at);
			from = r + 1;
		}
	}
}

/* import\s*\(\s*(.*?)\s*\) anywhere with re.DOTALL (a Go import block, and
 * also a JS dynamic import("x")), then (?:\w+\s+)?"([^"]+)" inside it. */
static void
scan_import_block(struct import_scan *sc)
{
	const char *t = sc->t;
	size_t n = sc->n, from = 0, at, end;

	while ((at = vtext_find(t, n, from, "import", &end)) != NOPOS) {
		size_t q = vtext_skip_space(t, n, end), g0, g1, close, k;
		const char *cp;

		from = at + 1;
		if (q >= n || t[q] != '(')
			continue;
		g0 = vtext_skip_space(t, n, q + 1);
		cp = memchr(t + g0, ')', n - g0);
		if (!cp)
			return; /* nor can any later block close */
		close = (size_t)(cp - t);
		/* the group ends before the whitespace that precedes ')' */
		for (g1 = k = g0; k < close;) {
			size_t len = vtext_space_at(t, close, k);

			if (len) {
				k += len;
			} else {
				uint32_t c;

				k += vtext_decode(t, close, k, &c);
				g1 = k;
			}
		}
		for (k = g0; k < g1;) {
			const char *o = memchr(t + k, '"', g1 - k), *c;

			if (!o)
				break;
			k = (size_t)(o - t);
			c = memchr(t + k + 1, '"', g1 - k - 1);
			if (!c)
				break;
			if (c == o + 1) {
				k++;
				continue;
			}
			scan_import(sc, k + 1, (size_t)(c - o) - 1, k);
			k = (size_t)(c - t) + 1;
		}
		from = close + 1;
	}
}

void
verify_architecture(const struct verify_patch *p, struct verify_result *out,
		    struct evidence_list *ev)
{
	unsigned present = 0;
	size_t violations = 0, n_present = 0;
	struct buf r;
	bool first = true;

	if (p->n_files == 0) {
		verify_result_set(out, false, xstrdup("No files found in patch"));
		return;
	}
	/* check 1: a layer is present when any touched file sits under one of
	 * its directory names; a file can count for several */
	for (size_t i = 0; i < p->n_files; i++) {
		const struct vp_file *f = &p->files[i];
		unsigned mask = dir_layers(f->path, f->len);
		int l = first_layer(mask);
		char label[32];
		struct buf d;

		present |= mask;
		if (!ev)
			continue;
		/* the label is the file's own layer, the detail every layer it counts for */
		snprintf(label, sizeof(label), "layer:%s", l < 0 ? "none" : layer_names[l]);
		buf_init(&d);
		for (int k = 0; k < LAYER_COUNT; k++)
			if (mask & (1u << k))
				buf_printf(&d, "%s%s", d.len ? ", " : "", layer_names[k]);
		verify_evidence_add(ev, VERIFIER_ARCH, f->path, f->line, label, buf_steal(&d));
	}
	/* check 2: every file in a layer (its first match) may import only
	 * from its own layer or lower ones */
	for (size_t i = 0; i < p->n_contents; i++) {
		const struct vp_content *c = &p->contents[i];
		int l = first_layer(dir_layers(c->path, c->len));
		struct import_scan sc = {
			.p = p, .t = p->text + c->off, .n = c->text_len, .base = c->off,
			.ev = ev, .no_quote = NOPOS, .no_dquote = NOPOS,
		};

		if (l < 0)
			continue;
		sc.layer = (enum layer)l;
		/* upstream's order of patterns, which orders the evidence */
		scan_line_form(&sc, "from", form_py_from);
		scan_line_form(&sc, "import", form_py_import);
		scan_require(&sc);
		scan_line_form(&sc, "import", form_esm);
		scan_line_form(&sc, "import", form_go_import);
		scan_import_block(&sc);
		scan_line_form(&sc, "use", form_rust_use);
		violations += sc.violations;
	}

	buf_init(&r);
	for (int k = 0; k < LAYER_COUNT; k++)
		n_present += (present >> k) & 1;
	if (n_present >= 3)
		buf_printf(&r, "Layers %zu/4: ", n_present);
	else
		buf_printf(&r, "Only %zu/4 layers (need >= 3), missing: ", n_present);
	for (int k = 0; k < LAYER_COUNT; k++) {
		enum layer l = layer_sorted[k];

		if (((present >> l) & 1) != (n_present >= 3))
			continue;
		buf_printf(&r, "%s%s", first ? "" : ", ", layer_names[l]);
		first = false;
	}
	if (violations)
		buf_printf(&r, "; %zu dependency violation(s)", violations);
	else
		buf_puts(&r, "; No dependency violations");
	verify_result_set(out, n_present >= 3 && violations == 0, buf_steal(&r));
}
