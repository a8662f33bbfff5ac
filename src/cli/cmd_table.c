/* cmd_table.c: `benchtop table NAME`: the paper's tables. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/cli.h"
#include "benchtop/table_agreement.h"
#include "benchtop/tables.h"

/* --price MODEL=IN,OUT: USD per million input and output tokens. */
static int
parse_price(char *arg, struct tables_price *p)
{
	char *eq = strrchr(arg, '='), *comma, *end1, *end2;

	if (!eq || eq == arg || !(comma = strchr(eq, ',')))
		return cli_usage_error("table", "--price takes MODEL=IN,OUT (USD per million input "
				       "and output tokens), not '%s'", arg);
	p->in = strtod(eq + 1, &end1);
	p->out = strtod(comma + 1, &end2);
	if (end1 != comma || *end2 || end2 == comma + 1 || !(p->in >= 0) || !(p->out >= 0))
		return cli_usage_error("table", "--price %s: IN and OUT are numbers of USD per "
				       "million tokens, such as gpt-4o=2.5,10", arg);
	*eq = '\0';
	p->model = arg;
	return BT_OK;
}

int
cmd_table(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"run", required_argument, NULL, 'r'},
		{"format", required_argument, NULL, 'f'},
		{"list", no_argument, NULL, 'l'},
		{"exclude-limits", no_argument, NULL, 'x'},
		{"sem", no_argument, NULL, 'S'},
		{"by", required_argument, NULL, 'b'},
		{"pipeline-only", no_argument, NULL, 'p'},
		{"price", required_argument, NULL, 'P'},
		{"labeller", required_argument, NULL, 'L'},
		{"against", required_argument, NULL, 'a'},
		{"level", required_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		CLI_OPT_LONG_JOURNAL,
		CLI_OPT_LONG_IMMUTABLE,
		{0, 0, 0, 0},
	};
	const char *store_path = NULL;
	struct strv run_names = {0};
	struct bt_error err = {0};
	struct store *st = NULL;
	struct report_table **tables = NULL;
	int64_t *ids = NULL;
	size_t n_ids, n_tables = 0;
	int c, rc = BT_OK, fmt = FMT_TEXT;
	bool list = false;
	struct tables_opts o = {0};
	struct tables_price *prices = NULL;
	size_t n_prices = 0, cap_prices = 0;
	struct agreement_options agree = {0};

	while ((c = getopt_long(argc, argv, "s:r:f:lxSb:pP:L:a:v:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': store_path = optarg; break;
		case 'r': strv_push(&run_names, optarg); break;
		case 'f':
			if ((fmt = cli_parse_format("table", optarg)) < 0) {
				rc = BT_EUSAGE;
				goto out;
			}
			break;
		case 'l': list = true; break;
		case 'x': o.exclude_limits = true; break;
		case 'S': o.sem = true; break;
		case 'p': o.pipeline_only = true; break;
		case 'b':
			if (strcmp(optarg, "level") != 0) {
				rc = cli_usage_error("table", "--by takes 'level' (termination)");
				goto out;
			}
			o.by_level = true;
			break;
		case 'P':
			BT_GROW(prices, cap_prices, n_prices + 1);
			if ((rc = parse_price(optarg, &prices[n_prices])))
				goto out;
			n_prices++;
			break;
		case 'L': agree.labeller = optarg; break;
		case 'a': agree.against = optarg; break;
		case 'v': agree.level = optarg; break;
		case 'h': rc = cli_help("table"); goto out;
		case CLI_OPT_JOURNAL:
		case CLI_OPT_IMMUTABLE:
			if (cli_store_option("table", c, optarg)) {
				rc = BT_EUSAGE;
				goto out;
			}
			break;
		default: rc = cli_usage_error("table", "bad option"); goto out;
		}
	}
	if (list) {
		for (const struct table_info *t = tables_list; t->name; t++)
			printf("%-16s %s\n", t->name, t->title);
		printf("%-16s %s\n", "6", "Table 6: a labeller against the judge (labelled judgements)");
		goto out;
	}
	if (optind + 1 != argc) {
		rc = cli_usage_error("table", optind >= argc ? "which table? (1, 1-raw, 2a, 2b, 8, "
				     "8-all, 4, 6, verifier-impact, decay, termination, subset, "
				     "tokens, cost)" : "one table at a time");
		goto out;
	}
	if ((rc = cli_open_read(store_path, &st, NULL, &err)) ||
	    (run_names.n && (rc = cli_select_runs(st, run_names.v, run_names.n, &ids, &n_ids, &err)))) {
		rc = cli_fail(rc, "%s", err.msg);
		goto out;
	}
	if ((agree.labeller || agree.against || agree.level) && strcmp(argv[optind], "6") != 0) {
		rc = cli_usage_error("table", "--labeller, --against and --level go with table 6");
		goto out;
	}
	o.machine = fmt == FMT_CSV || fmt == FMT_JSON;
	o.prices = prices;
	o.n_prices = n_prices;
	if (strcmp(argv[optind], "6") == 0)
		n_tables = agreement_tables(st, &agree, &tables, &err);
	else
		n_tables = tables_build(argv[optind], st, ids, run_names.n ? n_ids : 0, &o, &tables,
					&err);
	if (n_tables == 0) {
		rc = err.code == BT_EUSAGE ? cli_usage_error("table", "%s", err.msg)
					   : cli_fail(err.code, "%s", err.msg);
		goto out;
	}
	report_write(tables, n_tables, (enum report_format)fmt, cli_report_flags(stdout), stdout);
out:
	for (size_t i = 0; i < n_tables; i++)
		report_table_free(tables[i]);
	free(tables);
	free(ids);
	free(prices);
	store_close(st);
	strv_free(&run_names);
	return rc;
}
