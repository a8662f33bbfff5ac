/* cmd_search.c: `benchtop search`: the lines of every artifact, judge
 * reasoning and failed assertion that hold a pattern, with their address. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "benchtop/cli.h"
#include "benchtop/model_search.h"

int
cmd_search(int argc, char **argv)
{
	static const char *const cols[] = {"Address|address", "Artifact|artifact", ">Line|line",
					   "Text|text"};
	struct search_opts so = {0};
	const char *run;
	struct search_result r = {0};
	struct bt_error err = {0};
	struct cli_args a;
	struct store *st;
	struct buf addr;
	int c, rc;
	char why[160];

	cli_args_init(&a, "search");
	while ((c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
		case 'i':
			if (!(so.sources = search_sources_parse(optarg, why, sizeof(why))))
				return cli_usage_error("search", "%s", why);
			break;
		case 'E': so.regex = true; break;
		}
	}
	if (c == CLI_EXIT)
		return a.status;
	run = a.n_runs ? a.runs[a.n_runs - 1] : NULL; /* the last --run given */
	if (argc - optind != 1)
		return cli_usage_error("search", "give one PATTERN");
	so.pattern = argv[optind];
	if ((rc = cli_open_read(a.store, &st, NULL, &err)))
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
	report_write(&t, 1, (enum report_format)a.format, cli_report_flags(stdout), stdout);
	report_table_free(t);
	/* like grep: 1 when nothing matched */
	rc = r.n ? BT_OK : 1;
	search_result_free(&r);
	return rc;
}
