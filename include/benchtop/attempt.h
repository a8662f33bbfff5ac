/* attempt.h: one attempt as every importer produces it and the store takes it.
 *
 * An attempt is one repetition (the benchmark's run_N) of one task by one run
 * (an agent configuration).  Importers fill a struct attempt, call
 * attempt_finish() to derive the per-attempt metrics, and hand it to
 * store_put_attempt().  The struct owns every pointer inside it;
 * attempt_free() releases them all.
 */
#ifndef BENCHTOP_ATTEMPT_H
#define BENCHTOP_ATTEMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/task.h"
#include "benchtop/util.h"

/* Who produced the attempt.  All strings owned. */
struct run_ident {
	char *name;   /* unique name users compare by; default "agent/model" */
	char *agent;  /* scaffold, e.g. mini_swe_sdk */
	char *model;  /* e.g. gpt-5.4 */
	char *label;  /* free text, may be "" */
	char *source; /* where it was imported from */
};

/* One row of a Newman report. */
struct request {
	int position;        /* 1-based row number in the report */
	char *name;          /* Postman item name (not unique) */
	char *method, *url;  /* may be "" */
	char *status;        /* HTTP reason phrase; "" when the request errored */
	int code;            /* HTTP status, -1 when the request errored (no response) */
	long response_ms;    /* -1 when missing */
	long response_bytes; /* -1 when missing */
	int n_total, n_passed, n_failed, n_skipped;
	struct strv passed;  /* names of passed assertions, in report order */
	struct strv failed;  /* names of failed assertions */
};

enum verifier_kind { VERIFIER_ARCH = 0, VERIFIER_DB = 1, VERIFIER_ORM = 2, VERIFIER_COUNT = 3 };

struct verdict {
	bool applicable; /* the task has this constraint */
	bool ok;         /* meaningful only when applicable */
	char *reason;    /* the verifier's reason string (owned, may be NULL) */
};

/* Which file/line of the patch gave a verifier a label. */
struct evidence {
	enum verifier_kind verifier;
	char *file;   /* path in the patch, may be NULL */
	int line;     /* 1-based line number in the patch file, 0 if unknown */
	char *label;  /* "layer:routes", "import:psycopg2", "violation" ... */
	char *detail; /* the matching text or the broken rule */
};

/* The artifact kinds, the one list of them: X(id, name as stored and in
 * JSONL, title, heading in the attempt view, the TUI view that shows it
 * (view_<viewer>_ops), the option of `benchtop show`). */
#define ARTIFACT_KIND_LIST(X)                                                                     \
	X(ARTIFACT_PATCH, "patch", "patch", "Patch (the agent's diff)", diff, "patch")             \
	X(ARTIFACT_SERVER_LOG, "server_log", "server log", "Server log (conduit.log)", log, "log")  \
	X(ARTIFACT_SETUP_LOG, "setup_log", "setup log", "Setup log (setup.log)", log, "setup-log") \
	X(ARTIFACT_TRAJECTORY, "trajectory", "trajectory", "Trajectory", trajectory, "trajectory")

enum artifact_kind {
#define ARTIFACT_ID(id, name, title, heading, viewer, option) id,
	ARTIFACT_KIND_LIST(ARTIFACT_ID)
#undef ARTIFACT_ID
	ARTIFACT_KINDS
};

struct artifact_kind_info {
	const char *name;    /* "server_log" (artifact_kind_name) */
	const char *title;   /* "server log" */
	const char *heading; /* "Server log (conduit.log)" */
	const char *option;  /* "log": benchtop show --log */
};
extern const struct artifact_kind_info artifact_kinds[ARTIFACT_KINDS];

struct artifact {
	bool present;
	char *path;      /* where it was read from (owned, may be NULL) */
	char *data;      /* content (owned); NUL-terminated */
	size_t len;      /* bytes in data */
	size_t size;     /* original size (> len when truncated) */
	bool truncated;
	char format[16]; /* trajectory: "mini", "openhands", "text"; else "" */
};

/* Attempt flags (a bit set stored with the attempt). */
enum attempt_flag {
	ATTEMPT_MULTIPLE_REPORTS = 1 << 0, /* the folder held several Newman CSVs */
	ATTEMPT_BROKEN_REPORT = 1 << 1,    /* the CSV could not be fully read */
	ATTEMPT_NO_REPORT = 1 << 2,        /* no Newman CSV: the server never ran tests */
	ATTEMPT_NO_PATCH = 1 << 3,
	ATTEMPT_PROBLEMS = 1 << 4,         /* see problems text */
	ATTEMPT_TOKENS_APPROX = 1 << 5,    /* token counts estimated from the trajectory */
};

struct attempt {
	int64_t id, run_id, task_id; /* store ids when loaded from a store, else 0 */
	struct run_ident run;
	struct task_info task;
	int number;         /* N of run_N */
	char batch[32];     /* the date folder, "" if unknown */

	bool has_report;
	long total, passed, failed; /* assertion sums (T, P, F) */
	struct request *requests;
	size_t n_requests, cap_requests;

	struct verdict verdict[VERIFIER_COUNT];
	struct evidence *evidence;
	size_t n_evidence, cap_evidence;

	/* derived by attempt_finish() */
	double raw;        /* raw A%, fraction 0..1 */
	double strict;     /* strict A% */
	bool tests_passed; /* F == 0 and T > 0 */
	bool verifiers_ok;
	bool succeeded;

	/* trajectory facts; -1 / NULL when unknown */
	char *termination; /* Submitted | LimitsExceeded | Error | Unknown | NoTrajectory */
	long steps, tokens_in, tokens_out, llm_calls;
	double cost;       /* USD, < 0 when unknown */

	/* failure taxonomy, NULL when unknown */
	char *category, *category_reasoning;
	char *subcategory, *subcategory_reasoning;

	unsigned flags;
	struct buf problems; /* one line per problem met while importing */

	struct artifact artifacts[ARTIFACT_KINDS];
};

void attempt_init(struct attempt *a);
void attempt_free(struct attempt *a);
/* Compute raw/strict A%, tests_passed, verifiers_ok and succeeded from the
 * counts and verdicts, as upstream's evaluation.py does (spec 4.1, 4.6). */
void attempt_finish(struct attempt *a);

struct request *attempt_add_request(struct attempt *a);
struct evidence *attempt_add_evidence(struct attempt *a, enum verifier_kind v);
void attempt_problem(struct attempt *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void attempt_set_artifact(struct attempt *a, enum artifact_kind kind, const char *path,
			  char *data, size_t len, size_t size, bool truncated);

void run_ident_free(struct run_ident *r);
void run_ident_set(struct run_ident *r, const char *name, const char *agent, const char *model,
		   const char *label, const char *source);

/* Failures, as the failure board and the attempt view see them.  Is
 * request r a cascade (a "{{slug}}" request after a failed Create Article,
 * its URL holds "/null", or a 401 after a failed login)? */
bool attempt_request_is_cascade(const struct attempt *a, size_t r);
/* No request got a response (also true when there is none). */
bool attempt_server_down(const struct attempt *a);
/* The first request in collection order that failed without being a
 * cascade of an earlier failure (when the server was down: the first that
 * failed); -1 when none failed.  The closest thing to a root cause. */
long attempt_first_failure(const struct attempt *a);
/* Request names repeat in the collection ("All Articles" twice): a request
 * is known by its name and its occurrence, 1 for the first of the name in
 * the report.  attempt_find_request() gives -1 when there is none. */
int attempt_request_occurrence(const struct attempt *a, size_t r);
long attempt_find_request(const struct attempt *a, const char *name, int occurrence);

/* How an agent's trajectory ended (spec 1.6), in the order upstream's
 * trajectory_analysis.py counts them. */
enum termination {
	TERM_SUBMITTED,
	TERM_LIMITS,        /* LimitsExceeded: the step or iteration limit */
	TERM_ERROR,
	TERM_NO_TRAJECTORY, /* also an attempt imported without any termination */
	TERM_UNKNOWN,
	TERM_COUNT
};
/* The stored name ("LimitsExceeded") of a reason, and back (NULL or an
 * unknown name: TERM_NO_TRAJECTORY, as no trajectory told otherwise). */
const char *termination_name(enum termination t);
enum termination termination_parse(const char *name);
/* The attempt's termination for people: the stored word ("Submitted"),
 * except "no trajectory recorded" for NoTrajectory and "termination
 * unknown" for none. */
const char *attempt_termination_text(const struct attempt *a);

const char *artifact_kind_name(enum artifact_kind kind);
int artifact_kind_from_name(const char *name); /* -1 when unknown */
const char *verifier_name(enum verifier_kind v);    /* architecture | database | orm */

#endif
