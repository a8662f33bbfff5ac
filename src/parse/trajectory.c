/* trajectory.c: Mini-SWE and OpenHands trajectories (upstream-format.md
 * 1.4-1.6): the termination reason exactly as trajectory_analysis.py
 * classifies it, the counts the metrics use, and a readable step list for
 * the viewer.
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
	}
	free(t->v);
	free(t->termination);
	free(t->status);
	trajectory_init(t);
}

static void
start(struct trajectory *t, const char *format)
{
	trajectory_free(t);
	snprintf(t->format, sizeof(t->format), "%s", format);
}

static void
add_step(struct trajectory *t, const char *role, const char *source, const char *tool, char *text)
{
	struct traj_step *s;

	BT_GROW(t->v, t->cap, t->n + 1);
	s = &t->v[t->n++];
	s->role = xstrdup(role);
	s->source = xstrdup(source);
	s->tool = xstrdup(tool);
	s->text = text;
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

/* ------------------------------------------------------------ Mini-SWE */

int
trajectory_parse_mini(const char *json, size_t len, struct trajectory *t, struct bt_error *err)
{
	cJSON *root;
	const cJSON *status, *msgs, *m, *cost;

	start(t, "mini");
	root = parse_json(json, len, "mini/trajectory.json", err);
	if (!root)
		return no_trajectory(t);
	if (!cJSON_IsObject(root)) {
		bt_errorf(err, BT_EINPUT, "mini/trajectory.json: the top level is %s, expected an "
			  "object", parse_json_type(root));
		cJSON_Delete(root);
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
	/* Mini-SWE records no token counts; upstream replays the conversation
	 * with tiktoken (each model call reads every earlier message and writes
	 * its own).  Without the tokenizer, bytes / 4 estimates the same sums. */
	long seen = 0, tin = 0, tout = 0;
	cJSON_ArrayForEach(m, msgs) {
		const char *role = get_str(m, "role");
		struct buf b;
		long tokens;

		buf_init(&b);
		if (cJSON_IsObject(m))
			content_text(get(m, "content"), &b);
		else
			content_text(m, &b);
		tokens = ((long)b.len + 3) / 4;
		if (str_eq(role, "assistant")) {
			t->steps++;
			tin += seen;
			tout += tokens;
		}
		seen += tokens;
		add_step(t, role ? role : "", "", "", buf_steal(&b));
	}
	if (t->steps > 0) {
		t->tokens_in = tin;
		t->tokens_out = tout;
		t->tokens_approx = true;
	}
	t->llm_calls = get_count(root, "n_calls");
	cost = get(root, "cost");
	if (cJSON_IsNumber(cost) && isfinite(cost->valuedouble) && cost->valuedouble >= 0)
		t->cost = cost->valuedouble;
	cJSON_Delete(root);
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

static void
openhands_event(struct trajectory *t, const cJSON *ev)
{
	const char *kind;

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
	if (strcmp(kind, "ActionEvent") == 0 && strcmp(source, "agent") == 0)
		t->steps++;
	add_step(t, *kind ? kind : "unknown", source, tool, render_event(ev, kind, tool));
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
	if (cJSON_IsNumber(cost) && isfinite(cost->valuedouble) && cost->valuedouble >= 0)
		t->cost = cost->valuedouble;
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
			openhands_event(t, ev);
		else
			add_step(t, "unreadable", "", "", xstrdup(eerr.msg));
	}
	openhands_finish(t, base, last);
	cJSON_Delete(last);
	cJSON_Delete(base);
	return BT_OK;
}

int
trajectory_parse_openhands_bundle(const char *json, size_t len, struct trajectory *t,
				  struct bt_error *err)
{
	cJSON *root;
	const cJSON *base, *events, *ev, *last = NULL;

	start(t, "openhands");
	root = parse_json(json, len, "openhands trajectory", err);
	if (!root)
		return no_trajectory(t);
	base = get(root, "base_state");
	events = get(root, "events");
	if (!cJSON_IsObject(base) || (events && !cJSON_IsArray(events))) {
		bt_errorf(err, BT_EINPUT,
			  "openhands trajectory: expected {\"base_state\": {...}, \"events\": [...]}, "
			  "base_state is %s and events %s",
			  parse_json_type(base), parse_json_type(events));
		cJSON_Delete(root);
		return no_trajectory(t);
	}
	t->steps = 0;
	cJSON_ArrayForEach(ev, events) {
		openhands_event(t, ev);
		last = ev;
	}
	openhands_finish(t, base, last);
	cJSON_Delete(root);
	return BT_OK;
}

int
trajectory_parse(const char *format, const char *data, size_t len, struct trajectory *t,
		 struct bt_error *err)
{
	if (str_eq(format, "mini"))
		return trajectory_parse_mini(data, len, t, err);
	if (str_eq(format, "openhands"))
		return trajectory_parse_openhands_bundle(data, len, t, err);
	start(t, "");
	bt_errorf(err, BT_EINPUT, "unknown trajectory format '%s' (expected mini or openhands)",
		  format ? format : "");
	return no_trajectory(t);
}
