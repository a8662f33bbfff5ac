/* test_agreement.c: agreement between two labellings (Table 6), and the
 * judge validation set parser. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "benchtop/agreement.h"
#include "benchtop/labelset.h"
#include "tap.h"

/* A worked case: 4 items, ref a a b b, other a b b b.  p_o = 3/4; chance
 * p_e = (2/4)(1/4) + (2/4)(3/4) = 1/2; kappa = (3/4 - 1/2) / (1 - 1/2) = 1/2.
 * a: precision 1/1, recall 1/2, F1 2/3; b: precision 2/3, recall 2/2, F1
 * 4/5; macro F1 (2/3 + 4/5) / 2 = 11/15. */
static void
test_worked(void)
{
	const char *ref[] = {"a", "a", "b", "b"}, *oth[] = {"a", "b", "b", "b"};
	const char *order[] = {"b", "a", "z"};
	struct agreement a;

	agreement_compute(ref, oth, 4, order, 3, &a);
	tap_is_int((long)a.n_classes, 2, "classes: only those used (z is left out)");
	tap_is_str(a.classes[0].name, "b", "in the given order: b first");
	tap_is_double(a.accuracy, 0.75, 1e-12, "accuracy 3/4");
	tap_ok(a.kappa_defined, "kappa is defined");
	tap_is_double(a.kappa, 0.5, 1e-12, "Cohen's kappa 1/2");
	tap_is_double(a.classes[1].precision, 1.0, 1e-12, "a: precision 1");
	tap_is_double(a.classes[1].recall, 0.5, 1e-12, "a: recall 1/2");
	tap_is_double(a.classes[1].f1, 2.0 / 3, 1e-12, "a: F1 2/3");
	tap_is_double(a.classes[0].precision, 2.0 / 3, 1e-12, "b: precision 2/3");
	tap_is_double(a.classes[0].f1, 0.8, 1e-12, "b: F1 4/5");
	tap_is_int(a.classes[1].support, 2, "a: support 2 (the reference's count)");
	tap_is_double(a.macro_f1, 11.0 / 15, 1e-12, "macro F1 11/15");
	/* confusion: row = ref, column = other; b then a */
	tap_is_int(a.confusion[0 * 2 + 0], 2, "b->b 2");
	tap_is_int(a.confusion[1 * 2 + 0], 1, "a->b 1");
	tap_is_int(a.confusion[1 * 2 + 1], 1, "a->a 1");
	tap_is_int(a.confusion[0 * 2 + 1], 0, "b->a 0");
	agreement_free(&a);
}

/* Cohen's own kind of example: agreement no better than chance gives 0,
 * systematic disagreement a negative kappa, one class everywhere none. */
static void
test_edges(void)
{
	const char *r1[] = {"x", "x", "y", "y"}, *o1[] = {"x", "y", "x", "y"};
	const char *r2[] = {"x", "y"}, *o2[] = {"y", "x"};
	const char *r3[] = {"x", "x", "x"};
	const char *r4[] = {"x", "y"}, *o4[] = {"x", "q"};
	struct agreement a;

	agreement_compute(r1, o1, 4, NULL, 0, &a);
	tap_is_double(a.kappa, 0.0, 1e-12, "chance-level agreement: kappa 0");
	agreement_free(&a);
	agreement_compute(r2, o2, 2, NULL, 0, &a);
	tap_is_double(a.kappa, -1.0, 1e-12, "complete disagreement on two classes: kappa -1");
	tap_is_double(a.accuracy, 0.0, 1e-12, "and accuracy 0");
	agreement_free(&a);
	agreement_compute(r3, r3, 3, NULL, 0, &a);
	tap_ok(!a.kappa_defined, "one class on both sides: kappa undefined");
	tap_is_double(a.accuracy, 1.0, 1e-12, "accuracy still 1");
	agreement_free(&a);
	agreement_compute(r4, o4, 2, NULL, 0, &a);
	tap_is_int((long)a.n_classes, 3, "a class only the other side used counts");
	tap_is_double(a.classes[2].precision, 0.0, 1e-12, "q: never right, precision 0");
	tap_is_double(a.classes[1].recall, 0.0, 1e-12, "y: never found, recall 0");
	tap_is_double(a.macro_f1, 1.0 / 3, 1e-12, "macro F1 counts them as 0");
	agreement_free(&a);
	agreement_compute(NULL, NULL, 0, NULL, 0, &a);
	tap_ok(a.n == 0 && !a.kappa_defined && a.accuracy == 0, "no items: nothing defined");
	agreement_free(&a);
}

#define ITEM(extra) "{\"id\": \"uv/t/run_1\", \"agent\": \"mini_swe_sdk\", \"model\": \"m\"," \
	" \"runtime\": \"uv\", \"task\": \"flask-openapi-unconstrained\", \"run_id\": \"run_1\"" extra "}"

static void
test_labelset(void)
{
	static const struct {
		const char *json, *want;
	} bad[] = {
		{"{}", "expected a JSON array"},
		{"[1]", "item 1: field '(item)': expected an object"},
		{"[{\"agent\": \"a\"}]", "field 'model': missing"},
		{"[" ITEM(", \"judge_subcategory\": \"nonsense\"") "]",
		 "item 1 (uv/t/run_1): field 'judge_subcategory': expected one of incorrect_query_logic"},
		{"[" ITEM(", \"human_subcategory\": 3") "]",
		 "field 'human_subcategory': expected a string or null"},
		{"[" ITEM(", \"judge_category\": \"stuck_in_loop\", \"judge_subcategory\": "
			  "\"auth_misconfiguration\"") "]",
		 "a logic subcategory goes with the category logic_error"},
		{"[{\"agent\": \"a\", \"model\": \"m\", \"runtime\": \"uv\", \"task\": \"t\","
		 " \"run_id\": \"run_01\"}]", "field 'run_id': expected run_N"},
		{"[" ITEM("") ", ", "invalid JSON"},
	};
	struct bt_error err;
	struct labelset s;
	const char *good = "[" ITEM(", \"judge_subcategory\": \"auth_misconfiguration\","
				    " \"human_subcategory\": \"state_propagation_failure\","
				    " \"server_log\": \"Traceback \\u001b[31m\"") ","
			   ITEM(", \"judge_category\": \"server_startup_failure\"") "]";

	tap_ok(labelset_sniff(good, strlen(good)), "a validation set is recognised");
	tap_ok(!labelset_sniff("[{\"a\": 1}]", 10), "another JSON array is not");
	tap_is_int(labelset_parse(good, strlen(good), "v.json", &s, &err), 0, "a good set parses");
	tap_is_int((long)s.n, 2, "two items");
	tap_is_str(s.v[0].item.judge_category, "logic_error", "a subcategory implies logic_error");
	tap_is_str(s.v[0].item.subcategory, "state_propagation_failure", "the human's label");
	tap_ok(s.v[0].labelled && !s.v[1].labelled, "labelled only where the human said");
	tap_is_int(s.v[1].item.number, 1, "run_1 is attempt 1");
	tap_ok(s.v[0].item.server_log && strchr(s.v[0].item.server_log, 0x1b),
	       "evidence is kept as written (sanitized when shown)");
	labelset_free(&s);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = labelset_parse(bad[i].json, strlen(bad[i].json), "v.json", &s, &err);
		tap_ok(rc == BT_EINPUT && strstr(err.msg, bad[i].want) && s.n == 0,
		       "bad set %zu: %s (got: %s)", i, bad[i].want, err.msg);
	}
}

int
main(void)
{
	test_worked();
	test_edges();
	test_labelset();
	return tap_done();
}
