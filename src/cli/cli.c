/* cli.c: what the commands share: finding the store, errors, usage. */
#include "config.h"

#include "benchtop/cli.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

double cli_start_time;

int
cli_fail(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("benchtop: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("benchtop: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'benchtop %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
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

int
cli_help(const char *cmd)
{
	const struct cli_command *c = cli_find(cmd);

	if (!c)
		return cli_usage_error(NULL, "unknown command '%s'", cmd);
	printf("Usage: benchtop %s\n\n", c->synopsis);
	wrap(stdout, c->description, 0, 78);
	if (c->opts && c->opts[0].flag) {
		puts("\nOptions:");
		for (const struct cli_opt *o = c->opts; o->flag; o++) {
			printf("  %s\n", o->flag);
			wrap(stdout, o->help, 6, 78);
		}
	}
	return BT_OK;
}

void
cli_print_man(FILE *out)
{
	for (const struct cli_command *c = cli_commands; c->name; c++) {
		if (c->name[0] == '_')
			continue;
		fputs(".SS \"benchtop ", out);
		roff_puts(out, c->synopsis);
		fputs("\"\n", out);
		roff_puts(out, c->description);
		fputc('\n', out);
		for (const struct cli_opt *o = c->opts; o && o->flag; o++) {
			fputs(".TP\n.B ", out);
			roff_puts(out, o->flag);
			fputc('\n', out);
			roff_puts(out, o->help);
			fputc('\n', out);
		}
	}
}

int
cli_parse_format(const char *cmd, const char *arg)
{
	int f = report_format_parse(arg);

	if (f < 0)
		cli_usage_error(cmd, "unknown format '%s' (text, csv, json, md, latex)", arg);
	return f;
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

int
cli_open_read(const char *named, struct store **st, bool *is_demo, struct bt_error *err)
{
	char *path;
	int rc;

	if (is_demo)
		*is_demo = false;
	if (named)
		return store_open(named, STORE_READ, st, err);
	path = cli_default_store();
	if (file_exists(path)) {
		rc = store_open(path, STORE_READ, st, err);
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
	fprintf(stderr, "benchtop: no store at %s yet: showing the bundled SYNTHETIC demo "
		"(import results with 'benchtop import PATH')\n", path);
	free(path);
	rc = store_open(demo, STORE_READ, st, err);
	free(demo);
	if (!rc && is_demo)
		*is_demo = true;
	return rc;
}

int
cli_select_runs(struct store *st, char *const *names, size_t n, int64_t **ids, size_t *n_ids,
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
