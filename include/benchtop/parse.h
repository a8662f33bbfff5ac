/* parse.h: parsers for the benchmark's own files.  Each takes bytes in
 * memory and fills structs; none prints, touches the terminal or the store,
 * so each can be unit-tested and fuzzed on its own.
 *
 *   - the Newman CSV report (upstream-format.md section 2)
 *   - the Postman collection's assertion catalogue (section 2.4)
 *   - the failure-taxonomy judge CSVs (section 6.3)
 *   - Mini-SWE and OpenHands trajectories (sections 1.4-1.6), and the
 *     files mini-swe-agent writes itself (docs/jsonl-format.md)
 *   - task JSON files (section 3.3)
 */
#ifndef BENCHTOP_PARSE_H
#define BENCHTOP_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "benchtop/attempt.h"
#include "benchtop/util.h"

/* ------------------------------------------------------------ CSV (RFC 4180) */

/* A generic CSV reader: quoted fields with doubled quotes, CRLF, LF or lone
 * CR line ends, a missing final newline, newlines inside quoted fields.  As
 * in Python's csv module, a quote inside an unquoted field is an ordinary
 * character and text after a closing quote is appended to the field.
 * quoted[] tells an empty unquoted field (Newman writes missing values that
 * way) from a quoted "".  A blank line is a row of one empty unquoted field. */
struct csv_row {
	struct strv fields;
	bool *quoted;   /* quoted[i]: field i was quoted */
	size_t cap_quoted;
	long line;      /* 1-based line number where the row starts */
};
struct csv_reader {
	const char *data;
	size_t len, pos;
	long line;
};
/* The reader never reads data[len] or beyond; data needs no terminator. */
void csv_reader_init(struct csv_reader *r, const char *data, size_t len);
/* Returns 1 and fills row, 0 at end of input, or -1 (BT_EINPUT in err,
 * "line N: why") when the input ends inside a quoted field (N is the line
 * where the quote opened) or holds a NUL byte.  After -1, row holds the
 * fields read so far (the last one partial) and later calls return 0.
 * row must be zero-initialised before the first call and is reused; its
 * fields belong to it.  csv_row_free() releases it. */
int csv_next(struct csv_reader *r, struct csv_row *row, struct bt_error *err);
void csv_row_free(struct csv_row *row);

/* ------------------------------------------------------------ assertions */

/* The assertion names of each request of the Postman collection, in
 * emission order, read from the collection JSON: the catalogue lets the
 * Newman importer split "a, b, c" lists even if a name contained ", ".
 * Every tests['name'] / tests["name"] assignment of a test script is one
 * assertion (reads are not), once per distinct key of each script (each
 * script has its own `tests` object); the collection's and the enclosing
 * folders' test scripts run before the request's own.  Everything is owned
 * by the catalogue; catalogue_free() releases it. */
struct assertion_catalogue {
	size_t n_requests;
	struct catalogue_request {
		char *name;        /* request (item) name */
		char *folder;      /* the enclosing folder's name, "" at top level */
		char *method;      /* "GET" when the item gives none */
		struct strv assertions;
	} *requests;               /* in collection (= run) order */
	struct strv all;       /* every distinct assertion name, first-seen order */
	const char **sorted;   /* all's names in byte order, for catalogue_split
				* (NULL in a catalogue built by hand: split sorts) */
};
/* Returns BT_OK, or BT_EINPUT (out left empty) for invalid JSON, a
 * document that is not a collection, or one whose requests would list more
 * than 16 MB of assertion names (folder scripts count once per request). */
int catalogue_parse(const char *json, size_t len, struct assertion_catalogue *out,
		    struct bt_error *err);
void catalogue_free(struct assertion_catalogue *c);
/* Split a joined Newman list ("a, b, c") into names appended to out: with
 * a catalogue (c may be NULL), the longest known name followed by ", " or
 * the end is taken at each position; unknown text falls back to ", "
 * splits.  "" gives no names. */
void catalogue_split(const struct assertion_catalogue *c, const char *joined, struct strv *out);

/* ------------------------------------------------------------ Newman CSV */

/* Parse a Newman CSV report (newman-reporter-csv 1.3.0) into a->requests
 * (appended; a should hold none yet) and the sums a->total/passed/failed,
 * exactly as upstream counts: empty counts are 0, and a row with a
 * non-integer count is abandoned after the counts already added (total,
 * then executedCount, then failedCount), as upstream's quirk.  Each request
 * carries the counts that were added for it, so they sum to the attempt's.
 * Passed names come from the `executed` column.  An empty `code` means the
 * request got no response: code -1, status "".  Problems (truncated file,
 * short rows, bad counts, invalid UTF-8, which is replaced by U+FFFD) are
 * recorded with attempt_problem() as "name:line: why" and set
 * ATTEMPT_BROKEN_REPORT; what could be read is kept, including the partial
 * last row of a truncated file.  Sets a->has_report.  `name` is the file
 * name used in messages.  cat may be NULL.  Returns BT_OK unless the data is
 * not a Newman CSV at all (wrong header): then BT_EINPUT, the problem and
 * the flag are recorded and has_report stays false.  An empty file or one
 * cut inside the header is a truncated report (BT_OK, broken, no rows).
 * Counts beyond int range are treated as non-integers; more than 100000
 * rows are counted but not kept as requests. */
int newman_parse(const char *data, size_t len, const char *name,
		 const struct assertion_catalogue *cat, struct attempt *a, struct bt_error *err);

/* ------------------------------------------------------------ judge CSVs */

enum judge_kind { JUDGE_COARSE, JUDGE_LOGIC };
struct judge_row {
	char *agent, *model, *runtime, *task, *run_id; /* run_id as written: "run_N" */
	int number;                                    /* N (a parsed file has no malformed run_id) */
	char *label;                                   /* category or subcategory */
	char *reasoning;
	long line;                                     /* where the row starts in the file */
};
struct judge_file {
	enum judge_kind kind;
	struct judge_row *rows;
	size_t n, cap;
};
/* Parse failure_analysis_*.csv (coarse) or logic_subcategories*.csv
 * (logic), told apart by the header.  Blank lines are skipped.  A row with
 * a bad field (wrong field count, empty agent/model/runtime/task, run_id not
 * "run_N", a label outside the enum, invalid UTF-8) fails the parse with
 * "file:line:field: expected ..., got ..." in err and out left empty (BT_EINPUT).
 * The strings of out belong to it; judge_file_free() releases them. */
int judge_parse(const char *data, size_t len, const char *name, struct judge_file *out,
		struct bt_error *err);
void judge_file_free(struct judge_file *f);
/* True when the header looks like a judge CSV (for content sniffing). */
bool judge_sniff(const char *data, size_t len);

/* ------------------------------------------------------------ trajectories */

/* One step of a trajectory, for the viewer and for counting. */
struct traj_step {
	char *role;    /* mini: system|user|assistant; mini-swe-agent: also action
			* (one tool call), tool (its output) and exit; openhands:
			* the event kind */
	char *source;  /* openhands: agent|user|environment; else "" */
	char *tool;    /* openhands tool_name, a tool call's function, or "" */
	char *text;    /* the message content or a rendering of the event */
	char *command; /* the command the step ran (a tool call's, a ```bash
			* block's, an OpenHands action's), NULL when none */
	long obs;      /* the step holding that command's output, -1 if none */
};
struct trajectory {
	char format[16];       /* "mini" (the benchmark's wrapper) | "mini-swe-agent" |
				* "openhands" | "" (unreadable) */
	char *termination;     /* Submitted|LimitsExceeded|Error|Unknown|NoTrajectory */
	char *status;          /* mini status / mini-swe-agent exit_status / openhands
				* execution_status as written (a non-string mini
				* status as compact JSON), "" if none */
	char *cwd;             /* the agent's working directory when the file says, or NULL */
	long steps;            /* assistant messages (mini, mini-swe-agent) / ActionEvents
				* with source agent (openhands) */
	long tokens_in, tokens_out, llm_calls; /* -1 when unknown (steps too) */
	bool tokens_approx;    /* estimated (bytes / 4), not counted by the model API */
	double cost;           /* < 0 when unknown */
	struct traj_step *v;
	size_t n, cap;
};
/* Everything in a trajectory is owned by it.  Every parse function needs
 * an initialised t, releases what it held and always sets format and
 * termination. */
void trajectory_init(struct trajectory *t);
void trajectory_free(struct trajectory *t);
/* Mini-SWE mini/trajectory.json (the benchmark's wrapper).  Invalid JSON
 * (including invalid UTF-8 or a top level that is not an object) gives
 * termination NoTrajectory and BT_EINPUT (err says why). */
int trajectory_parse_mini(const char *json, size_t len, struct trajectory *t,
			  struct bt_error *err);
/* OpenHands: base_state.json plus the event files, already sorted by name.
 * An unreadable base_state gives NoTrajectory and BT_EINPUT; an unreadable
 * event becomes a step of role "unreadable" (and is not a finish event). */
int trajectory_parse_openhands(const char *base_state, size_t base_len,
			       const char *const *events, const size_t *event_lens,
			       size_t n_events, struct trajectory *t, struct bt_error *err);
/* The stored form of an OpenHands conversation is one JSON document
 * {"base_state": {...}, "events": [{...}, ...]}; this parses that form. */
int trajectory_parse_openhands_bundle(const char *json, size_t len, struct trajectory *t,
				      struct bt_error *err);
/* Parse a trajectory of any format, recognised from the content: a list,
 * or an object with "messages", is mini-swe-agent's own file; "base_state"
 * an OpenHands conversation; "trajectories" or "status" the benchmark's
 * Mini-SWE wrapper.  `format` ("auto", NULL or "", "mini" = "mini-sdk",
 * "mini-swe-agent", "openhands") decides only when the content does not;
 * another format is BT_EINPUT with NoTrajectory.  Messages start with
 * `name` (the file).  Not JSON: BT_EINPUT and NoTrajectory, as upstream
 * counts it; JSON of no known format: BT_EINPUT ("unknown trajectory
 * format") and Unknown, format "". */
int trajectory_parse(const char *format, const char *data, size_t len, const char *name,
		     struct trajectory *t, struct bt_error *err);
/* mini-swe-agent's exit_status as a termination class: Submitted;
 * LimitsExceeded and TimeExceeded are LimitsExceeded; NULL or "" Unknown;
 * anything else (an exception's name) Error. */
const char *trajectory_termination_class(const char *exit_status);

/* ------------------------------------------------------------ task JSON */

struct task_json {
	char *name, *description, *prompt, *docker_folder;
	char *patch_file;               /* `patch`; NULL when null or absent */
	char *repo_url, *repo_commit;   /* NULL when null or absent */
	struct strv setup_cmds, run_cmds;
	int port;
	char *base_url, *healthcheck_endpoint;
	char *postman_collection;       /* "Conduit.postman_collection.json" when absent */
	bool has_metadata;              /* taskMetadata given (feature tasks) */
	long lines_added, lines_removed, lines_of_change, num_changed_files; /* -1 if not */
};
/* Validates every field's type (unknown keys are ignored); an error names
 * the file and field ("x.json: field 'repoMetadata.port': expected ...,
 * got ...") and leaves out empty (BT_EINPUT).  Strings are owned by out;
 * task_json_free() releases them. */
int task_json_parse(const char *json, size_t len, const char *name, struct task_json *out,
		    struct bt_error *err);
void task_json_free(struct task_json *t);


/* ------------------------------------------------------------ notes */

/* A notes export (`benchtop notes --format csv|json`) read back: one row
 * per tag or note, each naming its address.  The rows own their strings;
 * notes_file_free() releases them. */
struct notes_row {
	char *address; /* as written: a run, task or attempt address (address.h) */
	bool is_note;  /* else a tag */
	char *text, *author, *time;
	long line;     /* CSV line, or JSON row number (1-based) */
};
struct notes_file {
	struct notes_row *rows;
	size_t n, cap;
};
/* Does data start like a notes export (the CSV header address,what,text,
 * author,time or the JSON {"title": "Notes", ...})? */
bool notes_sniff(const char *data, size_t len);
/* Parse a whole export; BT_EINPUT with "file:line: why" at the first bad
 * row (an unknown address form, a bad tag, an empty author or time). */
int notes_parse(const char *data, size_t len, const char *file, struct notes_file *out,
		struct bt_error *err);
void notes_file_free(struct notes_file *f);

#endif
