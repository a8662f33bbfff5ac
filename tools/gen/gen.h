/* gen.h: benchtop-gen, the deterministic generator of SYNTHETIC benchmark
 * results.
 *
 * One model of the data (gen_model.c decides what every attempt did, the
 * server behaviour included; gen_newman.c plays the Postman collection
 * against that behaviour) feeds two writers: a results tree in the
 * benchmark's own layout (gen_tree.c) and benchtop's JSONL (gen_jsonl.c).
 * Every random choice comes from a hash of (seed, run, task, attempt,
 * purpose), so an attempt's content does not depend on which other attempts
 * or options were asked for.
 */
#ifndef BENCHTOP_GEN_H
#define BENCHTOP_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "benchtop/task.h"
#include "benchtop/util.h"

#define GEN_N_REQUESTS 32
#define GEN_N_ASSERTIONS 44
#define GEN_N_TOTAL_ASSERTIONS 290
#define GEN_DEFAULT_SEED 20260507u
#define GEN_DEFAULT_LABEL "SYNTHETIC DEMO DATA (benchtop-gen)"

#define GEN_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ randomness */

/* xoshiro256** seeded through splitmix64. */
struct gen_rng {
	uint64_t s[4];
};

uint64_t gen_mix(uint64_t h, uint64_t v);
uint64_t gen_hash_str(uint64_t h, const char *s);
void gen_rng_init(struct gen_rng *r, uint64_t key);
uint64_t gen_rng_next(struct gen_rng *r);
double gen_rng_unit(struct gen_rng *r);
/* Uniform in [0, n); 0 when n is 0. */
unsigned gen_rng_below(struct gen_rng *r, unsigned n);
int gen_rng_range(struct gen_rng *r, int lo, int hi); /* inclusive */
bool gen_rng_chance(struct gen_rng *r, double p);
const char *gen_rng_pick(struct gen_rng *r, const char *const *v, size_t n);
#define GEN_PICK(r, arr) gen_rng_pick((r), (arr), GEN_NELEM(arr))
/* n lowercase hex digits and a NUL. */
void gen_rng_hex(struct gen_rng *r, char *out, size_t n);
/* 8-4-4-4-12 version-4 UUID. */
void gen_rng_uuid(struct gen_rng *r, char out[37]);

/* ------------------------------------------------------------ time */

/* Times are UTC milliseconds since the epoch. */
struct gen_tm {
	int year, mon, day, hour, min, sec, ms;
};
void gen_time_split(int64_t ms, struct gen_tm *tm);
/* 2026-03-14T10-22-05 (the date folder). */
void gen_time_folder(int64_t ms, char out[32]);
/* 2026-03-14-10-22-05-123-0 (Newman's export name part). */
void gen_time_newman(int64_t ms, char out[40]);
/* 2026-03-14T10:22:05.123Z */
void gen_time_iso(int64_t ms, char out[40]);
extern const char *const gen_month_abbr[12];

/* ------------------------------------------------------------ text helpers */

/* Append s as a JSON string literal; ascii escapes non-ASCII as \uXXXX
 * (Python's json.dumps default, used for Mini-SWE trajectories). */
void gen_json_str(struct buf *b, const char *s, size_t n, bool ascii);
void gen_json_cstr(struct buf *b, const char *s);
/* Append text replacing every "$X" key of the table (single letters). */
struct gen_subst {
	char key;
	const char *val;
};
void gen_expand(struct buf *b, const char *tmpl, const struct gen_subst *subs, size_t n);
void gen_put_long(struct buf *b, long v);

/* ------------------------------------------------------------ runs and tasks */

struct gen_run {
	char agent[48];
	char model[96];
	char name[160];
	double skill;      /* 0..1: how capable the simulated configuration is */
	uint64_t key;      /* randomness shared with re-runs of the same configuration */
	uint64_t own_key;  /* randomness of this run alone */
	bool rerun;        /* model name ends in -vN: a re-run of the -v-less model */
	int64_t batch_ms;  /* start of the generation batch (the date folder) */
	int64_t feature_batch_ms;
};

struct gen_task {
	char name[96];
	char framework[16]; /* canonical token (hono) */
	char folder[16];    /* uv/node, or the feature dockerFolder (honojs) */
	unsigned constraints;
	int level;
	enum task_kind kind;
	int index;          /* position in the full canonical list: stable across --tasks */
	int feature;        /* 1..4 for feature tasks, else 0 */
	bool python;
	int port;
	const char *base_url;     /* /api or /api/v1 */
	const char *health;       /* health-check path */
	unsigned removed_groups;  /* feature tasks: GG_* the task removed */
};

/* Endpoint groups of the Conduit API. */
enum gen_group {
	GG_AUTH = 1 << 0,
	GG_ARTICLES = 1 << 1,
	GG_FAVORITES = 1 << 2,
	GG_COMMENTS = 1 << 3,
	GG_PROFILES = 1 << 4,
	GG_TAGS = 1 << 5,
	GG_FEED = 1 << 6,
};
const char *gen_group_name(unsigned g);

/* The full task list (80 generation + 20 feature), canonical order. */
size_t gen_tasks_all(struct gen_task **out);
/* True for the 16 pipeline tasks of spec 3.2. */
bool gen_task_in_subset(const struct gen_task *t);

/* ------------------------------------------------------------ the model */

enum gen_term { GT_SUBMITTED, GT_LIMITS, GT_ERROR, GT_NOTRAJ };
enum gen_patch_state { GP_NORMAL, GP_EMPTY, GP_ABSENT };

/* Why the server never answered. */
enum gen_crash {
	GC_NONE,
	GC_NO_RUNSH,      /* nothing to run: empty workspace */
	GC_INSTALL,       /* dependency install failed, then an import failed */
	GC_MISSING_DEP,   /* a module used but not declared */
	GC_DB_CONNECT,    /* database unreachable / cannot open at startup */
	GC_SYNTAX,        /* syntax error in the agent's code */
	GC_IMPORT_CYCLE,  /* circular import / undefined name at import time */
	GC_PORT,          /* listening on the wrong port */
};

/* Server defects: each breaks specific requests; later requests cascade
 * through Newman's globals (token, slug, commentId) as in the collection. */
enum gen_defect {
	GD_REGISTER,      /* POST /users 500: no user, so no login, no token */
	GD_LOGIN,         /* login rejects the right password */
	GD_AUTH_SCHEME,   /* expects "Bearer", the collection sends "Token" */
	GD_CREATE_ARTICLE,/* POST /articles 500: slug stays null */
	GD_NO_SLUG,       /* article JSON has no slug: slug stays null */
	GD_LIST_500,      /* GET /articles fails (query composition) */
	GD_CRASH_MIDRUN,  /* an unhandled error kills the process mid-run */
	GD_USER_FIELDS,   /* user JSON lacks bio/image */
	GD_ARTICLE_FIELDS,/* article JSON lacks createdAt/updatedAt */
	GD_LIST_SHAPE,    /* list JSON lacks articlesCount */
	GD_FILTER_AUTHOR, /* ?author= finds nothing (wrong join) */
	GD_FILTER_TAG,    /* ?tag= finds nothing */
	GD_FILTER_FAV,    /* ?favorited= finds nothing */
	GD_FEED_ROUTE,    /* /articles/feed captured by /articles/:slug */
	GD_GET_ARTICLE,   /* GET /articles/:slug 500 (lazy load after session close) */
	GD_UPDATE_ARTICLE,/* PUT /articles/:slug 422 */
	GD_UPDATE_USER,   /* PUT /user 500 */
	GD_FAVORITE,      /* favorite not persisted */
	GD_UNFAVORITE,    /* unfavorite leaves favorited true */
	GD_COMMENTS_500,  /* comments table/relationship broken */
	GD_COMMENT_AUTH,  /* comments list requires auth */
	GD_PROFILE_404,   /* profile looked up by the wrong column */
	GD_FOLLOW,        /* follow not persisted */
	GD_TAGS,          /* GET /tags 500 */
	GD_COUNT
};

/* Static-verifier violations planted in a patch (0 = compliant). */
enum gen_violation {
	GV_NONE = 0,
	GV_ARCH_UPWARD,     /* repositories/ imports services/ */
	GV_ARCH_FLAT,       /* only routes/ and models/ */
	GV_DB_PSYCOPG,      /* sqlite task pulls in psycopg2 / pg */
	GV_DB_FALLBACK,     /* postgres task falls back to sqlite:/// */
	GV_DB_WRONG,        /* postgres task really uses sqlite */
	GV_ORM_RAW,         /* ORM task uses raw driver calls, no ORM */
};

/* Quirks of real trees, planted on request (tree output only). */
enum gen_quirk {
	GQ_SUPERSEDED = 1 << 0, /* an older date folder for the task */
	GQ_TWO_CSV = 1 << 1,    /* the run folder holds an older and a newer CSV */
	GQ_NO_CSV = 1 << 2,     /* the run folder has no CSV */
	GQ_TRUNCATED = 1 << 3,  /* the CSV stops in the middle of a row */
};

/* One simulated request of the Newman run. */
struct gen_req {
	bool errored;        /* no response: empty status/code/time/size */
	int code;
	int ms;
	int size;
	uint64_t pass;       /* assertion bits (1 << A_*) that passed */
	int n_total, n_pass;
	char url[224];
};

struct gen_attempt {
	const struct gen_run *run;
	const struct gen_task *task;
	int number;
	uint64_t key;        /* every decision of this attempt derives from it */
	int64_t start_ms;    /* the agent started */
	int64_t eval_ms;     /* Newman started */
	/* agent */
	enum gen_term term;
	bool stuck;
	int steps;           /* model calls the agent made */
	/* patch */
	enum gen_patch_state patch;
	size_t patch_target;   /* bytes */
	size_t log_target;     /* the server log's bytes at least (0: as it comes) */
	enum gen_violation arch_bad, db_bad, orm_bad;
	bool use_orm;          /* the code uses the runtime's ORM */
	bool use_postgres;     /* the code's real database */
	/* server */
	enum gen_crash crash;
	bool no_report;        /* Newman wrote no CSV */
	bool lenient_auth;     /* an invalid token on optional-auth routes = anonymous */
	bool created_201;      /* POST returns 201 */
	bool slug_suffix;      /* slugs carry a random suffix */
	uint32_t defects;      /* 1 << GD_* */
	unsigned missing;      /* GG_* groups never implemented (404) */
	int crash_at;          /* GD_CRASH_MIDRUN: first request (0-based) with no server */
	/* results */
	struct gen_req req[GEN_N_REQUESTS];
	int T, P, F;
	bool tests_passed;
	bool verifier_ok[3];   /* architecture, database, orm (true when not applicable) */
	bool succeeded;
	/* taxonomy (failed attempts) */
	const char *category;
	const char *subcategory;
	char reasoning[400];
	char sub_reasoning[400];
	/* tree quirks */
	unsigned quirks;
	char slug[64];
	char comment_id[40];
};

struct gen_opts {
	uint64_t seed;
	struct gen_run *runs;
	size_t n_runs;
	bool subset;
	int attempts;
	bool features;
	int patch_kb;      /* 0 = realistic sizes */
	int log_kb;        /* 0 = realistic server logs, else padded to this size */
	unsigned quirks;   /* GQ_* to plant */
	const char *label;
	bool lean;         /* JSONL: reports and patches, no logs or trajectories */
};

void gen_run_init(struct gen_run *r, const char *agent, const char *model, double skill,
		  uint64_t seed);
/* Decide everything about one attempt and play the Newman run. */
void gen_attempt_make(struct gen_attempt *a, const struct gen_opts *o, const struct gen_run *run,
		      const struct gen_task *task, int number);
/* A worse, earlier evaluation of the same attempt (superseded folders and
 * the older of two CSVs). */
void gen_attempt_older(struct gen_attempt *older, const struct gen_attempt *a, int64_t earlier_ms);
bool gen_constraint_applies(const struct gen_attempt *a, int verifier);
const char *gen_defect_name(int d);
const char *gen_crash_name(enum gen_crash c);
const char *gen_violation_name(enum gen_violation v);
/* A sub-stream of the attempt's randomness for one purpose. */
void gen_attempt_rng(const struct gen_attempt *a, const char *purpose, struct gen_rng *r);

/* ------------------------------------------------------------ Newman */

extern const char *const gen_assertion_names[GEN_N_ASSERTIONS];
struct gen_request_def {
	const char *name;
	const char *method;
	const char *path;     /* after APIURL, with {slug}/{comment} placeholders */
	bool auth;            /* sends the Authorization header */
	const unsigned char *asserts;
	int n_asserts;
};
extern const struct gen_request_def gen_requests[GEN_N_REQUESTS];

/* Play the collection against the attempt's server behaviour. */
void gen_newman_play(struct gen_attempt *a);
const char *gen_http_reason(const struct gen_attempt *a, int code);
/* The CSV exactly as newman-reporter-csv 1.3.0 writes it. */
void gen_newman_csv(const struct gen_attempt *a, struct buf *out);

/* ------------------------------------------------------------ artifacts */

/* The patch text (empty for GP_EMPTY; callers skip GP_ABSENT). */
void gen_patch_write(const struct gen_attempt *a, struct buf *out);
/* The removal patch of a feature task (the task's reference .patch). */
void gen_patch_feature_removal(const struct gen_task *t, uint64_t seed, struct buf *out);
void gen_log_conduit(const struct gen_attempt *a, struct buf *out);
void gen_log_setup(const struct gen_attempt *a, struct buf *out);
/* What benchtop reads from a trajectory (tokens as spec 4.8 counts them,
 * with bytes/4 standing in for the tokenizer). */
struct gen_facts {
	long steps, tokens_in, tokens_out, calls;
	double cost;
};
void gen_traj_mini(const struct gen_attempt *a, struct buf *out, struct gen_facts *facts);
/* OpenHands conversation: calls emit(name, data, len, ctx) for
 * base_state.json and each events/event-*.json, names relative to the
 * conversation folder; *conv gets the 32-hex folder name. */
typedef void (*gen_emit_fn)(const char *name, const char *data, size_t len, void *ctx);
void gen_traj_openhands(const struct gen_attempt *a, char conv[33], gen_emit_fn emit, void *ctx,
			struct gen_facts *facts);
/* The termination reason benchtop derives from the trajectory (spec 1.6). */
const char *gen_term_name(const struct gen_attempt *a);
/* The paths of the files the patch adds (for trajectories). */
size_t gen_patch_files(const struct gen_attempt *a, const char **names, size_t max);

/* ------------------------------------------------------------ writers */

struct gen_stats {
	size_t attempts;
	size_t files;
	uint64_t bytes;
};

int gen_tree_write(const char *dir, const struct gen_opts *o, const char *truth,
		   struct gen_stats *st, struct bt_error *err);
int gen_jsonl_write(const char *file, const struct gen_opts *o, const char *truth,
		    struct gen_stats *st, struct bt_error *err);

/* Truth manifest: one object per attempt. */
struct gen_truth;
struct gen_truth *gen_truth_open(const char *path, const struct gen_opts *o, struct bt_error *err);
/* csv: "complete", "truncated" or "none"; patch_bytes of the patch written. */
void gen_truth_add(struct gen_truth *t, const struct gen_attempt *a, const char *batch, const char *csv,
		   size_t patch_bytes);
int gen_truth_close(struct gen_truth *t, struct bt_error *err);

/* Iterate the attempts of the options in output order. */
typedef int (*gen_attempt_fn)(struct gen_attempt *a, void *ctx);
int gen_for_each_attempt(const struct gen_opts *o, gen_attempt_fn fn, void *ctx);

#endif
