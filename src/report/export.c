/* export.c: the benchmark's evaluation CSVs (export.h). */
#include "config.h"

#include "benchtop/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchtop/summary.h"

const char *const export_files[EXPORT_N_FILES] = {
	"run_stats.csv", "task_stats.csv", "global_stats.csv", "decay_stats.csv",
	"feature_run_stats.csv", "feature_task_stats.csv", "feature_global_stats.csv",
};

enum { F_RUN, F_TASK, F_GLOBAL, F_DECAY, F_FRUN, F_FTASK, F_FGLOBAL };

static const char *const headers[EXPORT_N_FILES] = {
	"agent,model,runtime,task,n_constraints,run_id,n_assertions,passed_assertions,"
	"failed_assertions,passed_assertions_perc,strict_assertions_perc,tests_passed,"
	"arch_compliant,db_compliant,orm_compliant,succeeded",
	"agent,model,runtime,task,framework,n_constraints,pass_at_1,pass_at_3,pass_power_3,"
	"passed_assertions_perc,passed_assertions_std,strict_assertions_perc,"
	"strict_assertions_std,n_succeeded,n_executed",
	SUMMARY_GLOBAL_HEADER,
	"agent,model,step,from_level,to_level,from_assert_pct,to_assert_pct,delta_assert_pct",
	"agent,model,framework,task,difficulty,run_id,n_assertions,passed_assertions,"
	"failed_assertions,passed_assertions_perc,succeeded",
	"agent,model,framework,task,difficulty,pass_at_1,passed_assertions_perc,n_succeeded,"
	"n_executed",
	"agent,model,granularity,group,pass_at_1,passed_assertions_perc,n_succeeded,n_executed",
};

/* One kind's attempts and the task rows made from them (the same order). */
struct kind_data {
	struct attempt_fact *f;
	size_t nf;
	struct task_row *rows;
	size_t nrows;
};

static int
kind_load(struct store *st, enum task_kind kind, struct kind_data *d, struct bt_error *err)
{
	if (store_attempt_facts(st, 0, kind, &d->f, &d->nf, err))
		return err->code;
	d->nrows = metrics_task_rows_from_facts(d->f, d->nf, false, &d->rows, NULL);
	return BT_OK;
}

/* The facts and rows of one run: both are sorted by run first. */
static void
kind_of_run(const struct kind_data *d, int64_t run, const struct attempt_fact **f, size_t *nf,
	    const struct task_row **rows, size_t *nrows)
{
	size_t first, i;

	*nrows = metrics_rows_of_run(d->rows, d->nrows, run, &first);
	*rows = d->rows + first;
	for (i = 0; i < d->nf && d->f[i].run_id != run; i++)
		;
	*f = d->f + i;
	for (*nf = 0; i + *nf < d->nf && d->f[i + *nf].run_id == run; ++*nf)
		;
}

static void
put_ident(FILE *out, const struct run_summary *r)
{
	report_csv_field(out, r->agent);
	fputc(',', out);
	report_csv_field(out, r->model);
	fputc(',', out);
}

static void
put_task(FILE *out, const char *folder, const char *name)
{
	report_csv_field(out, folder);
	fputc(',', out);
	report_csv_field(out, name);
	fputc(',', out);
}

static void
generation(FILE **fp, const struct run_summary *r, const struct attempt_fact *f, size_t nf,
	   const struct task_row *rows, size_t nrows)
{
	struct decay_step d[METRICS_DECAY_STEPS];
	size_t nd;

	for (size_t i = 0; i < nf; i++) {
		put_ident(fp[F_RUN], r);
		put_task(fp[F_RUN], f[i].runtime, f[i].name);
		fprintf(fp[F_RUN], "%d,run_%d,%ld,%ld,%ld,%.4f,%.4f,%d,%d,%d,%d,%d\r\n", f[i].level,
			f[i].number, f[i].total, f[i].passed, f[i].failed, f[i].raw, f[i].strict,
			f[i].tests_passed, f[i].arch_ok, f[i].db_ok, f[i].orm_ok, f[i].succeeded);
	}
	for (size_t i = 0; i < nrows; i++) {
		const struct task_row *t = &rows[i];
		put_ident(fp[F_TASK], r);
		put_task(fp[F_TASK], t->runtime, t->name);
		report_csv_field(fp[F_TASK], t->framework);
		fprintf(fp[F_TASK], ",%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%d\r\n", t->level,
			t->s.pass1, t->s.pass3, t->s.pow3, t->s.raw, t->s.raw_std, t->s.strict,
			t->s.strict_std, t->s.n_succeeded, t->s.n_executed);
	}
	summary_upstream_block(fp[F_GLOBAL], r->agent, r->model, rows, nrows);
	nd = metrics_decay(rows, nrows, d);
	for (size_t i = 0; i < nd; i++) {
		put_ident(fp[F_DECAY], r);
		fprintf(fp[F_DECAY], "L%d->L%d,%d,%d,%.4f,%.4f,%.4f\r\n", d[i].from, d[i].to, d[i].from,
			d[i].to, d[i].from_raw, d[i].to_raw, d[i].delta);
	}
}

/* One row of feature_global_stats.csv over the tasks of framework fw (NULL:
 * any) and difficulty diff (NULL: any); nothing when there is none. */
static void
feature_group(FILE *out, const struct run_summary *r, const char *gran, const char *group,
	      const struct task_row *rows, const char *const *diff, size_t n, const char *fw,
	      const char *want)
{
	double *p1 = xcalloc(n ? n : 1, sizeof(double)), *raw = xcalloc(n ? n : 1, sizeof(double));
	long c = 0, e = 0;
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if ((fw && strcmp(rows[i].runtime, fw) != 0) || (want && strcmp(diff[i], want) != 0))
			continue;
		p1[k] = rows[i].s.pass1;
		raw[k++] = rows[i].s.raw;
		c += rows[i].s.n_succeeded;
		e += rows[i].s.n_executed;
	}
	if (k) {
		put_ident(out, r);
		fprintf(out, "%s,", gran);
		report_csv_field(out, group);
		fprintf(out, ",%.4f,%.4f,%ld,%ld\r\n", metrics_mean(p1, k), metrics_mean(raw, k), c, e);
	}
	free(p1);
	free(raw);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
feature(FILE **fp, const struct run_summary *r, const struct attempt_fact *f, size_t nf,
	const struct task_row *rows, size_t nrows)
{
	static const char *const levels[] = {"simple", "intermediate", "hard"};
	const char **diff = xcalloc(nrows ? nrows : 1, sizeof(char *));
	struct strv fws = {0};
	size_t j = 0;

	for (size_t i = 0; i < nf; i++) {
		put_ident(fp[F_FRUN], r);
		put_task(fp[F_FRUN], f[i].runtime, f[i].name);
		report_csv_field(fp[F_FRUN], f[i].difficulty);
		fprintf(fp[F_FRUN], ",run_%d,%ld,%ld,%ld,%.4f,%d\r\n", f[i].number, f[i].total,
			f[i].passed, f[i].failed, f[i].raw, f[i].succeeded);
	}
	for (size_t i = 0; i < nrows; i++) {
		const struct task_row *t = &rows[i];
		/* the rows were made from the facts, in their order */
		while (f[j].task_id != t->task_id)
			j++;
		diff[i] = f[j].difficulty;
		put_ident(fp[F_FTASK], r);
		put_task(fp[F_FTASK], t->runtime, t->name);
		report_csv_field(fp[F_FTASK], diff[i]);
		fprintf(fp[F_FTASK], ",%.4f,%.4f,%d,%d\r\n", t->s.pass1, t->s.raw, t->s.n_succeeded,
			t->s.n_executed);
		if (!strv_contains(&fws, t->runtime))
			strv_push(&fws, t->runtime);
	}
	qsort(fws.v, fws.n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < fws.n; i++)
		feature_group(fp[F_FGLOBAL], r, "framework", fws.v[i], rows, diff, nrows, fws.v[i], NULL);
	for (size_t d = 0; d < sizeof(levels) / sizeof(levels[0]); d++)
		feature_group(fp[F_FGLOBAL], r, "difficulty", levels[d], rows, diff, nrows, NULL,
			      levels[d]);
	for (size_t i = 0; i < fws.n; i++) {
		struct strv ds = {0};
		for (size_t k = 0; k < nrows; k++)
			if (strcmp(rows[k].runtime, fws.v[i]) == 0 && !strv_contains(&ds, diff[k]))
				strv_push(&ds, diff[k]);
		qsort(ds.v, ds.n, sizeof(char *), cmp_str);
		for (size_t d = 0; d < ds.n; d++) {
			char *group = xasprintf("%s:%s", fws.v[i], ds.v[d]);
			feature_group(fp[F_FGLOBAL], r, "framework_difficulty", group, rows, diff, nrows,
				      fws.v[i], ds.v[d]);
			free(group);
		}
		strv_free(&ds);
	}
	feature_group(fp[F_FGLOBAL], r, "global", "all", rows, diff, nrows, NULL, NULL);
	strv_free(&fws);
	free(diff);
}

int
export_upstream(struct store *st, const int64_t *runs, size_t n, const char *dir,
		struct bt_error *err)
{
	struct run_summary *ri = NULL;
	size_t nri = 0;
	struct kind_data gen = {0}, feat = {0};
	FILE *fp[EXPORT_N_FILES] = {0};
	int rc = BT_OK;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return bt_errorf(err, errno == ENOENT ? BT_ENOINPUT : BT_EIO, "%s: %s", dir,
				 strerror(errno));
	if ((rc = store_runs(st, &ri, &nri, err)) || (rc = kind_load(st, TASK_GENERATION, &gen, err)) ||
	    (rc = kind_load(st, TASK_FEATURE, &feat, err)))
		goto out;
	for (size_t i = 0; i < EXPORT_N_FILES; i++) {
		char *path = xasprintf("%s/%s", dir, export_files[i]);
		fp[i] = fopen(path, "wb");
		if (!fp[i]) {
			rc = bt_errorf(err, BT_EIO, "%s: %s", path, strerror(errno));
			free(path);
			goto out;
		}
		free(path);
		fprintf(fp[i], "%s\r\n", headers[i]);
	}
	/* ri is ordered by agent, then model, as upstream sorts its configurations */
	for (size_t i = 0; i < nri; i++) {
		const struct attempt_fact *f;
		const struct task_row *rows;
		size_t nf, nrows;
		bool selected = false;

		for (size_t j = 0; j < n; j++)
			selected |= runs[j] == ri[i].id;
		if (!selected)
			continue;
		kind_of_run(&gen, ri[i].id, &f, &nf, &rows, &nrows);
		generation(fp, &ri[i], f, nf, rows, nrows);
		kind_of_run(&feat, ri[i].id, &f, &nf, &rows, &nrows);
		feature(fp, &ri[i], f, nf, rows, nrows);
	}
out:
	for (size_t i = 0; i < EXPORT_N_FILES; i++)
		if (fp[i] && (ferror(fp[i]) | fclose(fp[i])) && rc == BT_OK)
			rc = bt_errorf(err, BT_EIO, "%s/%s: write error", dir, export_files[i]);
	free(gen.f);
	free(gen.rows);
	free(feat.f);
	free(feat.rows);
	store_runs_free(ri, nri);
	return rc;
}
