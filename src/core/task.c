/* task.c: task names, frameworks, constraints and display names. */
#include "config.h"

#include "benchtop/task.h"

#include <stdio.h>
#include <string.h>

#define FW_TOKEN(token, runtime, display, folder, pipeline) token,
const char *const task_frameworks[TASK_N_FRAMEWORKS] = {TASK_FRAMEWORK_LIST(FW_TOKEN)};

static const struct {
	const char *token, *runtime, *display, *folder;
	bool pipeline;
} frameworks[] = {
#define FW_ROW(token, runtime, display, folder, pipeline) {token, runtime, display, folder, pipeline},
	TASK_FRAMEWORK_LIST(FW_ROW)
};

const unsigned task_constraint_order[TASK_N_CONSTRAINTS] = {
	TC_ARCH, TC_POSTGRES, TC_SQLITE, TC_SQLALCHEMY, TC_SEQUELIZE,
};

static const struct {
	unsigned bit;
	const char *token, *display;
} constraints[] = {
	{TC_ARCH, "clean_architecture", "Clean architecture"},
	{TC_POSTGRES, "postgres", "PostgreSQL"},
	{TC_SQLITE, "sqlite", "SQLite"},
	{TC_SQLALCHEMY, "sqlalchemy", "SQLAlchemy"},
	{TC_SEQUELIZE, "sequelize", "Sequelize"},
};

static const struct {
	const char *id, *display;
} agents[] = {
	{"mini_swe_sdk", "Mini-SWE"},
	{"openhands_sdk", "OpenHands"},
}, models[] = {
	{"gpt-5-mini", "GPT-5-mini"},   {"gpt-5.2", "GPT-5.2"},
	{"gpt-5.4", "GPT-5.4"},         {"minimax-m2.5", "MiniMax-M2.5"},
	{"qwen3-coder-next", "Qwen3-Coder"}, {"qwen3-235b", "Qwen3-235B-A22B"},
	{"Kimi-K2.5", "Kimi-K2.5"},     {"devstral-small", "Devstral-Small"},
};

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

unsigned
task_constraint_bit(const char *token)
{
	for (size_t i = 0; i < N_ELEM(constraints); i++)
		if (strcmp(constraints[i].token, token) == 0)
			return constraints[i].bit;
	return 0;
}

const char *
task_constraint_token(unsigned bit)
{
	for (size_t i = 0; i < N_ELEM(constraints); i++)
		if (constraints[i].bit == bit)
			return constraints[i].token;
	return "?";
}

const char *
task_constraint_display(unsigned bit)
{
	for (size_t i = 0; i < N_ELEM(constraints); i++)
		if (constraints[i].bit == bit)
			return constraints[i].display;
	return "?";
}

void
task_constraints_string(unsigned bits, char *out, size_t outlen)
{
	size_t len = 0;

	if (outlen == 0)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < TASK_N_CONSTRAINTS; i++) {
		unsigned bit = task_constraint_order[i];
		int n;
		if (!(bits & bit))
			continue;
		n = snprintf(out + len, outlen - len, "%s%s", len ? "-" : "",
			     task_constraint_token(bit));
		if (n < 0 || (size_t)n >= outlen - len)
			return;
		len += (size_t)n;
	}
}

void
task_generation_name(const char *framework, unsigned bits, char *out, size_t outlen)
{
	char cs[128];

	task_constraints_string(bits, cs, sizeof(cs));
	snprintf(out, outlen, "%s-openapi-%s", framework, bits ? cs : "unconstrained");
}

const char *
task_framework_canonical(const char *token)
{
	for (size_t i = 0; i < N_ELEM(frameworks); i++)
		if (strcmp(frameworks[i].token, token) == 0 || strcmp(frameworks[i].folder, token) == 0)
			return frameworks[i].token;
	return NULL;
}

int
task_framework_index(const char *framework)
{
	for (int i = 0; i < TASK_N_FRAMEWORKS; i++)
		if (strcmp(task_frameworks[i], framework) == 0)
			return i;
	return -1;
}

bool
task_framework_is_feature_folder(const char *folder)
{
	for (size_t i = 0; i < N_ELEM(frameworks); i++)
		if (strcmp(frameworks[i].folder, folder) == 0)
			return true;
	return false;
}

bool
task_framework_in_pipeline(const char *framework)
{
	for (size_t i = 0; i < N_ELEM(frameworks); i++)
		if (strcmp(frameworks[i].token, framework) == 0)
			return frameworks[i].pipeline;
	return false;
}

const char *
task_framework_runtime(const char *framework)
{
	const char *fw = task_framework_canonical(framework);
	for (size_t i = 0; fw && i < N_ELEM(frameworks); i++)
		if (strcmp(frameworks[i].token, fw) == 0)
			return frameworks[i].runtime;
	return NULL;
}

const char *
task_framework_display(const char *framework)
{
	const char *fw = task_framework_canonical(framework);
	for (size_t i = 0; fw && i < N_ELEM(frameworks); i++)
		if (strcmp(frameworks[i].token, fw) == 0)
			return frameworks[i].display;
	return framework;
}

unsigned
task_runtime_orm(const char *runtime)
{
	if (strcmp(runtime, "uv") == 0)
		return TC_SQLALCHEMY;
	if (strcmp(runtime, "node") == 0)
		return TC_SEQUELIZE;
	return 0;
}

const char *
task_agent_display(const char *agent)
{
	for (size_t i = 0; i < N_ELEM(agents); i++)
		if (strcmp(agents[i].id, agent) == 0)
			return agents[i].display;
	return agent;
}

const char *
task_model_display(const char *model)
{
	for (size_t i = 0; i < N_ELEM(models); i++)
		if (strcmp(models[i].id, model) == 0)
			return models[i].display;
	return model;
}

static bool
fail(char *why, size_t whylen, const char *fmt, const char *arg)
{
	if (why && whylen)
		snprintf(why, whylen, fmt, arg);
	return false;
}

bool
task_parse_generation(const char *name, struct task_info *out, char *why, size_t whylen)
{
	char copy[128];
	char *tok, *save = NULL;
	int index = 0;
	const char *fw = NULL;

	memset(out, 0, sizeof(*out));
	if (strlen(name) >= sizeof(copy))
		return fail(why, whylen, "task name too long: %.40s...", name);
	snprintf(out->name, sizeof(out->name), "%s", name);
	snprintf(copy, sizeof(copy), "%s", name);
	out->kind = TASK_GENERATION;
	for (tok = strtok_r(copy, "-", &save); tok; tok = strtok_r(NULL, "-", &save), index++) {
		if (index == 0) {
			fw = task_framework_canonical(tok);
			if (!fw)
				return fail(why, whylen, "unknown framework '%s'", tok);
			continue;
		}
		if (index == 1)
			continue; /* the contract token, always "openapi" upstream */
		if (index == 2 && strcmp(tok, "unconstrained") == 0)
			continue;
		unsigned bit = task_constraint_bit(tok);
		if (!bit)
			return fail(why, whylen, "unknown constraint '%s'", tok);
		if (out->constraints & bit)
			return fail(why, whylen, "constraint '%s' given twice", tok);
		out->constraints |= bit;
		out->level++;
	}
	if (!fw)
		return fail(why, whylen, "empty task name%s", "");
	/* one database: the database verifier could pass neither */
	if ((out->constraints & TC_POSTGRES) && (out->constraints & TC_SQLITE))
		return fail(why, whylen, "task name '%s' asks for both postgres and sqlite", name);
	if (index < 3)
		return fail(why, whylen, "task name '%s' has no constraint part", name);
	snprintf(out->framework, sizeof(out->framework), "%s", fw);
	snprintf(out->runtime, sizeof(out->runtime), "%s", task_framework_runtime(fw));
	return true;
}

bool
task_parse_feature(const char *docker_folder, const char *name, struct task_info *out,
		   char *why, size_t whylen)
{
	const char *fw = task_framework_canonical(docker_folder);

	memset(out, 0, sizeof(*out));
	if (!fw)
		return fail(why, whylen, "unknown feature-task framework folder '%s'", docker_folder);
	if (strlen(name) >= sizeof(out->name))
		return fail(why, whylen, "task name too long: %.40s...", name);
	out->kind = TASK_FEATURE;
	snprintf(out->name, sizeof(out->name), "%s", name);
	snprintf(out->runtime, sizeof(out->runtime), "%s", docker_folder);
	snprintf(out->framework, sizeof(out->framework), "%s", fw);
	/* upstream derives the difficulty from the name's prefix */
	static const char *const levels[] = {"simple", "intermediate", "hard"};
	snprintf(out->difficulty, sizeof(out->difficulty), "unknown");
	for (size_t i = 0; i < N_ELEM(levels); i++) {
		size_t n = strlen(levels[i]);
		if (strncmp(name, levels[i], n) == 0) {
			snprintf(out->difficulty, sizeof(out->difficulty), "%s", levels[i]);
			break;
		}
	}
	return true;
}

const struct taxonomy_label taxonomy_categories[TAXONOMY_N_CATEGORIES] = {
	{"logic_error", "Logic error", "logic"},
	{"server_startup_failure", "Server startup failure", "startup"},
	{"incomplete_implementation", "Incomplete implementation", "incomplete"},
	{"schema_format_error", "Schema / format error", "schema"},
	{"stuck_in_loop", "Stuck in loop", "stuck"},
	{"constraint_violation", "Constraint violation", "constraint"},
	{"premature_termination", "Premature termination", "premature"},
	{"other", "Other", "other"},
};

const struct taxonomy_label taxonomy_subcategories[TAXONOMY_N_SUBCATEGORIES] = {
	{"incorrect_query_logic", "Incorrect query logic", "query"},
	{"database_runtime_error", "DB / ORM runtime error", "db-runtime"},
	{"auth_misconfiguration", "Auth misconfiguration", "auth"},
	{"framework_idiosyncrasy", "Framework idiosyncrasy", "framework"},
	{"business_logic_defect", "Business logic defect", "business"},
	{"state_propagation_failure", "State propagation failure", "state"},
};

int
taxonomy_index(const struct taxonomy_label *list, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].key, key) == 0)
			return (int)i;
	return -1;
}

const char *
taxonomy_brief(const char *key)
{
	int i;

	if ((i = taxonomy_index(taxonomy_categories, TAXONOMY_N_CATEGORIES, key)) >= 0)
		return taxonomy_categories[i].brief;
	if ((i = taxonomy_index(taxonomy_subcategories, TAXONOMY_N_SUBCATEGORIES, key)) >= 0)
		return taxonomy_subcategories[i].brief;
	return key;
}

void
taxonomy_keys(const struct taxonomy_label *list, size_t n, char *out, size_t outlen)
{
	size_t used = 0;

	if (outlen)
		out[0] = '\0';
	for (size_t i = 0; i < n && used < outlen; i++) {
		int k = snprintf(out + used, outlen - used, "%s%s", i ? ", " : "", list[i].key);
		if (k < 0)
			break;
		used += (size_t)k;
	}
}
