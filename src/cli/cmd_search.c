/* cmd_search.c: `benchtop search`: the lines of every artifact, judge
 * reasoning and failed assertion that hold a pattern, with their address. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "benchtop/cli.h"
#include "benchtop/model_search.h"

int
cmd_search(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"run", required_argument, NULL, 'r'},
		{"in", required_argument, NULL, 'i'},
		{"regex", no_argument, NULL, 'E'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		CLI_OPT_LONG_JOURNAL,
		CLI_OPT_LONG_IMMUTABLE,
		{0, 0, 0, 0},
	};
	static const char *const cols[] = {"Address|address", "Artifact|artifact", ">Line|line",
					   "Text|text"};
	struct search_opts so = {0};
	const char *store_path = NULL, *run = NULL;
	struct search_result r = {0};
	struct bt_error err = {0};
	struct store *st;
	struct buf addr;
	int c, rc, fmt = FMT_TEXT;
	char why[160];

	while ((c = getopt_long(argc, argv, "s:r:i:Ef:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': store_path = optarg; break;
		case 'r': run = optarg; break;
		case 'i':
			if (!(so.sources = search_sources_parse(optarg, why, sizeof(why))))
				return cli_usage_error("search", "%s", why);
			break;
		case 'E': so.regex = true; break;
		case 'f':
			if ((fmt = cli_parse_format("search", optarg)) < 0)
				return BT_EUSAGE;
			break;
		case 'h': return cli_help("search");
		case CLI_OPT_JOURNAL:
		case CLI_OPT_IMMUTABLE:
			if (cli_store_option("search", c, optarg))
				return BT_EUSAGE;
			break;
		default: return cli_usage_error("search", "bad option");
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("search", "give one PATTERN");
	so.pattern = argv[optind];
	if ((rc = cli_open_read(store_path, &st, NULL, &err)))
		return cli_fail(rc, "%s", err.msg);
	if (run)
		rc = store_find_run(st, run, &so.run_id, &err);
	if (!rc)
		rc = search_run(st, &so, &r, &err);
	store_close(st);
	if (rc) {
		search_result_free(&r);
		return cli_fail(rc, "%s", err.msg);
	}
	struct report_table *t = report_new("Search", 4, cols);
	buf_init(&addr);
	for (size_t i = 0; i < r.n; i++) {
		size_t row = report_add_row(t);
		address_format(&r.v[i].addr, &addr);
		report_set_text(t, row, 0, addr.data);
		report_set_text(t, row, 1, r.v[i].source);
		report_set_int(t, row, 2, r.v[i].line);
		report_set_text(t, row, 3, r.v[i].text);
	}
	buf_free(&addr);
	report_write(&t, 1, (enum report_format)fmt, cli_report_flags(stdout), stdout);
	report_table_free(t);
	/* like grep: 1 when nothing matched */
	rc = r.n ? BT_OK : 1;
	search_result_free(&r);
	return rc;
}
