/* catalogue.c: the assertion names of each request of a Postman collection
 * (v2.1), read from the test scripts the way Postman emits them.
 *
 * The collection uses only the legacy form tests['name'] = <boolean>.  The
 * sandbox runs each test script with a fresh `tests` object and, when the
 * script ends, emits one assertion per key of that object in JavaScript
 * property order: array-index keys ("0", "1", ...) ascending first, then
 * the other keys in insertion order.  A key assigned twice is one
 * assertion; a read such as if (tests['x']) creates none.  Scripts run
 * collection first, then each enclosing folder, then the request itself.
 *
 * This is a reading of the source, not an execution: an assignment in a
 * branch counts whether or not the branch runs, keys built at run time
 * (tests[name]) are not seen, and a chained tests['a'] = tests['b'] = x
 * lists 'a' first although JavaScript creates 'b' first.  The benchmark's
 * collection has none of these; Newman's CSV totals stay authoritative.
 */
#include "config.h"

#include "benchtop/parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/parse_util.h"

/* ------------------------------------------------------------ JavaScript */

static bool
is_ident(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || c >= 0x80;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* n hex digits at s[i..]; -1 when there are not that many. */
static long
hex_n(const char *s, size_t len, size_t i, int n)
{
	long v = 0;

	if (len - i < (size_t)n)
		return -1;
	for (int k = 0; k < n; k++) {
		int h = parse_hex_digit(s[i + k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static void
put_utf8(struct buf *b, unsigned long cp)
{
	/* NUL cannot live in a C string and a lone surrogate is not UTF-8 */
	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = 0xFFFD;
	if (cp < 0x80)
		buf_putc(b, (char)cp);
	else if (cp < 0x800) {
		buf_putc(b, (char)(0xC0 | (cp >> 6)));
		buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		buf_putc(b, (char)(0xE0 | (cp >> 12)));
		buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		buf_putc(b, (char)(0xF0 | (cp >> 18)));
		buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* One escape sequence after the backslash at s[i]; appends its value to b
 * (when b is not NULL) and returns the index after it. */
static size_t
js_escape(const char *s, size_t len, size_t i, struct buf *b)
{
	char c;
	long v;

	if (++i >= len)
		return i;
	c = s[i++];
	switch (c) {
	case 'n': v = '\n'; break;
	case 't': v = '\t'; break;
	case 'r': v = '\r'; break;
	case 'b': v = '\b'; break;
	case 'f': v = '\f'; break;
	case 'v': v = '\v'; break;
	case '0': v = 0; break;
	case '\r': /* line continuation */
		if (i < len && s[i] == '\n')
			i++;
		return i;
	case '\n':
		return i;
	case 'x':
		v = hex_n(s, len, i, 2);
		if (v < 0)
			v = 'x';
		else
			i += 2;
		break;
	case 'u':
		if (i < len && s[i] == '{') {
			size_t j = i + 1;
			unsigned long cp = 0;
			while (j < len && parse_hex_digit(s[j]) >= 0 && cp <= 0x10FFFF)
				cp = cp * 16 + (unsigned long)parse_hex_digit(s[j++]);
			if (j < len && s[j] == '}') {
				if (b)
					put_utf8(b, cp);
				return j + 1;
			}
			v = 'u';
			break;
		}
		v = hex_n(s, len, i, 4);
		if (v < 0) {
			v = 'u';
			break;
		}
		i += 4;
		if (v >= 0xD800 && v <= 0xDBFF && len - i >= 6 && s[i] == '\\' && s[i + 1] == 'u') {
			long lo = hex_n(s, len, i + 2, 4);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
				i += 6;
			}
		}
		break;
	default:
		/* \' \" \\ and any other character stand for themselves */
		if (b)
			buf_putc(b, c);
		return i;
	}
	if (b)
		put_utf8(b, (unsigned long)v);
	return i;
}

/* The string literal whose quote is at s[i]: its value goes to b (may be
 * NULL), *end is the index after the closing quote.  A quote or apostrophe
 * string cannot span lines: false when it is not closed on its line.
 * Template literals (`...`) are skipped as a whole. */
static bool
js_string(const char *s, size_t len, size_t i, struct buf *b, size_t *end)
{
	char q = s[i++];

	while (i < len) {
		char c = s[i];
		if (c == q) {
			*end = i + 1;
			return true;
		}
		if (c == '\\') {
			i = js_escape(s, len, i, b);
			continue;
		}
		if ((c == '\n' || c == '\r') && q != '`')
			break;
		if (b)
			buf_putc(b, c);
		i++;
	}
	*end = i;
	return false;
}

static size_t
skip_space(const char *s, size_t len, size_t i)
{
	while (i < len && is_space(s[i]))
		i++;
	return i;
}

/* After the identifier `tests` ending at s[i]: is this tests['key'] = ...?
 * On success *key is the unescaped key (caller frees) and *next the index
 * just after the '='. */
static bool
js_tests_assignment(const char *s, size_t len, size_t i, char **key, size_t *next)
{
	struct buf b;
	size_t end;

	i = skip_space(s, len, i);
	if (i >= len || s[i] != '[')
		return false;
	i = skip_space(s, len, i + 1);
	if (i >= len || (s[i] != '\'' && s[i] != '"'))
		return false;
	buf_init(&b);
	buf_reserve(&b, 0);
	if (!js_string(s, len, i, &b, &end))
		goto no;
	i = skip_space(s, len, end);
	if (i >= len || s[i] != ']')
		goto no;
	i = skip_space(s, len, i + 1);
	/* '=' but not '==' / '===' (a comparison reads the key) */
	if (i >= len || s[i] != '=' || (i + 1 < len && s[i + 1] == '='))
		goto no;
	*key = buf_steal(&b);
	*next = i + 1;
	return true;
no:
	buf_free(&b);
	return false;
}

/* Collect the keys the script assigns to `tests`, each once, in insertion
 * order. */
static void
js_scan(const char *s, size_t len, struct strv *keys)
{
	struct strset seen;
	size_t i = 0;
	char prev = 0; /* last significant character: '.' means member access */

	strset_init(&seen, keys);
	while (i < len) {
		char c = s[i];

		if (c == '/' && i + 1 < len && s[i + 1] == '/') {
			const char *nl = memchr(s + i, '\n', len - i);
			i = nl ? (size_t)(nl - s) : len;
			continue;
		}
		if (c == '/' && i + 1 < len && s[i + 1] == '*') {
			size_t j = i + 2;
			while (j + 1 < len && !(s[j] == '*' && s[j + 1] == '/'))
				j++;
			i = j + 1 < len ? j + 2 : len;
			continue;
		}
		if (c == '\'' || c == '"' || c == '`') {
			js_string(s, len, i, NULL, &i);
			prev = c;
			continue;
		}
		if (is_ident((unsigned char)c)) {
			size_t j = i;
			char *key;
			size_t next;

			while (j < len && is_ident((unsigned char)s[j]))
				j++;
			if (j - i == 5 && memcmp(s + i, "tests", 5) == 0 && prev != '.' &&
			    js_tests_assignment(s, len, j, &key, &next)) {
				if (strset_has(&seen, key))
					free(key);
				else {
					strv_push_owned(keys, key);
					strset_added(&seen, keys->n - 1);
				}
				i = next;
				prev = '=';
				continue;
			}
			i = j;
			prev = 'a';
			continue;
		}
		if (!is_space(c))
			prev = c;
		i++;
	}
	strset_free(&seen);
}

/* The value of an array-index key ("0" .. "4294967294", canonical form),
 * or -1: JavaScript lists those keys first, in numeric order. */
static long long
array_index(const char *k)
{
	long long v = 0;

	if (!*k || (k[0] == '0' && k[1]))
		return -1;
	for (; *k; k++) {
		if (*k < '0' || *k > '9')
			return -1;
		v = v * 10 + (*k - '0');
		if (v >= 4294967295LL)
			return -1;
	}
	return v;
}

struct index_key {
	long long v;
	size_t pos;
};

static int
cmp_index_key(const void *a, const void *b)
{
	const struct index_key *x = a, *y = b;
	return x->v < y->v ? -1 : x->v > y->v;
}

/* Append the assertions of one script to out, in emission order. */
static void
script_assertions(const char *text, size_t len, struct strv *out)
{
	struct strv keys = {0};
	struct index_key *idx = NULL;
	size_t n_idx = 0, cap_idx = 0;

	js_scan(text, len, &keys);
	for (size_t i = 0; i < keys.n; i++) {
		long long v = array_index(keys.v[i]);
		if (v >= 0) {
			BT_GROW(idx, cap_idx, n_idx + 1);
			idx[n_idx].v = v;
			idx[n_idx++].pos = i;
		}
	}
	if (n_idx)
		qsort(idx, n_idx, sizeof(*idx), cmp_index_key);
	for (size_t k = 0; k < n_idx; k++) {
		strv_push_owned(out, keys.v[idx[k].pos]);
		keys.v[idx[k].pos] = NULL;
	}
	for (size_t i = 0; i < keys.n; i++)
		if (keys.v[i])
			strv_push_owned(out, keys.v[i]);
	free(idx);
	free(keys.v);
}

/* ------------------------------------------------------------ collection */

/* The requests may list this many bytes of assertion names in all (each
 * name counted with its pointer): a folder's scripts are copied into every
 * request under it, so a small hostile collection could otherwise ask for
 * memory quadratic in its size.  The benchmark's lists take ~20 KB. */
#define CATALOGUE_MAX_BYTES ((size_t)16 << 20)

struct walk {
	struct assertion_catalogue *out;
	struct strset all;
	/* the `event` arrays of the collection and the enclosing folders, with
	 * their assertions once a request needed them: scanned once, not once
	 * per request */
	struct inherited {
		const cJSON *events;
		bool scanned;
		struct strv names;
	} *inherited;
	size_t n_inherited, cap_inherited;
	size_t cap_requests;
	size_t budget; /* bytes left of CATALOGUE_MAX_BYTES */
	struct bt_error *err;
};

static const char *
item_name(const cJSON *item)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(item, "name");
	return cJSON_IsString(n) ? n->valuestring : "";
}

/* Run the test scripts of one `event` array into out. */
static int
events_assertions(struct walk *w, const cJSON *events, const char *where, struct strv *out)
{
	const cJSON *ev;
	struct buf text;

	if (!events || cJSON_IsNull(events))
		return BT_OK;
	if (!cJSON_IsArray(events))
		return bt_errorf(w->err, BT_EINPUT, "collection: %s: 'event' is %s, expected an array",
				 where, parse_json_type(events));
	buf_init(&text);
	cJSON_ArrayForEach(ev, events) {
		const cJSON *listen = cJSON_GetObjectItemCaseSensitive(ev, "listen");
		const cJSON *script = cJSON_GetObjectItemCaseSensitive(ev, "script");
		const cJSON *exec = cJSON_GetObjectItemCaseSensitive(script, "exec");
		const cJSON *line;

		if (!cJSON_IsString(listen) || strcmp(listen->valuestring, "test") != 0 || !exec ||
		    cJSON_IsNull(exec) || cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ev, "disabled")))
			continue;
		buf_reset(&text);
		if (cJSON_IsString(exec))
			buf_puts(&text, exec->valuestring);
		else if (cJSON_IsArray(exec)) {
			/* Postman joins the lines of `exec` with newlines */
			cJSON_ArrayForEach(line, exec) {
				if (!cJSON_IsString(line)) {
					buf_free(&text);
					return bt_errorf(w->err, BT_EINPUT,
							 "collection: %s: test script line is %s, "
							 "expected a string",
							 where, parse_json_type(line));
				}
				if (line != exec->child)
					buf_putc(&text, '\n');
				buf_puts(&text, line->valuestring);
			}
		} else {
			buf_free(&text);
			return bt_errorf(w->err, BT_EINPUT,
					 "collection: %s: script 'exec' is %s, expected an array "
					 "of strings",
					 where, parse_json_type(exec));
		}
		script_assertions(text.data ? text.data : "", text.len, out);
	}
	buf_free(&text);
	return BT_OK;
}

static int
add_request(struct walk *w, const cJSON *item, const char *folder)
{
	struct assertion_catalogue *c = w->out;
	struct catalogue_request *r;
	const cJSON *req = cJSON_GetObjectItemCaseSensitive(item, "request");
	const cJSON *method = cJSON_GetObjectItemCaseSensitive(req, "method");
	const char *name = item_name(item);
	int rc = BT_OK;

	BT_GROW(c->requests, w->cap_requests, c->n_requests + 1);
	r = &c->requests[c->n_requests++];
	memset(r, 0, sizeof(*r));
	r->name = xstrdup(name);
	r->folder = xstrdup(folder);
	/* a request given as a bare URL string, or without a method, is a GET */
	r->method = xstrdup(cJSON_IsString(method) && *method->valuestring ? method->valuestring
									    : "GET");
	for (size_t i = 0; i < w->n_inherited && rc == BT_OK; i++) {
		struct inherited *in = &w->inherited[i];

		if (!in->scanned) {
			rc = events_assertions(w, in->events, name, &in->names);
			in->scanned = true;
		}
		for (size_t k = 0; k < in->names.n && rc == BT_OK; k++)
			strv_push(&r->assertions, in->names.v[k]);
	}
	if (rc == BT_OK)
		rc = events_assertions(w, cJSON_GetObjectItemCaseSensitive(item, "event"), name,
				       &r->assertions);
	for (size_t i = 0; i < r->assertions.n && rc == BT_OK; i++) {
		size_t size = strlen(r->assertions.v[i]) + 1 + sizeof(char *);

		if (size > w->budget)
			return bt_errorf(w->err, BT_EINPUT,
					 "collection: %s: the requests list more than %zu MB of "
					 "assertion names", name, CATALOGUE_MAX_BYTES >> 20);
		w->budget -= size;
		if (!strset_has(&w->all, r->assertions.v[i])) {
			strv_push(&c->all, r->assertions.v[i]);
			strset_added(&w->all, c->all.n - 1);
		}
	}
	return rc;
}

/* Items with an `item` array are folders; everything else is a request.
 * Depth is bounded by cJSON's nesting limit. */
static int
walk_items(struct walk *w, const cJSON *items, const char *folder)
{
	const cJSON *item;
	int rc = BT_OK;

	if (!cJSON_IsArray(items))
		return bt_errorf(w->err, BT_EINPUT,
				 "collection: folder '%s': 'item' is %s, expected an array", folder,
				 parse_json_type(items));
	cJSON_ArrayForEach(item, items) {
		const cJSON *sub = cJSON_GetObjectItemCaseSensitive(item, "item");

		if (!cJSON_IsObject(item))
			return bt_errorf(w->err, BT_EINPUT,
					 "collection: folder '%s': an item is %s, expected an object",
					 folder, parse_json_type(item));
		if (sub) {
			BT_GROW(w->inherited, w->cap_inherited, w->n_inherited + 1);
			w->inherited[w->n_inherited++] = (struct inherited){
				.events = cJSON_GetObjectItemCaseSensitive(item, "event")};
			rc = walk_items(w, sub, item_name(item));
			strv_free(&w->inherited[--w->n_inherited].names);
		} else
			rc = add_request(w, item, folder);
		if (rc != BT_OK)
			return rc;
	}
	return BT_OK;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of all in byte order (strcmp's), pointing into all. */
static const char **
sort_names(const struct strv *all)
{
	const char **v = xreallocarray(NULL, all->n ? all->n : 1, sizeof(*v));

	for (size_t i = 0; i < all->n; i++)
		v[i] = all->v[i];
	qsort(v, all->n, sizeof(*v), cmp_names);
	return v;
}

int
catalogue_parse(const char *json, size_t len, struct assertion_catalogue *out,
		struct bt_error *err)
{
	struct walk w;
	cJSON *root;
	const cJSON *items;
	int rc;

	memset(out, 0, sizeof(*out));
	root = parse_json(json, len, "collection", err);
	if (!root)
		return BT_EINPUT;
	items = cJSON_GetObjectItemCaseSensitive(root, "item");
	if (!cJSON_IsObject(root) || !cJSON_IsArray(items)) {
		cJSON_Delete(root);
		return bt_errorf(err, BT_EINPUT,
				 "collection: not a Postman collection (no top-level 'item' array)");
	}
	memset(&w, 0, sizeof(w));
	w.out = out;
	w.err = err;
	w.budget = CATALOGUE_MAX_BYTES;
	strset_init(&w.all, &out->all);
	BT_GROW(w.inherited, w.cap_inherited, 1);
	w.inherited[w.n_inherited++] =
		(struct inherited){.events = cJSON_GetObjectItemCaseSensitive(root, "event")};
	rc = walk_items(&w, items, "");
	strset_free(&w.all);
	strv_free(&w.inherited[0].names);
	free(w.inherited);
	cJSON_Delete(root);
	if (rc != BT_OK)
		catalogue_free(out);
	else
		out->sorted = sort_names(&out->all);
	return rc;
}

void
catalogue_free(struct assertion_catalogue *c)
{
	for (size_t i = 0; i < c->n_requests; i++) {
		free(c->requests[i].name);
		free(c->requests[i].folder);
		free(c->requests[i].method);
		strv_free(&c->requests[i].assertions);
	}
	free(c->requests);
	strv_free(&c->all);
	free(c->sorted);
	memset(c, 0, sizeof(*c));
}

/* ------------------------------------------------------------ splitting */

/* The first index in names[lo, hi) whose byte at l is not below ch (or,
 * when upper, above it); names[lo, hi) are sorted and share l bytes. */
static size_t
bound_at(const char *const *names, size_t lo, size_t hi, size_t l, unsigned char ch, bool upper)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		unsigned char b = (unsigned char)names[mid][l];

		if (b < ch || (upper && b == ch))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The length of the longest name that p starts with and ", " or the end
 * follows, 0 if none.  The sorted names are narrowed byte by byte, so the
 * cost is the length matched, not the number of names (trying every name
 * at every position was quadratic on hostile reports). */
static size_t
longest_name(const char *const *names, size_t n, const char *p)
{
	size_t lo = 0, hi = n, best = 0;

	for (size_t l = 0; lo < hi; l++) {
		/* names[lo, hi) start with p[0..l); one that is just that sorts first */
		if (l > 0 && names[lo][l] == '\0' &&
		    (p[l] == '\0' || (p[l] == ',' && p[l + 1] == ' ')))
			best = l;
		if (p[l] == '\0')
			break;
		lo = bound_at(names, lo, hi, l, (unsigned char)p[l], false);
		hi = bound_at(names, lo, hi, l, (unsigned char)p[l], true);
	}
	return best;
}

void
catalogue_split(const struct assertion_catalogue *c, const char *joined, struct strv *out)
{
	const char *p = joined;
	size_t n_names = c ? c->all.n : 0;
	const char **names = c ? c->sorted : NULL, **own = NULL;

	if (!*p)
		return;
	if (n_names && !names)
		names = own = sort_names(&c->all);
	for (;;) {
		size_t best = longest_name(names, n_names, p);
		const char *sep;

		if (best) {
			strv_push_owned(out, xstrndup(p, best));
			p += best;
		} else {
			/* to the next ", " (not strstr: sanitizer builds measure
			 * the whole rest of the string on every call) */
			for (sep = p; *sep && !(sep[0] == ',' && sep[1] == ' '); sep++)
				;
			if (!*sep) {
				strv_push(out, p);
				break;
			}
			strv_push_owned(out, xstrndup(p, (size_t)(sep - p)));
			p = sep;
		}
		if (*p == '\0')
			break;
		p += 2; /* ", " */
	}
	free(own);
}
