/* Addresses: RUN:TASK:ATTEMPT[:STEP|:rREQUEST], printed and parsed back,
 * and what hostile text gets (address.h). */
#include "config.h"

#include <string.h>

#include "benchtop/address.h"
#include "tap.h"

/* parse text, print it again */
static const char *
reprint(const char *text, struct address *a)
{
	static struct buf out;
	char why[160];

	if (!address_parse(text, a, why, sizeof(why)))
		return why[0] ? "(rejected)" : "(rejected, no reason)";
	address_format(a, &out);
	return buf_cstr(&out);
}

static void
test_kinds(void)
{
	struct address a;

	tap_is_str(reprint("mini_swe_sdk/gpt-5.4:flask-openapi-sqlite:2", &a),
		   "mini_swe_sdk/gpt-5.4:flask-openapi-sqlite:2", "an attempt prints as it parses");
	tap_is_int(a.kind, ADDRESS_ATTEMPT, "kind attempt");
	tap_is_str(a.run, "mini_swe_sdk/gpt-5.4", "the run keeps its '/'");
	tap_is_str(a.task, "flask-openapi-sqlite", "the task");
	tap_is_int(a.attempt, 2, "the attempt number");
	tap_is_str(reprint("r/m:flask-openapi-sqlite:0:40", &a), "r/m:flask-openapi-sqlite:0:40",
		   "a step");
	tap_is_int(a.kind, ADDRESS_STEP, "kind step");
	tap_is_int(a.step, 40, "step 40");
	tap_is_int(a.attempt, 0, "attempt 0 (run_0)");
	tap_is_str(reprint("r/m:t:3:r7", &a), "r/m:t:3:r7", "a request");
	tap_is_int(a.kind, ADDRESS_REQUEST, "kind request");
	tap_is_int(a.request, 7, "request 7");
	tap_is_str(reprint("r/m:t:3:R7", &a), "r/m:t:3:r7", "R is r");
	tap_is_str(reprint("r/m:flask/add-tags", &a), "r/m:flask/add-tags",
		   "a feature task FRAMEWORK/NAME");
	tap_is_int(a.kind, ADDRESS_TASK, "kind task");
	tap_is_str(reprint("agent/model", &a), "agent/model", "a run");
	tap_is_int(a.kind, ADDRESS_RUN, "kind run");
	tap_is_str(reprint("r/m:t:007", &a), "r/m:t:7", "leading zeros drop");
}

static void
test_escapes(void)
{
	struct address a;
	struct buf out;

	buf_init(&out);
	address_set(&a, "odd run:v2 100%", "t", 1);
	address_format(&a, &out);
	tap_is_str(buf_cstr(&out), "odd%20run%3Av2%20100%25:t:1",
		   "':', ' ' and '%' in a run name are %XX");
	tap_is_str(reprint(out.data, &a), out.data, "and parse back");
	tap_is_str(a.run, "odd run:v2 100%", "to the same name");
	address_set(&a, "tab\there\x1b[31m", "t", -1);
	address_format(&a, &out);
	tap_is_str(buf_cstr(&out), "tab%09here%1B[31m:t", "control bytes are %XX: no raw escape");
	tap_ok(!strpbrk(out.data, "\t\x1b"), "the text holds no control byte");
	tap_ok(address_parse(out.data, &a, (char[80]){0}, 80) && strcmp(a.run, "tab\there\x1b[31m") == 0,
	       "and parses back to the same bytes");
	tap_is_str(reprint("caf\xc3\xa9/m:t:1", &a), "caf\xc3\xa9/m:t:1", "UTF-8 stays as it is");
	/* the longest names, every byte escaped, still read back (fuzz_notes) */
	char run[ADDRESS_RUN_MAX + 1], task[ADDRESS_TASK_MAX + 1];
	memset(run, ' ', ADDRESS_RUN_MAX);
	run[ADDRESS_RUN_MAX] = '\0';
	memset(task, ':', ADDRESS_TASK_MAX);
	task[ADDRESS_TASK_MAX] = '\0';
	address_set(&a, run, task, 999999999);
	address_format(&a, &out);
	struct address back;
	tap_ok(address_parse(out.data, &back, (char[160]){0}, 160) && strcmp(back.run, run) == 0 &&
	       strcmp(back.task, task) == 0 && back.attempt == 999999999,
	       "the longest names, all escaped, parse back");
	tap_is_str(reprint("a%2fb:t", &a), "a/b:t", "%2f is '/', printed plainly");
	address_set(&a, "r", "t", -1);
	tap_is_int(a.kind, ADDRESS_TASK, "address_set with attempt -1 is a task");
	buf_free(&out);
}

static void
test_hostile(void)
{
	static const char *const bad[][2] = {
		{"", "empty"},
		{":t:1", "empty run"},
		{"r::1", "empty task"},
		{"r:t:", "empty attempt"},
		{"r:t:-1", "negative attempt"},
		{"r:t:1x", "attempt with letters"},
		{"r:t:99999999999999999999", "attempt overflow"},
		{"r:t:1:0", "step 0"},
		{"r:t:1:r", "request without number"},
		{"r:t:1:r0", "request 0"},
		{"r:t:1:2:3", "five parts"},
		{"r:t:1:2:3:4:5:6:7", "many parts"},
		{"r%:t", "a lone %"},
		{"r%4:t", "% and one digit"},
		{"r%zz:t", "% and no hex"},
		{"r%00:t", "%00"},
		{"r%\x10\x11:t", "control bytes as hex digits"},
		{"r%G0:t", "G is no hex digit"},
		{"r\x1b[2J:t", "a raw escape"},
		{"r\n:t", "a raw newline"},
		{"r\x7f:t", "DEL"},
		{"r:t\t:1", "a tab in the task"},
	};
	struct address a;
	char why[160], big[2 * ADDRESS_MAX];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		tap_ok(!address_parse(bad[i][0], &a, why, sizeof(why)) && why[0], "rejected: %s",
		       bad[i][1]);
		tap_ok(!strpbrk(why, "\x1b\n\t\x7f"), "its reason quotes no raw byte: %s", bad[i][1]);
	}
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	tap_ok(!address_parse(big, &a, why, sizeof(why)), "an over-long address is rejected");
	memset(big, 'a', 300);
	strcpy(big + 300, ":t:1");
	tap_ok(!address_parse(big, &a, why, sizeof(why)), "a run name longer than 255 is rejected");
	tap_is_str(why, "the run name is longer than 255 bytes", "and says so");
	/* the short buffer of a caller */
	char tiny[8];
	tap_ok(!address_parse("r:t:x", &a, tiny, sizeof(tiny)), "a short why buffer is fine");
}

static void
test_parent(void)
{
	struct address a, up;
	struct buf out;

	buf_init(&out);
	tap_ok(address_parse("r/m:t:2:40", &a, (char[80]){0}, 80), "a step parses");
	tap_ok(address_parent(&a, &up), "a step has a parent");
	address_format(&up, &out);
	tap_is_str(buf_cstr(&out), "r/m:t:2", "its attempt");
	a = up;
	address_parent(&a, &up);
	address_format(&up, &out);
	tap_is_str(buf_cstr(&out), "r/m:t", "then its task");
	a = up;
	address_parent(&a, &up);
	address_format(&up, &out);
	tap_is_str(buf_cstr(&out), "r/m", "then its run");
	tap_ok(!address_parent(&up, &a), "a run has none");
	char tok[64];
	address_task_token(TASK_FEATURE, "flask", "add-tags", tok, sizeof(tok));
	tap_is_str(tok, "flask/add-tags", "a feature task's token");
	address_task_token(TASK_GENERATION, "flask", "flask-openapi-sqlite", tok, sizeof(tok));
	tap_is_str(tok, "flask-openapi-sqlite", "a generation task's token");
	tap_is_str(address_kind_name(ADDRESS_REQUEST), "request", "kind names");
	tap_ok(address_tag_valid("needs-migration") && address_tag_valid("v1.2+x/y_z"),
	       "tags: letters, digits, -_.+/");
	tap_ok(!address_tag_valid("") && !address_tag_valid("two words") &&
	       !address_tag_valid("a:b") && !address_tag_valid("\x1b[0m") &&
	       !address_tag_valid("123456789012345678901234567890123"),
	       "not empty, spaces, ':', escapes or 33 bytes");
	buf_free(&out);
}

int
main(void)
{
	test_kinds();
	test_escapes();
	test_hostile();
	test_parent();
	return tap_done();
}
