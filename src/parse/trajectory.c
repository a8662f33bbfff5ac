/* trajectory.c: agent trajectories: the benchmark's Mini-SWE wrapper and
 * OpenHands conversations (upstream-format.md 1.4-1.6), with the
 * termination exactly as trajectory_analysis.py classifies it, and the
 * files mini-swe-agent writes itself (trajectory_format mini-swe-agent-1.1
 * with tool calls, mini-swe-agent-1 with plain messages, a bare list of
 * messages).  Each gives the counts the metrics use and a readable step
 * list for the viewer, where every command run is a step of its own with a
 * link to its observation (the trajectory diff aligns those).
 */
#include "config.h"

#include "benchtop/parse.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/parse_util.h"

void
trajectory_init(struct trajectory *t)
{
	memset(t, 0, sizeof(*t));
	t->steps = t->tokens_in = t->tokens_out = t->llm_calls = -1;
	t->cost = -1;
}

void
trajectory_free(struct trajectory *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].role);
		free(t->v[i].source);
		free(t->v[i].tool);
		free(t->v[i].text);
		free(t->v[i].command);
	}
	free(t->v);
	free(t->termination);
	free(t->status);
	free(t->cwd);
	trajectory_init(t);
}

static void
start(struct trajectory *t, const char *format)
{
	trajectory_free(t);
	snprintf(t->format, sizeof(t->format), "%s", format);
}

/* Append a step (text and command, which may be NULL, are taken over). */
static struct traj_step *
add_step(struct trajectory *t, const char *role, const char *source, const char *tool, char *text)
{
	struct traj_step *s;

	BT_GROW(t->v, t->cap, t->n + 1);
	s = &t->v[t->n++];
	s->role = xstrdup(role);
	s->source = xstrdup(source);
	s->tool = xstrdup(tool);
	s->text = text;
	s->command = NULL;
	s->obs = -1;
	return s;
}

static void
set_termination(struct trajectory *t, const char *why)
{
	free(t->termination);
	t->termination = xstrdup(why);
}

static int
no_trajectory(struct trajectory *t)
{
	set_termination(t, "NoTrajectory");
	if (!t->status)
		t->status = xstrdup("");
	return BT_EINPUT;
}

static const cJSON *
get(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *
get_str(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A count: a non-negative integral number, else -1. */
static long
get_count(const cJSON *o, const char *key)
{
	long v;
	return parse_json_long(get(o, key), &v) && v >= 0 ? v : -1;
}

/* A cost: a finite non-negative number, else -1 (unknown). */
static double
get_cost(const cJSON *v)
{
	return cJSON_IsNumber(v) && isfinite(v->valuedouble) && v->valuedouble >= 0 ? v->valuedouble
										  : -1;
}

/* Message content: a string, or a list of parts ({"type":"text","text":...}
 * as LiteLLM and OpenHands write them), appended to b one part a line. */
static void
content_text(const cJSON *content, struct buf *b)
{
	const cJSON *part;

	if (cJSON_IsString(content)) {
		buf_puts(b, content->valuestring);
		return;
	}
	if (!cJSON_IsArray(content)) {
		char *js = parse_json_compact(content);
		buf_puts(b, js);
		free(js);
		return;
	}
	cJSON_ArrayForEach(part, content) {
		const char *text = get_str(part, "text");
		const char *type = get_str(part, "type");

		if (b->len)
			buf_putc(b, '\n');
		if (cJSON_IsString(part))
			buf_puts(b, part->valuestring);
		else if (text)
			buf_puts(b, text);
		else if (type && strstr(type, "image"))
			buf_puts(b, "[image]");
		else {
			char *js = parse_json_compact(part);
			buf_puts(b, js);
			free(js);
		}
	}
}

/* Python truthiness of a JSON value (upstream tests `if status:`). */
static bool
truthy(const cJSON *v)
{
	if (!v || cJSON_IsNull(v) || cJSON_IsFalse(v))
		return false;
	if (cJSON_IsString(v))
		return v->valuestring[0] != '\0';
	if (cJSON_IsNumber(v))
		return v->valuedouble != 0;
	if (cJSON_IsArray(v) || cJSON_IsObject(v))
		return v->child != NULL;
	return true;
}

/* ------------------------------------------------------------ commands */

/* Token estimates for trajectories whose model calls left no usage: each
 * call reads every earlier message and writes its own, bytes / 4 tokens
 * (upstream replays the conversation with tiktoken for the same sums). */
struct approx {
	long seen, tin, tout;
};

static void
approx_add(struct approx *ap, bool assistant, size_t bytes)
{
	long tokens = ((long)bytes + 3) / 4;

	if (assistant) {
		ap->tin += ap->seen;
		ap->tout += tokens;
	}
	ap->seen += tokens;
}

/* The command of a message that writes it in a fenced block, as
 * mini-swe-agent reads it (```bash, or ```mswea_bash_command since 2.0,
 * then blank space up to a newline, the command up to "\n```"): only a
 * message with exactly one block ran a command (more is a format error).
 * Stripped of surrounding blank space; NULL when there is none. */
static char *
block_command(const char *text)
{
	static const char *const tags[] = {"```bash", "```mswea_bash_command"};
	const char *found = NULL, *found_end = NULL;
	int blocks = 0;

	for (size_t k = 0; k < sizeof(tags) / sizeof(*tags); k++) {
		size_t tl = strlen(tags[k]);
		const char *p = text;
		while ((p = strstr(p, tags[k]))) {
			const char *q = p + tl, *nl = NULL, *end;
			for (; *q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'; q++)
				if (*q == '\n')
					nl = q;
			if (!nl || !(end = strstr(nl + 1, "\n```"))) {
				p += tl;
				continue;
			}
			blocks++;
			found = nl + 1;
			found_end = end;
			p = end + 4; /* past the closing fence */
		}
	}
	if (blocks != 1)
		return NULL;
	while (found < found_end && strchr(" \t\r\n", *found))
		found++;
	while (found_end > found && strchr(" \t\r\n", found_end[-1]))
		found_end--;
	return xstrndup(found, (size_t)(found_end - found));
}

/* Messages that answer the last assistant message's commands: tool
 * messages by tool_call_id (else in order), or, for plain messages, the
 * next user message. */
struct pending {
	struct {
		const char *id; /* the tool call's id (in the cJSON tree), or NULL */
		size_t step;
	} *v;
	size_t n, cap;
};

static void
pending_add(struct pending *p, const char *id, size_t step)
{
	BT_GROW(p->v, p->cap, p->n + 1);
	p->v[p->n].id = id;
	p->v[p->n++].step = step;
}

/* Link an observation step to the command it answers, if any: a tool
 * message (id may be NULL) any call, a plain message (plain) only a
 * command written in a block. */
static void
pending_answer(struct pending *p, struct trajectory *t, const char *id, bool plain, size_t obs)
{
	for (size_t i = 0; i < p->n; i++) {
		struct traj_step *s = &t->v[p->v[i].step];
		if (plain && p->v[i].id)
			continue;
		if (s->obs < 0 && (!id || !p->v[i].id || str_eq(id, p->v[i].id))) {
			s->obs = (long)obs;
			/* answered: out of the list, which stays short */
			memmove(&p->v[i], &p->v[i + 1], (p->n - i - 1) * sizeof(*p->v));
			p->n--;
			return;
		}
	}
}

/* ------------------------------------------------------------ Mini-SWE */

static int
mini_from_root(const cJSON *root, const char *name, struct trajectory *t, struct bt_error *err)
{
	const cJSON *status, *msgs, *m;
	struct approx ap = {0};
	long pending = -1;

	start(t, "mini");
	if (!cJSON_IsObject(root)) {
		bt_errorf(err, BT_EINPUT, "%s: the top level is %s, expected an object", name,
			  parse_json_type(root));
		return no_trajectory(t);
	}
	status = get(root, "status");
	t->status = cJSON_IsString(status) ? xstrdup(status->valuestring)
		    : status && !cJSON_IsNull(status) ? parse_json_compact(status)
						      : xstrdup("");
	/* 1.6: Submitted / LimitsExceeded as named; in_progress (the agent
	 * died) and any other non-empty status are errors */
	if (!truthy(status))
		set_termination(t, "Unknown");
	else if (str_eq(t->status, "Submitted") && cJSON_IsString(status))
		set_termination(t, "Submitted");
	else if (str_eq(t->status, "LimitsExceeded") && cJSON_IsString(status))
		set_termination(t, "LimitsExceeded");
	else
		set_termination(t, "Error");

	t->steps = 0;
	msgs = get(root, "trajectories");
	if (!cJSON_IsArray(msgs))
		msgs = NULL;
	cJSON_ArrayForEach(m, msgs) {
		const char *role = get_str(m, "role");
		struct traj_step *s;
		struct buf b;

		buf_init(&b);
		if (cJSON_IsObject(m))
			content_text(get(m, "content"), &b);
		else
			content_text(m, &b);
		approx_add(&ap, str_eq(role, "assistant"), b.len);
		t->steps += str_eq(role, "assistant");
		s = add_step(t, role ? role : "", "", "", buf_steal(&b));
		/* the agent's command is its message's ```bash block; the
		 * next user message holds its output */
		if (str_eq(role, "user") && pending >= 0)
			t->v[pending].obs = (long)(t->n - 1);
		pending = -1;
		if (str_eq(role, "assistant") && (s->command = block_command(s->text)))
			pending = (long)(t->n - 1);
	}
	if (t->steps > 0) {
		t->tokens_in = ap.tin;
		t->tokens_out = ap.tout;
		t->tokens_approx = true;
	}
	t->llm_calls = get_count(root, "n_calls");
	t->cost = get_cost(get(root, "cost"));
	return BT_OK;
}

typedef int (*from_root_fn)(const cJSON *root, const char *name, struct trajectory *t,
			   struct bt_error *err);

/* Parse json as one format, whatever its content says. */
static int
parse_as(const char *format, from_root_fn fn, const char *json, size_t len, const char *name,
	 struct trajectory *t, struct bt_error *err)
{
	cJSON *root;
	int rc;

	start(t, format);
	if (!(root = parse_json(json, len, name, err)))
		return no_trajectory(t);
	rc = fn(root, name, t, err);
	cJSON_Delete(root);
	return rc;
}

int
trajectory_parse_mini(const char *json, size_t len, struct trajectory *t, struct bt_error *err)
{
	return parse_as("mini", mini_from_root, json, len, "mini/trajectory.json", t, err);
}

/* ------------------------------------------------------------ mini-swe-agent */

const char *
trajectory_termination_class(const char *exit_status)
{
	if (!exit_status || !*exit_status)
		return "Unknown";
	if (strcmp(exit_status, "Submitted") == 0)
		return "Submitted";
	if (strcmp(exit_status, "LimitsExceeded") == 0 || strcmp(exit_status, "TimeExceeded") == 0)
		return "LimitsExceeded";
	return "Error";
}

/* The command of a tool call: its JSON arguments' "command", else the
 * arguments as written.  Owned by the caller. */
static char *
tool_call_command(const cJSON *call)
{
	const cJSON *args = get(get(call, "function"), "arguments");
	char *out;

	if (cJSON_IsString(args)) {
		cJSON *parsed = cJSON_Parse(args->valuestring);
		const char *cmd = get_str(parsed, "command");
		out = xstrdup(cmd ? cmd : args->valuestring);
		cJSON_Delete(parsed);
		return out;
	}
	if (cJSON_IsObject(args) && get_str(args, "command"))
		return xstrdup(get_str(args, "command"));
	return parse_json_compact(args);
}

static const char *
tool_call_name(const cJSON *tool_calls, const char *id)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, tool_calls) {
		if (!id || str_eq(get_str(c, "id"), id)) {
			const char *n = get_str(get(c, "function"), "name");
			return n ? n : "bash";
		}
	}
	return "bash";
}

/* An assistant message: its thought, then one step per command it ran
 * (extra.actions as the agent parsed them, else its tool calls, else its
 * one ```bash block, kept on the thought's step). */
static void
swe_assistant(struct trajectory *t, const cJSON *m, const char *text, struct pending *p)
{
	const cJSON *actions = get(get(m, "extra"), "actions");
	const cJSON *calls = get(m, "tool_calls");
	const cJSON *a;
	bool any = (cJSON_IsArray(actions) && actions->child) || (cJSON_IsArray(calls) && calls->child);

	p->n = 0;
	if (!any) {
		struct traj_step *s = add_step(t, "assistant", "", "", xstrdup(text));
		if ((s->command = block_command(text)))
			pending_add(p, NULL, t->n - 1);
		return;
	}
	if (*text)
		add_step(t, "assistant", "", "", xstrdup(text));
	if (cJSON_IsArray(actions) && actions->child) {
		cJSON_ArrayForEach(a, actions) {
			const char *cmd = get_str(a, "command");
			const char *id = get_str(a, "tool_call_id");
			char *c = cmd ? xstrdup(cmd) : parse_json_compact(a);
			struct traj_step *s = add_step(t, "action", "", tool_call_name(calls, id), c);
			s->command = xstrdup(c);
			pending_add(p, id, t->n - 1);
		}
		return;
	}
	cJSON_ArrayForEach(a, calls) {
		const char *n = get_str(get(a, "function"), "name");
		char *c = tool_call_command(a);
		struct traj_step *s = add_step(t, "action", "", n ? n : "bash", c);
		s->command = xstrdup(c);
		pending_add(p, get_str(a, "id"), t->n - 1);
	}
}

/* Prompt and completion tokens of an assistant message's response;
 * false when it has no usage. */
static bool
swe_usage(const cJSON *m, long *in, long *out)
{
	const cJSON *u = get(get(get(m, "extra"), "response"), "usage");

	*in = get_count(u, "prompt_tokens");
	*out = get_count(u, "completion_tokens");
	return *in >= 0 && *out >= 0;
}

static int
swe_from_root(const cJSON *root, const char *name, struct trajectory *t, struct bt_error *err)
{
	const cJSON *msgs = cJSON_IsArray(root) ? root : get(root, "messages");
	const cJSON *info = get(root, "info"), *stats = get(info, "model_stats"), *m;
	const char *status = get_str(info, "exit_status");
	const char *cwd = get_str(get(get(info, "config"), "environment"), "cwd");
	struct pending p = {0};
	struct approx ap = {0};
	long uin = 0, uout = 0;
	bool usage = true;

	start(t, "mini-swe-agent");
	if (!cJSON_IsArray(msgs)) {
		set_termination(t, "Unknown");
		t->status = xstrdup("");
		return bt_errorf(err, BT_EINPUT, "%s: no messages: a mini-swe-agent trajectory is a list "
				 "of messages or an object with \"messages\", got %s", name,
				 parse_json_type(root));
	}
	t->steps = 0;
	cJSON_ArrayForEach(m, msgs) {
		const char *role = get_str(m, "role"), *id = get_str(m, "tool_call_id");
		struct buf b;

		if (!role)
			role = "";
		buf_init(&b);
		content_text(cJSON_IsObject(m) ? get(m, "content") : m, &b);
		approx_add(&ap, str_eq(role, "assistant"), b.len);
		if (str_eq(role, "exit") && !status)
			status = get_str(get(m, "extra"), "exit_status");
		if (str_eq(role, "assistant")) {
			long in, out;
			t->steps++;
			if ((usage = usage && swe_usage(m, &in, &out)))
				uin += in, uout += out;
			swe_assistant(t, m, buf_cstr(&b), &p);
			buf_free(&b);
			continue;
		}
		add_step(t, role, "", "", buf_steal(&b));
		/* a tool message answers a tool call; in the older plain form
		 * the next user message answers the ```bash block */
		if (str_eq(role, "tool") || str_eq(role, "user"))
			pending_answer(&p, t, id, str_eq(role, "user"), t->n - 1);
		if (!str_eq(role, "tool"))
			p.n = 0;
	}
	free(p.v);
	t->status = xstrdup(status ? status : "");
	set_termination(t, trajectory_termination_class(status));
	if (cwd)
		t->cwd = xstrdup(cwd);
	t->llm_calls = get_count(stats, "api_calls");
	t->cost = get_cost(get(stats, "instance_cost"));
	if (t->steps > 0) {
		t->tokens_approx = !usage;
		t->tokens_in = usage ? uin : ap.tin;
		t->tokens_out = usage ? uout : ap.tout;
	}
	return BT_OK;
}

/* ------------------------------------------------------------ OpenHands */

/* "key: value" lines for the fields of an action (its kind is the tool). */
static void
action_fields(const cJSON *action, struct buf *b)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, action) {
		if (!f->string || strcmp(f->string, "kind") == 0 || cJSON_IsNull(f))
			continue;
		if (b->len)
			buf_putc(b, '\n');
		buf_printf(b, "%s: ", f->string);
		if (cJSON_IsString(f))
			buf_puts(b, f->valuestring);
		else {
			char *js = parse_json_compact(f);
			buf_puts(b, js);
			free(js);
		}
	}
}

static char *
render_event(const cJSON *ev, const char *kind, const char *tool)
{
	struct buf b;
	const cJSON *v;

	buf_init(&b);
	if (strcmp(kind, "MessageEvent") == 0 && (v = get(get(ev, "llm_message"), "content")))
		content_text(v, &b);
	else if (strcmp(kind, "ActionEvent") == 0) {
		const cJSON *action = get(ev, "action");
		const cJSON *thought = get(ev, "thought");

		if (cJSON_IsArray(thought) && thought->child)
			content_text(thought, &b);
		if (b.len)
			buf_putc(&b, '\n');
		buf_printf(&b, "-> %s", *tool ? tool : "(no tool)");
		if (cJSON_IsObject(action))
			action_fields(action, &b);
		else if ((v = get(get(ev, "tool_call"), "arguments")) != NULL) {
			buf_putc(&b, '\n');
			content_text(v, &b);
		}
	} else if (strcmp(kind, "ObservationEvent") == 0 && (v = get(ev, "observation"))) {
		const cJSON *content = get(v, "content");
		const char *text = get_str(v, "output") ? get_str(v, "output") : get_str(v, "message");

		if (content)
			content_text(content, &b);
		else if (text)
			buf_puts(&b, text);
		else
			content_text(v, &b);
	} else if (strcmp(kind, "SystemPromptEvent") == 0 && (v = get(ev, "system_prompt")))
		content_text(get(v, "text") ? get(v, "text") : v, &b);
	else if (strcmp(kind, "AgentErrorEvent") == 0 && get_str(ev, "error"))
		buf_puts(&b, get_str(ev, "error"));
	else
		content_text(ev, &b);
	return buf_steal(&b);
}

/* The command an agent's action ran: a terminal's command line, else the
 * tool and its fields on one line. */
static char *
action_command(const cJSON *ev, const char *tool)
{
	const cJSON *action = get(ev, "action");
	const char *cmd = get_str(action, "command");
	struct buf b, f;

	if (cmd && (str_eq(tool, "terminal") || str_eq(tool, "execute_bash") || str_eq(tool, "bash")))
		return xstrdup(cmd);
	buf_init(&b);
	buf_init(&f);
	buf_puts(&b, tool);
	if (cJSON_IsObject(action))
		action_fields(action, &f);
	for (size_t i = 0; i < f.len; i++)
		if (f.data[i] == '\n')
			f.data[i] = ' ';
	if (f.len) {
		buf_putc(&b, ' ');
		buf_append(&b, f.data, f.len);
	}
	buf_free(&f);
	return buf_steal(&b);
}

static void
openhands_event(struct trajectory *t, const cJSON *ev, struct pending *p)
{
	const char *kind;
	struct traj_step *s;

	/* the importer keeps an event file that is not JSON as a string */
	if (cJSON_IsString(ev)) {
		add_step(t, "unreadable", "", "", xstrdup(ev->valuestring));
		return;
	}
	kind = get_str(ev, "kind");
	const char *source = get_str(ev, "source");
	const char *tool = get_str(ev, "tool_name");

	if (!kind)
		kind = "";
	if (!source)
		source = "";
	if (!tool)
		tool = "";
	s = add_step(t, *kind ? kind : "unknown", source, tool, render_event(ev, kind, tool));
	if (strcmp(kind, "ActionEvent") == 0 && strcmp(source, "agent") == 0) {
		t->steps++;
		s->command = action_command(ev, tool);
		pending_add(p, get_str(ev, "tool_call_id"), t->n - 1);
	} else if (strcmp(kind, "ObservationEvent") == 0) {
		pending_answer(p, t, get_str(ev, "tool_call_id"), false, t->n - 1);
	}
}

/* 1.6: a last event that finishes means Submitted; otherwise the state
 * decides.  last may be NULL (no events, or the last one unreadable). */
static void
openhands_finish(struct trajectory *t, const cJSON *base, const cJSON *last)
{
	const cJSON *stats = get(get(get(base, "stats"), "usage_to_metrics"), "default");
	const cJSON *usage = get(stats, "accumulated_token_usage");
	const cJSON *calls = get(stats, "token_usages");
	const cJSON *cost = get(stats, "accumulated_cost");
	const char *status = get_str(base, "execution_status");
	const char *why;

	t->status = xstrdup(status ? status : "");
	if (str_eq(get_str(last, "tool_name"), "finish") ||
	    str_eq(get_str(get(last, "observation"), "kind"), "FinishObservation"))
		why = "Submitted";
	else if (str_eq(status, "running") || str_eq(status, "stuck") || str_eq(status, "idle") ||
		 str_eq(status, "finished"))
		why = "LimitsExceeded";
	else if (str_eq(status, "error"))
		why = "Error";
	else
		why = "Unknown";
	set_termination(t, why);
	t->tokens_in = get_count(usage, "prompt_tokens");
	t->tokens_out = get_count(usage, "completion_tokens");
	t->llm_calls = cJSON_IsArray(calls) ? cJSON_GetArraySize(calls) : -1;
	t->cost = get_cost(cost);
}

static cJSON *
parse_base(const char *json, size_t len, struct bt_error *err)
{
	cJSON *base = parse_json(json, len, "base_state.json", err);

	if (base && !cJSON_IsObject(base)) {
		bt_errorf(err, BT_EINPUT, "base_state.json: the top level is %s, expected an object",
			  parse_json_type(base));
		cJSON_Delete(base);
		return NULL;
	}
	return base;
}

int
trajectory_parse_openhands(const char *base_state, size_t base_len,
			   const char *const *events, const size_t *event_lens, size_t n_events,
			   struct trajectory *t, struct bt_error *err)
{
	cJSON *base, *last = NULL;
	struct pending p = {0};

	start(t, "openhands");
	base = parse_base(base_state, base_len, err);
	if (!base)
		return no_trajectory(t);
	t->steps = 0;
	for (size_t i = 0; i < n_events; i++) {
		struct bt_error eerr;
		char name[48];
		cJSON *ev;

		snprintf(name, sizeof(name), "event %zu", i + 1);
		ev = parse_json(events[i], event_lens[i], name, &eerr);
		cJSON_Delete(last);
		last = ev;
		if (ev)
			openhands_event(t, ev, &p);
		else
			add_step(t, "unreadable", "", "", xstrdup(eerr.msg));
	}
	free(p.v);
	openhands_finish(t, base, last);
	cJSON_Delete(last);
	cJSON_Delete(base);
	return BT_OK;
}

static int
bundle_from_root(const cJSON *root, const char *name, struct trajectory *t, struct bt_error *err)
{
	const cJSON *base = get(root, "base_state"), *events = get(root, "events"), *ev, *last = NULL;
	struct pending p = {0};

	start(t, "openhands");
	if (!cJSON_IsObject(base) || (events && !cJSON_IsArray(events))) {
		bt_errorf(err, BT_EINPUT,
			  "%s: expected {\"base_state\": {...}, \"events\": [...]}, "
			  "base_state is %s and events %s", name,
			  parse_json_type(base), parse_json_type(events));
		return no_trajectory(t);
	}
	t->steps = 0;
	cJSON_ArrayForEach(ev, events) {
		openhands_event(t, ev, &p);
		last = ev;
	}
	free(p.v);
	openhands_finish(t, base, last);
	return BT_OK;
}

int
trajectory_parse_openhands_bundle(const char *json, size_t len, struct trajectory *t,
				  struct bt_error *err)
{
	return parse_as("openhands", bundle_from_root, json, len, "openhands trajectory", t, err);
}

/* ------------------------------------------------------------ any format */

/* The format the content shows, or NULL when it does not tell. */
static const char *
detect(const cJSON *root)
{
	if (cJSON_IsArray(root))
		return "mini-swe-agent";
	if (!cJSON_IsObject(root))
		return NULL;
	if (get(root, "base_state"))
		return "openhands";
	if (cJSON_IsArray(get(root, "messages")) ||
	    (get_str(root, "trajectory_format") &&
	     str_starts(get_str(root, "trajectory_format"), "mini-swe-agent")))
		return "mini-swe-agent";
	if (get(root, "trajectories") || get(root, "status"))
		return "mini";
	return NULL;
}

int
trajectory_parse(const char *format, const char *data, size_t len, const char *name,
		 struct trajectory *t, struct bt_error *err)
{
	const char *hint = !format || !*format || str_eq(format, "auto") ? ""
			   : str_eq(format, "mini-sdk") ? "mini" : format;
	const char *fmt;
	cJSON *root;
	int rc;

	if (*hint && !str_eq(hint, "mini") && !str_eq(hint, "mini-swe-agent") &&
	    !str_eq(hint, "openhands")) {
		start(t, "");
		bt_errorf(err, BT_EINPUT, "%s: unknown trajectory format '%s' (expected auto, mini-sdk, "
			  "mini-swe-agent or openhands)", name, format);
		return no_trajectory(t);
	}
	start(t, hint);
	if (!(root = parse_json(data, len, name, err)))
		return no_trajectory(t);
	/* the content decides; the hint (a file's place, a JSONL "format")
	 * only where the content does not tell */
	fmt = detect(root);
	if (!fmt)
		fmt = hint;
	if (str_eq(fmt, "mini"))
		rc = mini_from_root(root, name, t, err);
	else if (str_eq(fmt, "mini-swe-agent"))
		rc = swe_from_root(root, name, t, err);
	else if (str_eq(fmt, "openhands"))
		rc = bundle_from_root(root, name, t, err);
	else {
		struct buf keys;
		const cJSON *k;
		int shown = 0;

		/* valid JSON: upstream's rules would read no status, Unknown */
		start(t, "");
		set_termination(t, "Unknown");
		t->status = xstrdup("");
		buf_init(&keys);
		const cJSON *obj = cJSON_IsObject(root) ? root : NULL;
		cJSON_ArrayForEach(k, obj)
			if (k->string && shown++ < 4)
				buf_printf(&keys, "%s%s", shown > 1 ? ", " : " with keys ", k->string);
		if (shown > 4)
			buf_puts(&keys, ", ...");
		rc = bt_errorf(err, BT_EINPUT, "%s: unknown trajectory format: %s%s (expected a "
			       "mini-swe-agent trajectory, the benchmark's Mini-SWE trajectory.json "
			       "or an OpenHands conversation)", name, parse_json_type(root),
			       buf_cstr(&keys));
		buf_free(&keys);
	}
	cJSON_Delete(root);
	return rc;
}
