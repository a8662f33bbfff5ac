/* gen_traj.c: agent trajectories consistent with the attempt.
 *
 * One step script (explore, write the patch's files, install, start the
 * server, probe endpoints, fix, submit) is rendered as a Mini-SWE
 * trajectory.json (spec 1.4) or an OpenHands conversation folder (1.5).
 * What the agent sees when it probes matches the simulated server: a crash
 * shows the startup error, a defect shows the failing endpoint.  A stuck
 * agent repeats one command until the step limit.
 */
#include "config.h"

#include "gen.h"

#include <string.h>

struct step {
	struct buf thought, cmd, out;
	int rc;
	const char *path; /* file written by this step, else NULL */
};

struct script {
	const struct gen_attempt *a;
	struct gen_rng rng;
	const char *files[48];
	size_t nfiles;
	int fail_req;      /* a request that failed in the Newman run, -1 if none */
	char run_cmd[96];
	char install[64];
};

static const char *const explore_thoughts[] = {
	"Let me look at the workspace first to see what is already there.",
	"I'll start by inspecting the repository layout.",
	"First, check what the current directory contains.",
};
static const char *const fix_thoughts[] = {
	"The response is not what the spec expects. Let me look at the handler and fix it.",
	"That endpoint fails. I'll inspect the code path and correct it.",
	"This needs a fix; let me patch the relevant module and try again.",
};
static const char *const test_thoughts[] = {
	"Let me exercise another endpoint to make sure it behaves as specified.",
	"Now I'll check the next group of endpoints with curl.",
	"Let me verify the response shape of this endpoint against the spec.",
};

static void
script_init(struct script *s, const struct gen_attempt *a)
{
	const struct gen_task *t = a->task;

	memset(s, 0, sizeof(*s));
	s->a = a;
	gen_attempt_rng(a, "trajectory", &s->rng);
	s->nfiles = a->patch == GP_NORMAL ? gen_patch_files(a, s->files, GEN_NELEM(s->files)) : 0;
	s->fail_req = -1;
	for (int i = 0; i < GEN_N_REQUESTS && a->crash == GC_NONE; i++)
		if (!a->req[i].errored && a->req[i].n_pass < a->req[i].n_total) {
			s->fail_req = i;
			break;
		}
	snprintf(s->run_cmd, sizeof(s->run_cmd), "%s", "./run.sh > /tmp/server.log 2>&1 &");
	snprintf(s->install, sizeof(s->install), "%s",
		 t->python ? "pip install -q -r requirements.txt" : "npm install --no-audit --no-fund");
}

static void
step_reset(struct step *st)
{
	buf_reset(&st->thought);
	buf_reset(&st->cmd);
	buf_reset(&st->out);
	st->rc = 0;
	st->path = NULL;
}

static void
file_stub(const struct script *s, struct buf *b, const char *path)
{
	if (strstr(path, "requirements.txt"))
		buf_puts(b, "flask>=3.0.0\nPyJWT>=2.8.0\nbcrypt>=4.1.2\n");
	else if (strstr(path, "package.json"))
		buf_puts(b, "{\n  \"name\": \"conduit-api\",\n  \"main\": \"src/index.js\"\n}\n");
	else if (strstr(path, "run.sh"))
		buf_puts(b, "#!/bin/bash\nset -e\n");
	else if (s->a->task->python)
		buf_printf(b, "\"\"\"%s for the Conduit API.\"\"\"\n\n# (file body written here)\n", path);
	else
		buf_printf(b, "// %s for the Conduit API.\n\n// (file body written here)\n", path);
}

/* Fill step i of n. */
static void
make_step(struct script *s, int i, int n, struct step *st)
{
	const struct gen_attempt *a = s->a;
	int port = a->task->port;
	int first_test = 2 + (int)s->nfiles;
	bool last = i == n - 1;

	step_reset(st);
	if (last && a->term == GT_SUBMITTED) {
		buf_puts(&st->thought, a->crash == GC_NONE ?
			 "The endpoints respond as the specification requires. I'm done; submitting." :
			 "The implementation is complete as far as I can test here. Submitting.");
		buf_puts(&st->cmd, "echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && git add -A && git diff --cached --stat");
		return;
	}
	if (a->stuck && i > n / 8) {
		/* the same failing command, over and over */
		buf_puts(&st->thought, "The server still does not start. Let me run it again and look at the error.");
		buf_printf(&st->cmd, "%s && sleep 3 && tail -n 5 /tmp/server.log", s->run_cmd);
		buf_puts(&st->out, a->task->python ? "ModuleNotFoundError: No module named 'app.routes.articles'\n" :
						     "Error: Cannot find module './routes/articles'\n");
		st->rc = 1;
		return;
	}
	if (i == 0) {
		buf_puts(&st->thought, GEN_PICK(&s->rng, explore_thoughts));
		buf_puts(&st->cmd, "ls -la && git log --oneline | head -5");
		buf_puts(&st->out, "total 12\ndrwxr-xr-x 3 root root 4096 .\ndrwxr-xr-x 1 root root 4096 ..\n"
				   "drwxr-xr-x 8 root root 4096 .git\n-rw-r--r-- 1 root root    0 gitkeep\n1f0c2d3 initial commit\n");
		return;
	}
	if (i >= 1 && i <= (int)s->nfiles && i < n - 3) {
		const char *path = s->files[i - 1];
		const char *slash = strrchr(path, '/');
		buf_printf(&st->thought, "Now I'll write %s.", path);
		if (slash)
			buf_printf(&st->cmd, "mkdir -p %.*s && ", (int)(slash - path), path);
		buf_printf(&st->cmd, "cat <<'EOF' > %s\n", path);
		file_stub(s, &st->cmd, path);
		buf_puts(&st->cmd, "EOF");
		st->path = path;
		return;
	}
	if (i == (int)s->nfiles + 1 || (i == 1 && s->nfiles == 0)) {
		buf_puts(&st->thought, "Install the dependencies before starting the server.");
		buf_puts(&st->cmd, s->install);
		if (a->crash == GC_INSTALL) {
			st->rc = 1;
			buf_puts(&st->out, a->task->python ? "ERROR: No matching distribution found for PyJWT==3.9.1\n" :
							     "npm error notarget No matching version found for jsonwebtoken@^10.4.0.\n");
		} else {
			buf_puts(&st->out, a->task->python ? "" : "added 164 packages in 6s\n");
		}
		return;
	}
	if (i == first_test) {
		buf_puts(&st->thought, "Start the server and register a user to check the basic flow.");
		buf_printf(&st->cmd, "%s sleep 3 && curl -s -X POST localhost:%d/api/users -H 'Content-Type: application/json' "
				     "-d '{\"user\":{\"email\":\"a@b.c\",\"username\":\"abc\",\"password\":\"pw\"}}'",
			   s->run_cmd, port);
		if (a->crash != GC_NONE) {
			st->rc = 7;
			buf_printf(&st->out, "curl: (7) Failed to connect to localhost port %d after 0 ms: Couldn't connect to server\n", port);
		} else if (a->req[0].code >= 500) {
			st->rc = 0;
			buf_puts(&st->out, "<!doctype html>\n<title>500 Internal Server Error</title>\n");
		} else {
			buf_puts(&st->out, "{\"user\":{\"email\":\"a@b.c\",\"username\":\"abc\",\"bio\":null,\"image\":null,\"token\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.x\"}}\n");
		}
		return;
	}
	if (a->crash != GC_NONE && i == first_test + 1) {
		buf_puts(&st->thought, "The server is not reachable here; probably the sandbox lacks the database/service. "
				       "The code itself should be fine in the evaluation environment.");
		buf_puts(&st->cmd, "tail -n 5 /tmp/server.log");
		buf_puts(&st->out, a->task->python ? "Traceback (most recent call last):\n  ...\n" : "node:internal/modules/cjs/loader:1228\n  throw err;\n");
		return;
	}
	/* probe and fix */
	{
		int req = (i % 3 == 0 && s->fail_req >= 0) ? s->fail_req : (int)gen_rng_below(&s->rng, GEN_N_REQUESTS);
		const struct gen_request_def *d = &gen_requests[req];
		const struct gen_req *r = &a->req[req];
		if (i % 2 == 0) {
			buf_puts(&st->thought, GEN_PICK(&s->rng, test_thoughts));
			buf_printf(&st->cmd, "curl -s -o /dev/null -w '%%{http_code}' -X %s 'localhost:%d%s'", d->method, port,
				   strstr(r->url + 7, "/"));
			buf_printf(&st->out, "%d", r->errored || a->crash ? 0 : r->code);
		} else {
			const char *f = s->nfiles ? s->files[gen_rng_below(&s->rng, (unsigned)s->nfiles)] : "app/main.py";
			buf_puts(&st->thought, GEN_PICK(&s->rng, fix_thoughts));
			buf_printf(&st->cmd, "grep -n \"def \\|async \\|router\\.\" %s | head -20", f);
			buf_printf(&st->out, "12:%s\n27:%s\n", a->task->python ? "def create(self, payload, viewer):" : "  async create(body, viewer) {",
				   a->task->python ? "def get(self, slug, viewer=None):" : "  async get(slug, viewer) {");
		}
	}
}

static void
step_free(struct step *st)
{
	buf_free(&st->thought);
	buf_free(&st->cmd);
	buf_free(&st->out);
}

static long
tokens_of(size_t bytes)
{
	return (long)((bytes + 3) / 4);
}

static void
put_cost(struct buf *b, double cost)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%.6f", cost);
	while (n > 3 && tmp[n - 1] == '0' && tmp[n - 2] != '.')
		tmp[--n] = '\0';
	buf_puts(b, tmp);
}

static double
price_in(const struct gen_attempt *a)
{
	return (0.2 + 1.3 * a->run->skill) / 1e6; /* USD per input token */
}

static void
prompt_text(const struct gen_attempt *a, struct buf *b)
{
	char cons[96];
	task_constraints_string(a->task->constraints, cons, sizeof(cons));
	if (a->task->kind == TASK_FEATURE)
		buf_printf(b, "[SYNTHETIC task text generated by benchtop-gen]\nThe repository is a %s Conduit app with part of its API removed. "
			      "Add the missing %s functionality so that it matches the Conduit OpenAPI contract.",
			   task_framework_display(a->task->framework), gen_group_name(a->task->removed_groups & -a->task->removed_groups));
	else
		buf_printf(b, "[SYNTHETIC task text generated by benchtop-gen]\nBuild the Conduit REST API (19 operations under /api) with %s. "
			      "Constraints: %s. Provide %s and an executable run.sh; the server must listen on port %d "
			      "and answer GET /api/health-check with 200.",
			   task_framework_display(a->task->framework), cons[0] ? cons : "none",
			   a->task->python ? "requirements.txt" : "package.json", a->task->port);
}

void
gen_traj_mini(const struct gen_attempt *a, struct buf *out, struct gen_facts *facts)
{
	struct script s;
	struct step st = {0};
	struct buf msg, prompt;
	long history = 0;
	int n = a->steps;
	bool final = a->term == GT_SUBMITTED || a->term == GT_LIMITS;
	size_t start = out->len;

	memset(facts, 0, sizeof(*facts));
	script_init(&s, a);
	buf_init(&msg);
	buf_init(&prompt);
	prompt_text(a, &prompt);
	if (final)
		buf_printf(out, "{\n    \"status\": \"%s\",\n    \"message\": \"\",\n    \"cost\": COST_PLACEHOLDER,\n"
				"    \"n_calls\": %d,\n    \"trajectories\": [\n", gen_term_name(a), n);
	else
		buf_puts(out, "{\n    \"status\": \"in_progress\",\n    \"message\": \"\",\n    \"trajectories\": [\n");

#define MSG(role, text, len)                                                                 \
	do {                                                                                 \
		buf_puts(out, history ? ",\n" : "");                                         \
		buf_puts(out, "        {\n            \"role\": \"" role "\",\n            \"content\": "); \
		gen_json_str(out, (text), (len), true);                                      \
		buf_puts(out, "\n        }");                                                \
		history += tokens_of(len);                                                   \
	} while (0)

	{
		static const char sys[] = "[SYNTHETIC trajectory generated by benchtop-gen]\nYou are a software engineer working in a shell. "
					  "Answer with a THOUGHT section and exactly one bash code block per reply.";
		MSG("system", sys, sizeof(sys) - 1);
		MSG("user", prompt.data, prompt.len);
	}
	for (int i = 0; i < n; i++) {
		make_step(&s, i, n, &st);
		buf_reset(&msg);
		buf_printf(&msg, "THOUGHT: %s\n\n```bash\n%s\n```", buf_cstr(&st.thought), buf_cstr(&st.cmd));
		facts->tokens_in += history;
		facts->tokens_out += tokens_of(msg.len);
		facts->calls++;
		MSG("assistant", msg.data, msg.len);
		if (i == n - 1 && a->term == GT_SUBMITTED)
			break;
		buf_reset(&msg);
		buf_printf(&msg, "<returncode>%d</returncode>\n<output>\n%s</output>", st.rc, buf_cstr(&st.out));
		MSG("user", msg.data, msg.len);
	}
#undef MSG
	buf_puts(out, "\n    ]\n}");
	facts->steps = facts->calls;
	facts->cost = (double)facts->tokens_in * price_in(a) + (double)facts->tokens_out * price_in(a) * 4;
	if (final) {
		/* fill in the cost now that the tokens are known */
		struct buf c;
		char *p = strstr(out->data + start, "COST_PLACEHOLDER");
		buf_init(&c);
		put_cost(&c, facts->cost);
		memmove(p + c.len, p + 16, out->len - (size_t)(p + 16 - out->data) + 1);
		memcpy(p, c.data, c.len);
		out->len = out->len + c.len - 16;
		buf_free(&c);
	}
	if (a->term == GT_NOTRAJ)
		/* the process died while writing: truncated, not valid JSON */
		out->len = start + (out->len - start) * 3 / 5;
	out->data[out->len] = '\0';
	step_free(&st);
	buf_free(&msg);
	buf_free(&prompt);
}

/* ------------------------------------------------------------ OpenHands */

struct oh {
	gen_emit_fn emit;
	void *ctx;
	struct buf ev;
	int index;
	int64_t ms;
	struct gen_rng rng;
	char last_id[37];
};

static void
oh_begin(struct oh *o, const char *kind, const char *source)
{
	char ts[40];
	buf_reset(&o->ev);
	gen_rng_uuid(&o->rng, o->last_id);
	gen_time_iso(o->ms, ts);
	ts[23] = '\0'; /* drop the Z: the SDK writes naive ISO times */
	buf_printf(&o->ev, "{\"kind\":\"%s\",\"id\":\"%s\",\"timestamp\":\"%s\",\"source\":\"%s\"", kind, o->last_id,
		   ts, source);
}

static void
oh_end(struct oh *o)
{
	char name[96];
	buf_putc(&o->ev, '}');
	snprintf(name, sizeof(name), "events/event-%05d-%s.json", o->index++, o->last_id);
	o->emit(name, o->ev.data, o->ev.len, o->ctx);
	o->ms += 1500 + (int64_t)gen_rng_below(&o->rng, 9000);
}

void
gen_traj_openhands(const struct gen_attempt *a, char conv[33], gen_emit_fn emit, void *ctx,
		   struct gen_facts *facts)
{
	struct script s;
	struct step st = {0};
	struct oh o = {.emit = emit, .ctx = ctx, .ms = a->start_ms};
	struct buf prompt, usages, base;
	long history = 0;
	int n = a->steps;
	const char *status;

	memset(facts, 0, sizeof(*facts));
	script_init(&s, a);
	gen_attempt_rng(a, "openhands", &o.rng);
	gen_rng_hex(&o.rng, conv, 32);
	buf_init(&o.ev);
	buf_init(&prompt);
	buf_init(&usages);
	buf_init(&base);
	prompt_text(a, &prompt);

	oh_begin(&o, "SystemPromptEvent", "agent");
	buf_puts(&o.ev, ",\"system_prompt\":{\"type\":\"text\",\"text\":\"[SYNTHETIC trajectory generated by benchtop-gen] "
			"You are OpenHands agent, a helpful AI assistant that can interact with a computer to solve tasks.\"},"
			"\"tools\":[\"terminal\",\"file_editor\",\"task_tracker\",\"finish\"]");
	oh_end(&o);
	history += 60;
	oh_begin(&o, "MessageEvent", "user");
	buf_puts(&o.ev, ",\"llm_message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":");
	gen_json_str(&o.ev, prompt.data, prompt.len, false);
	buf_puts(&o.ev, "}]}");
	oh_end(&o);
	history += tokens_of(prompt.len);

	for (int i = 0; i < n; i++) {
		char call_id[25], resp[25];
		long p_tok, c_tok;
		size_t before;
		bool finish = i == n - 1 && a->term == GT_SUBMITTED;

		make_step(&s, i, n, &st);
		gen_rng_hex(&o.rng, call_id, 24);
		gen_rng_hex(&o.rng, resp, 24);
		oh_begin(&o, "ActionEvent", "agent");
		before = o.ev.len;
		buf_puts(&o.ev, ",\"thought\":[{\"type\":\"text\",\"text\":");
		gen_json_str(&o.ev, st.thought.data, st.thought.len, false);
		buf_puts(&o.ev, "}],\"action\":");
		if (finish) {
			buf_puts(&o.ev, "{\"kind\":\"FinishAction\",\"message\":\"The Conduit API is implemented and the server starts with ./run.sh.\"}");
		} else if (st.path) {
			buf_printf(&o.ev, "{\"kind\":\"FileEditorAction\",\"command\":\"create\",\"path\":\"/workspace/%s\",\"file_text\":", st.path);
			const char *body = strchr(st.cmd.data, '\n');
			gen_json_cstr(&o.ev, body ? body + 1 : "");
			buf_putc(&o.ev, '}');
		} else {
			buf_puts(&o.ev, "{\"kind\":\"ExecuteBashAction\",\"command\":");
			gen_json_str(&o.ev, st.cmd.data, st.cmd.len, false);
			buf_puts(&o.ev, ",\"is_input\":false,\"reset\":false}");
		}
		buf_printf(&o.ev, ",\"tool_name\":\"%s\",\"tool_call_id\":\"call_%s\",\"llm_response_id\":\"chatcmpl-%s\"",
			   finish ? "finish" : st.path ? "file_editor" : "terminal", call_id, resp);
		c_tok = tokens_of(o.ev.len - before) + 40;
		p_tok = history;
		facts->tokens_in += p_tok;
		facts->tokens_out += c_tok;
		facts->calls++;
		history += c_tok;
		buf_printf(&usages, "%s{\"model\":\"%s\",\"prompt_tokens\":%ld,\"completion_tokens\":%ld,\"cache_read_tokens\":0,"
				    "\"cache_write_tokens\":0,\"reasoning_tokens\":0,\"context_window\":131072,\"per_turn_token\":%ld,"
				    "\"response_id\":\"chatcmpl-%s\"}",
			   i ? "," : "", a->run->model, p_tok, c_tok, p_tok + c_tok, resp);
		oh_end(&o);
		if (finish)
			break;
		oh_begin(&o, "ObservationEvent", "environment");
		buf_printf(&o.ev, ",\"tool_name\":\"%s\",\"tool_call_id\":\"call_%s\",\"observation\":",
			   st.path ? "file_editor" : "terminal", call_id);
		if (st.path) {
			buf_printf(&o.ev, "{\"kind\":\"FileEditorObservation\",\"command\":\"create\",\"path\":\"/workspace/%s\","
					  "\"content\":[{\"type\":\"text\",\"text\":\"File created successfully at: /workspace/%s\"}]}",
				   st.path, st.path);
		} else {
			buf_puts(&o.ev, "{\"kind\":\"ExecuteBashObservation\",\"content\":[{\"type\":\"text\",\"text\":");
			gen_json_str(&o.ev, st.out.data, st.out.len, false);
			buf_printf(&o.ev, "}],\"exit_code\":%d}", st.rc);
		}
		history += tokens_of(st.out.len) + 20;
		oh_end(&o);
	}
	if (a->term == GT_ERROR) {
		oh_begin(&o, "AgentErrorEvent", "agent");
		buf_puts(&o.ev, ",\"error\":\"litellm.InternalServerError: upstream connection reset\"");
		oh_end(&o);
	}
	status = a->term == GT_SUBMITTED ? "finished" : a->term == GT_ERROR ? "error" :
		 a->stuck ? "stuck" : "running";
	facts->steps = facts->calls;
	facts->cost = (double)facts->tokens_in * price_in(a) + (double)facts->tokens_out * price_in(a) * 4;
	{
		char uuid[37];
		gen_rng_uuid(&o.rng, uuid);
		buf_printf(&base, "{\"id\":\"%s\",\"agent\":{\"kind\":\"Agent\",\"llm\":{\"model\":\"%s\",\"usage_id\":\"default\"},"
				  "\"tools\":[{\"name\":\"terminal\"},{\"name\":\"file_editor\"},{\"name\":\"task_tracker\"}]},"
				  "\"workspace\":{\"kind\":\"LocalWorkspace\",\"working_dir\":\"/workspace\"},"
				  "\"persistence_dir\":\"/results/%s\",\"max_iterations\":200,\"stuck_detection\":true,"
				  "\"execution_status\":\"%s\",\"confirmation_policy\":{\"kind\":\"NeverConfirm\"},"
				  "\"activated_knowledge_skills\":[],\"stats\":{\"usage_to_metrics\":{\"default\":{\"model_name\":\"%s\","
				  "\"accumulated_cost\":",
			   uuid, a->run->model, conv, status, a->run->model);
		put_cost(&base, facts->cost);
		buf_printf(&base, ",\"accumulated_token_usage\":{\"model\":\"%s\",\"prompt_tokens\":%ld,\"completion_tokens\":%ld,"
				  "\"cache_read_tokens\":0,\"cache_write_tokens\":0,\"reasoning_tokens\":0,\"context_window\":131072,"
				  "\"per_turn_token\":0,\"response_id\":\"\"},\"costs\":[],\"response_latencies\":[],\"token_usages\":[",
			   a->run->model, facts->tokens_in, facts->tokens_out);
		buf_append(&base, usages.data, usages.len);
		buf_puts(&base, "]}}}}");
		if (a->term == GT_NOTRAJ)
			base.len = base.len / 2; /* unreadable state file */
		emit("base_state.json", base.data, base.len, ctx);
	}
	step_free(&st);
	buf_free(&o.ev);
	buf_free(&prompt);
	buf_free(&usages);
	buf_free(&base);
}
