/* Task-name parsing and the benchmark vocabulary (spec section 3). */
#include "config.h"

#include "benchtop/task.h"
#include "tap.h"

static void
test_generation_names(void)
{
	struct task_info t;
	char why[128], cs[128], name[128];

	tap_ok(task_parse_generation("flask-openapi-unconstrained", &t, why, sizeof(why)),
	       "L0 name parses");
	tap_is_int(t.level, 0, "unconstrained is level 0");
	tap_is_int(t.constraints, 0, "no constraint bits");
	tap_is_str(t.runtime, "uv", "flask is a uv task");

	tap_ok(task_parse_generation("hono-openapi-clean_architecture-postgres-sequelize", &t, why,
				     sizeof(why)), "L3 node name parses");
	tap_is_int(t.level, 3, "three constraints");
	tap_is_int(t.constraints, TC_ARCH | TC_POSTGRES | TC_SEQUELIZE, "bits");
	tap_is_str(t.framework, "hono", "framework token 0");
	tap_is_str(t.runtime, "node", "hono is node");
	task_constraints_string(t.constraints, cs, sizeof(cs));
	tap_is_str(cs, "clean_architecture-postgres-sequelize", "canonical constraint string");

	tap_ok(!task_parse_generation("flask-openapi-mongodb", &t, why, sizeof(why)),
	       "unknown constraint rejected");
	tap_is_str(why, "unknown constraint 'mongodb'", "reason names the token");
	tap_ok(!task_parse_generation("rails-openapi-unconstrained", &t, why, sizeof(why)),
	       "unknown framework rejected");
	tap_ok(!task_parse_generation("flask-openapi-sqlite-sqlite", &t, why, sizeof(why)),
	       "duplicate constraint rejected");
	tap_ok(!task_parse_generation("flask", &t, why, sizeof(why)), "truncated name rejected");
	tap_ok(!task_parse_generation("", &t, why, sizeof(why)), "empty name rejected");

	task_generation_name("koa", TC_SQLITE | TC_SEQUELIZE, name, sizeof(name));
	tap_is_str(name, "koa-openapi-sqlite-sequelize", "name from framework and bits");
	task_generation_name("koa", 0, name, sizeof(name));
	tap_is_str(name, "koa-openapi-unconstrained", "L0 name");
}

static void
test_feature_and_display(void)
{
	struct task_info t;
	char why[128];

	tap_ok(task_parse_feature("honojs", "hard-focused-task-002", &t, why, sizeof(why)),
	       "feature task parses");
	tap_is_str(t.framework, "hono", "honojs folder is the hono framework");
	tap_is_str(t.runtime, "honojs", "runtime keeps the docker folder");
	tap_is_str(t.difficulty, "hard", "difficulty from the name prefix");
	tap_is_int(t.kind, TASK_FEATURE, "kind feature");
	tap_ok(task_parse_feature("flask", "focused-task", &t, why, sizeof(why)), "any name");
	tap_is_str(t.difficulty, "unknown", "no prefix: unknown");
	tap_ok(!task_parse_feature("rails", "hard-x", &t, why, sizeof(why)), "unknown folder");

	tap_is_str(task_agent_display("mini_swe_sdk"), "Mini-SWE", "agent display");
	tap_is_str(task_model_display("qwen3-coder-next"), "Qwen3-Coder", "model display");
	tap_is_str(task_model_display("my-model"), "my-model", "unknown model unchanged");
	tap_is_str(task_framework_display("fastapi"), "FastAPI", "framework display");
	tap_is_int(task_runtime_orm("node"), TC_SEQUELIZE, "node ORM");
}

/* TASK_FRAMEWORK_LIST: one list, every table derived from it */
static void
test_framework_list(void)
{
	char sorted[256] = "", uv[256] = "", pipeline[256] = "";

	tap_is_int(TASK_N_FRAMEWORKS, 8, "eight frameworks");
	for (int i = 0; i < TASK_N_FRAMEWORKS; i++) {
		const char *fw = task_frameworks[i], *rt = task_framework_runtime(fw);
		strcat(sorted, fw);
		strcat(sorted, " ");
		if (rt && strcmp(rt, "uv") == 0)
			strcat(uv, fw), strcat(uv, " ");
		if (task_framework_in_pipeline(fw))
			strcat(pipeline, fw), strcat(pipeline, " ");
	}
	tap_is_str(sorted, "aiohttp django express fastapi fastify flask hono koa ",
		   "task_frameworks sorted by token");
	tap_is_str(uv, "aiohttp django fastapi flask ", "the uv frameworks");
	tap_is_str(pipeline, "aiohttp express fastapi fastify ", "the pipeline's four");
	tap_ok(task_framework_is_feature_folder("honojs") && task_framework_is_feature_folder("koa"),
	       "feature folders: honojs, koa");
	tap_ok(!task_framework_is_feature_folder("hono") && !task_framework_is_feature_folder("uv"),
	       "not feature folders: hono (the token), uv (a runtime)");
	tap_is_str(task_framework_canonical("honojs"), "hono", "honojs is hono");
	tap_ok(!task_framework_in_pipeline("honojs") && !task_framework_in_pipeline("rails"),
	       "the pipeline knows tokens only");
	tap_is_str(task_framework_display("honojs"), "Hono", "a folder's display name");
}

int
main(void)
{
	test_generation_names();
	test_feature_and_display();
	test_framework_list();
	return tap_done();
}
