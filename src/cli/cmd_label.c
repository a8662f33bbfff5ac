/* cmd_label.c: `benchtop label`: label a seeded sample of a run's failed
 * attempts blind in the explorer (view_label.c), and `benchtop label
 * export`: the labels in the judge validation set's JSON layout. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/cli.h"
#include "benchtop/label_export.h"
#include "benchtop/model_label.h"
#include "benchtop/tui.h"

/* `label export`'s own options (the help shows the sub-command as a line
 * of label's) */
static const struct cli_opt export_opts[] = {
	{"store", 's', "PATH", "", CLI_SHARED_STORE},
	CLI_OPT("labeller", 'L', "NAME", ""),
	CLI_OPT("format", 'f', "json", ""),
	CLI_OPT_END,
};

static int
label_export(int argc, char **argv)
{
	const char *labeller = NULL;
	struct bt_error err = {0};
	struct store *st = NULL;
	struct cli_args a;
	int c, rc;

	cli_args_init_opts(&a, "label", export_opts);
	while ((c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
		case 'L': labeller = optarg; break;
		case 'f':
			if (strcmp(optarg, "json") != 0)
				return cli_usage_error("label", "label export writes json only");
			break;
		}
	}
	if (c == CLI_EXIT)
		return a.status;
	if (optind < argc)
		return cli_usage_error("label", "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open_read(a.store, &st, NULL, &err)) ||
	    (rc = label_export_json(st, labeller, stdout, &err)))
		rc = cli_fail(rc, "%s", err.msg);
	store_close(st);
	return rc;
}

int
cmd_label(int argc, char **argv)
{
	struct label_start start = {.seed = 1};
	struct tui_options o = {0};
	const char *user = getenv("USER");
	struct cli_args a;
	char *end;
	int c;

	if (argc > 1 && strcmp(argv[1], "export") == 0)
		return label_export(argc - 1, argv + 1);
	start.labeller = user && *user ? user : "me";
	cli_args_init(&a, "label");
	while ((c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
		case 'n':
			start.sample = strtol(optarg, &end, 10);
			if (*end || start.sample <= 0 || start.sample > 1000000)
				return cli_usage_error("label", "--sample takes a count, not '%s'", optarg);
			break;
		case 'S':
			start.seed = strtoull(optarg, &end, 10);
			if (*end || !*optarg)
				return cli_usage_error("label", "--seed takes a whole number, not '%s'",
						       optarg);
			break;
		case 't':
			if (strcmp(optarg, "category") != 0)
				return cli_usage_error("label", "--stratify takes 'category'");
			start.stratify = true;
			break;
		case 'b': start.labeller = optarg; break;
		case 'a': o.ascii = true; break;
		case 'c': o.config = optarg; break;
		case 'N': o.no_config = true; break;
		}
	}
	if (c == CLI_EXIT)
		return a.status;
	start.run = a.n_runs ? a.runs[a.n_runs - 1] : NULL; /* the last --run given */
	if (optind < argc)
		return cli_usage_error("label", "unexpected argument '%s'", argv[optind]);
	if (!start.run)
		return cli_usage_error("label", "which run? (--run RUN; 'benchtop runs' lists them)");
	if (!*start.labeller || strchr(start.labeller, '\n'))
		return cli_usage_error("label", "--by takes a name");
	/* the session writes its labels through its own connection to the
	 * same file the explorer reads */
	char *path = a.store ? xstrdup(a.store) : cli_default_store();
	start.store_path = path;
	o.label = &start;
	int rc = cli_explore(path, &o);
	free(path);
	return rc;
}
