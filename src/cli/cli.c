/* cli.c: what the commands share: finding the store, errors, usage. */
#include "config.h"

#include "benchtop/cli.h"
#include "benchtop/action.h"
#include "benchtop/sanitize.h"

#include <assert.h>
#include <ctype.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

double cli_start_time;

/* "benchtop: message": messages quote names, paths and values from the
 * input, so they reach the terminal (or a log) sanitized. */
static void
say_v(const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);

	fputs("benchtop: ", stderr);
	sanitize_message(stderr, msg, cli_locale_utf8());
	fputc('\n', stderr);
	free(msg);
}

static void __attribute__((format(printf, 1, 2)))
say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say_v(fmt, ap);
	va_end(ap);
}

int
cli_fail(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say_v(fmt, ap);
	va_end(ap);
	return code;
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say_v(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'benchtop %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
	return BT_EUSAGE;
}

/* Print text wrapped at `width` columns, each line indented by `indent`. */
static void
wrap(FILE *out, const char *text, int indent, int width)
{
	int col = 0;

	for (const char *p = text; *p;) {
		size_t word = strcspn(p, " \n");
		if (col > indent && col + 1 + (int)word > width) {
			fputc('\n', out);
			col = 0;
		}
		if (col == 0) {
			fprintf(out, "%*s", indent, "");
			col = indent;
		} else {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, word, out);
		col += (int)word;
		p += word;
		if (*p == '\n') {
			fputc('\n', out);
			col = 0;
			if (p[1] == '\n') {
				fputc('\n', out);
				p++;
			}
		}
		while (*p == ' ' || *p == '\n')
			p++;
	}
	if (col)
		fputc('\n', out);
}

/* The heading of the options documented together from o on ("--width N,
 * --height N"), or of a line that is not an option, into out; returns the
 * first entry after them. */
static const struct cli_opt *
opt_heading(const struct cli_opt *o, struct buf *out)
{
	const char *help = o->help;

	buf_reset(out);
	if (o->shared == CLI_DOC) {
		buf_puts(out, o->name);
		return o + 1;
	}
	for (; o->name && o->shared != CLI_DOC && strcmp(o->help, help) == 0; o++)
		buf_printf(out, "%s--%s%s%s", out->len ? ", " : "", o->name, o->arg ? " " : "",
			   o->arg ? o->arg : "");
	return o;
}

int
cli_help(const char *cmd)
{
	const struct cli_command *c = cli_find(cmd);
	struct buf head;

	if (!c)
		return cli_usage_error(NULL, "unknown command '%s'", cmd);
	printf("Usage: benchtop %s\n\n", c->synopsis);
	wrap(stdout, c->description, 0, 78);
	if (c->opts && c->opts[0].name) {
		puts("\nOptions:");
		buf_init(&head);
		for (const struct cli_opt *o = c->opts, *next; o->name; o = next) {
			next = opt_heading(o, &head);
			printf("  %s\n", head.data);
			wrap(stdout, o->help, 6, 78);
		}
		buf_free(&head);
	}
	return BT_OK;
}

void
cli_print_man(FILE *out)
{
	struct buf head;

	buf_init(&head);
	for (const struct cli_command *c = cli_commands; c->name; c++) {
		if (c->name[0] == '_')
			continue;
		fputs(".SS \"benchtop ", out);
		roff_puts(out, c->synopsis);
		fputs("\"\n", out);
		roff_puts(out, c->description);
		fputc('\n', out);
		for (const struct cli_opt *o = c->opts, *next; o && o->name; o = next) {
			next = opt_heading(o, &head);
			fputs(".TP\n.B ", out);
			roff_puts(out, head.data);
			fputc('\n', out);
			roff_puts(out, o->help);
			fputc('\n', out);
		}
	}
	buf_free(&head);
}

void
cli_args_init_opts(struct cli_args *a, const char *name, const struct cli_opt *opts)
{
	size_t n = 0, k = 0;

	memset(a, 0, sizeof(*a));
	a->name = name;
	a->opts = opts;
	a->format = FMT_TEXT;
	for (const struct cli_opt *o = opts; o->name; o++) {
		if (o->shared == CLI_DOC)
			continue;
		assert(n < CLI_MAX_OPTS && o->key != 'h' && o->key > 0);
		a->longopts[n++] = (struct option){o->name, o->arg ? required_argument : no_argument,
						   NULL, o->key};
		if (o->key < 0x80 && isalpha(o->key)) {
			a->shortopts[k++] = (char)o->key;
			if (o->arg)
				a->shortopts[k++] = ':';
		}
	}
	a->longopts[n] = (struct option){"help", no_argument, NULL, 'h'};
	a->shortopts[k] = 'h';
	optind = 1;
}

void
cli_args_init(struct cli_args *a, const char *name)
{
	const struct cli_command *c = cli_find(name);

	assert(c);
	cli_args_init_opts(a, c->name, c->opts);
}

int
cli_getopt(struct cli_args *a, int argc, char **argv)
{
	const char *cmd = a->name;
	int c;

	while ((c = getopt_long(argc, argv, a->shortopts, a->longopts, NULL)) != -1) {
		const struct cli_opt *o = a->opts;
		if (c == 'h') {
			a->status = cli_help(cmd);
			return CLI_EXIT;
		}
		while (o->name && (o->key != c || o->shared == CLI_DOC))
			o++;
		if (!o->name) { /* getopt_long said why */
			a->status = cli_usage_error(cmd, "bad option");
			return CLI_EXIT;
		}
		switch (o->shared) {
		case CLI_OWN: return c;
		case CLI_SHARED_STORE: a->store = optarg; break;
		case CLI_SHARED_RUN:
			if (a->n_runs == CLI_MAX_RUNS) {
				a->status = cli_usage_error(cmd, "at most %d --run; without any, every "
							    "run", CLI_MAX_RUNS);
				return CLI_EXIT;
			}
			a->runs[a->n_runs++] = optarg;
			break;
		case CLI_SHARED_FORMAT:
			if ((a->format = report_format_parse(optarg)) < 0) {
				a->status = cli_usage_error(cmd, "unknown format '%s' (text, csv, json, "
							    "md, latex)", optarg);
				return CLI_EXIT;
			}
			break;
		case CLI_SHARED_STORE_OPTION:
			if (cli_store_option(cmd, c, optarg)) {
				a->status = BT_EUSAGE;
				return CLI_EXIT;
			}
			break;
		case CLI_DOC: break; /* (never a key) */
		}
	}
	return 0;
}

char *
cli_default_store(void)
{
	const char *env = getenv("BENCHTOP_STORE"), *xdg, *home;

	if (env && *env)
		return xstrdup(env);
	xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg)
		return xasprintf("%s/benchtop/benchtop.db", xdg);
	home = getenv("HOME");
	return xasprintf("%s/.local/share/benchtop/benchtop.db", home && *home ? home : ".");
}

char *
cli_demo_store(void)
{
	const char *env = getenv("BENCHTOP_DEMO_STORE");
	char exe[PATH_MAX];
	ssize_t n;

	if (env && *env)
		return file_exists(env) ? xstrdup(env) : NULL;
	/* run from a build tree: the demo sits in data/ beside the binary */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char *p = xasprintf("%s/data/demo.db", exe);
			if (file_exists(p))
				return p;
			free(p);
		}
	}
	if (file_exists(PKGDATADIR "/demo.db"))
		return xstrdup(PKGDATADIR "/demo.db");
	return NULL;
}

char *
cli_config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	return xdg && *xdg ? xasprintf("%s/benchtop/config", xdg)
			   : xasprintf("%s/.config/benchtop/config", home ? home : ".");
}

/* --journal, --immutable and the configuration's `set journal`. */
static struct store_options store_opts;
static bool journal_given, config_read;

int
cli_store_option(const char *cmd, int c, const char *arg)
{
	if (c == CLI_OPT_IMMUTABLE) {
		store_opts.immutable = true;
		return BT_OK;
	}
	int j = store_journal_parse(arg);
	if (j < 0)
		return cli_usage_error(cmd, "unknown journal '%s' (wal, delete or auto)", arg);
	store_opts.journal = (enum store_journal)j;
	journal_given = true;
	return BT_OK;
}

int
cli_read_config(const char *file, struct bt_error *err)
{
	char *data, value[16];
	size_t len;
	int rc;

	config_read = true;
	if (!file || journal_given)
		return BT_OK;
	if ((rc = file_read(file, 1 << 20, &data, &len, NULL, err)))
		return rc;
	if (config_setting(data, len, "journal", value, sizeof(value))) {
		int j = store_journal_parse(value);
		if (j < 0)
			rc = bt_errorf(err, BT_EINPUT, "%s: 'set journal' takes wal, delete or auto",
				       file);
		else
			store_opts.journal = (enum store_journal)j;
	}
	free(data);
	return rc;
}

/* The default configuration file's 'set journal', once. */
static int
read_config_journal(struct bt_error *err)
{
	char *path;
	int rc;

	if (config_read)
		return BT_OK;
	path = cli_config_path();
	rc = cli_read_config(file_exists(path) ? path : NULL, err);
	free(path);
	return rc;
}

/* Open path with the user's store options. */
static int
open_store(const char *path, enum store_mode mode, struct store **st, struct bt_error *err)
{
	int rc = read_config_journal(err);

	return rc ? rc : store_open_with(path, mode, &store_opts, st, err);
}

bool
cli_place_note(const struct store *st, char *out, size_t n)
{
	const struct store_place *p = store_place(st);

	if (!p->network || p->journal_chosen)
		return false;
	/* short enough for the explorer's status line */
	snprintf(out, n, "%s: a network filesystem, so imports use a rollback journal, not WAL",
		 p->fs);
	return true;
}

void
cli_note_place(const struct store *st)
{
	static bool said;
	char note[256];

	if (!said && cli_place_note(st, note, sizeof(note))) {
		say("%s is on %s (--journal wal if only one host uses it)", store_path(st), note);
		said = true;
	}
}

int
cli_open_write(const char *path, struct store **st, struct bt_error *err)
{
	int rc = open_store(path, STORE_WRITE, st, err);

	if (!rc)
		cli_note_place(*st);
	return rc;
}

/* cli_open_read(), without the note. */
static int
open_read(const char *named, struct store **st, bool *is_demo, struct bt_error *err)
{
	char *path;
	int rc;

	if (is_demo)
		*is_demo = false;
	if (named)
		return open_store(named, STORE_READ, st, err);
	path = cli_default_store();
	if (file_exists(path)) {
		rc = open_store(path, STORE_READ, st, err);
		free(path);
		return rc;
	}
	char *demo = cli_demo_store();
	if (!demo) {
		rc = bt_errorf(err, BT_ENOINPUT,
			       "no store at %s and no demo store installed; import results with "
			       "'benchtop import PATH'", path);
		free(path);
		return rc;
	}
	/* always said, on stderr: output piped into a file must not pass for real results */
	say("no store at %s yet: showing the bundled SYNTHETIC demo (import results with "
	    "'benchtop import PATH')", path);
	free(path);
	rc = open_store(demo, STORE_READ, st, err);
	free(demo);
	if (!rc && is_demo)
		*is_demo = true;
	return rc;
}

int
cli_open_read(const char *named, struct store **st, bool *is_demo, struct bt_error *err)
{
	int rc = open_read(named, st, is_demo, err);

	if (!rc)
		cli_note_place(*st);
	return rc;
}

int
cli_select_runs(struct store *st, const char *const *names, size_t n, int64_t **ids, size_t *n_ids,
		struct bt_error *err)
{
	int rc;

	*ids = NULL;
	*n_ids = 0;
	if (n == 0) {
		struct run_summary *runs;
		size_t nr;
		if ((rc = store_runs(st, &runs, &nr, err)))
			return rc;
		*ids = xcalloc(nr ? nr : 1, sizeof(int64_t));
		for (size_t i = 0; i < nr; i++)
			(*ids)[i] = runs[i].id;
		*n_ids = nr;
		store_runs_free(runs, nr);
		return BT_OK;
	}
	*ids = xcalloc(n, sizeof(int64_t));
	for (size_t i = 0; i < n; i++) {
		if ((rc = store_find_run(st, names[i], &(*ids)[i], err))) {
			free(*ids);
			*ids = NULL;
			return rc;
		}
	}
	*n_ids = n;
	return BT_OK;
}

bool
cli_locale_utf8(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

unsigned
cli_report_flags(FILE *out)
{
	return (cli_locale_utf8() ? 0 : REPORT_ASCII) | (isatty(fileno(out)) ? REPORT_TERMINAL : 0);
}

int
cli_table_command(const char *cmd, int argc, char **argv,
		  struct report_table *(*build)(struct store *st, struct bt_error *err))
{
	struct bt_error err = {0};
	struct report_table *t;
	struct cli_args a;
	struct store *st;
	int rc;

	cli_args_init(&a, cmd);
	if (cli_getopt(&a, argc, argv) == CLI_EXIT)
		return a.status;
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open_read(a.store, &st, NULL, &err)))
		return cli_fail(rc, "%s", err.msg);
	t = build(st, &err);
	store_close(st);
	if (!t)
		return cli_fail(err.code, "%s", err.msg);
	report_write(&t, 1, (enum report_format)a.format, cli_report_flags(stdout), stdout);
	report_table_free(t);
	return BT_OK;
}
