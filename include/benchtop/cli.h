/* cli.h: the command-line commands and what they share (store lookup,
 * common options).  Each command lives in its own cmd_*.c file and returns
 * an exit status (enum bt_status, documented in benchtop(1)). */
#ifndef BENCHTOP_CLI_H
#define BENCHTOP_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "benchtop/report.h"
#include "benchtop/store.h"
#include "benchtop/util.h"

/* Which options cli_getopt() handles for every command that has them. */
enum cli_shared {
	CLI_OWN = 0,      /* the command's own: cli_getopt() returns its key */
	CLI_SHARED_STORE, /* --store PATH: cli_args.store */
	CLI_SHARED_RUN,   /* --run RUN, repeatable: cli_args.runs */
	CLI_SHARED_FORMAT, /* --format FMT, a report format: cli_args.format */
	CLI_SHARED_STORE_OPTION, /* --journal MODE, --immutable: cli_store_option() */
	CLI_DOC /* not an option: a line of the help, its name shown as it is */
};

/* One option of a command.  The command's table is getopt_long()'s array
 * and short options, its --help's OPTIONS and the man page's, so that the
 * three cannot drift.  Options documented together (--width N, --height
 * N) follow each other with the same help string. */
struct cli_opt {
	const char *name; /* "store" for --store; NULL ends the table */
	int key;          /* getopt_long()'s value: a letter is the short option too */
	const char *arg;  /* "PATH"; NULL when the option takes no argument */
	const char *help;
	enum cli_shared shared;
};
#define CLI_OPT(name, key, arg, help) {name, key, arg, help, CLI_OWN}
#define CLI_DOC(heading, help) {heading, 0, NULL, help, CLI_DOC}
/* The key of an option with no short form. */
#define CLI_LONG(c) (0x200 | (c))
/* The keys of benchtop show's --patch, --log ...: this + enum artifact_kind. */
#define CLI_KEY_ARTIFACT 0x300
#define CLI_OPT_END {NULL, 0, NULL, NULL, CLI_OWN}
/* The most options a command may have, and --run's a command line may
 * give (cli_args' arrays: nothing to free, whatever path a command takes) */
#define CLI_MAX_OPTS 24
#define CLI_MAX_RUNS 64

/* One command; --help and the man page's COMMANDS section are both printed
 * from this table (cli_print_help, cli_print_man), so they cannot drift. */
struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *synopsis;    /* after "benchtop ": "import PATH... [OPTIONS]" */
	const char *summary;     /* one line for `benchtop --help` */
	const char *description; /* a paragraph */
	const struct cli_opt *opts; /* terminated by CLI_OPT_END */
};

/* A command's options as they are parsed. */
struct cli_args {
	const char *name;           /* the command, for messages and --help */
	const struct cli_opt *opts; /* its table */
	const char *store; /* --store, NULL when not given */
	const char *runs[CLI_MAX_RUNS]; /* each --run, in order (argv's strings) */
	size_t n_runs;
	int format;        /* --format (enum report_format), FMT_TEXT when not given */
	int status;        /* what to exit with when cli_getopt() says CLI_EXIT */
	struct option longopts[CLI_MAX_OPTS + 2]; /* the table's, and --help */
	char shortopts[2 * CLI_MAX_OPTS + 2];
};
#define CLI_EXIT (-1)
/* Start parsing the options of command `name` (one of cli_commands). */
void cli_args_init(struct cli_args *a, const char *name);
/* The same with another table (a sub-command's); name is for messages. */
void cli_args_init_opts(struct cli_args *a, const char *name, const struct cli_opt *opts);
/* The next option of argv, by the command's table: the key of one of the
 * command's own options (optarg holds its argument); 0 when they are over
 * (optind is at the first operand); CLI_EXIT when the command must return
 * a->status: 0 after --help, BT_EUSAGE after a bad option (said on stderr).
 * The shared options fill *a or go to cli_store_option(). */
int cli_getopt(struct cli_args *a, int argc, char **argv);

extern const struct cli_command cli_commands[];

struct tui_options;
/* Open the explorer on a store (NULL: the default, else the demo) after
 * reading the configuration file; returns the exit status. */
int cli_explore(const char *store, struct tui_options *o);
/* When main() started (clock_now()), for the explorer's timing log. */
extern double cli_start_time;
const struct cli_command *cli_find(const char *name);
/* The COMMANDS section of benchtop(1), in roff. */
void cli_print_man(FILE *out);

/* The default store: $BENCHTOP_STORE, else $XDG_DATA_HOME/benchtop/benchtop.db,
 * else ~/.local/share/benchtop/benchtop.db.  Caller frees. */
char *cli_default_store(void);
/* The bundled demo store: $BENCHTOP_DEMO_STORE, else data/demo.db next to
 * the executable (a build tree), else the installed copy.  Caller frees;
 * NULL when none exists. */
char *cli_demo_store(void);

/* Open a store for reading: the one named (must exist), else the default,
 * else the demo (with a note on stderr).  *is_demo may be NULL.  The user's
 * store options apply (cli_store_option), and cli_note_place() is called. */
int cli_open_read(const char *named, struct store **st, bool *is_demo, struct bt_error *err);
/* Open a store for writing (created when missing), with the user's options. */
int cli_open_write(const char *path, struct store **st, struct bt_error *err);

/* The store options every command that opens a store takes (their keys in
 * the option tables), and cli_store_option() to call with c and optarg. */
enum { CLI_OPT_JOURNAL = 0x100, CLI_OPT_IMMUTABLE };
/* Take --journal MODE or --immutable; BT_EUSAGE (said) for an unknown mode. */
int cli_store_option(const char *cmd, int c, const char *arg);
/* Take `set journal MODE` from a configuration file (NULL: none), unless
 * --journal was given.  Commands that open a store read the default file
 * by themselves unless this was called first (the explorer, which may be
 * told another file or none). */
int cli_read_config(const char *file, struct bt_error *err);
/* The configuration file: $XDG_CONFIG_HOME/benchtop/config, else
 * ~/.config/benchtop/config.  Caller frees. */
char *cli_config_path(void);
/* When where the store lives changes how benchtop uses it (a network
 * filesystem: no WAL), one line saying so into out; false otherwise. */
bool cli_place_note(const struct store *st, char *out, size_t n);
/* Print cli_place_note() on stderr, once per process. */
void cli_note_place(const struct store *st);

/* Report an error from a command: "benchtop: message" on stderr; returns code. */
int cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print usage of a command on stderr with "Try 'benchtop CMD --help'"; returns BT_EUSAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print a command's --help text on stdout. */
int cli_help(const char *cmd);

/* Selected runs (--run may repeat): ids into *ids (malloc'd); all runs
 * when none named.  Returns a status. */
int cli_select_runs(struct store *st, const char *const *names, size_t n, int64_t **ids, size_t *n_ids,
		    struct bt_error *err);

/* Take the user's locale (LC_ALL from the environment) and say whether it
 * is UTF-8: otherwise output is drawn in ASCII. */
bool cli_locale_utf8(void);
/* The report_flag set for writing a report to out in the user's locale. */
unsigned cli_report_flags(FILE *out);

/* A command that prints one table built from the store (runs, store): its
 * options are --store, --format, --journal, --immutable and --help. */
int cli_table_command(const char *cmd, int argc, char **argv,
		      struct report_table *(*build)(struct store *st, struct bt_error *err));

int cmd_import(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_table(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_label(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_tasks(int argc, char **argv);
int cmd_failures(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_store(int argc, char **argv);
int cmd_tui(int argc, char **argv);
int cmd_tag(int argc, char **argv);
int cmd_untag(int argc, char **argv);
int cmd_note(int argc, char **argv);
int cmd_notes(int argc, char **argv);
int cmd_search(int argc, char **argv);

#endif
