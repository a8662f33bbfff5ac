/* cmd_plot.c: `benchtop plot`: the decay plot of one run, or two overlaid,
 * as text (the TUI's canvas) or as a standalone SVG. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/cli.h"
#include "benchtop/plot.h"
#include "benchtop/sensitivity.h"

enum plot_format { PLOT_FMT_TEXT, PLOT_FMT_SVG };

static int
parse_size(const char *opt, const char *arg, int *out)
{
	long v;

	if (!str_to_long(arg, &v) || v < 1 || v > 1000)
		return cli_usage_error("plot", "--%s takes a number of cells from 1 to 1000, "
				       "not '%s'", opt, arg);
	*out = (int)v;
	return BT_OK;
}

/* --framework-sensitivity: the RQ2 figure. */
static int
plot_sensitivity(const char *store_path, const char *const *runs, size_t n_runs,
		 enum plot_format fmt, int width, bool ascii, bool decay_options)
{
	struct bt_error err = {0};
	struct store *st = NULL;
	struct sens_plot p;
	int64_t *ids = NULL;
	size_t n_ids;
	int rc;

	if (decay_options)
		return cli_usage_error("plot", "--metric and --error-bars are the decay plot's: "
				       "the sensitivity figure is always run-level strict A%% "
				       "with +/-1 SEM");
	if ((rc = cli_open_read(store_path, &st, NULL, &err)) ||
	    (n_runs && (rc = cli_select_runs(st, runs, n_runs, &ids, &n_ids, &err))) ||
	    (rc = sensitivity_build(st, ids, n_runs ? n_ids : 0, &p, &err))) {
		rc = err.code == BT_EUSAGE ? cli_usage_error("plot", "%s", err.msg)
					   : cli_fail(rc, "%s", err.msg);
		goto out;
	}
	if (fmt == PLOT_FMT_SVG)
		plot_svg_sensitivity(&p, stdout);
	else
		sensitivity_print(&p, width - 40, ascii, stdout);
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = cli_fail(BT_EIO, "writing the plot: %s", strerror(errno));
out:
	free(ids);
	store_close(st);
	return rc;
}

int
cmd_plot(int argc, char **argv)
{
	struct bt_error err = {0};
	struct cli_args a;
	struct store *st = NULL;
	struct plot_data d;
	struct plot_opts po = {
		.w = 78, .h = 22, .legend = true, .highlight = -1,
		.cursor_series = -1, .cursor_level = -1,
	};
	int64_t *ids = NULL;
	size_t n_ids;
	int c, rc = BT_OK, metric = PLOT_STRICT;
	enum plot_format fmt = PLOT_FMT_TEXT;
	bool ascii = false, sensitivity = false, metric_given = false;
	char names[2][64];

	memset(&d, 0, sizeof(d));
	cli_args_init(&a, "plot");
	while ((c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
		case 'm':
			metric_given = true;
			if ((metric = plot_metric_parse(optarg)) < 0) {
				rc = cli_usage_error("plot", "unknown --metric '%s' (strict, raw, "
						     "pass1)", optarg);
				goto out;
			}
			break;
		case 'f':
			if (strcmp(optarg, "svg") == 0)
				fmt = PLOT_FMT_SVG;
			else if (strcmp(optarg, "text") != 0) {
				rc = cli_usage_error("plot", "unknown --format '%s' (text, svg)",
						     optarg);
				goto out;
			}
			break;
		case 'e': po.error_bars = true; break;
		case 'W':
			if ((rc = parse_size("width", optarg, &po.w)))
				goto out;
			break;
		case 'H':
			if ((rc = parse_size("height", optarg, &po.h)))
				goto out;
			break;
		case 'a': ascii = true; break;
		case 'F': sensitivity = true; break;
		}
	}
	if (c == CLI_EXIT) {
		rc = a.status;
		goto out;
	}
	if (optind < argc) {
		rc = cli_usage_error("plot", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (sensitivity) {
		rc = plot_sensitivity(a.store, a.runs, a.n_runs, fmt, po.w, ascii || !cli_locale_utf8(),
				      metric_given || po.error_bars);
		goto out;
	}
	if (a.n_runs > 2) {
		rc = cli_usage_error("plot", "at most two runs (--run A --run B overlays B, "
				     "dashed)");
		goto out;
	}
	if ((rc = cli_open_read(a.store, &st, NULL, &err)) ||
	    (rc = cli_select_runs(st, a.runs, a.n_runs, &ids, &n_ids, &err))) {
		rc = cli_fail(rc, "%s", err.msg);
		goto out;
	}
	if (n_ids == 0) {
		rc = cli_fail(BT_EINPUT, "the store holds no runs; import results with "
			      "'benchtop import PATH'");
		goto out;
	}
	/* without --run: the first run in store_runs() order */
	if (a.n_runs == 0)
		n_ids = 1;
	d.metric = (enum plot_metric)metric;
	for (size_t i = 0; i < n_ids; i++) {
		struct task_row *rows;
		size_t nrows;

		if ((rc = store_run_name(st, ids[i], names[i], sizeof(names[i]), &err)) ||
		    (rc = store_task_rows(st, ids[i], TASK_GENERATION, &rows, &nrows, &err))) {
			rc = cli_fail(rc, "%s", err.msg);
			goto out;
		}
		plot_data_add_run(&d, rows, nrows, (int)i, i ? " (B)" : NULL);
		free(rows);
	}
	if (d.n == 0) {
		rc = cli_fail(BT_EINPUT, "no generation tasks to plot in %s", names[0]);
		goto out;
	}
	if (n_ids == 2)
		snprintf(d.title, sizeof(d.title), "%s: %s vs %s (B)", plot_metric_name(d.metric),
			 names[0], names[1]);
	else
		snprintf(d.title, sizeof(d.title), "%s by number of constraints: %s",
			 plot_metric_name(d.metric), names[0]);

	if (fmt == PLOT_FMT_SVG) {
		plot_svg(&d, po.error_bars, stdout);
	} else {
		struct plot_canvas cv;
		po.ascii = ascii || !cli_locale_utf8();
		plot_render(&d, &po, &cv);
		plot_canvas_print(&cv, stdout);
		plot_canvas_free(&cv);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = cli_fail(BT_EIO, "writing the plot: %s", strerror(errno));
out:
	free(ids);
	store_close(st);
	return rc;
}
