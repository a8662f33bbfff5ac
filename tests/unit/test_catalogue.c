/* The assertion catalogue of a Postman collection (catalogue.c). */
#include "config.h"

#include <cjson/cJSON.h>

#include "benchtop/parse.h"
#include "parse_test.h"

/* ------------------------------------------------------------ building */

static cJSON *
test_event(const char *listen, const char *const *lines, size_t n)
{
	cJSON *ev = cJSON_CreateObject(), *script = cJSON_CreateObject();
	cJSON *exec = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(exec, cJSON_CreateString(lines[i]));
	cJSON_AddStringToObject(ev, "listen", listen);
	cJSON_AddItemToObject(script, "exec", exec);
	cJSON_AddItemToObject(ev, "script", script);
	return ev;
}

static cJSON *
events_of(cJSON *ev)
{
	cJSON *a = cJSON_CreateArray();
	cJSON_AddItemToArray(a, ev);
	return a;
}

static cJSON *
request_item(const char *name, const char *method, cJSON *events)
{
	cJSON *it = cJSON_CreateObject(), *req = cJSON_CreateObject();

	cJSON_AddStringToObject(it, "name", name);
	if (events)
		cJSON_AddItemToObject(it, "event", events);
	if (method)
		cJSON_AddStringToObject(req, "method", method);
	cJSON_AddItemToObject(it, "request", req);
	return it;
}

static cJSON *
folder(const char *name, cJSON *events)
{
	cJSON *f = cJSON_CreateObject();

	cJSON_AddStringToObject(f, "name", name);
	cJSON_AddItemToObject(f, "item", cJSON_CreateArray());
	if (events)
		cJSON_AddItemToObject(f, "event", events);
	return f;
}

/* Parse the printed JSON of root from an exact-size buffer. */
static int
parse_tree(cJSON *root, struct assertion_catalogue *c, struct bt_error *err)
{
	char *text = cJSON_PrintUnformatted(root);
	char *data = pt_exact(text, strlen(text));
	int rc = catalogue_parse(data, strlen(text), c, err);

	free(data);
	free(text);
	cJSON_Delete(root);
	return rc;
}

static int
parse_str(const char *s, size_t n, struct assertion_catalogue *c, struct bt_error *err)
{
	char *data = pt_exact(s, n);
	int rc = catalogue_parse(data, n, c, err);
	free(data);
	return rc;
}

static void
is_list(const struct strv *got, const char *const *want, size_t n, const char *name)
{
	bool same = got->n == n;

	for (size_t i = 0; same && i < n; i++)
		same = strcmp(got->v[i], want[i]) == 0;
	if (!tap_ok(same, "%s", name)) {
		tap_diag("  got %zu names, want %zu", got->n, n);
		for (size_t i = 0; i < got->n; i++)
			tap_diag("  got  [%s]%s", got->v[i],
				 i < n && strcmp(got->v[i], want[i]) ? " (differs)" : "");
	}
}

/* ------------------------------------------------------------ tests */

static void
test_synthetic(void)
{
	static const char *const coll_lines[] = {"tests['from collection'] = true;"};
	static const char *const folder_lines[] = {"tests[\"from folder\"] = 1;"};
	static const char *const r1_lines[] = {
		"// tests['commented'] = true;",
		"/* tests['block'] = true; */",
		"var s = \"tests['in string'] = true\";",
		"tests['a'] = true;",
		"tests[ 'b' ]   =   false;",
		"tests['a'] = false;",
		"if (tests['a']) { tests['c'] = 1; }",
		"tests['d'] == true;",
		"tests['e'] === true;",
		"x.tests['member'] = 1;",
		"tests['esc \\' q \\\" \\\\ bs'] = 1;",
		"tests[\"dq ' \\\" x\"] = 1;",
		"tests['\\u0041\\x42\\u{43}'] = 1;",
		"tests['\\uD83D\\uDE00'] = 1;",
		"tests['10'] = 1;",
		"tests['2'] = 1;",
		"tests['02'] = 1;",
		"tests[name] = 1;",
		"tests['x' + y] = 1;",
		"var t = `tests['in template'] = 1`;",
	};
	static const char *const r4_lines[] = {
		"tests['from collection'] = 1; tests['r4'] = 1; tests['r4'] = 2;",
	};
	static const char *const pre_lines[] = {"tests['prerequest'] = 1;"};
	static const char *const off_lines[] = {"tests['disabled'] = 1;"};
	static const char *const want_r1[] = {
		"from collection", "from folder", "2", "10", "a", "b", "c",
		"esc ' q \" \\ bs", "dq ' \" x", "ABC", "\xF0\x9F\x98\x80", "02",
	};
	static const char *const want_r2[] = {"from collection", "from folder", "only"};
	static const char *const want_r3[] = {"from collection"};
	static const char *const want_r4[] = {"from collection", "from collection", "r4"};
	static const char *const want_all[] = {
		"from collection", "from folder", "2", "10", "a", "b", "c",
		"esc ' q \" \\ bs", "dq ' \" x", "ABC", "\xF0\x9F\x98\x80", "02", "only", "r4",
	};
	cJSON *root = cJSON_CreateObject(), *items = cJSON_CreateArray();
	cJSON *fa = folder("A", events_of(test_event("test", folder_lines, 1)));
	cJSON *fb = folder("B", NULL);
	cJSON *fc = folder("C", events_of(test_event("prerequest", pre_lines, 1)));
	cJSON *r2 = request_item("R2", NULL, NULL), *ev2 = cJSON_CreateObject();
	cJSON *script2 = cJSON_CreateObject(), *r3 = cJSON_CreateObject(), *r4, *off;
	struct assertion_catalogue c;
	struct bt_error err;
	int rc;

	cJSON_AddItemToObject(root, "info", cJSON_CreateObject());
	cJSON_AddItemToObject(root, "event", events_of(test_event("test", coll_lines, 1)));
	cJSON_AddItemToArray(cJSON_GetObjectItem(fb, "item"),
			     request_item("R1", "POST",
					  events_of(test_event("test", r1_lines,
							       sizeof(r1_lines) / sizeof(*r1_lines)))));
	cJSON_AddItemToArray(cJSON_GetObjectItem(fa, "item"), fb);
	/* exec given as one string rather than a list of lines */
	cJSON_AddStringToObject(ev2, "listen", "test");
	cJSON_AddStringToObject(script2, "exec", "tests['only'] = 1;\ntests['only'] = 2;");
	cJSON_AddItemToObject(ev2, "script", script2);
	cJSON_AddItemToObject(r2, "event", events_of(ev2));
	cJSON_AddItemToArray(cJSON_GetObjectItem(fa, "item"), r2);
	cJSON_AddItemToArray(items, fa);
	/* a request given as a bare URL string */
	cJSON_AddStringToObject(r3, "name", "R3");
	cJSON_AddStringToObject(r3, "request", "http://x/y");
	cJSON_AddItemToArray(items, r3);
	r4 = request_item("R4", "DELETE", events_of(test_event("test", r4_lines, 1)));
	off = test_event("test", off_lines, 1);
	cJSON_AddTrueToObject(off, "disabled");
	cJSON_AddItemToArray(cJSON_GetObjectItem(r4, "event"), off);
	cJSON_AddItemToArray(cJSON_GetObjectItem(fc, "item"), r4);
	cJSON_AddItemToArray(items, fc);
	cJSON_AddItemToObject(root, "item", items);

	rc = parse_tree(root, &c, &err);
	tap_is_int(rc, BT_OK, "synthetic collection parses");
	tap_is_int(c.n_requests, 4, "four requests through nested folders");
	if (c.n_requests != 4)
		return;
	tap_is_str(c.requests[0].name, "R1", "collection order: R1 first");
	tap_is_str(c.requests[0].folder, "B", "folder is the enclosing folder");
	tap_is_str(c.requests[0].method, "POST", "method");
	is_list(&c.requests[0].assertions, want_r1, sizeof(want_r1) / sizeof(*want_r1),
		"R1: assignments only, deduplicated, index keys first, escapes undone, "
		"collection and folder scripts first");
	tap_is_str(c.requests[1].folder, "A", "R2 sits in A");
	tap_is_str(c.requests[1].method, "GET", "no method means GET");
	is_list(&c.requests[1].assertions, want_r2, 3, "R2: exec as a string");
	tap_is_str(c.requests[2].folder, "", "R3 at top level has no folder");
	tap_is_str(c.requests[2].method, "GET", "a URL-string request is a GET");
	is_list(&c.requests[2].assertions, want_r3, 1, "R3: only the collection script");
	is_list(&c.requests[3].assertions, want_r4, 3,
		"R4: prerequest and disabled scripts ignored; each script has its own tests "
		"object");
	is_list(&c.all, want_all, sizeof(want_all) / sizeof(*want_all),
		"all: distinct names in first-seen order");
	catalogue_free(&c);
	tap_is_int(c.n_requests, 0, "catalogue_free empties");
}

static void
test_bad(void)
{
	struct assertion_catalogue c;
	struct bt_error err;
	static const char bad_exec[] =
		"{\"item\":[{\"name\":\"Broken\",\"event\":[{\"listen\":\"test\","
		"\"script\":{\"exec\":[\"tests['a']=1;\",5]}}]}]}";
	static const char bad_item[] = "{\"item\":[{\"name\":\"F\",\"item\":[7]}]}";
	static const char trailing[] = "{\"item\":[]} x";
	static const char nul[] = "{\"item\":[]\0}";
	static const char bad_utf8[] = "{\"item\":[{\"name\":\"\xc3\x28\"}]}";
	size_t deep = 5000;
	char *nest = xmalloc(2 * deep);
	int rc;

	rc = parse_str(bad_exec, sizeof(bad_exec) - 1, &c, &err);
	tap_is_int(rc, BT_EINPUT, "a non-string script line is rejected");
	tap_ok(strstr(err.msg, "Broken") && strstr(err.msg, "a number"),
	       "naming the request and the type (%s)", err.msg);
	tap_is_int(c.n_requests, 0, "and the catalogue is left empty");

	rc = parse_str(bad_item, sizeof(bad_item) - 1, &c, &err);
	tap_is_int(rc, BT_EINPUT, "an item that is not an object is rejected");
	tap_ok(strstr(err.msg, "'F'") != NULL, "naming the folder (%s)", err.msg);

	rc = parse_str("[]", 2, &c, &err);
	tap_is_int(rc, BT_EINPUT, "an array is not a collection");
	tap_ok(strstr(err.msg, "not a Postman collection") != NULL, "says so (%s)", err.msg);
	rc = parse_str("{\"item\":5}", 10, &c, &err);
	tap_is_int(rc, BT_EINPUT, "item must be an array");
	rc = parse_str("", 0, &c, &err);
	tap_is_int(rc, BT_EINPUT, "empty input");
	rc = parse_str(trailing, sizeof(trailing) - 1, &c, &err);
	tap_is_int(rc, BT_EINPUT, "trailing garbage");
	tap_ok(strstr(err.msg, "1:13") != NULL, "with line:column (%s)", err.msg);
	rc = parse_str(nul, sizeof(nul) - 1, &c, &err);
	tap_is_int(rc, BT_EINPUT, "NUL byte");
	tap_ok(strstr(err.msg, "NUL") != NULL, "says NUL (%s)", err.msg);
	rc = parse_str(bad_utf8, sizeof(bad_utf8) - 1, &c, &err);
	tap_is_int(rc, BT_EINPUT, "invalid UTF-8");
	tap_ok(strstr(err.msg, "UTF-8") != NULL, "says UTF-8 (%s)", err.msg);
	rc = parse_str("{\"item\":[{\"name\":\"x\"", 20, &c, &err);
	tap_is_int(rc, BT_EINPUT, "truncated JSON");

	memset(nest, '[', deep);
	memset(nest + deep, ']', deep);
	rc = parse_str(nest, 2 * deep, &c, &err);
	tap_is_int(rc, BT_EINPUT, "5000 nested arrays are refused, not a stack overflow");
	free(nest);
}

static void
test_many_keys(void)
{
	struct buf js;
	cJSON *root = cJSON_CreateObject(), *items = cJSON_CreateArray();
	cJSON *ev = cJSON_CreateObject(), *script = cJSON_CreateObject();
	struct assertion_catalogue c;
	struct bt_error err;
	const int n = 200000;

	buf_init(&js);
	for (int i = 0; i < n; i++)
		buf_printf(&js, "tests['k%d'] = 1; tests['k%d'] = 2;\n", i, i / 2);
	cJSON_AddStringToObject(ev, "listen", "test");
	cJSON_AddStringToObject(script, "exec", buf_cstr(&js));
	cJSON_AddItemToObject(ev, "script", script);
	cJSON_AddItemToArray(items, request_item("Big", "GET", events_of(ev)));
	cJSON_AddItemToObject(root, "item", items);
	buf_free(&js);
	tap_is_int(parse_tree(root, &c, &err), BT_OK, "200000 keys in one script parse");
	tap_is_int(c.n_requests ? c.requests[0].assertions.n : 0, n,
		   "each distinct key once (linear-time deduplication)");
	tap_is_int(c.all.n, n, "all has them too");
	catalogue_free(&c);
}

/* A collection of `requests` requests under a collection script of `keys`
 * assignments, parsed. */
static int
parse_inherited(int keys, int requests, struct assertion_catalogue *c, struct bt_error *err)
{
	cJSON *root = cJSON_CreateObject(), *items = cJSON_CreateArray();
	cJSON *ev = cJSON_CreateObject(), *script = cJSON_CreateObject();
	struct buf js;

	buf_init(&js);
	for (int i = 0; i < keys; i++)
		buf_printf(&js, "tests['k%d'] = 1;\n", i);
	cJSON_AddStringToObject(ev, "listen", "test");
	cJSON_AddStringToObject(script, "exec", buf_cstr(&js));
	cJSON_AddItemToObject(ev, "script", script);
	cJSON_AddItemToObject(root, "event", events_of(ev));
	for (int i = 0; i < requests; i++)
		cJSON_AddItemToArray(items, request_item("R", "GET", NULL));
	cJSON_AddItemToObject(root, "item", items);
	buf_free(&js);
	return parse_tree(root, c, err);
}

static void
test_inherited(void)
{
	struct assertion_catalogue c;
	struct bt_error err;

	tap_is_int(parse_inherited(1000, 100, &c, &err), BT_OK,
		   "a collection script inherited by 100 requests");
	tap_ok(c.n_requests == 100 && c.requests[99].assertions.n == 1000 &&
		       strcmp(c.requests[99].assertions.v[999], "k999") == 0,
	       "every request lists the collection script's names");
	tap_is_int(c.all.n, 1000, "all lists them once");
	catalogue_free(&c);
	/* each request gets its own copy: 1000 keys x 5000 requests would be
	 * 5 million names, memory quadratic in the file's size */
	tap_is_int(parse_inherited(1000, 5000, &c, &err), BT_EINPUT,
		   "a collection whose requests list too many names is refused");
	tap_ok(strstr(err.msg, "more than 16 MB") != NULL, "says why (%s)", err.msg);
	tap_is_int(c.n_requests, 0, "and leaves the catalogue empty");
}

static void
test_split(void)
{
	struct assertion_catalogue c;
	struct strv out = {0};
	static const char *const w1[] = {"a, b", "c"};
	static const char *const w2[] = {"a", "c"};
	static const char *const w3[] = {"x", "y z"};
	static const char *const w4[] = {"a", "bc"};
	static const char *const w5[] = {"a", ""};
	static const char *const w6[] = {"a", "b", "c"};
	static const char *const w7[] = {"\"q\" it's", "a, b"};

	memset(&c, 0, sizeof(c));
	strv_push(&c.all, "a");
	strv_push(&c.all, "a, b");
	strv_push(&c.all, "c");
	strv_push(&c.all, "\"q\" it's");

	catalogue_split(&c, "a, b, c", &out);
	is_list(&out, w1, 2, "the longest known name wins, even with \", \" inside");
	strv_free(&out);
	catalogue_split(&c, "a, c", &out);
	is_list(&out, w2, 2, "a shorter known name when the longer does not fit");
	strv_free(&out);
	catalogue_split(&c, "x, y z", &out);
	is_list(&out, w3, 2, "unknown text falls back to \", \" splits");
	strv_free(&out);
	catalogue_split(&c, "a, bc", &out);
	is_list(&out, w4, 2, "a known name must end at \", \" or the end");
	strv_free(&out);
	catalogue_split(&c, "a, ", &out);
	is_list(&out, w5, 2, "a trailing separator gives an empty last name");
	strv_free(&out);
	catalogue_split(&c, "\"q\" it's, a, b", &out);
	is_list(&out, w7, 2, "quotes and apostrophes in names");
	strv_free(&out);
	catalogue_split(&c, "", &out);
	tap_is_int(out.n, 0, "an empty list has no names");
	catalogue_split(NULL, "a, b, c", &out);
	is_list(&out, w6, 3, "without a catalogue: plain \", \" splits");
	strv_free(&out);
	strv_free(&c.all);
}

static void
test_real(void)
{
	/* upstream-format.md 2.4, requests 1..32 */
	static const int want_n[32] = {6,  6,  7,  5,  5,  5,  5,  5,  5, 13, 5,
				       17, 17, 17, 17, 13, 17, 13, 15, 17, 17, 14,
				       6,  7,  7,  0,  0,  6,  6,  7,  7,  3};
	static const char *const want_tags[] = {
		"Response code is 200 OK", "Response contains \"tags\" property",
		"\"tags\" property returned as array",
	};
	struct assertion_catalogue c;
	struct bt_error err;
	size_t len, total = 0;
	char *data = pt_shared("upstream/runtime/newman/Conduit.postman_collection.json", &len);
	bool counts_ok = true;
	struct strv out = {0};
	struct buf joined;

	if (!data) {
		tap_skip("shared upstream collection not available (set BENCHTOP_SHARED)");
		return;
	}
	tap_is_int(catalogue_parse(data, len, &c, &err), BT_OK, "real collection parses");
	free(data);
	tap_is_int(c.n_requests, 32, "32 requests");
	if (c.n_requests != 32)
		return;
	for (size_t i = 0; i < 32; i++) {
		total += c.requests[i].assertions.n;
		if ((int)c.requests[i].assertions.n != want_n[i]) {
			counts_ok = false;
			tap_diag("request %zu (%s): %zu assertions, want %d", i + 1,
				 c.requests[i].name, c.requests[i].assertions.n, want_n[i]);
		}
	}
	tap_is_int(total, 290, "290 assertions (the read in Login and Remember Token is not one)");
	tap_ok(counts_ok, "per-request counts match the table of spec 2.4");
	tap_is_int(c.all.n, 44, "44 distinct names");
	tap_is_str(c.requests[2].name, "Login and Remember Token", "#3 name");
	tap_is_str(c.requests[2].assertions.v[6], "Global variable \"token\" has been set",
		   "#3 ends with the global-variable check");
	tap_is_str(c.requests[0].folder, "Auth", "#1 folder");
	tap_is_str(c.requests[11].folder, "Articles, Favorite, Comments", "#12 folder");
	tap_is_str(c.requests[11].name, c.requests[5].name, "#6 and #12 share a name");
	tap_is_str(c.requests[21].method, "DELETE", "#22 method");
	tap_is_str(c.requests[18].assertions.v[11], "Article's 'favorited' property is true",
		   "#19: double-quoted JS string with apostrophes");
	tap_is_str(c.requests[9].assertions.v[8], "Article's \"tagList\" property is an Array",
		   "#10: \\' unescaped");
	tap_is_str(c.requests[21].assertions.v[13], "Article's \"favorited\" property is false",
		   "#22: \\\" unescaped");
	is_list(&c.requests[31].assertions, want_tags, 3, "#32 All Tags names");

	/* splitting a Newman list of request 19 gives its names back */
	buf_init(&joined);
	for (size_t i = 0; i < c.requests[18].assertions.n; i++)
		buf_printf(&joined, "%s%s", i ? ", " : "", c.requests[18].assertions.v[i]);
	catalogue_split(&c, buf_cstr(&joined), &out);
	is_list(&out, (const char *const *)c.requests[18].assertions.v,
		c.requests[18].assertions.n, "split of request 19's joined names");
	strv_free(&out);
	buf_free(&joined);
	catalogue_free(&c);

	/* cut in half it is no longer JSON */
	data = pt_shared("upstream/runtime/newman/Conduit.postman_collection.json", &len);
	tap_is_int(catalogue_parse(data, len / 2, &c, &err), BT_EINPUT, "half a collection fails");
	tap_ok(strstr(err.msg, "truncated") != NULL, "as truncated (%s)", err.msg);
	free(data);
}

int
main(void)
{
	test_synthetic();
	test_bad();
	test_many_keys();
	test_inherited();
	test_split();
	test_real();
	return tap_done();
}
