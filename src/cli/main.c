/* main.c: command-line dispatch and the command table that --help and the
 * man page are printed from. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <getopt.h>

#include "benchtop/action.h"
#include "benchtop/cli.h"
#include "benchtop/model_compare.h"
#include "benchtop/tui.h"

/* Each command's options (struct cli_opt): getopt_long()'s array, --help
 * and the man page come from these tables.  The shared ones: */
#define STORE_OPT                                                                                  \
	{"store", 's', "PATH",                                                                     \
	 "The store to use. Default: $BENCHTOP_STORE, else $XDG_DATA_HOME/benchtop/benchtop.db; " \
	 "reading commands fall back to the bundled synthetic demo when that does not exist. "    \
	 "A store is only ever created by import.",                                               \
	 CLI_SHARED_STORE}
#define JOURNAL_OPT                                                                                \
	{"journal", CLI_OPT_JOURNAL, "MODE",                                                       \
	 "How imports journal the store: wal, delete (a rollback journal) or auto (the default: " \
	 "WAL, but a rollback journal when the store is on a network filesystem such as NFS, "    \
	 "SMB, sshfs or Lustre, which is said once). wal is for a mount only one host uses. "     \
	 "Also 'set journal MODE' in the configuration file; see benchtop-store(5).",            \
	 CLI_SHARED_STORE_OPTION}
#define IMMUTABLE_OPT                                                                              \
	{"immutable", CLI_OPT_IMMUTABLE, NULL,                                                     \
	 "Read the store as a file nobody writes (SQLite's immutable=1: no locks, no file beside " \
	 "it), for a WAL store whose -wal and -shm this user cannot make. Wrong results if "      \
	 "anything writes it meanwhile. Done by itself when nobody may write the file.",          \
	 CLI_SHARED_STORE_OPTION}
#define READ_OPTS STORE_OPT, JOURNAL_OPT, IMMUTABLE_OPT
#define FORMAT_OPT(help) {"format", 'f', "FMT", help, CLI_SHARED_FORMAT}
#define REPORT_FORMAT_OPT FORMAT_OPT("Output format: text (default), csv, json, md or latex.")
#define RUN_OPT(help) {"run", 'r', "RUN", help, CLI_SHARED_RUN}
#define RUNS_OPT                                                                                   \
	RUN_OPT("Only this run (repeatable): its full name as 'benchtop runs' shows it, "           \
		"agent/model, or a unique prefix. Default: every run.")
#define EXCLUDE_LIMITS_OPT                                                                         \
	CLI_OPT("exclude-limits", 'x', NULL,                                                       \
		"Leave out the attempts whose trajectory ended in LimitsExceeded (the step or "    \
		"iteration limit), as evaluation_tables_filtered.py does, and say how many were " \
		"left out (on standard error with --upstream).")

static const struct cli_opt import_opts[] = {
	STORE_OPT,
	JOURNAL_OPT,
	CLI_OPT("keep-going", 'k', NULL,
		"Import the good lines of a JSONL file and list the bad ones, instead of importing "
		"nothing when one line is bad. The exit status is still 65."),
	CLI_OPT("name", 'n', "NAME",
		"Name the run NAME instead of agent/model. Refused (status 65) when the input holds "
		"more than one agent/model pair, or when the store has a run NAME of another "
		"agent/model."),
	RUN_OPT("The run the judge CSVs judge. Needed when several runs share an agent/model "
		"(import --name): a judge CSV names only agent and model, and is refused then "
		"rather than given to every run."),
	CLI_OPT("allow-outside", 'a', "DIR",
		"Trust the folder DIR too: artifacts whose paths lead into it (an absolute path a "
		"harness wrote, a symbolic link) are read. Repeatable."),
	CLI_OPT("label", 'l', "TEXT", "A label shown beside the run."),
	CLI_OPT("collection", 'c', "FILE",
		"The Postman collection, used to split assertion names (default: "
		"runtime/newman/Conduit.postman_collection.json beside the tree, when present)."),
	CLI_OPT("quiet", 'q', NULL, "No progress bar and no summary unless something went wrong."),
	CLI_OPT("portable", 'p', NULL,
		"Leave the store as one self-contained file (no WAL), vacuumed, for copying or "
		"installing it read-only."),
	CLI_OPT("index-text", 'x', NULL,
		"Keep a text index (SQLite FTS5, trigrams) of every artifact, so that 'benchtop "
		"search' and :grep read only the artifacts that may match. Made once over the "
		"whole store, then kept up to date by every import. It costs disk and import time "
		"(docs/performance.md); without it a search reads every artifact it looks in. "
		"With --store and no PATH, indexes what the store holds."),
	CLI_OPT("watch", 'w', NULL,
		"Keep running and import what the paths get while a sweep writes them, until "
		"SIGINT or SIGTERM (which finish the unit being imported and exit with status 0). "
		"A task folder of a results tree is imported once it holds a finished run folder "
		"(its Newman CSV) and nothing in it changed for the quiet period, and again when it "
		"changes; a run folder without its CSV waits, unless untouched for ten quiet "
		"periods. A JSONL file's appended whole lines are imported as they come (bad lines "
		"are listed, the others go in). One line per unit imported, with the run's progress "
		"against 80 generation tasks x the attempts seen. Changes are seen with inotify, or "
		"by scanning every second on NFS, SMB, FUSE and other file systems where inotify "
		"misses writes (BENCHTOP_WATCH=poll forces it)."),
	CLI_OPT("quiet-period", CLI_LONG('q'), "SECONDS",
		"With --watch: how long a task folder must stay unchanged before it is imported "
		"(default 5)."),
	CLI_OPT("verbose", 'v', NULL,
		"With --watch: say how each path is watched (inotify or polling, and why)."),
	CLI_OPT_END,
};

static const struct cli_opt runs_opts[] = {READ_OPTS, REPORT_FORMAT_OPT, CLI_OPT_END};

static const struct cli_opt summary_opts[] = {
	READ_OPTS,
	RUNS_OPT,
	CLI_OPT("by", 'b', "G",
		"Group by level (default, plus an overall row), framework (with a column for each "
		"framework's decay L3 - L0 of strict A%), framework,level, runtime, runtime,level, "
		"global, constraint, or framework,constraint."),
	CLI_OPT("kind", 'k', "K", "generation (default) or feature tasks."),
	REPORT_FORMAT_OPT,
	CLI_OPT("upstream", 'u', NULL,
		"With --format csv: write exactly the columns, row order and 4-decimal fractions "
		"of the benchmark's data/global_stats.csv (CRLF line ends), one block per run, "
		"runs ordered by agent then model, so the two can be diffed."),
	EXCLUDE_LIMITS_OPT,
	CLI_OPT_END,
};

static const struct cli_opt table_opts[] = {
	READ_OPTS,
	RUNS_OPT,
	REPORT_FORMAT_OPT,
	CLI_OPT("list", 'l', NULL, "List the tables."),
	CLI_OPT("labeller", 'L', "NAME",
		"Table 6: whose labels are the reference (default: the only labeller)."),
	CLI_OPT("against", 'a', "NAME", "Table 6: compare with this labeller instead of the judge."),
	CLI_OPT("level", 'v', "L",
		"Table 6: coarse (the categories) or logic (the subcategories; the default when "
		"the labeller gave any)."),
	EXCLUDE_LIMITS_OPT,
	CLI_OPT("sem", 'S', NULL,
		"8, 8-all: add to each cell the run-level mean +/- SEM and n of the strict A% of "
		"every attempt at the framework's tasks (compute_sem.py)."),
	CLI_OPT("by", 'b', "level", "termination: one row per configuration and level."),
	CLI_OPT("pipeline-only", 'p', NULL,
		"subset: compare with the 16 pipeline tasks instead of every task of the four "
		"subset frameworks."),
	CLI_OPT("price", 'P', "MODEL=IN,OUT",
		"cost: USD per million input and output tokens for MODEL (repeatable); it replaces "
		"upstream's price of a model it lists."),
	CLI_OPT_END,
};

static const struct cli_opt export_opts[] = {
	STORE_OPT,
	RUNS_OPT,
	CLI_OPT("upstream", 'u', "DIR",
		"Write the CSV files of the benchmark's evaluation into DIR (made when missing): "
		"run_stats.csv, task_stats.csv, global_stats.csv and decay_stats.csv "
		"(evaluation.py) and feature_run_stats.csv, feature_task_stats.csv and "
		"feature_global_stats.csv (evaluation_feature.py), byte for byte: same columns, "
		"row order, 4-decimal fractions and CRLF line ends. --run limits them to some "
		"runs, as upstream's --agent and --model do."),
	CLI_OPT_END,
};

#define PLOT_SIZE_HELP "The text plot's size in characters (default 78x22)."
static const struct cli_opt plot_opts[] = {
	READ_OPTS,
	RUN_OPT("The run to plot (default: the first); a second --run is overlaid, drawn dashed "
		"with hollow markers and labelled (B)."),
	CLI_OPT("metric", 'm', "M", "strict (default: strict A%), raw (raw A%) or pass1 (pass@1)."),
	/* not a report's format: the plot's own */
	CLI_OPT("format", 'f', "F",
		"text (default) or svg (a standalone SVG for a paper, with the colour-blind-safe "
		"Okabe-Ito palette)."),
	CLI_OPT("error-bars", 'e', NULL,
		"Draw +/-1 standard error of the mean over the tasks of each point."),
	CLI_OPT("width", 'W', "N", PLOT_SIZE_HELP),
	CLI_OPT("height", 'H', "N", PLOT_SIZE_HELP),
	CLI_OPT("ascii", 'a', NULL,
		"ASCII lines and markers (the default when the locale is not UTF-8)."),
	CLI_OPT("framework-sensitivity", 'F', NULL,
		"Instead of the decay plot, the RQ2 figure (plot_framework_sensitivity.py): per "
		"framework the run-level strict A% (every attempt at its tasks, all levels) as "
		"mean +/- SEM, one marker per configuration: those given with --run (up to 8), "
		"else upstream's six (Mini-SWE and OpenHands with GPT-5-mini and Qwen3-Coder, "
		"Mini-SWE with MiniMax-M2.5 and GPT-5.4) that the store has. As text, one bar per "
		"framework and configuration; as SVG, the figure."),
	CLI_OPT_END,
};

static const struct cli_opt compare_opts[] = {
	READ_OPTS,
	FORMAT_OPT("Output format: text (default), csv, json or md (latex works too)."),
	CLI_OPT("fail-on-regression", 'F', NULL,
		"Exit with status 1 when B regresses: when a task is marked regressed, or, with "
		"--threshold, when strict A% over the common tasks drops by more than the "
		"threshold; with status 65 when no task is in both runs. The verdict goes to "
		"standard error. Without this option the status is 0 whatever B does."),
	CLI_OPT("table", 'T', "T",
		"Only one table: summary (Table 1 over the common tasks, B - A and its 95% CI), "
		"coverage (tasks in both, only in A, only in B, and the counts of changes) or tasks "
		"(every task in both runs with its change, regressed, improved or unchanged, and "
		"the test's p-value). CSV is always one table: tasks unless --table says otherwise; "
		"the other formats give every table, each with its title, unless --table picks "
		"one."),
	CLI_OPT("threshold", 't', "PP",
		"With --fail-on-regression: fail only when B's strict A% over the common tasks is "
		"more than PP percentage points below A's (B - A < -PP), whatever single tasks "
		"do."),
	CLI_OPT_END,
};

#define SHOW_ARTIFACT_HELP "Which artifact: the agent's patch, the server log (conduit.log), " \
			   "the setup log or the trajectory (as stored)."
static const struct cli_opt show_opts[] = {
	READ_OPTS,
	RUN_OPT("The run: its full name as 'benchtop runs' shows it, agent/model, or a unique "
		"prefix."),
	CLI_OPT("task", 't', "TASK",
		"The task's name (generation tasks: flask-openapi-sqlite ...); a feature task's "
		"name repeats across frameworks: give FRAMEWORK/NAME."),
	CLI_OPT("attempt", 'n', "N", "The attempt number: N of the benchmark's run_N (0 for run_0)."),
	/* --patch, --log ...: one per artifact kind */
#define SHOW_ARTIFACT(id, name, title, heading, viewer, option) \
	CLI_OPT(option, CLI_KEY_ARTIFACT + id, NULL, SHOW_ARTIFACT_HELP),
	ARTIFACT_KIND_LIST(SHOW_ARTIFACT)
	CLI_OPT("raw", CLI_LONG('R'), NULL,
		"The stored bytes unchanged. Without it, control characters and escape sequences "
		"are shown as visible escapes (ESC as ^[), invalid UTF-8 as U+FFFD (everything as "
		"ASCII when the locale is not UTF-8), and CRLF line ends as LF; tabs are kept."),
	CLI_OPT_END,
};

#define FILTER_HELP                                                                          \
	"framework=F level=N constraint=C outcome=all-passed|flaky|never-passed|not-all-passed " \
	"has=no-server|verifier-failed|assertions-failed|no-report category=C name=TEXT, as the " \
	"explorer's f key takes it (bare words work too: flask L2 flaky)."

static const struct cli_opt tasks_opts[] = {
	READ_OPTS,
	RUN_OPT("The run: its full name, agent/model, or a unique prefix. Default: every run's "
		"tasks, with a Run column."),
	CLI_OPT("filter", 'F', "EXPR", "Only the tasks that match: " FILTER_HELP),
	CLI_OPT("sort", 'o', "COL",
		"Sort by task (default), framework, level, A%, raw, pass1 or category; numbers "
		"worst first, as in the explorer."),
	CLI_OPT("reverse", 'R', NULL, "Reverse the sort."),
	CLI_OPT("kind", 'k', "K",
		"generation (default), feature, or all (the generation tasks' rows, then the "
		"feature tasks')."),
	FORMAT_OPT("Output format: text (default), csv, json or md. The CSV has a task column "
		   "with the task's full name, then one column per list column."),
	CLI_OPT_END,
};

static const struct cli_opt failures_opts[] = {
	READ_OPTS,
	RUN_OPT("The run (full name, agent/model or a unique prefix). Twice: run A, then run B, "
		"with both counts and the change. Default: every run."),
	CLI_OPT("by", 'b', "KEY",
		"What to rank: request (default), assertion, category, subcategory or "
		"first-failure."),
	CLI_OPT("filter", 'F', "EXPR", "Only the attempts of the tasks that match: " FILTER_HELP),
	CLI_OPT("kind", 'k', "K", "generation (default) or feature tasks."),
	FORMAT_OPT("Output format: text (default), csv, json or md. The first column is named "
		   "after --by (request, assertion, category, subcategory, first_failure), then "
		   "attempts, share_pct, tasks and the attempts per framework and per level."),
	CLI_OPT_END,
};

static const struct cli_opt migrate_opts[] = {STORE_OPT, JOURNAL_OPT, CLI_OPT_END};
static const struct cli_opt store_cmd_opts[] = {READ_OPTS, REPORT_FORMAT_OPT, CLI_OPT_END};

static const struct cli_opt tui_opts[] = {
	READ_OPTS,
	RUN_OPT("Open on the decay plot of this run."),
	CLI_OPT("ascii", 'a', NULL,
		"Draw lines, plot markers and text in ASCII (the default when the locale is not "
		"UTF-8)."),
	CLI_OPT("config", 'c', "FILE",
		"Read this configuration file instead of $XDG_CONFIG_HOME/benchtop/config."),
	CLI_OPT("no-config", 'n', NULL, "Read no configuration file."),
	CLI_OPT("mouse", 'm', NULL,
		"Turn on mouse tracking (clicks select, double clicks open, the wheel scrolls). It "
		"is off by default, since it takes text selection away from the terminal; 'set "
		"mouse yes' in the configuration file turns it on too."),
	CLI_OPT("goto", 'g', "ADDR", "Open at an address (see ADDRESSES), as 'benchtop open ADDR' does."),
	CLI_OPT_END,
};

#define LABEL_EXPLORER_HELP "As for the explorer."
static const struct cli_opt label_opts[] = {
	STORE_OPT,
	RUN_OPT("The run whose failed attempts (succeeded = 0) are sampled (required)."),
	CLI_OPT("sample", 'n', "N", "How many to label (default: every one)."),
	CLI_OPT("seed", 'S', "S",
		"The sample's seed (default 1): the same run, size, seed and stratification draw "
		"the same items, and resume the same session."),
	CLI_OPT("stratify", 't', "category",
		"Draw from each of the judge's categories in proportion to its size."),
	CLI_OPT("by", 'b', "NAME", "The labeller (default: $USER)."),
	CLI_OPT("ascii", 'a', NULL, LABEL_EXPLORER_HELP),
	CLI_OPT("config", 'c', "FILE", LABEL_EXPLORER_HELP),
	CLI_OPT("no-config", 'N', NULL, LABEL_EXPLORER_HELP),
	/* the sub-command's own table is in cmd_label.c */
	CLI_DOC("export [--labeller NAME]",
		"Print the labels as a judge validation set (JSON, the layout of the paper's "
		"judge_validation_set.json); 'benchtop import' reads it back."),
	CLI_OPT_END,
};

#define BY_OPT CLI_OPT("by", 'b', "NAME", "The author recorded (default: $USER).")
static const struct cli_opt tag_opts[] = {STORE_OPT, JOURNAL_OPT, BY_OPT, CLI_OPT_END};
static const struct cli_opt search_opts[] = {
	READ_OPTS,
	RUN_OPT("Only this run's attempts."),
	CLI_OPT("in", 'i', "LIST",
		"Where to look, comma-separated: logs (server and setup logs), patches, "
		"trajectories, judge (the failure judge's categories and reasoning), assertions "
		"(each failed assertion as 'request: assertion'). Default: all of them."),
	CLI_OPT("regex", 'E', NULL,
		"PATTERN is a POSIX extended regular expression (matched line by line) instead of "
		"literal text."),
	FORMAT_OPT("Output format: text (default), csv, json or md."),
	CLI_OPT_END,
};
static const struct cli_opt notes_opts[] = {
	READ_OPTS,
	RUN_OPT("Only this run's own notes and tags and those of its tasks and attempts."),
	CLI_OPT("tag", 't', "WORD", "Only the addresses that carry this tag."),
	FORMAT_OPT("Output format: text (default), csv, json or md. CSV and JSON can be read back "
		   "by 'benchtop import'."),
	CLI_OPT_END,
};

const struct cli_command cli_commands[] = {
	{"tui", cmd_tui, "[tui] [STORE] [OPTIONS]", "open the full-screen explorer (the default)",
	 "Open the explorer on STORE (default: the default store, else the bundled demo). It "
	 "starts on the runs; Enter drills down from a run to its decay plot, from a point of "
	 "the plot to its tasks, from a task to its attempts and from an attempt to its patch, "
	 "logs and trajectory; q goes back, Q quits, ? lists the keys of the view (see KEYS).",
	 tui_opts},
	{"open", cmd_tui, "open ADDR [--store PATH] [OPTIONS]",
	 "open the explorer at a run, task, attempt, step or request",
	 "Open the explorer at the address ADDR (see ADDRESSES): the views above it are on the "
	 "stack as if opened with Enter (the runs, the run's tasks, the attempt, its "
	 "trajectory at the step), so q walks back up. Takes the explorer's options; "
	 "'benchtop --goto ADDR' is the same. In the explorer, @ shows the address of what "
	 "the cursor is on.",
	 tui_opts},
	{"import", cmd_import, "import PATH... [OPTIONS]",
	 "import results trees, JSONL, judge CSVs, task JSONs, labels and notes",
	 "Import results into the store, creating it when needed. Each PATH is recognised by "
	 "its content: a results tree in the benchmark's layout "
	 "(results/{runtime}/{agent}/{model}/{task}/{date}/run_N, or any folder inside one), a "
	 "JSONL file in benchtop's interchange format, a failure-taxonomy CSV "
	 "(failure_analysis_*.csv, logic_subcategories*.csv), a task JSON or a judge validation "
	 "set (judge_validation_set.json, or what 'benchtop label export' writes). A JSONL file is "
	 "imported in one transaction: all of it or, on the first bad line, none of it. A tree "
	 "is committed task by task. Importing the same input again changes nothing; a newer "
	 "date folder replaces the attempts of the older one. PATH - reads standard input "
	 "(JSONL or a judge CSV, told apart by the content), as do /dev/stdin and /dev/fd/N; "
	 "a FIFO or a device anywhere else is refused. Artifacts are read only from inside "
	 "the input (after symbolic links): the JSONL file's folder, the task JSON's folder, "
	 "the results tree named; any other path is refused with a problem naming it, unless "
	 "--allow-outside names its folder. A file that cannot be read (permissions, I/O) "
	 "stores nothing of its unit (the JSONL file; the task folder of a tree) and the "
	 "import exits with status 74, naming the path and the error. With --watch it follows "
	 "a sweep while it runs, beside explorers reading the same store.",
	 import_opts},
	{"runs", cmd_runs, "runs [OPTIONS]", "list the runs in a store",
	 "List the runs (agent configurations) in the store with their attempt counts, the "
	 "number of generation tasks covered and the headline strict A%, raw A% and pass@1.",
	 runs_opts},
	{"summary", cmd_summary, "summary [OPTIONS]", "print aggregate metrics",
	 "Print the aggregate metrics of the selected runs: unweighted means over tasks of the "
	 "task-level strict A%, raw A%, pass@1, pass@3 and pass^3, with the number of tasks and "
	 "the sums of executed and succeeded attempts.",
	 summary_opts},
	{"table", cmd_table, "table NAME [OPTIONS]", "print a table of the paper",
	 "Print one of the paper's tables computed from the store: 1 (strict A% and pass@1 per "
	 "level, and the decay L3 - L0), 1-raw (the same without verifier enforcement), 2a (the "
	 "marginal effect of each constraint by matched pairs: mean, std, SEM, N), 2b "
	 "(feature-task pass@1), 8 (framework leaderboard over the full configurations), 8-all "
	 "(over every configuration), 4 (failure taxonomy and logic subcategories with the "
	 "data-layer share), verifier-impact (raw against strict A% and the confusion matrix), "
	 "decay (the step-by-step decay of raw A%, evaluation.py's summary table 2), "
	 "termination (how the trajectories ended), subset (subset representativeness), tokens "
	 "(token consumption) and cost; see TABLES in benchtop(1) for each one's rule. "
	 "LaTeX output is a tabular environment ready to \\input (one per part: Table 4 "
	 "gives two, coarse and logic errors).",
	 table_opts},
	{"export", cmd_export, "export --upstream DIR [OPTIONS]",
	 "write the benchmark's own evaluation CSVs",
	 "Write the files the benchmark's evaluation scripts write, computed from the store, "
	 "so that whatever reads them (spreadsheets, the scripts' plots) keeps working: see "
	 "--upstream. An existing file of the same name is replaced.",
	 export_opts},
	{"label", cmd_label, "label --run RUN [OPTIONS] | label export [OPTIONS]",
	 "label failed attempts blind, to measure the judge (table 6)",
	 "Label a seeded sample of a run's failed attempts in the explorer, one key per category "
	 "of the failure taxonomy (1-6 the logic subcategories; s, i, f, o, c, p, x the other "
	 "categories), with each attempt's failed requests shown and its patch (d), server log "
	 "at the first error (L) and trajectory's last steps (J) one key away. The judge's "
	 "label stays hidden until you choose; then both are shown. u undoes. Every choice is "
	 "stored at once, with the labeller and the time, in tables imports never touch: leave "
	 "with q and run the same command to resume. 'benchtop table 6' measures the agreement.",
	 label_opts},
	{"plot", cmd_plot, "plot [OPTIONS]", "print the decay plot as text or SVG",
	 "Print the decay plot: A% (or pass@1) against the number of constraints, one line per "
	 "framework, the same plot the explorer draws, as text for notes and CI logs or as SVG.",
	 plot_opts},
	{"compare", cmd_compare, "compare A B [OPTIONS]",
	 "compare two runs: where B does better or worse than A",
	 "Compare run B with run A (the baseline; a run may be compared with itself) on the "
	 "generation tasks both have: coverage (tasks in both, only in A, only in B), A's and "
	 "B's Table 1 rows over the common tasks and B - A per level with a 95% confidence "
	 "interval (Student's t over the tasks' differences), each run alone when they cover "
	 "different tasks, and the tasks that regressed or improved, largest change first. "
	 CMP_RULE " In the explorer, Space marks runs in the runs view and c compares them.",
	 compare_opts},
	{"tasks", cmd_tasks, "tasks [OPTIONS]", "list the tasks of a run, filtered and sorted",
	 "Print the explorer's task list: exactly its rows for the same filter and sort, with "
	 "each task's strict A%, raw A%, pass@1, succeeded/attempts (~ marks a flaky task: some "
	 "but not all of at least 2 attempts succeeded), its attempts' outcomes (P succeeded, F "
	 "tests failed, V a verifier failed, N no server) and the judge's most frequent "
	 "category.",
	 tasks_opts},
	{"failures", cmd_failures, "failures [--run RUN] [--by KEY] [OPTIONS]",
	 "rank what fails across a run: requests, assertions, categories, first failures",
	 "Rank what fails across a run, two runs or the whole store. --by request counts the "
	 "attempts (of those with a Newman report) with at least one failed assertion in each "
	 "request (a request met again in a report is 'name (2)'); assertion the same per "
	 "assertion name; category and subcategory the judge's labels of the failed attempts, "
	 "'(no judgement)' where it gave none; first-failure the first request in collection "
	 "order that failed without being a cascade of an earlier failure (a request to "
	 "/articles/null after a failed Create Article, a 401 after a failed login), the "
	 "closest thing to a root cause ('(no response)' when the server answered nothing). "
	 "Each row has its attempts, their share, the number "
	 "of tasks and the attempts per framework and level. In the explorer: the failure "
	 "board (b).",
	 failures_opts},
	{"show", cmd_show,
	 "show --run RUN --task TASK --attempt N --patch|--log|--setup-log|--trajectory [OPTIONS]",
	 "print one artifact of an attempt (patch, logs, trajectory)",
	 "Print one artifact of one attempt on standard output, to pipe it to other tools: the "
	 "agent's patch, the server log, the setup log or the trajectory. What an agent or a "
	 "server wrote is made safe for a terminal unless --raw is given. Exit status 66 when "
	 "the run, the task, the attempt or the artifact does not exist. In the explorer, | and "
	 "E hand the artifact on screen to $PAGER and $EDITOR: raw, colours kept for less -R, "
	 "but without OSC, DCS and APC strings (title, clipboard).",
	 show_opts},
	{"tag", cmd_tag, "tag ADDR WORD... [--by NAME] [--store PATH]",
	 "tag a run, a task or an attempt",
	 "Put tags (short words: letters, digits and -_.+/) on the run, task or attempt at ADDR "
	 "(see ADDRESSES). Tags are kept in the store by address with their author and time; "
	 "importing results again, or anew, never touches them. In the explorer, tasks "
	 "lists show them and 'tag=WORD' filters by them.",
	 tag_opts},
	{"untag", cmd_untag, "untag ADDR WORD... [--store PATH]", "remove tags",
	 "Remove tags from the run, task or attempt at ADDR.", tag_opts},
	{"note", cmd_note, "note ADDR TEXT|- [--by NAME] [--store PATH]",
	 "write a note on a run, a task or an attempt",
	 "Write a note (free text; - reads it from standard input) on the run, task or attempt "
	 "at ADDR. Each author has one note per address: writing again replaces it, and an "
	 "empty TEXT removes it. Imports of results never touch notes.",
	 tag_opts},
	{"notes", cmd_notes, "notes [--run R] [--tag WORD] [--format text|csv|json|md]",
	 "list the tags and notes",
	 "List the tags and notes, one per line: the address, tag or note, the text, the author "
	 "and the time. The CSV and JSON forms can be pasted into a bug report and read back "
	 "into another store by 'benchtop import FILE' (a tag already there is kept; a note "
	 "replaces the same author's note on the same address).",
	 notes_opts},
	{"search", cmd_search,
	 "search PATTERN [--run R] [--in logs,patches,trajectories,judge,assertions] [--regex]",
	 "find a text in every artifact, with the address of each match",
	 "Print one line per matching line of the attempts' artifacts, the judge's reasoning "
	 "and the failed assertions: the attempt's address (see ADDRESSES), the artifact, the "
	 "line number and the line (made safe for a terminal; a long line is cut around the "
	 "match). PATTERN is literal text, case-sensitive, unless --regex. A store imported "
	 "with --index-text answers from its trigram index (a literal of 3 characters or "
	 "more); others read every artifact asked for. Exit status 1 when nothing matches. "
	 "In the explorer, :grep PATTERN lists the matches and Enter opens the artifact at "
	 "the line.",
	 search_opts},
	{"migrate", cmd_migrate, "migrate [--store PATH]", "bring a store to this version's schema",
	 "Run the forward migrations on an older store (imports do this too).", migrate_opts},
	{"store", cmd_store, "store [OPTIONS]",
	 "describe the store: size, journal, filesystem, who may write it",
	 "Describe the store: its path, size in bytes, schema version, journal mode (now, and what "
	 "imports use there), the filesystem it is on, its numbers of runs and attempts, the time "
	 "of the latest import, whether this user may write it, and how it is read (read-only, or "
	 "immutable when nobody may write it). 'benchtop info' is the same command.",
	 store_cmd_opts},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};

const struct cli_command *
cli_find(const char *name)
{
	if (strcmp(name, "info") == 0)
		name = "store"; /* the one alias (its description says so) */
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* Edit distance, for "did you mean"; names are short. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[32];

	if (lb >= sizeof(row) / sizeof(row[0]) || la >= 32)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* A first word that is neither a command nor a file, and does not look like
 * a path: a mistyped command, not a store to open. */
static int
unknown_command(const char *word)
{
	const struct cli_command *best = NULL;
	size_t best_d = 3;

	for (const struct cli_command *c = cli_commands; c->name; c++) {
		size_t d = distance(word, c->name);
		if (c->name[0] != '_' && d < best_d)
			best = c, best_d = d;
	}
	if (best)
		return cli_usage_error(NULL, "unknown command '%s'; did you mean '%s'?", word,
				       best->name);
	return cli_usage_error(NULL, "unknown command '%s' (and no store file by that name)",
			       word);
}

static void
usage(FILE *out)
{
	fputs("Usage: benchtop [STORE] [--ascii] [--run RUN]   the explorer\n"
	      "       benchtop [--store PATH] COMMAND [OPTIONS]\n"
	      "       benchtop --help | --version\n"
	      "\n"
	      "A terminal explorer for coding-agent benchmark results.\n"
	      "\n"
	      "Commands:\n", out);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (c->name[0] != '_')
			fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fputs("\nRun 'benchtop COMMAND --help' for a command's options; see benchtop(1).\n"
	      "Exit status: 0 ok, 1 usage error, 65 bad input, 66 missing input, 74 I/O error.\n",
	      out);
}

/* `benchtop [tui] [STORE] [OPTIONS]`. */
/* The explorer on a store (NULL: the default one, else the demo), after
 * the configuration file, as `benchtop` and `benchtop label` open it. */
int
cli_explore(const char *store, struct tui_options *o)
{
	struct bt_error err = {0};
	struct store *st;
	int rc;

	/* one configuration file for the explorer and the store's 'set journal' */
	char *def = NULL, note[256];
	if (!o->config && !o->no_config && file_exists(def = cli_config_path()))
		o->config = def;
	if ((rc = cli_read_config(o->no_config ? NULL : o->config, &err)) ||
	    (rc = cli_open_read(store, &st, &o->is_demo, &err))) {
		free(def);
		return cli_fail(rc, "%s", err.msg);
	}
	if (cli_place_note(st, note, sizeof(note)))
		o->note = note;
	o->utf8 = cli_locale_utf8();
	o->start_time = cli_start_time;
	rc = tui_main(o, st, &err);
	if (rc && err.msg[0])
		cli_fail(rc, "%s", err.msg);
	free(def);
	return rc;
}

int
cmd_tui(int argc, char **argv)
{
	struct tui_options o = {0};
	struct cli_args a;
	const char *store;
	/* `benchtop open ADDR`: the explorer at an address */
	bool open = strcmp(argv[0], "open") == 0;
	int c, rc;

	cli_args_init(&a, open ? "open" : "tui");
	while ((c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
		case 'a': o.ascii = true; break;
		case 'c': o.config = optarg; break;
		case 'n': o.no_config = true; break;
		case 'm': o.mouse = true; break;
		case 'g': o.go = optarg; break;
		}
	}
	store = a.store;
	o.run = a.n_runs ? a.runs[a.n_runs - 1] : NULL; /* the last --run given */
	if (c != CLI_EXIT && open && optind < argc && !o.go)
		o.go = argv[optind++];
	if (c != CLI_EXIT && optind < argc && !store)
		store = argv[optind++];
	rc = c == CLI_EXIT	  ? a.status
	     : open && !o.go ? cli_usage_error("open", "give an address (see ADDRESSES in "
						       "benchtop(1))")
	     : optind < argc ? cli_usage_error("tui", "unexpected argument '%s'", argv[optind])
			     : cli_explore(store, &o);
	return rc;
}

int
main(int argc, char **argv)
{
	const struct cli_command *c;

	cli_start_time = clock_now();
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
			  strcmp(argv[1], "help") == 0)) {
		if (argc > 2)
			return cli_help(argv[2]);
		usage(stdout);
		return BT_OK;
	}
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		printf("benchtop %s (store schema %d)\n", PACKAGE_VERSION, STORE_SCHEMA_VERSION);
		return BT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--man-commands") == 0) {
		cli_print_man(stdout);
		return BT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--man-keys") == 0) {
		action_print_man(stdout);
		return BT_OK;
	}
	/* "benchtop --store PATH COMMAND ...": the store given before the command */
	if (argc >= 4 && strcmp(argv[1], "--store") == 0 && (c = cli_find(argv[3]))) {
		char *opt = argv[1], *path = argv[2];
		argv[1] = argv[3]; /* COMMAND --store PATH ... */
		argv[2] = opt;
		argv[3] = path;
		return c->run(argc - 1, argv + 1);
	}
	if (argc >= 3 && strncmp(argv[1], "--store=", 8) == 0 && (c = cli_find(argv[2]))) {
		char *opt = argv[1];
		argv[1] = argv[2];
		argv[2] = opt;
		return c->run(argc - 1, argv + 1);
	}
	/* no command: the explorer, with any options and a store path */
	if (argc < 2 || !(c = cli_find(argv[1]))) {
		if (argc >= 2 && argv[1][0] != '-' && !strpbrk(argv[1], "/.") &&
		    !file_exists(argv[1]))
			return unknown_command(argv[1]);
		return cmd_tui(argc, argv);
	}
	/* getopt_long sees the command as argv[0] */
	return c->run(argc - 1, argv + 1);
}
