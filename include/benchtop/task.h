/* task.h: the benchmark's vocabulary: frameworks, runtimes, constraints and
 * how a task name encodes them (upstream-format.md section 3), plus the
 * display names the paper uses for agents and models.
 *
 * Pure functions over strings; nothing here allocates except task_info
 * fields documented below.
 */
#ifndef BENCHTOP_TASK_H
#define BENCHTOP_TASK_H

#include <stdbool.h>
#include <stddef.h>

/* Constraint types as bits, in the canonical order the task names use. */
enum task_constraint {
	TC_ARCH = 1 << 0,       /* clean_architecture */
	TC_POSTGRES = 1 << 1,   /* postgres */
	TC_SQLITE = 1 << 2,     /* sqlite */
	TC_SQLALCHEMY = 1 << 3, /* sqlalchemy (uv) */
	TC_SEQUELIZE = 1 << 4,  /* sequelize (node) */
};
#define TASK_N_CONSTRAINTS 5

/* The frameworks, the one list of them, sorted by token (the order
 * upstream's CSVs use): X(token, runtime, display name, folder of its
 * feature tasks, pipeline).  The four pipeline frameworks have the tasks
 * of the whole constraint pipeline: unconstrained, clean_architecture,
 * + postgres, + the runtime's ORM. */
#define TASK_FRAMEWORK_LIST(X)                                   \
	X("aiohttp", "uv", "aiohttp", "aiohttp", true)           \
	X("django", "uv", "Django", "django", false)             \
	X("express", "node", "Express", "express", true)         \
	X("fastapi", "uv", "FastAPI", "fastapi", true)           \
	X("fastify", "node", "Fastify", "fastify", true)         \
	X("flask", "uv", "Flask", "flask", false)                \
	X("hono", "node", "Hono", "honojs", false)               \
	X("koa", "node", "Koa", "koa", false)
#define TASK_FRAMEWORK_ONE(token, runtime, display, folder, pipeline) +1
#define TASK_N_FRAMEWORKS (0 TASK_FRAMEWORK_LIST(TASK_FRAMEWORK_ONE))
/* Generation tasks in the benchmark: 10 constraint variants per framework. */
#define TASK_N_GENERATION (TASK_N_FRAMEWORKS * 10)

enum task_kind { TASK_GENERATION = 0, TASK_FEATURE = 1 };

/* Parsed task identity.  Strings point into static tables or into the
 * fixed arrays of the struct; nothing needs freeing. */
struct task_info {
	enum task_kind kind;
	char name[128];
	char runtime[16];     /* uv | node for generation; the dockerFolder for feature tasks */
	char framework[16];   /* canonical framework token (hono, not honojs) */
	unsigned constraints; /* TC_* bits */
	int level;            /* number of constraints, 0..3 */
	char difficulty[16];  /* feature tasks: hard|intermediate|simple|unknown; "" otherwise */
};

/* Parse a generation task name ("flask-openapi-clean_architecture-sqlite").
 * Returns false (and fills why) when the name does not follow the scheme:
 * unknown constraint tokens, a missing framework, or constraints out of
 * canonical order are rejected so typos do not silently become new tasks. */
bool task_parse_generation(const char *name, struct task_info *out, char *why, size_t whylen);
/* Feature task: dockerFolder (aiohttp|express|fastapi|flask|honojs|...) + name. */
bool task_parse_feature(const char *docker_folder, const char *name, struct task_info *out,
			char *why, size_t whylen);

/* Name <-> bit of one constraint type; task_constraint_bit returns 0 when unknown. */
unsigned task_constraint_bit(const char *token);
const char *task_constraint_token(unsigned bit);
const char *task_constraint_display(unsigned bit);
/* The five constraint bits in canonical order. */
extern const unsigned task_constraint_order[TASK_N_CONSTRAINTS];

/* Write the canonical '-'-joined constraint list ("" when none). */
void task_constraints_string(unsigned bits, char *out, size_t outlen);
/* Build a generation task name for a framework and a constraint set. */
void task_generation_name(const char *framework, unsigned bits, char *out, size_t outlen);

/* Frameworks, sorted by name (the order upstream's CSVs use). */
extern const char *const task_frameworks[TASK_N_FRAMEWORKS];
const char *task_framework_runtime(const char *framework); /* "uv"/"node"/NULL */
/* The place of a canonical framework token in task_frameworks, -1 if none. */
int task_framework_index(const char *framework);
const char *task_framework_display(const char *framework); /* "FastAPI" ...; input when unknown */
/* Canonical framework for a token or a feature folder: "honojs" -> "hono";
 * NULL when unknown. */
const char *task_framework_canonical(const char *token);
/* Whether a folder of the results tree holds feature tasks ("honojs"...). */
bool task_framework_is_feature_folder(const char *folder);
/* Whether a framework is one of the pipeline's (TASK_FRAMEWORK_LIST). */
bool task_framework_in_pipeline(const char *framework);
/* The ORM bit of a runtime (uv -> TC_SQLALCHEMY, node -> TC_SEQUELIZE), 0 if unknown. */
unsigned task_runtime_orm(const char *runtime);

/* The paper's display names: "mini_swe_sdk" -> "Mini-SWE"; unknown input is returned unchanged. */
const char *task_agent_display(const char *agent);
const char *task_model_display(const char *model);

/* The failure taxonomy of spec 6.3: the judge's coarse categories and the
 * logic-error subcategories, in the paper's row order. */
struct taxonomy_label {
	const char *key;     /* as the judge writes it: "logic_error" */
	const char *display; /* the paper's row name: "Logic error" */
	const char *brief;   /* for a narrow column: "logic" */
};
#define TAXONOMY_N_CATEGORIES 8
#define TAXONOMY_N_SUBCATEGORIES 6
extern const struct taxonomy_label taxonomy_categories[TAXONOMY_N_CATEGORIES];
extern const struct taxonomy_label taxonomy_subcategories[TAXONOMY_N_SUBCATEGORIES];
/* The position of key in a list of n labels; -1 when it is not there. */
int taxonomy_index(const struct taxonomy_label *list, size_t n, const char *key);
/* The brief name of a category or subcategory; key itself when unknown. */
const char *taxonomy_brief(const char *key);
/* The keys of a list joined with ", " (for error messages). */
void taxonomy_keys(const struct taxonomy_label *list, size_t n, char *out, size_t outlen);

#endif
