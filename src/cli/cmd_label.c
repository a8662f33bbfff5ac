/* cmd_label.c: `benchtop label`: label a seeded sample of a run's failed
 * attempts blind in the explorer (view_label.c), and `benchtop label
 * export`: the labels in the judge validation set's JSON layout. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/cli.h"
#include "benchtop/label_export.h"
#include "benchtop/model_label.h"
#include "benchtop/tui.h"

static int
label_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"labeller", required_argument, NULL, 'L'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *store_path = NULL, *labeller = NULL;
	struct bt_error err = {0};
	struct store *st = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "s:L:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': store_path = optarg; break;
		case 'L': labeller = optarg; break;
		case 'f':
			if (strcmp(optarg, "json") != 0)
				return cli_usage_error("label", "label export writes json only");
			break;
		case 'h': return cli_help("label");
		default: return cli_usage_error("label", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage_error("label", "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open_read(store_path, &st, NULL, &err)) ||
	    (rc = label_export_json(st, labeller, stdout, &err)))
		rc = cli_fail(rc, "%s", err.msg);
	store_close(st);
	return rc;
}

int
cmd_label(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"run", required_argument, NULL, 'r'},
		{"sample", required_argument, NULL, 'n'},
		{"seed", required_argument, NULL, 'S'},
		{"stratify", required_argument, NULL, 't'},
		{"by", required_argument, NULL, 'b'},
		{"ascii", no_argument, NULL, 'a'},
		{"config", required_argument, NULL, 'c'},
		{"no-config", no_argument, NULL, 'N'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	struct label_start start = {.seed = 1};
	struct tui_options o = {0};
	const char *store = NULL, *user = getenv("USER");
	char *end;
	int c;

	if (argc > 1 && strcmp(argv[1], "export") == 0)
		return label_export(argc - 1, argv + 1);
	start.labeller = user && *user ? user : "me";
	while ((c = getopt_long(argc, argv, "s:r:n:S:t:b:ac:Nh", opts, NULL)) != -1) {
		switch (c) {
		case 's': store = optarg; break;
		case 'r': start.run = optarg; break;
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
		case 'h': return cli_help("label");
		default: return cli_usage_error("label", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage_error("label", "unexpected argument '%s'", argv[optind]);
	if (!start.run)
		return cli_usage_error("label", "which run? (--run RUN; 'benchtop runs' lists them)");
	if (!*start.labeller || strchr(start.labeller, '\n'))
		return cli_usage_error("label", "--by takes a name");
	/* the session writes its labels through its own connection to the
	 * same file the explorer reads */
	char *path = store ? xstrdup(store) : cli_default_store();
	start.store_path = path;
	o.label = &start;
	int rc = cli_explore(path, &o);
	free(path);
	return rc;
}
