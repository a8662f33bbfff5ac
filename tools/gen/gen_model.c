/* gen_model.c: what every simulated attempt did.
 *
 * A configuration's skill, the framework's difficulty and the task's
 * constraints give a capability q; q sets the chance that the server never
 * starts, how many endpoint defects it has (data-layer defects weigh more
 * under DB/ORM constraints), whether the agent ran out of steps, and whether
 * a constrained patch breaks a verifier.  The numbers are tuned so that the
 * aggregates look like the paper's (sections 7 and 8 of the spec): strict A%
 * decays 20-35 points from L0 to L3 for a capable run and more for a weak
 * one; Express/Koa/Flask lead, Django/FastAPI/Hono trail.
 */
#include "config.h"

#include "gen.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "benchtop/metrics.h"

/* ------------------------------------------------------------ tasks */

static const char *const feature_folders[5] = {"aiohttp", "express", "fastapi", "flask", "honojs"};

const char *
gen_group_name(unsigned g)
{
	switch (g) {
	case GG_AUTH: return "auth";
	case GG_ARTICLES: return "articles";
	case GG_FAVORITES: return "favorites";
	case GG_COMMENTS: return "comments";
	case GG_PROFILES: return "profiles";
	case GG_TAGS: return "tags";
	default: return "feed";
	}
}

static void
task_endpoints(struct gen_task *t)
{
	t->python = strcmp(task_framework_runtime(t->framework), "uv") == 0;
	t->port = t->python ? 8080 : 3000;
	t->base_url = "/api";
	t->health = "/api/health-check";
	if (t->kind != TASK_FEATURE)
		return;
	if (strcmp(t->folder, "aiohttp") == 0) {
		t->base_url = "/api/v1";
		t->health = "/api/v1/healthcheck";
	} else if (strcmp(t->folder, "express") == 0 || strcmp(t->folder, "honojs") == 0) {
		t->health = "/";
	} else if (strcmp(t->folder, "flask") == 0) {
		t->health = "/api/ping";
	}
}

size_t
gen_tasks_all(struct gen_task **out)
{
	/* The ten variants per framework, in the order of spec 3.2's table. */
	static const unsigned variants[10] = {
		0, TC_ARCH, TC_POSTGRES, TC_SQLITE,
		TC_POSTGRES | 0x100, TC_SQLITE | 0x100,
		TC_ARCH | TC_POSTGRES, TC_ARCH | TC_SQLITE,
		TC_ARCH | TC_POSTGRES | 0x100, TC_ARCH | TC_SQLITE | 0x100,
	};
	struct gen_task *v = xcalloc(100, sizeof(*v));
	size_t n = 0;

	for (int f = 0; f < TASK_N_FRAMEWORKS; f++) {
		const char *fw = task_frameworks[f];
		const char *rt = task_framework_runtime(fw);
		for (int k = 0; k < 10; k++) {
			struct gen_task *t = &v[n];
			unsigned bits = variants[k] & 0xff;
			if (variants[k] & 0x100)
				bits |= task_runtime_orm(rt);
			t->kind = TASK_GENERATION;
			t->constraints = bits;
			t->level = __builtin_popcount(bits);
			t->index = (int)n;
			snprintf(t->framework, sizeof(t->framework), "%s", fw);
			snprintf(t->folder, sizeof(t->folder), "%s", rt);
			task_generation_name(fw, bits, t->name, sizeof(t->name));
			task_endpoints(t);
			n++;
		}
	}
	for (int f = 0; f < 5; f++) {
		for (int k = 1; k <= 4; k++) {
			struct gen_task *t = &v[n];
			t->kind = TASK_FEATURE;
			t->feature = k;
			t->index = (int)n;
			snprintf(t->folder, sizeof(t->folder), "%s", feature_folders[f]);
			snprintf(t->framework, sizeof(t->framework), "%s",
				 task_framework_canonical(feature_folders[f]));
			snprintf(t->name, sizeof(t->name), "hard-focused-task-%03d", k);
			/* spec 3.4: what each task removed from the upstream app */
			switch (k) {
			case 1: t->removed_groups = GG_COMMENTS; break;
			case 2: t->removed_groups = GG_PROFILES; break;
			case 3: t->removed_groups = GG_ARTICLES | GG_FAVORITES | GG_FEED | GG_COMMENTS | GG_TAGS; break;
			default:
				t->removed_groups = GG_ARTICLES | GG_FAVORITES | GG_FEED | GG_TAGS;
				if (f == 0 || f == 3)
					t->removed_groups |= GG_COMMENTS;
				break;
			}
			task_endpoints(t);
			n++;
		}
	}
	*out = v;
	return n;
}

bool
gen_task_in_subset(const struct gen_task *t)
{
	return t->kind == TASK_GENERATION && metrics_is_pipeline_task(t->framework, t->constraints);
}

/* ------------------------------------------------------------ runs */

void
gen_run_init(struct gen_run *r, const char *agent, const char *model, double skill, uint64_t seed)
{
	char base[96];
	size_t n = strlen(model);
	struct gen_rng rng;

	memset(r, 0, sizeof(*r));
	snprintf(r->agent, sizeof(r->agent), "%s", agent);
	snprintf(r->model, sizeof(r->model), "%s", model);
	snprintf(r->name, sizeof(r->name), "%s/%s", agent, model);
	r->skill = skill;
	/* "name-v2" is a re-run of "name": it shares the random draws, so it
	 * differs only where its skill or its own re-rolls say so. */
	snprintf(base, sizeof(base), "%s", model);
	while (n > 0 && base[n - 1] >= '0' && base[n - 1] <= '9')
		n--;
	if (n >= 2 && n < strlen(model) && base[n - 1] == 'v' && base[n - 2] == '-') {
		base[n - 2] = '\0';
		r->rerun = true;
	}
	r->key = gen_hash_str(gen_hash_str(seed, agent), base);
	r->own_key = gen_hash_str(gen_hash_str(seed ^ 0x5eed, agent), model);
	gen_rng_init(&rng, r->own_key);
	/* Batches start on a day in March 2026, between 08:00 and 17:59 UTC. */
	/* (one draw a statement: the order of an expression's operands is
	 * the compiler's) */
	r->batch_ms = (int64_t)1772352000000LL /* 2026-03-01T08:00Z */ +
		      (int64_t)gen_rng_below(&rng, 24) * 86400000LL;
	r->batch_ms += (int64_t)gen_rng_below(&rng, 36000) * 1000LL;
	r->feature_batch_ms = r->batch_ms + (int64_t)(2 + gen_rng_below(&rng, 3)) * 86400000LL;
	r->feature_batch_ms += (int64_t)gen_rng_below(&rng, 3600) * 1000LL;
}

/* ------------------------------------------------------------ the model */

static double
framework_difficulty(const char *fw)
{
	static const struct {
		const char *fw;
		double d;
	} t[] = {
		{"express", 0.00}, {"koa", 0.02}, {"flask", 0.03}, {"aiohttp", 0.07},
		{"fastify", 0.09}, {"hono", 0.14}, {"fastapi", 0.15}, {"django", 0.18},
	};
	for (size_t i = 0; i < GEN_NELEM(t); i++)
		if (strcmp(t[i].fw, fw) == 0)
			return t[i].d;
	return 0.1;
}

static double
clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

static double
capability(const struct gen_attempt *a)
{
	const struct gen_task *t = a->task;
	double q = a->run->skill - framework_difficulty(t->framework);

	if (t->kind == TASK_FEATURE)
		return q + 0.04 - 0.05 * t->feature;
	if (t->constraints & TC_ARCH)
		q -= 0.09;
	if (t->constraints & TC_POSTGRES)
		q -= 0.13;
	if (t->constraints & TC_SQLITE)
		q -= 0.10;
	if (t->constraints & TC_SQLALCHEMY)
		q -= 0.14;
	if (t->constraints & TC_SEQUELIZE)
		q -= 0.09;
	return q;
}

/* Per defect: base weight, whether it is a data-layer defect, the group it
 * belongs to, and the failure subcategory a judge would give it (NULL for
 * schema/format defects). */
static const struct {
	double w;
	bool data;
	unsigned group;
	const char *sub;
	const char *why;
} defects[GD_COUNT] = {
	[GD_REGISTER] = {0.3, true, GG_AUTH, "database_runtime_error",
		"POST /api/users failed with a 500 (the users insert hit a database error), so no account existed, login failed and no token was ever set; every authenticated request then got 401."},
	[GD_LOGIN] = {0.3, false, GG_AUTH, "auth_misconfiguration",
		"Login compared the plain password with the stored hash and rejected valid credentials, so the token global was never set and every authenticated request returned 401."},
	[GD_AUTH_SCHEME] = {0.35, false, GG_AUTH, "auth_misconfiguration",
		"The auth middleware only accepted 'Authorization: Bearer', while the collection sends 'Token <jwt>', so every protected endpoint answered 401."},
	[GD_CREATE_ARTICLE] = {0.8, true, GG_ARTICLES, "database_runtime_error",
		"POST /api/articles raised a database error while saving the tag list, returned 500, and the slug global stayed null: every later request went to /api/articles/null."},
	[GD_NO_SLUG] = {0.3, false, GG_ARTICLES, NULL,
		"The article serializer omitted 'slug', so the slug global stayed null and later requests went to /api/articles/null."},
	[GD_LIST_500] = {0.55, true, GG_ARTICLES, "incorrect_query_logic",
		"GET /api/articles built an invalid query (the author/tag/favorite joins were composed wrongly) and returned 500 for every listing."},
	[GD_CRASH_MIDRUN] = {0.3, false, 0, "framework_idiosyncrasy",
		"An async handler threw outside the framework's error handling; the unhandled rejection killed the Node process and every later request got no response."},
	[GD_USER_FIELDS] = {0.4, false, GG_AUTH, NULL,
		"User responses left out 'bio' and 'image' instead of returning them as null."},
	[GD_ARTICLE_FIELDS] = {0.4, false, GG_ARTICLES, NULL,
		"Article responses used created_at/updated_at instead of createdAt/updatedAt."},
	[GD_LIST_SHAPE] = {0.3, false, GG_ARTICLES, NULL,
		"Article lists were returned without the 'articlesCount' field."},
	[GD_FILTER_AUTHOR] = {0.8, true, GG_ARTICLES, "incorrect_query_logic",
		"The ?author= filter compared the username with the author id column, so filtered lists were always empty."},
	[GD_FILTER_TAG] = {0.8, true, GG_ARTICLES, "incorrect_query_logic",
		"The ?tag= filter joined the tag table on the wrong key, so tag listings were empty."},
	[GD_FILTER_FAV] = {0.85, true, GG_FAVORITES, "incorrect_query_logic",
		"The ?favorited= filter looked up favorites of the article author instead of the named user, returning an empty list."},
	[GD_FEED_ROUTE] = {0.5, false, GG_FEED, "framework_idiosyncrasy",
		"GET /api/articles/feed was registered after /api/articles/:slug, so the slug route captured it and answered 404 'article not found'."},
	[GD_GET_ARTICLE] = {0.4, true, GG_ARTICLES, "database_runtime_error",
		"GET /api/articles/:slug serialized a lazily loaded relationship after the session was closed and returned 500."},
	[GD_UPDATE_ARTICLE] = {0.4, false, GG_ARTICLES, "business_logic_defect",
		"PUT /api/articles/:slug required every field of the article and rejected the partial update with 422."},
	[GD_UPDATE_USER] = {0.3, false, GG_AUTH, "business_logic_defect",
		"PUT /api/user re-hashed a missing password field and crashed with a 500."},
	[GD_FAVORITE] = {0.6, true, GG_FAVORITES, "state_propagation_failure",
		"Favoriting returned the article without committing the favorite, so 'favorited' stayed false, the count stayed 0 and favorited-by lists were empty."},
	[GD_UNFAVORITE] = {0.4, false, GG_FAVORITES, "business_logic_defect",
		"Unfavorite returned the article as still favorited (the flag was computed before the delete)."},
	[GD_COMMENTS_500] = {0.6, true, GG_COMMENTS, "database_runtime_error",
		"The comments endpoints failed with a database error (the comments table/relationship was never created) and returned 500."},
	[GD_COMMENT_AUTH] = {0.3, false, GG_COMMENTS, "auth_misconfiguration",
		"GET /api/articles/:slug/comments was put behind the required-auth middleware, so the anonymous request got 401."},
	[GD_PROFILE_404] = {0.4, true, GG_PROFILES, "incorrect_query_logic",
		"GET /api/profiles/:username queried the email column with the username and answered 404 for existing users."},
	[GD_FOLLOW] = {0.4, true, GG_PROFILES, "state_propagation_failure",
		"Follow returned the profile before the follow row was written, so 'following' was false."},
	[GD_TAGS] = {0.4, true, GG_TAGS, "incorrect_query_logic",
		"GET /api/tags selected from a table that only exists as an association table and returned 500."},
};

static const char *const crash_why[] = {
	[GC_NONE] = "",
	[GC_NO_RUNSH] = "The workspace had no run.sh (the agent left no code), so nothing was started and every request got no response.",
	[GC_INSTALL] = "Installing the declared dependencies failed (a pinned version does not exist), so the server crashed on its first import and never answered.",
	[GC_MISSING_DEP] = "The code imports a package that is not declared in the dependency file; the server crashed at startup with a missing-module error.",
	[GC_DB_CONNECT] = "The server could not open its database at startup (wrong host or path in the connection settings) and exited before listening.",
	[GC_SYNTAX] = "A syntax error in one of the generated modules stopped the server at import time.",
	[GC_IMPORT_CYCLE] = "A circular import between the app modules raised at startup, so the server never listened.",
	[GC_PORT] = "The server listened on the framework's default port instead of the required one; the health check and all requests got connection refused.",
};

void
gen_attempt_rng(const struct gen_attempt *a, const char *purpose, struct gen_rng *r)
{
	gen_rng_init(r, gen_hash_str(a->key, purpose));
}

bool
gen_constraint_applies(const struct gen_attempt *a, int verifier)
{
	unsigned c = a->task->constraints;
	switch (verifier) {
	case 0: return (c & TC_ARCH) != 0;
	case 1: return (c & (TC_POSTGRES | TC_SQLITE)) != 0;
	default: return (c & (TC_SQLALCHEMY | TC_SEQUELIZE)) != 0;
	}
}

const char *
gen_term_name(const struct gen_attempt *a)
{
	switch (a->term) {
	case GT_SUBMITTED: return "Submitted";
	case GT_LIMITS: return "LimitsExceeded";
	case GT_ERROR: return "Error";
	default: return "NoTrajectory";
	}
}

static enum gen_crash
pick_crash(const struct gen_attempt *a, struct gen_rng *r)
{
	double w[8] = {0, 0, 0.14, 0.30, 0.12, 0.10, 0.14, 0.10};
	double sum = 0, u;

	if (a->task->constraints & TC_POSTGRES)
		w[GC_DB_CONNECT] = 0.40;
	if (a->task->constraints & TC_ARCH)
		w[GC_IMPORT_CYCLE] = 0.30;
	for (int i = 0; i < 8; i++)
		sum += w[i];
	u = gen_rng_unit(r) * sum;
	for (int i = 0; i < 8; i++) {
		if (u < w[i])
			return (enum gen_crash)i;
		u -= w[i];
	}
	return GC_MISSING_DEP;
}

static void
decide_defects(struct gen_attempt *a, struct gen_rng *r, double q)
{
	const struct gen_task *t = a->task;
	double lambda = 1.6 * pow(clamp01(1.0 - q), 1.6), wsum = 0;
	double data_boost = 1.0;

	if (t->constraints & (TC_POSTGRES | TC_SQLITE))
		data_boost += 0.5;
	if (t->constraints & (TC_SQLALCHEMY | TC_SEQUELIZE))
		data_boost += 0.6;
	for (int d = 0; d < GD_COUNT; d++)
		wsum += defects[d].w;
	for (int d = 0; d < GD_COUNT; d++) {
		double w = defects[d].w * (defects[d].data ? data_boost : 1.0);
		double p;
		if (d == GD_CRASH_MIDRUN && t->python)
			w = 0;
		if (d == GD_FEED_ROUTE && (strcmp(t->framework, "fastapi") == 0 ||
					   strcmp(t->framework, "django") == 0 ||
					   strcmp(t->framework, "hono") == 0))
			w *= 3; /* route-order and trailing-slash rules bite here */
		if (t->kind == TASK_FEATURE) {
			/* the upstream app works; only the re-added feature can be wrong */
			if (!(defects[d].group & t->removed_groups))
				w = 0;
			else
				w *= 2.5;
		}
		p = 1.0 - exp(-lambda * w / wsum);
		/* always draw, so one defect's odds never shift another's */
		if (gen_rng_unit(r) < p)
			a->defects |= 1u << d;
	}
	if (a->defects & (1u << GD_CRASH_MIDRUN)) {
		static const int at[] = {9, 18, 22, 28};
		a->crash_at = at[gen_rng_below(r, 4)];
	}
}

static void
decide_missing(struct gen_attempt *a, struct gen_rng *r, double q)
{
	static const unsigned optional[] = {GG_COMMENTS, GG_PROFILES, GG_FAVORITES, GG_FEED, GG_TAGS};
	const struct gen_task *t = a->task;
	bool limits = a->term == GT_LIMITS && !a->stuck;
	double u = gen_rng_unit(r);
	unsigned g1 = optional[gen_rng_below(r, 5)], g2 = optional[gen_rng_below(r, 5)];
	bool two = gen_rng_chance(r, 0.45);

	if (t->kind == TASK_FEATURE) {
		/* an agent that ran out of steps left (part of) the feature out */
		if (limits && u < 0.8)
			a->missing = t->removed_groups & ~(unsigned)GG_ARTICLES;
		if (limits && u < 0.4)
			a->missing = t->removed_groups;
		return;
	}
	if (limits && u < 0.75)
		a->missing = g1 | (two ? g2 : 0);
	else if (a->term == GT_SUBMITTED && u < 0.02 + 0.08 * clamp01(1 - q))
		a->missing = g1; /* submitted before finishing */
}

static void
decide_violations(struct gen_attempt *a, struct gen_rng *r)
{
	const struct gen_task *t = a->task;
	double weak = clamp01(1.0 - a->run->skill);
	double u_arch = gen_rng_unit(r), u_db = gen_rng_unit(r), u_orm = gen_rng_unit(r);
	double u_kind = gen_rng_unit(r);

	if (t->kind != TASK_GENERATION || a->patch != GP_NORMAL)
		return;
	if ((t->constraints & TC_ARCH) && u_arch < 0.01 + 0.25 * weak * weak)
		a->arch_bad = u_kind < 0.55 ? GV_ARCH_UPWARD : GV_ARCH_FLAT;
	if ((t->constraints & TC_SQLITE) && u_db < 0.005 + 0.15 * weak * weak)
		a->db_bad = GV_DB_PSYCOPG;
	if ((t->constraints & TC_POSTGRES) && u_db < 0.015 + 0.35 * weak * weak)
		a->db_bad = u_kind < 0.7 ? GV_DB_FALLBACK : GV_DB_WRONG;
	if ((t->constraints & (TC_SQLALCHEMY | TC_SEQUELIZE)) && u_orm < 0.01 + 0.25 * weak * weak)
		a->orm_bad = GV_ORM_RAW;
}

static bool
only_schema_defects(uint32_t d)
{
	for (int i = 0; i < GD_COUNT; i++)
		if ((d >> i & 1) && defects[i].sub)
			return false;
	return d != 0;
}

static void
classify(struct gen_attempt *a)
{
	int primary = -1;

	a->category = a->subcategory = NULL;
	a->reasoning[0] = a->sub_reasoning[0] = '\0';
	if (a->succeeded || a->task->kind != TASK_GENERATION)
		return;
	for (int i = 0; i < GD_COUNT && primary < 0; i++)
		if ((a->defects >> i & 1) && defects[i].sub)
			primary = i;
	if (a->tests_passed) {
		a->category = "constraint_violation";
		snprintf(a->reasoning, sizeof(a->reasoning),
			 "All %d assertions passed, but the patch breaks a required constraint (%s).",
			 a->T, a->arch_bad ? "layer structure or import direction" :
			 a->db_bad ? "database engine evidence" : "ORM usage");
	} else if (a->patch != GP_NORMAL) {
		a->category = a->term == GT_SUBMITTED ? "premature_termination" : "incomplete_implementation";
		snprintf(a->reasoning, sizeof(a->reasoning),
			 "The agent %s without leaving any code in the workspace; the server could not be started.",
			 a->term == GT_SUBMITTED ? "submitted" : "stopped");
	} else if (a->crash != GC_NONE) {
		a->category = "server_startup_failure";
		snprintf(a->reasoning, sizeof(a->reasoning), "%s", crash_why[a->crash]);
	} else if (a->no_report) {
		a->category = "other";
		snprintf(a->reasoning, sizeof(a->reasoning),
			 "The server started but the evaluation produced no Newman report.");
	} else if (a->stuck) {
		a->category = "stuck_in_loop";
		snprintf(a->reasoning, sizeof(a->reasoning),
			 "The agent repeated the same failing command until the step limit; %d of %d assertions passed.",
			 a->P, a->T);
	} else if (a->missing) {
		char groups[96] = "";
		for (unsigned g = 1; g <= GG_FEED; g <<= 1)
			if (a->missing & g)
				snprintf(groups + strlen(groups), sizeof(groups) - strlen(groups),
					 "%s%s", groups[0] ? ", " : "", gen_group_name(g));
		a->category = a->term == GT_SUBMITTED ? "premature_termination" : "incomplete_implementation";
		snprintf(a->reasoning, sizeof(a->reasoning),
			 "Endpoints for %s were never implemented (404 on every such route); %d of %d assertions passed.",
			 groups, a->P, a->T);
	} else if (primary < 0 && only_schema_defects(a->defects)) {
		for (int i = 0; i < GD_COUNT; i++)
			if (a->defects >> i & 1) {
				a->category = "schema_format_error";
				snprintf(a->reasoning, sizeof(a->reasoning), "%s", defects[i].why);
				break;
			}
	} else if (primary >= 0) {
		a->category = "logic_error";
		a->subcategory = defects[primary].sub;
		snprintf(a->reasoning, sizeof(a->reasoning),
			 "The server ran, but %d of %d assertions failed.", a->F, a->T);
		snprintf(a->sub_reasoning, sizeof(a->sub_reasoning), "%s", defects[primary].why);
	} else {
		a->category = "other";
		snprintf(a->reasoning, sizeof(a->reasoning), "No Newman report was produced.");
	}
}

/* Everything that only depends on the draws, not on the Newman results. */
static void
decide(struct gen_attempt *a, const struct gen_opts *o)
{
	const struct gen_task *t = a->task;
	double q = capability(a), weak = clamp01(1.0 - q);
	struct gen_rng r;
	char hex[9];

	gen_attempt_rng(a, "decide", &r);
	/* agent termination */
	{
		double u = gen_rng_unit(&r);
		double p_limits = 0.02 + 0.30 * weak * weak;
		if (u < 0.006)
			a->term = GT_NOTRAJ;
		else if (u < 0.018)
			a->term = GT_ERROR;
		else if (u < 0.018 + p_limits)
			a->term = GT_LIMITS;
		else
			a->term = GT_SUBMITTED;
		a->stuck = a->term == GT_LIMITS && gen_rng_chance(&r, 0.15 + 0.4 * clamp01(1 - a->run->skill));
	}
	/* patch */
	{
		double u = gen_rng_unit(&r);
		if (u < 0.004)
			a->patch = GP_ABSENT;
		else if ((a->term == GT_ERROR && u < 0.5) || (a->stuck && u < 0.35) ||
			 u < 0.004 + 0.012 * weak)
			a->patch = GP_EMPTY;
		else
			a->patch = GP_NORMAL;
	}
	/* server */
	{
		double u = gen_rng_unit(&r);
		double p_crash = 1.0 / (1.0 + exp(9.0 * (q - 0.33)));
		if (t->kind == TASK_FEATURE)
			p_crash *= 0.5; /* the upstream app around the change still works */
		if (a->patch != GP_NORMAL)
			a->crash = GC_NO_RUNSH;
		else if (u < p_crash)
			a->crash = pick_crash(a, &r);
		else
			a->crash = GC_NONE;
		u = gen_rng_unit(&r);
		a->no_report = a->crash != GC_NONE ? u < 0.12 : u < 0.003;
	}
	a->lenient_auth = gen_rng_chance(&r, 0.5);
	a->created_201 = gen_rng_chance(&r, 0.6);
	a->slug_suffix = gen_rng_chance(&r, 0.5);
	a->use_orm = (t->constraints & (TC_SQLALCHEMY | TC_SEQUELIZE)) ||
		     gen_rng_chance(&r, t->python ? 0.55 : 0.35);
	a->use_postgres = (t->constraints & TC_POSTGRES) != 0;
	gen_rng_hex(&r, hex, 8);
	snprintf(a->slug, sizeof(a->slug), "how-to-train-your-dragon%s%s",
		 a->slug_suffix ? "-" : "", a->slug_suffix ? hex : "");
	if (gen_rng_chance(&r, 0.2)) {
		char uuid[37];
		gen_rng_uuid(&r, uuid);
		snprintf(a->comment_id, sizeof(a->comment_id), "%s", uuid);
	} else {
		snprintf(a->comment_id, sizeof(a->comment_id), "1");
	}
	/* defects, unfinished groups, verifier violations: separate streams so
	 * that tuning one never reshuffles the others */
	{
		struct gen_rng rd;
		gen_attempt_rng(a, "defects", &rd);
		decide_defects(a, &rd, q);
		gen_attempt_rng(a, "missing", &rd);
		decide_missing(a, &rd, q);
		gen_attempt_rng(a, "violations", &rd);
		decide_violations(a, &rd);
	}
	if (a->orm_bad)
		a->use_orm = false;
	if (a->db_bad == GV_DB_WRONG)
		a->use_postgres = false;
	/* agent effort: calls made */
	{
		int lo = 14 + (int)(30 * weak), hi = 40 + (int)(60 * weak);
		if (a->term == GT_LIMITS)
			a->steps = a->run->agent[0] == 'o' ? 200 : 300;
		else if (a->term == GT_ERROR)
			a->steps = gen_rng_range(&r, 3, lo);
		else
			a->steps = gen_rng_range(&r, lo, hi);
	}
	/* timing: tasks start in canonical order, attempts a few minutes apart */
	{
		int64_t batch = t->kind == TASK_FEATURE ? a->run->feature_batch_ms : a->run->batch_ms;
		int64_t per_task = 26LL * 60000;
		a->start_ms = batch + (int64_t)(t->kind == TASK_FEATURE ? t->index - 80 : t->index) * per_task +
			      (int64_t)a->number * 7 * 60000 + (int64_t)gen_rng_below(&r, 90000);
		a->eval_ms = a->start_ms + (int64_t)a->steps * (6000 + gen_rng_below(&r, 9000)) + 30000;
		a->eval_ms += gen_rng_below(&r, 20000);
	}
	(void)o;
}

void
gen_attempt_make(struct gen_attempt *a, const struct gen_opts *o, const struct gen_run *run,
		 const struct gen_task *task, int number)
{
	uint64_t shared, own;

	memset(a, 0, sizeof(*a));
	a->run = run;
	a->task = task;
	a->number = number;
	shared = gen_mix(gen_hash_str(run->key, task->folder), gen_hash_str((uint64_t)number, task->name));
	own = gen_mix(gen_hash_str(run->own_key, task->folder), gen_hash_str((uint64_t)number, task->name));
	a->key = shared;
	if (run->rerun) {
		/* a re-run re-rolls about a quarter of its attempts */
		struct gen_rng r;
		gen_rng_init(&r, gen_mix(own, 0x7e7e));
		if (gen_rng_chance(&r, 0.25))
			a->key = own;
	}
	decide(a, o);
	{
		/* patch size: realistic 8-30 KB, or the asked size +-10% */
		struct gen_rng r;
		gen_attempt_rng(a, "size", &r);
		if (o->patch_kb > 0)
			a->patch_target = (size_t)o->patch_kb * 1024 * (size_t)gen_rng_range(&r, 90, 110) / 100;
		else
			a->patch_target = (size_t)gen_rng_range(&r, 8, 30) * 1024;
		a->log_target = (size_t)o->log_kb * 1024;
	}
	gen_newman_play(a);
	if (a->no_report) {
		a->T = a->P = a->F = 0;
	}
	a->tests_passed = !a->no_report && a->F == 0 && a->T > 0;
	for (int v = 0; v < 3; v++) {
		bool applies = task->kind == TASK_GENERATION && gen_constraint_applies(a, v);
		enum gen_violation bad = v == 0 ? a->arch_bad : v == 1 ? a->db_bad : a->orm_bad;
		a->verifier_ok[v] = !applies || (a->patch == GP_NORMAL && bad == GV_NONE);
	}
	a->succeeded = a->tests_passed && a->verifier_ok[0] && a->verifier_ok[1] && a->verifier_ok[2];
	{
		/* quirks are drawn from their own stream so that asking for them
		 * never changes anything else */
		struct gen_rng r;
		double u1, u2, u3, u4;
		gen_rng_init(&r, gen_hash_str(a->key ^ run->own_key, "quirks"));
		u1 = gen_rng_unit(&r);
		u2 = gen_rng_unit(&r);
		u3 = gen_rng_unit(&r);
		u4 = gen_rng_unit(&r);
		if ((o->quirks & GQ_TWO_CSV) && u1 < 0.03 && !a->no_report)
			a->quirks |= GQ_TWO_CSV;
		if ((o->quirks & GQ_NO_CSV) && u2 < 0.02 && !a->no_report)
			a->quirks |= GQ_NO_CSV;
		if ((o->quirks & GQ_TRUNCATED) && u3 < 0.02 && !a->no_report && !(a->quirks & GQ_NO_CSV))
			a->quirks |= GQ_TRUNCATED;
		(void)u4;
		if (a->quirks & GQ_NO_CSV) {
			a->T = a->P = a->F = 0;
			a->tests_passed = a->succeeded = false;
		}
	}
	classify(a);
}

void
gen_attempt_older(struct gen_attempt *older, const struct gen_attempt *a, int64_t earlier_ms)
{
	/* An earlier evaluation of the same work that went worse: the server
	 * did not come up (e.g. the database container was not ready). */
	*older = *a;
	older->eval_ms = a->eval_ms - earlier_ms;
	older->start_ms = a->start_ms - earlier_ms;
	older->quirks = 0;
	if (older->crash == GC_NONE && older->patch == GP_NORMAL)
		older->crash = GC_DB_CONNECT;
	older->no_report = false;
	gen_newman_play(older);
	older->tests_passed = older->F == 0 && older->T > 0;
	older->succeeded = false;
}

const char *
gen_defect_name(int d)
{
	static const char *const names[GD_COUNT] = {
		"register", "login", "auth_scheme", "create_article", "no_slug", "list_500",
		"crash_midrun", "user_fields", "article_fields", "list_shape", "filter_author",
		"filter_tag", "filter_favorited", "feed_route", "get_article", "update_article",
		"update_user", "favorite", "unfavorite", "comments_500", "comment_auth",
		"profile_404", "follow", "tags",
	};
	return d >= 0 && d < GD_COUNT ? names[d] : "?";
}

const char *
gen_crash_name(enum gen_crash c)
{
	static const char *const names[] = {"none", "no_run_sh", "install_failed", "missing_dependency",
					    "database_connect", "syntax_error", "import_cycle", "wrong_port"};
	return names[c];
}

const char *
gen_violation_name(enum gen_violation v)
{
	static const char *const names[] = {"none", "repository_imports_service", "missing_layers",
					    "postgres_driver_in_sqlite_task", "sqlite_fallback",
					    "sqlite_instead_of_postgres", "no_orm"};
	return names[v];
}
