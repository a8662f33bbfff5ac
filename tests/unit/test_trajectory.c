/* Mini-SWE and OpenHands trajectories (trajectory.c), against
 * upstream-format.md 1.4-1.6. */
#include "config.h"

#include "benchtop/parse.h"
#include "parse_test.h"

static int
mini(const char *s, struct trajectory *t, struct bt_error *err)
{
	size_t n = strlen(s);
	char *data = pt_exact(s, n);
	int rc = trajectory_parse_mini(data, n, t, err);
	free(data);
	return rc;
}

static const char *
mini_termination(const char *status_json)
{
	static char why[32];
	struct trajectory t;
	struct bt_error err;
	char *doc = xasprintf("{\"status\": %s, \"trajectories\": []}", status_json);

	trajectory_init(&t);
	mini(doc, &t, &err);
	snprintf(why, sizeof(why), "%s", t.termination ? t.termination : "(null)");
	trajectory_free(&t);
	free(doc);
	return why;
}

static void
test_mini(void)
{
	static const char final[] =
		"{\n"
		"    \"status\": \"Submitted\",\n"
		"    \"message\": \"done\",\n"
		"    \"cost\": 0.125,\n"
		"    \"n_calls\": 2,\n"
		"    \"trajectories\": [\n"
		"        {\"role\": \"system\", \"content\": \"You are a helpful assistant.\"},\n"
		"        {\"role\": \"user\", \"content\": \"Build the API.\"},\n"
		"        {\"role\": \"assistant\", \"content\": \"ls\\n```bash\\nls\\n```\"},\n"
		"        {\"role\": \"user\", \"content\": \"<returncode>0</returncode>\"},\n"
		"        {\"role\": \"assistant\", \"content\": [{\"type\": \"text\", \"text\": \"part "
		"one\"}, {\"type\": \"text\", \"text\": \"part two\"}]},\n"
		"        {\"role\": \"user\", \"content\": \"bad \\udc80 surrogate \\ud83d\\ude00\"}\n"
		"    ]\n"
		"}\n";
	struct trajectory t;
	struct bt_error err;

	trajectory_init(&t);
	tap_is_int(t.steps, -1, "init: steps unknown");
	tap_is_int(mini(final, &t, &err), BT_OK, "final mini trajectory parses");
	tap_is_str(t.format, "mini", "format");
	tap_is_str(t.termination, "Submitted", "Submitted");
	tap_is_str(t.status, "Submitted", "status as written");
	tap_is_int(t.steps, 2, "steps = assistant messages");
	tap_is_int(t.llm_calls, 2, "llm_calls = n_calls");
	tap_is_double(t.cost, 0.125, 0, "cost");
	/* estimated as bytes/4 per message: calls read 7+4 and 7+4+5+7 tokens */
	tap_is_int(t.tokens_in, 34, "mini tokens in: every earlier message, per call");
	tap_is_int(t.tokens_out, 5 + 5, "mini tokens out: the assistant messages");
	tap_ok(t.tokens_approx, "and marked as an estimate");
	tap_is_int(t.n, 6, "six steps in the viewer list");
	if (t.n == 6) {
		tap_is_str(t.v[0].role, "system", "role of step 1");
		tap_is_str(t.v[0].source, "", "mini steps have no source");
		tap_is_str(t.v[2].text, "ls\n```bash\nls\n```", "content unescaped");
		tap_is_str(t.v[4].text, "part one\npart two", "list content joined");
		tap_is_str(t.v[5].text, "bad \xEF\xBF\xBD surrogate \xF0\x9F\x98\x80",
			   "a lone surrogate escape (Python accepts it) becomes U+FFFD");
	}
	/* the struct is reusable: a second parse replaces the first */
	tap_is_int(mini("{\"status\": \"in_progress\", \"message\": \"\", \"trajectories\": "
			"[{\"role\": \"assistant\", \"content\": \"x\"}]}",
			&t, &err),
		   BT_OK, "interim trajectory parses");
	tap_is_str(t.termination, "Error", "in_progress (agent died) is Error");
	tap_is_int(t.n, 1, "old steps replaced");
	tap_is_int(t.llm_calls, -1, "no n_calls: unknown");
	tap_ok(t.cost < 0, "no cost: unknown");
	trajectory_free(&t);

	tap_is_str(mini_termination("\"LimitsExceeded\""), "LimitsExceeded", "LimitsExceeded");
	tap_is_str(mini_termination("\"RuntimeError\""), "Error", "other status is Error");
	tap_is_str(mini_termination("\"\""), "Unknown", "empty status is Unknown");
	tap_is_str(mini_termination("null"), "Unknown", "null status is Unknown");
	tap_is_str(mini_termination("0"), "Unknown", "falsy status is Unknown");
	tap_is_str(mini_termination("5"), "Error", "truthy non-string status is Error");
	tap_is_str(mini_termination("\"submitted\""), "Error", "status is case-sensitive");

	trajectory_init(&t);
	mini("{\"trajectories\": \"nope\"}", &t, &err);
	tap_is_str(t.termination, "Unknown", "missing status is Unknown");
	tap_is_int(t.steps, 0, "trajectories not a list: no steps");
	trajectory_free(&t);
}

static void
test_mini_bad(void)
{
	static const struct {
		const char *doc;
		size_t len;
		const char *want;
		const char *name;
	} bad[] = {
#define DOC(s) s, sizeof(s) - 1
		{DOC(""), "empty", "empty file"},
		{DOC("{\"status\": \"Submitted\", \"trajectories\": ["), "truncated", "truncated"},
		{DOC("[1, 2]"), "expected an object", "array at the top"},
		{DOC("{\"status\": \"Sub\xffmitted\"}"), "invalid UTF-8", "invalid UTF-8"},
		{DOC("{\"status\": \0\"x\"}"), "NUL", "NUL byte"},
		{DOC("{} {}"), "after the JSON value", "two documents"},
		{DOC("not json"), "invalid JSON", "not JSON"},
#undef DOC
	};
	struct trajectory t;
	struct bt_error err;

	trajectory_init(&t);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char *data = pt_exact(bad[i].doc, bad[i].len);
		int rc = trajectory_parse_mini(data, bad[i].len, &t, &err);

		free(data);
		tap_is_int(rc, BT_EINPUT, bad[i].name);
		tap_is_str(t.termination, "NoTrajectory", "  gives NoTrajectory");
		if (!tap_ok(strstr(err.msg, bad[i].want) != NULL, "  message says '%s'", bad[i].want))
			tap_diag("  message: %s", err.msg);
		tap_is_int(t.steps, -1, "  steps unknown");
	}
	trajectory_free(&t);

	/* 10 MB in one message on one line */
	{
		size_t n = 10u * 1024 * 1024;
		struct buf b;
		char *big = xmalloc(n + 1);

		memset(big, 'a', n);
		big[n] = '\0';
		buf_init(&b);
		buf_printf(&b, "{\"status\":\"Submitted\",\"trajectories\":[{\"role\":\"assistant\","
			       "\"content\":\"%s\"}]}",
			   big);
		trajectory_init(&t);
		tap_is_int(mini(b.data, &t, &err), BT_OK, "10 MB single-line trajectory parses");
		tap_is_int(t.n == 1 ? strlen(t.v[0].text) : 0, n, "the message kept whole");
		trajectory_free(&t);
		buf_free(&b);
		free(big);
	}
}

#define BASE(status)                                                                       \
	"{\"execution_status\": \"" status "\", \"max_iterations\": 200, \"stats\": "       \
	"{\"usage_to_metrics\": {\"default\": {\"accumulated_cost\": 1.5, "                 \
	"\"accumulated_token_usage\": {\"prompt_tokens\": 12000, \"completion_tokens\": "   \
	"340}, \"token_usages\": [{}, {}, {}]}}}}"

static const char *const events_ok[] = {
	"{\"kind\": \"SystemPromptEvent\", \"source\": \"agent\", \"system_prompt\": "
	"{\"type\": \"text\", \"text\": \"You are OpenHands.\"}, \"tools\": []}",
	"{\"kind\": \"MessageEvent\", \"source\": \"user\", \"llm_message\": {\"role\": \"user\", "
	"\"content\": [{\"type\": \"text\", \"text\": \"Build the API.\"}]}}",
	"{\"kind\": \"ActionEvent\", \"source\": \"agent\", \"tool_name\": \"terminal\", "
	"\"thought\": [{\"type\": \"text\", \"text\": \"Look around.\"}], \"action\": {\"kind\": "
	"\"TerminalAction\", \"command\": \"ls -la\", \"is_input\": false, \"timeout\": null}}",
	"{\"kind\": \"ObservationEvent\", \"source\": \"environment\", \"tool_name\": "
	"\"terminal\", \"observation\": {\"kind\": \"TerminalObservation\", \"content\": "
	"[{\"type\": \"text\", \"text\": \"total 0\"}], \"is_error\": false}}",
	"{\"kind\": \"ConversationStateUpdateEvent\", \"source\": \"environment\", \"key\": "
	"\"execution_status\", \"value\": \"running\"}",
	"{\"kind\": \"ActionEvent\", \"source\": \"agent\", \"tool_name\": \"finish\", "
	"\"thought\": [], \"action\": {\"kind\": \"FinishAction\", \"message\": \"Done.\"}}",
};
#define N_EVENTS (sizeof(events_ok) / sizeof(*events_ok))

/* Parse base + events[0..n) as separate buffers. */
static int
openhands(const char *base, const char *const *events, size_t n, struct trajectory *t,
	  struct bt_error *err)
{
	char *b = pt_exact(base, strlen(base));
	char **ev = xcalloc(n ? n : 1, sizeof(*ev));
	size_t *lens = xcalloc(n ? n : 1, sizeof(*lens));
	int rc;

	for (size_t i = 0; i < n; i++) {
		lens[i] = strlen(events[i]);
		ev[i] = pt_exact(events[i], lens[i]);
	}
	rc = trajectory_parse_openhands(b, strlen(base), (const char *const *)ev, lens, n, t, err);
	for (size_t i = 0; i < n; i++)
		free(ev[i]);
	free(ev);
	free(lens);
	free(b);
	return rc;
}

static const char *
oh_termination(const char *base, const char *last_event)
{
	static char why[32];
	struct trajectory t;
	struct bt_error err;
	const char *evs[2] = {events_ok[2], last_event};

	trajectory_init(&t);
	openhands(base, evs, last_event ? 2 : 1, &t, &err);
	snprintf(why, sizeof(why), "%s", t.termination);
	trajectory_free(&t);
	return why;
}

static void
test_openhands(void)
{
	struct trajectory t;
	struct bt_error err;
	static const char finish_obs[] =
		"{\"kind\": \"ObservationEvent\", \"source\": \"environment\", \"tool_name\": "
		"\"x\", \"observation\": {\"kind\": \"FinishObservation\", \"message\": \"ok\"}}";
	static const char message[] =
		"{\"kind\": \"MessageEvent\", \"source\": \"agent\", \"llm_message\": {\"role\": "
		"\"assistant\", \"content\": [{\"type\": \"text\", \"text\": \"I am done.\"}]}}";

	trajectory_init(&t);
	tap_is_int(openhands(BASE("finished"), events_ok, N_EVENTS, &t, &err), BT_OK,
		   "openhands conversation parses");
	tap_is_str(t.format, "openhands", "format");
	tap_is_str(t.termination, "Submitted", "last event is the finish tool: Submitted");
	tap_is_str(t.status, "finished", "execution_status as written");
	tap_is_int(t.steps, 2, "steps = ActionEvents from the agent");
	tap_is_int(t.llm_calls, 3, "llm_calls = len(token_usages)");
	tap_is_int(t.tokens_in, 12000, "prompt tokens");
	tap_is_int(t.tokens_out, 340, "completion tokens");
	tap_is_double(t.cost, 1.5, 0, "accumulated_cost");
	tap_is_int(t.n, N_EVENTS, "one step per event");
	if (t.n == N_EVENTS) {
		tap_is_str(t.v[0].text, "You are OpenHands.", "system prompt text");
		tap_is_str(t.v[1].role, "MessageEvent", "role = event kind");
		tap_is_str(t.v[1].source, "user", "source");
		tap_is_str(t.v[1].text, "Build the API.", "message text content");
		tap_is_str(t.v[2].tool, "terminal", "tool name");
		tap_is_str(t.v[2].text, "Look around.\n-> terminal\ncommand: ls -la\nis_input: false",
			   "action: thought, tool and arguments");
		tap_is_str(t.v[3].text, "total 0", "observation content text");
		tap_ok(strstr(t.v[4].text, "\"key\":\"execution_status\"") != NULL,
		       "other events fall back to compact JSON (%s)", t.v[4].text);
		tap_is_str(t.v[5].text, "-> finish\nmessage: Done.", "finish action");
		/* for the trajectory diff: what each action ran, and its output */
		tap_is_str(t.v[2].command, "ls -la", "a terminal action's command line");
		tap_is_int(t.v[2].obs, 3, "its output is the next observation");
		tap_is_str(t.v[5].command, "finish message: Done.", "another tool: its name and fields");
		tap_is_int(t.v[5].obs, -1, "no output after it");
		tap_ok(!t.v[1].command && !t.v[3].command, "messages and observations ran nothing");
	}

	tap_is_str(oh_termination(BASE("idle"), finish_obs), "Submitted",
		   "FinishObservation last: Submitted");
	tap_is_str(oh_termination(BASE("running"), message), "LimitsExceeded",
		   "running without finish: LimitsExceeded");
	tap_is_str(oh_termination(BASE("stuck"), NULL), "LimitsExceeded", "stuck: LimitsExceeded");
	tap_is_str(oh_termination(BASE("idle"), NULL), "LimitsExceeded", "idle: LimitsExceeded");
	tap_is_str(oh_termination(BASE("finished"), message), "LimitsExceeded",
		   "finished without a finish event: LimitsExceeded");
	tap_is_str(oh_termination(BASE("error"), message), "Error", "error: Error");
	tap_is_str(oh_termination(BASE("paused"), NULL), "Unknown", "paused: Unknown");
	tap_is_str(oh_termination("{}", NULL), "Unknown", "no status: Unknown");
	tap_is_str(oh_termination(BASE("running"), "{\"kind\": \"ActionEvent\""), "LimitsExceeded",
		   "an unreadable last event is not a finish");

	tap_is_int(openhands("{}", NULL, 0, &t, &err), BT_OK, "no events at all");
	tap_is_int(t.steps, 0, "zero steps");
	tap_is_int(t.llm_calls, -1, "no stats: llm_calls unknown");
	tap_is_int(t.tokens_in, -1, "no stats: tokens unknown");
	tap_ok(t.cost < 0, "no stats: cost unknown");

	{
		const char *evs[] = {events_ok[2], "{\"kind\": 5"};
		tap_is_int(openhands(BASE("running"), evs, 2, &t, &err), BT_OK,
			   "a broken event does not fail the conversation");
		tap_is_str(t.n == 2 ? t.v[1].role : NULL, "unreadable", "it becomes an unreadable step");
		tap_ok(t.n == 2 && strstr(t.v[1].text, "event 2") != NULL, "saying which (%s)",
		       t.n == 2 ? t.v[1].text : "");
	}

	tap_is_int(openhands("{\"execution_status\": ", NULL, 0, &t, &err), BT_EINPUT,
		   "truncated base_state: BT_EINPUT");
	tap_is_str(t.termination, "NoTrajectory", "NoTrajectory");
	tap_ok(strstr(err.msg, "base_state.json") != NULL, "message names base_state.json (%s)",
	       err.msg);
	tap_is_int(openhands("[]", NULL, 0, &t, &err), BT_EINPUT, "base_state not an object");
	tap_is_str(t.termination, "NoTrajectory", "NoTrajectory");
	trajectory_free(&t);
}

static int
bundle(const char *s, struct trajectory *t, struct bt_error *err)
{
	char *data = pt_exact(s, strlen(s));
	int rc = trajectory_parse_openhands_bundle(data, strlen(s), t, err);
	free(data);
	return rc;
}

static void
test_bundle(void)
{
	struct trajectory t;
	struct bt_error err;
	struct buf b;
	char *data;

	buf_init(&b);
	buf_puts(&b, "{\"base_state\": " BASE("finished") ", \"events\": [");
	for (size_t i = 0; i < N_EVENTS; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", events_ok[i]);
	buf_puts(&b, "]}");
	data = pt_exact(b.data, b.len);
	trajectory_init(&t);
	tap_is_int(trajectory_parse_openhands_bundle(data, b.len, &t, &err), BT_OK, "bundle parses");
	tap_is_str(t.termination, "Submitted", "bundle: Submitted");
	tap_is_int(t.steps, 2, "bundle: steps");
	tap_is_int(t.n, N_EVENTS, "bundle: one step per event");
	tap_is_int(t.tokens_in, 12000, "bundle: tokens");
	tap_is_int(trajectory_parse("openhands", data, b.len, "x", &t, &err), BT_OK,
		   "trajectory_parse(openhands) is the bundle");
	tap_is_str(t.format, "openhands", "format openhands");
	tap_is_int(trajectory_parse("text", data, b.len, "x", &t, &err), BT_EINPUT,
		   "an unknown format is refused");
	tap_is_str(t.termination, "NoTrajectory", "as NoTrajectory");
	free(data);
	buf_free(&b);

	tap_is_int(bundle("{\"base_state\": {\"execution_status\": \"error\"}}", &t, &err), BT_OK,
		   "bundle without events");
	tap_is_str(t.termination, "Error", "status decides");
	tap_is_int(bundle("{\"base_state\": [], \"events\": []}", &t, &err), BT_EINPUT,
		   "base_state must be an object");
	tap_ok(strstr(err.msg, "base_state is an array") != NULL, "says so (%s)", err.msg);
	tap_is_int(bundle("{\"base_state\": {}, \"events\": {}}", &t, &err), BT_EINPUT,
		   "events must be an array");
	tap_is_int(bundle("{\"base_state\": {}, \"events\": [", &t, &err), BT_EINPUT,
		   "truncated bundle");
	tap_is_str(t.termination, "NoTrajectory", "is NoTrajectory");
	data = pt_exact("{\"status\": \"Submitted\"}", 23);
	tap_is_int(trajectory_parse("mini", data, 23, "x", &t, &err), BT_OK, "trajectory_parse(mini)");
	tap_is_str(t.termination, "Submitted", "mini via dispatch");
	free(data);
	trajectory_free(&t);
}

/* ------------------------------------------------------------ mini-swe-agent */

/* A trajectory of tests/fixtures/traj. */
static char *
fixture(const char *name, size_t *len)
{
	char *rel = xasprintf("traj/%s", name);
	char *data = pt_fixture(rel, len);

	free(rel);
	return data;
}

/* Parse with the format recognised from the content. */
static int
auto_parse(const char *data, size_t len, struct trajectory *t, struct bt_error *err)
{
	return trajectory_parse("auto", data, len, "x.traj.json", t, err);
}

/* The indices of the steps with a command, in order, as "i,j,k". */
static const char *
commands_at(const struct trajectory *t)
{
	static char out[256];
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < t->n && used < sizeof(out) - 8; i++)
		if (t->v[i].command)
			used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%zu",
						 used ? "," : "", i);
	return out;
}

static void
test_swe_native(void)
{
	struct trajectory t;
	struct bt_error err;
	size_t len;
	char *data = fixture("swe-1.1.traj.json", &len);

	trajectory_init(&t);
	if (!data) {
		tap_skip("tests/fixtures/traj is missing");
		return;
	}
	tap_is_int(auto_parse(data, len, &t, &err), BT_OK, "mini-swe-agent-1.1 parses");
	tap_is_str(t.format, "mini-swe-agent", "recognised from the content");
	tap_is_str(t.termination, "Submitted", "exit_status Submitted");
	tap_is_str(t.status, "Submitted", "raw status kept");
	tap_is_int(t.steps, 6, "steps = assistant messages");
	tap_is_int(t.llm_calls, 6, "calls = model_stats.api_calls");
	tap_is_double(t.cost, 0.0125, 1e-12, "cost = model_stats.instance_cost");
	/* usage is recorded per response: the sums, not an estimate */
	tap_is_int(t.tokens_in, 1200 + 1500 + 1800 + 2100 + 2400 + 2600, "tokens in: prompt_tokens summed");
	tap_is_int(t.tokens_out, 40 + 60 + 70 + 80 + 30 + 20, "tokens out: completion_tokens summed");
	tap_ok(!t.tokens_approx, "counted, not estimated");
	tap_is_str(t.cwd, "/testbed", "cwd from the environment config");
	/* system, user, then per assistant message its thought, one step per
	 * tool call and the tool messages; the exit message last */
	tap_is_str(commands_at(&t), "3,6,7,11,14,17,20", "one step per tool call");
	tap_is_int(t.n, 22, "22 steps in the list");
	if (t.n == 22) {
		tap_is_str(t.v[2].role, "assistant", "the thought");
		tap_is_str(t.v[2].text, "Look at the repository first.", "its text");
		tap_is_str(t.v[3].role, "action", "a tool call is an action step");
		tap_is_str(t.v[3].tool, "bash", "its tool is the function name");
		tap_is_str(t.v[3].command, "ls -la", "its command from extra.actions");
		tap_is_int(t.v[3].obs, 4, "its observation is the tool message");
		tap_is_str(t.v[4].role, "tool", "the observation's role");
		/* two tool calls in one message, observations found by tool_call_id */
		tap_is_str(t.v[6].command, "cat app.py", "first of two calls");
		tap_is_str(t.v[7].command, "grep -n \"route\" app.py", "second of two calls");
		tap_is_int(t.v[6].obs, 8, "first call's output");
		tap_is_int(t.v[7].obs, 9, "second call's output");
		tap_ok(strstr(t.v[8].text, "caf\xc3\xa9 \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e") != NULL,
		       "a non-ASCII observation kept as UTF-8");
		tap_is_str(t.v[11].command, "cd /testbed && python -m pytest -q tests/ ; echo done",
			   "several commands in one tool call: one step");
		tap_is_str(t.v[21].role, "exit", "the exit message");
		tap_is_int(t.v[20].obs, -1, "the submitting call has no observation");
	}
	free(data);

	/* tool_calls without extra.actions: the command from the arguments */
	{
		static const char doc[] =
			"{\"info\": {\"exit_status\": \"TimeExceeded\"}, \"trajectory_format\": "
			"\"mini-swe-agent-1.1\", \"messages\": [{\"role\": \"assistant\", \"content\": "
			"\"\", \"tool_calls\": [{\"id\": \"c1\", \"function\": {\"name\": \"bash\", "
			"\"arguments\": \"{\\\"command\\\": \\\"make\\\"}\"}}, {\"id\": \"c2\", "
			"\"function\": {\"name\": \"edit\", \"arguments\": \"not json\"}}]}, "
			"{\"role\": \"tool\", \"tool_call_id\": \"c2\", \"content\": \"edited\"}, "
			"{\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"built\"}]}";
		char *d = pt_exact(doc, sizeof(doc) - 1);
		tap_is_int(auto_parse(d, sizeof(doc) - 1, &t, &err), BT_OK, "tool_calls only");
		tap_is_str(t.termination, "LimitsExceeded", "TimeExceeded is a limit");
		tap_is_str(t.status, "TimeExceeded", "shown as written");
		tap_is_str(commands_at(&t), "0,1", "an empty thought is no step");
		if (t.n == 4) {
			tap_is_str(t.v[0].command, "make", "command from the JSON arguments");
			tap_is_str(t.v[1].command, "not json", "arguments that are not JSON, as written");
			tap_is_str(t.v[1].tool, "edit", "tool name");
			tap_is_int(t.v[0].obs, 3, "observations matched by tool_call_id");
			tap_is_int(t.v[1].obs, 2, "in any order");
		}
		tap_is_int(t.llm_calls, -1, "no model_stats: calls unknown");
		tap_ok(t.tokens_approx, "no usage: tokens estimated");
		free(d);
	}
	trajectory_free(&t);
}

static void
test_swe_legacy(void)
{
	struct trajectory t;
	struct bt_error err;
	size_t len;
	char *data = fixture("swe-1.traj.json", &len);

	trajectory_init(&t);
	if (!data) {
		tap_skip("tests/fixtures/traj is missing");
		return;
	}
	tap_is_int(auto_parse(data, len, &t, &err), BT_OK, "mini-swe-agent-1 parses");
	tap_is_str(t.format, "mini-swe-agent", "format");
	tap_is_str(t.termination, "LimitsExceeded", "LimitsExceeded");
	tap_is_int(t.steps, 7, "steps = assistant messages");
	tap_is_int(t.llm_calls, 7, "calls");
	tap_is_double(t.cost, 0.0042, 1e-12, "cost");
	/* the message with two ```bash blocks ran nothing (a format error) */
	tap_is_str(commands_at(&t), "2,4,6,10,12,14", "one command per ```bash block");
	if (t.n > 14) {
		tap_is_str(t.v[2].command, "ls   -la", "the block's text");
		tap_is_int(t.v[2].obs, 3, "the next user message is its output");
		tap_is_int(t.v[8].command == NULL, 1, "two blocks: no command");
		tap_is_str(t.v[4].role, "assistant", "plain messages keep their role");
	}
	free(data);

	data = fixture("bare-list.traj.json", &len);
	tap_is_int(data ? auto_parse(data, len, &t, &err) : -1, BT_OK, "a bare list of messages parses");
	tap_is_str(t.format, "mini-swe-agent", "as mini-swe-agent");
	tap_is_str(t.termination, "Unknown", "no exit status: Unknown");
	tap_is_str(t.status, "", "raw status empty");
	tap_is_int(t.steps, 2, "two assistant messages");
	tap_is_str(commands_at(&t), "2", "one command");
	tap_is_int(t.llm_calls, -1, "calls unknown");
	tap_ok(t.cost < 0, "cost unknown");
	free(data);

	/* the real files of mini-swe-agent's repository (MIT) */
	data = pt_shared("trajectories/mini-swe-agent/local.traj.json", &len);
	if (data) {
		tap_is_int(auto_parse(data, len, &t, &err), BT_OK, "local.traj.json parses");
		tap_is_int(t.steps, 2, "its two assistant messages");
		tap_is_str(commands_at(&t), "2,4", "```mswea_bash_command blocks are commands");
		tap_is_str(t.n > 2 && t.v[2].command ? t.v[2].command : "", "echo 'hello world'",
			   "the command");
		tap_is_str(t.termination, "Unknown", "no exit status");
		free(data);
	} else {
		tap_skip("../shared/trajectories/mini-swe-agent is missing");
	}
	data = pt_shared("trajectories/mini-swe-agent/django__django-10914.traj.json", &len);
	if (data) {
		tap_is_int(auto_parse(data, len, &t, &err), BT_OK, "the 2.2.7 trajectory parses");
		tap_is_str(t.termination, "Submitted", "Submitted");
		tap_is_int(t.steps, 48, "48 assistant messages");
		tap_is_int(t.llm_calls, 48, "48 calls");
		tap_is_double(t.cost, 0.029813923999999995, 1e-15, "instance_cost");
		tap_is_int(t.tokens_in, 552410, "prompt tokens summed");
		free(data);
	} else {
		tap_skip("../shared/trajectories/mini-swe-agent is missing");
	}
	trajectory_free(&t);
}

static void
test_recognise(void)
{
	static const struct {
		const char *doc, *hint, *format, *termination;
		int rc;
		const char *want; /* in the message, when rc is not BT_OK */
	} cases[] = {
		{"{\"status\": \"Submitted\", \"trajectories\": []}", "auto", "mini", "Submitted", BT_OK, NULL},
		{"{\"messages\": [], \"info\": {\"exit_status\": \"Submitted\"}}", "mini", "mini-swe-agent",
		 "Submitted", BT_OK, NULL},
		{"[]", "openhands", "mini-swe-agent", "Unknown", BT_OK, NULL},
		{"{\"base_state\": {}, \"events\": []}", "auto", "openhands", "Unknown", BT_OK, NULL},
		/* the content says nothing: the hint decides, as upstream reads mini */
		{"{\"hello\": 1}", "mini", "mini", "Unknown", BT_OK, NULL},
		{"{\"hello\": 1}", "auto", "", "Unknown", BT_EINPUT, "unknown trajectory format"},
		{"{\"hello\": 1}", "mini-swe-agent", "mini-swe-agent", "Unknown", BT_EINPUT, "no messages"},
		{"\"text\"", "auto", "", "Unknown", BT_EINPUT, "unknown trajectory format"},
		{"{\"messages\": [", "auto", "", "NoTrajectory", BT_EINPUT, "x.traj.json:1:"},
		{"{}", "xml", "", "NoTrajectory", BT_EINPUT, "unknown trajectory format 'xml'"},
	};
	struct trajectory t;
	struct bt_error err;

	trajectory_init(&t);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t n = strlen(cases[i].doc);
		char *d = pt_exact(cases[i].doc, n);
		int rc = trajectory_parse(cases[i].hint, d, n, "x.traj.json", &t, &err);

		char *what = xasprintf("%s as %s", cases[i].doc, cases[i].hint);

		tap_is_int(rc, cases[i].rc, what);
		free(what);
		tap_is_str(t.format, cases[i].format, "  format");
		tap_is_str(t.termination, cases[i].termination, "  termination");
		if (cases[i].want && !tap_ok(strstr(err.msg, cases[i].want) != NULL, "  says '%s'",
					     cases[i].want))
			tap_diag("  message: %s", err.msg);
		free(d);
	}
	trajectory_free(&t);

	tap_is_str(trajectory_termination_class("Submitted"), "Submitted", "class of Submitted");
	tap_is_str(trajectory_termination_class("LimitsExceeded"), "LimitsExceeded", "LimitsExceeded");
	tap_is_str(trajectory_termination_class("TimeExceeded"), "LimitsExceeded", "TimeExceeded");
	tap_is_str(trajectory_termination_class("RepeatedFormatError"), "Error", "RepeatedFormatError");
	tap_is_str(trajectory_termination_class("KeyboardInterrupt"), "Error", "any exception");
	tap_is_str(trajectory_termination_class(""), "Unknown", "none");
	tap_is_str(trajectory_termination_class(NULL), "Unknown", "NULL");
}

/* A 10 MB observation, made here (not committed). */
static void
test_swe_big(void)
{
	size_t n = 10u * 1024 * 1024;
	struct trajectory t;
	struct bt_error err;
	struct buf b;
	char *big = xmalloc(n + 1);

	for (size_t i = 0; i < n; i++)
		big[i] = i % 80 == 79 ? '\n' : (char)('a' + i % 26);
	big[n] = '\0';
	buf_init(&b);
	/* the newlines escaped as JSON wants them */
	buf_puts(&b, "{\"info\": {\"exit_status\": \"Submitted\"}, \"messages\": [{\"role\": \"assistant\", "
		     "\"content\": \"\", \"extra\": {\"actions\": [{\"command\": \"cat big\", "
		     "\"tool_call_id\": \"c\"}]}}, {\"role\": \"tool\", \"tool_call_id\": \"c\", \"content\": \"");
	for (size_t i = 0; i < n; i++)
		big[i] == '\n' ? buf_puts(&b, "\\n") : buf_putc(&b, big[i]);
	buf_puts(&b, "\"}]}");
	trajectory_init(&t);
	tap_is_int(auto_parse(b.data, b.len, &t, &err), BT_OK, "a 10 MB observation parses");
	tap_ok(t.n == 2 && t.v[1].text && strcmp(t.v[1].text, big) == 0, "kept whole");
	tap_is_int(t.n == 2 ? t.v[0].obs : -2, 1, "linked to its command");
	trajectory_free(&t);
	buf_free(&b);
	free(big);
}

int
main(void)
{
	test_mini();
	test_mini_bad();
	test_openhands();
	test_bundle();
	test_swe_native();
	test_swe_legacy();
	test_recognise();
	test_swe_big();
	return tap_done();
}
