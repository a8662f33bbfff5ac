/* cmd_table.c: `benchtop table NAME`: the paper's tables. */
#include "config.h"

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
	struct bt_error err = {0};
	struct cli_args a;
	struct store *st = NULL;
	struct report_table **tables = NULL;
	int64_t *ids = NULL;
	size_t n_ids, n_tables = 0;
	int c, rc = BT_OK;
	bool list = false;
	struct tables_opts o = {0};
	struct tables_price *prices = NULL;
	size_t n_prices = 0, cap_prices = 0;
	struct agreement_options agree = {0};

	cli_args_init(&a, "table");
	while ((c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
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
		}
	}
	if (c == CLI_EXIT) {
		rc = a.status;
		goto out;
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
	if ((rc = cli_open_read(a.store, &st, NULL, &err)) ||
	    (a.n_runs && (rc = cli_select_runs(st, a.runs, a.n_runs, &ids, &n_ids, &err)))) {
		rc = cli_fail(rc, "%s", err.msg);
		goto out;
	}
	if ((agree.labeller || agree.against || agree.level) && strcmp(argv[optind], "6") != 0) {
		rc = cli_usage_error("table", "--labeller, --against and --level go with table 6");
		goto out;
	}
	o.machine = a.format == FMT_CSV || a.format == FMT_JSON;
	o.prices = prices;
	o.n_prices = n_prices;
	if (strcmp(argv[optind], "6") == 0)
		n_tables = agreement_tables(st, &agree, &tables, &err);
	else
		n_tables = tables_build(argv[optind], st, ids, a.n_runs ? n_ids : 0, &o, &tables,
					&err);
	if (n_tables == 0) {
		rc = err.code == BT_EUSAGE ? cli_usage_error("table", "%s", err.msg)
					   : cli_fail(err.code, "%s", err.msg);
		goto out;
	}
	report_write(tables, n_tables, (enum report_format)a.format, cli_report_flags(stdout), stdout);
out:
	for (size_t i = 0; i < n_tables; i++)
		report_table_free(tables[i]);
	free(tables);
	free(ids);
	free(prices);
	store_close(st);
	return rc;
}
