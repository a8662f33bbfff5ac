/* cli.h: the command-line commands and what they share (store lookup,
 * common options).  Each command lives in its own cmd_*.c file and returns
 * an exit status (enum bt_status, documented in benchtop(1)). */
#ifndef BENCHTOP_CLI_H
#define BENCHTOP_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "benchtop/report.h"
#include "benchtop/store.h"
#include "benchtop/util.h"

struct cli_opt {
	const char *flag; /* "--store PATH" */
	const char *help;
};

/* One command; --help and the man page's COMMANDS section are both printed
 * from this table (cli_print_help, cli_print_man), so they cannot drift. */
struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *synopsis;    /* after "benchtop ": "import PATH... [OPTIONS]" */
	const char *summary;     /* one line for `benchtop --help` */
	const char *description; /* a paragraph */
	const struct cli_opt *opts; /* terminated by {NULL, NULL} */
};

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

/* The store options every command that opens a store takes: their getopt
 * long options, and cli_store_option() to call with c and optarg. */
enum { CLI_OPT_JOURNAL = 0x100, CLI_OPT_IMMUTABLE };
#define CLI_OPT_LONG_JOURNAL {"journal", required_argument, NULL, CLI_OPT_JOURNAL}
#define CLI_OPT_LONG_IMMUTABLE {"immutable", no_argument, NULL, CLI_OPT_IMMUTABLE}
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

/* Parse --format (default text); returns -1 and prints an error when unknown. */
int cli_parse_format(const char *cmd, const char *arg);

/* Selected runs (--run may repeat): ids into *ids (malloc'd); all runs
 * when none named.  Returns a status. */
int cli_select_runs(struct store *st, char *const *names, size_t n, int64_t **ids, size_t *n_ids,
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
