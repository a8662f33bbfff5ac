/* cmd_compare.c: `benchtop compare A B`: run B against run A (the baseline)
 * on their common generation tasks, as report tables, and a gate for CI
 * jobs (--fail-on-regression). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/cli.h"
#include "benchtop/model_compare.h"

/* The exit status when B regresses (benchtop(1), EXIT STATUS). */
#define EXIT_REGRESSED 1

/* Columns shared by the level table: A% and pass@1 per level, then all. */
static const char *const level_cols[] = {
	"Row|row", "Run|run", ">Tasks|tasks",
	">L0 A%|l0_a", ">L0 p@1|l0_pass1", ">L1 A%|l1_a", ">L1 p@1|l1_pass1",
	">L2 A%|l2_a", ">L2 p@1|l2_pass1", ">L3 A%|l3_a", ">L3 p@1|l3_pass1",
	">All A%|all_a", ">All p@1|all_pass1", ">ΔA%|delta_a",
};
#define N_LEVEL_COLS (sizeof(level_cols) / sizeof(level_cols[0]))

/* A row of per-level values (percent), or of their differences. */
static void
level_row(struct report_table *t, const char *label, const char *run, const struct cmp_mean *v,
	  bool sign)
{
	size_t row = report_add_row(t);
	void (*set)(struct report_table *, size_t, size_t, double, int) =
		sign ? report_set_signed : report_set_num;

	report_set_text(t, row, 0, label);
	report_set_text(t, row, 1, run);
	report_set_int(t, row, 2, v[CMP_ALL_LV].n);
	for (int lv = 0; lv <= CMP_ALL_LV; lv++) {
		if (!v[lv].n)
			continue;
		set(t, row, 3 + 2 * (size_t)lv, v[lv].v[CMP_STRICT] * 100, 1);
		set(t, row, 4 + 2 * (size_t)lv, v[lv].v[CMP_PASS1] * 100, 1);
	}
	if (v[0].n && v[3].n)
		report_set_signed(t, row, 13, (v[3].v[CMP_STRICT] - v[0].v[CMP_STRICT]) * 100, 1);
}

/* Bounds of B - A's interval: text "±5.1" for people, two rows of numbers
 * for machines. */
static void
ci_rows(struct report_table *t, const struct compare_model *m, bool machine)
{
	const struct cmp_cell *c = m->cell[CMP_ALL_FW];

	for (int k = 0; k < (machine ? 2 : 1); k++) {
		size_t row = report_add_row(t);
		report_set_text(t, row, 0, !machine ? "95% CI of B - A"
					   : k == 0 ? "B - A, 95% CI low" : "B - A, 95% CI high");
		report_set_text(t, row, 1, "");
		report_set_int(t, row, 2, c[CMP_ALL_LV].n);
		for (int lv = 0; lv <= CMP_ALL_LV; lv++) {
			double d = c[lv].d[CMP_STRICT] * 100, ci = c[lv].ci[CMP_STRICT] * 100;
			char text[32];
			if (c[lv].n < 2)
				continue;
			if (machine) {
				report_set_signed(t, row, 3 + 2 * (size_t)lv, k == 0 ? d - ci : d + ci, 1);
				continue;
			}
			snprintf(text, sizeof(text), "±%.1f", ci);
			report_set_text(t, row, 3 + 2 * (size_t)lv, text);
		}
	}
}

static struct report_table *
summary_table(const struct compare_model *m, bool machine)
{
	struct cmp_mean a[CMP_ALL_LV + 1], b[CMP_ALL_LV + 1], d[CMP_ALL_LV + 1];
	char title[400];
	struct report_table *t;

	for (int lv = 0; lv <= CMP_ALL_LV; lv++) {
		const struct cmp_cell *c = &m->cell[CMP_ALL_FW][lv];
		a[lv].n = b[lv].n = d[lv].n = c->n;
		memcpy(a[lv].v, c->a, sizeof(a[lv].v));
		memcpy(b[lv].v, c->b, sizeof(b[lv].v));
		memcpy(d[lv].v, c->d, sizeof(d[lv].v));
	}
	snprintf(title, sizeof(title), "Compare B = %s with A = %s: Table 1 over the %zu task%s in "
		 "both", m->name_b, m->name_a, m->n_both, m->n_both == 1 ? "" : "s");
	t = report_new(title, N_LEVEL_COLS, level_cols);
	level_row(t, "A", m->name_a, a, false);
	level_row(t, "B", m->name_b, b, false);
	level_row(t, "B - A", "", d, true);
	ci_rows(t, m, machine);
	if (m->n_only_a || m->n_only_b) {
		report_rule(t);
		level_row(t, "A alone", m->name_a, m->own_a, false);
		level_row(t, "B alone", m->name_b, m->own_b, false);
	}
	report_note(t, "A%%: strict assertion pass rate, mean over tasks; p@1: pass@1. Rows A, B "
		    "and B - A count only the tasks both runs have%s.", m->n_only_a || m->n_only_b
		    ? "; the 'alone' rows count each run's own tasks" : "");
	report_note(t, "95%% CI: B - A's mean ± Student's t(0.975, N-1) x SD / sqrt(N) over the "
		    "N common tasks' differences (strict A%%).");
	return t;
}

static struct report_table *
coverage_table(const struct compare_model *m)
{
	static const char *const cols[] = {
		">In both|both", ">Only in A|only_a", ">Only in B|only_b", ">Regressed|regressed",
		">Improved|improved", ">Unchanged|unchanged",
	};
	struct report_table *t = report_new("Coverage and changes", 6, cols);
	size_t row = report_add_row(t);

	report_set_int(t, row, 0, (long)m->n_both);
	report_set_int(t, row, 1, (long)m->n_only_a);
	report_set_int(t, row, 2, (long)m->n_only_b);
	report_set_int(t, row, 3, (long)m->n_mark[CMP_REGRESSED]);
	report_set_int(t, row, 4, (long)m->n_mark[CMP_IMPROVED]);
	report_set_int(t, row, 5, (long)m->n_mark[CMP_UNCHANGED]);
	report_note(t, "%s", CMP_RULE);
	return t;
}

/* The common tasks with one mark (CMP_MARKS: every common task, with its
 * change in a column), in the model's order (the largest change first). */
static struct report_table *
task_table(const struct compare_model *m, enum cmp_mark mark, bool machine)
{
	static const char *const cols[] = {
		"Task|task", ">L|level", "Change|change", ">A% A|a_strict", ">A% B|b_strict",
		">ΔA%|delta_strict", ">p@1 A|a_pass1", ">p@1 B|b_pass1", ">Δp@1|delta_pass1",
		">p|p_value",
	};
	bool all = mark == CMP_MARKS;
	/* the change column only where the rows differ in it */
	const char *const *c = all ? cols : (const char *const[]){cols[0], cols[1], cols[3],
								 cols[4], cols[5], cols[6],
								 cols[7], cols[8], cols[9]};
	struct report_table *t = report_new(all ? "Tasks in both runs"
					    : mark == CMP_REGRESSED ? "Regressed tasks"
								    : "Improved tasks",
					    all ? 10 : 9, c);
	size_t n = 0, col;

	for (size_t i = 0; i < m->n_shown; i++) {
		const struct cmp_task *k = &m->tasks[m->shown[i]];
		size_t row;
		if (!k->in_a || !k->in_b || (!all && k->mark != mark))
			continue;
		row = report_add_row(t);
		n++;
		col = 0;
		report_set_text(t, row, col++, k->a.name);
		report_set_int(t, row, col++, k->a.level);
		if (all)
			report_set_text(t, row, col++, compare_mark_name(k->mark));
		report_set_num(t, row, col++, k->a.s.strict * 100, 1);
		report_set_num(t, row, col++, k->b.s.strict * 100, 1);
		report_set_signed(t, row, col++, k->d[CMP_STRICT] * 100, 1);
		report_set_num(t, row, col++, k->a.s.pass1 * 100, 1);
		report_set_num(t, row, col++, k->b.s.pass1 * 100, 1);
		report_set_signed(t, row, col++, k->d[CMP_PASS1] * 100, 1);
		if (!k->test.testable)
			continue; /* no test: no p-value */
		if (machine || k->test.p >= 0.001)
			report_set_num(t, row, col, k->test.p, 3);
		else
			report_set_text(t, row, col, "<0.001");
	}
	if (n == 0)
		report_note(t, "None.");
	if (all)
		report_note(t, "%s", CMP_RULE);
	return t;
}

/* --table: one of the comparison's tables alone. */
enum compare_part { PART_ALL = -1, PART_SUMMARY, PART_COVERAGE, PART_TASKS, PART_COUNT };
static const char *const part_names[PART_COUNT] = {"summary", "coverage", "tasks"};

int
cmd_compare(int argc, char **argv)
{
	struct bt_error err = {0};
	struct cli_args args;
	struct store *st = NULL;
	struct compare_model m = {0};
	struct report_table *tables[4] = {0};
	size_t n_tables;
	int c, rc = BT_OK, part = PART_ALL;
	bool gate = false, have_threshold = false;
	double threshold = 0;
	int64_t a, b;

	cli_args_init(&args, "compare");
	while ((c = cli_getopt(&args, argc, argv)) > 0) {
		switch (c) {
		case 'F': gate = true; break;
		case 't':
			if (!str_to_double(optarg, &threshold) || !(threshold >= 0) || isinf(threshold))
				return cli_usage_error("compare", "--threshold takes percentage points, "
						       "a number >= 0 (e.g. 2.5)");
			have_threshold = true;
			break;
		case 'T':
			for (part = 0; part < PART_COUNT && strcmp(optarg, part_names[part]); part++)
				;
			if (part == PART_COUNT)
				return cli_usage_error("compare", "--table is summary, coverage or "
						       "tasks, not '%s'", optarg);
			break;
		}
	}
	if (c == CLI_EXIT)
		return args.status;
	if (argc - optind != 2)
		return cli_usage_error("compare", argc - optind < 2 ? "which runs? compare A B"
								   : "two runs: compare A B");
	if (have_threshold && !gate)
		return cli_usage_error("compare", "--threshold goes with --fail-on-regression");
	if ((rc = cli_open_read(args.store, &st, NULL, &err)) ||
	    (rc = store_find_run(st, argv[optind], &a, &err)) ||
	    (rc = store_find_run(st, argv[optind + 1], &b, &err)) ||
	    (rc = compare_model_load(&m, st, a, b, &err))) {
		rc = cli_fail(rc, "%s", err.msg);
		goto out;
	}
	bool machine = args.format == FMT_CSV || args.format == FMT_JSON;
	/* CSV is one tidy table: several would share no header a reader could
	 * tell apart, so it is the task list unless --table picks another */
	if (part == PART_ALL && args.format == FMT_CSV)
		part = PART_TASKS;
	switch (part) {
	case PART_SUMMARY: tables[0] = summary_table(&m, machine); break;
	case PART_COVERAGE: tables[0] = coverage_table(&m); break;
	case PART_TASKS: tables[0] = task_table(&m, CMP_MARKS, machine); break;
	default:
		tables[0] = summary_table(&m, machine);
		tables[1] = coverage_table(&m);
		tables[2] = task_table(&m, CMP_REGRESSED, machine);
		tables[3] = task_table(&m, CMP_IMPROVED, machine);
		break;
	}
	n_tables = part == PART_ALL ? 4 : 1;
	report_write(tables, n_tables, (enum report_format)args.format, cli_report_flags(stdout), stdout);
	if (gate) {
		char why[256];
		/* the verdict on stderr, so stdout stays a clean document */
		switch (compare_regresses(&m, have_threshold, threshold, why, sizeof(why))) {
		case CMP_PASS: break;
		case CMP_REGRESSES: rc = EXIT_REGRESSED; break;
		case CMP_NO_COMMON: rc = BT_EINPUT; break;
		}
		fprintf(stderr, "benchtop compare: %s\n", why);
	}
out:
	for (int i = 0; i < 4; i++)
		report_table_free(tables[i]);
	compare_model_free(&m);
	store_close(st);
	return rc;
}
