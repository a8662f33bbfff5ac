/* sensitivity.c: the framework-sensitivity figure (sensitivity.h). */
#include "config.h"

#include "benchtop/sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/sanitize.h"
#include "benchtop/utf8.h"

/* plot_framework_sensitivity.py's configurations, in its order */
static const char *const figure_configs[][2] = {
	{"mini_swe_sdk", "gpt-5-mini"}, {"openhands_sdk", "gpt-5-mini"},
	{"mini_swe_sdk", "qwen3-coder-next"}, {"openhands_sdk", "qwen3-coder-next"},
	{"mini_swe_sdk", "minimax-m2.5"}, {"mini_swe_sdk", "gpt-5.4"},
};
/* compute_sem.py's framework order (the README's ranking) */
static const char *const figure_frameworks[TASK_N_FRAMEWORKS] = {
	"express", "koa", "flask", "aiohttp", "fastify", "django", "fastapi", "hono",
};

/* The runs to draw: those asked for, or the figure's configurations. */
static size_t
choose(const struct run_summary *ri, size_t nri, const int64_t *runs, size_t n,
       const struct run_summary **out)
{
	size_t k = 0;

	if (n) {
		for (size_t j = 0; j < n; j++)
			for (size_t i = 0; i < nri; i++)
				if (ri[i].id == runs[j])
					out[k++] = &ri[i];
		return k;
	}
	for (size_t c = 0; c < sizeof(figure_configs) / sizeof(figure_configs[0]); c++)
		for (size_t i = 0; i < nri; i++)
			if (strcmp(ri[i].agent, figure_configs[c][0]) == 0 &&
			    strcmp(ri[i].model, figure_configs[c][1]) == 0) {
				out[k++] = &ri[i];
				break;
			}
	if (k)
		return k;
	/* none of the figure's: the store's first runs */
	for (; k < nri && k < SENS_MAX_CONFIGS; k++)
		out[k] = &ri[k];
	return k;
}

int
sensitivity_build(struct store *st, const int64_t *runs, size_t n, struct sens_plot *out,
		  struct bt_error *err)
{
	struct run_summary *ri;
	const struct run_summary *chosen[SENS_MAX_CONFIGS];
	struct attempt_fact *f;
	size_t nri, nf, nc;
	bool used[TASK_N_FRAMEWORKS] = {false};
	struct sens_cell cells[TASK_N_FRAMEWORKS][SENS_MAX_CONFIGS];

	memset(out, 0, sizeof(*out));
	if (n > SENS_MAX_CONFIGS)
		return bt_errorf(err, BT_EUSAGE, "at most %d configurations in the figure",
				 SENS_MAX_CONFIGS);
	if (store_runs(st, &ri, &nri, err))
		return err->code;
	if (store_attempt_facts(st, 0, TASK_GENERATION, &f, &nf, err)) {
		store_runs_free(ri, nri);
		return err->code;
	}
	nc = choose(ri, nri, runs, n, chosen);
	memset(cells, 0, sizeof(cells));
	for (size_t k = 0; k < nc; k++) {
		size_t first = 0, cnt = 0;
		while (first < nf && f[first].run_id != chosen[k]->id)
			first++;
		while (first + cnt < nf && f[first + cnt].run_id == chosen[k]->id)
			cnt++;
		snprintf(out->cfg[k], sizeof(out->cfg[k]), "%s %s", task_agent_display(chosen[k]->agent),
			 task_model_display(chosen[k]->model));
		for (int w = 0; w < TASK_N_FRAMEWORKS; w++) {
			struct sens_cell *c = &cells[w][k];
			metrics_run_level(f + first, cnt, figure_frameworks[w], false, &c->mean, &c->sem,
					  &c->n);
			c->have = c->n > 0;
			used[w] |= c->have;
		}
	}
	out->n_cfg = (int)nc;
	for (int w = 0; w < TASK_N_FRAMEWORKS; w++) {
		if (!used[w])
			continue;
		snprintf(out->fw[out->n_fw], sizeof(out->fw[0]), "%s",
			 task_framework_display(figure_frameworks[w]));
		memcpy(out->c[out->n_fw++], cells[w], sizeof(cells[w]));
	}
	snprintf(out->title, sizeof(out->title), "Framework sensitivity: run-level strict A%% "
		 "(mean ± SEM)");
	free(f);
	store_runs_free(ri, nri);
	return BT_OK;
}

/* s sanitized and padded (or cut) to w columns. */
static void
put_padded(FILE *out, const char *s, long w, bool ascii)
{
	struct san_opts o = {.utf8 = !ascii};
	struct buf b;
	size_t fit = sanitize_fit(s, strlen(s), &o, w, false);
	long used;

	buf_init(&b);
	sanitize_to_buf(s, fit, &o, &b);
	used = sanitize_width(s, fit, &o);
	fputs(buf_cstr(&b), out);
	for (; used < w; used++)
		fputc(' ', out);
	buf_free(&b);
}

static int
col_of(double v, int width)
{
	double c = round((v < 0 ? 0 : v > 1 ? 1 : v) * (width - 1));
	return (int)c;
}

void
sensitivity_print(const struct sens_plot *p, int width, bool ascii, FILE *out)
{
	struct san_opts o = {.utf8 = !ascii};
	long lw = 9;
	const char *dash = ascii ? "-" : "─", *lo = ascii ? "[" : "├", *hi = ascii ? "]" : "┤";
	const char *mark = ascii ? "o" : "●", *dot = ascii ? "." : "·";

	for (int k = 0; k < p->n_cfg; k++) {
		long w = sanitize_width(p->cfg[k], strlen(p->cfg[k]), &o);
		lw = w > lw ? w : lw;
	}
	if (width < 11)
		width = 11;
	put_padded(out, p->title, sanitize_width(p->title, strlen(p->title), &o), ascii);
	fputs("\n\n", out);
	/* the axis: 0, 25, 50, 75, 100 over the bar */
	fprintf(out, "%*s", (int)(10 + lw + 2), "");
	for (int c = 0, next = 0; c < width + 3; c++) {
		int v = next * 25;
		if (next <= 4 && c == col_of(v / 100.0, width)) {
			c += fprintf(out, "%d%%", v) - 1;
			next++;
		} else
			fputc(' ', out);
	}
	fputc('\n', out);
	for (int f = 0; f < p->n_fw; f++) {
		for (int k = 0; k < p->n_cfg; k++) {
			const struct sens_cell *c = &p->c[f][k];
			put_padded(out, k == 0 ? p->fw[f] : "", 10, ascii);
			put_padded(out, p->cfg[k], lw + 2, ascii);
			if (!c->have) {
				fputs("(no attempts)\n", out);
				continue;
			}
			int m = col_of(c->mean, width), a = col_of(c->mean - c->sem, width);
			int b = col_of(c->mean + c->sem, width);
			for (int x = 0; x < width; x++)
				fputs(x == m ? mark : x == a && a < m ? lo : x == b && b > m ? hi
				      : x > a && x < b ? dash : dot, out);
			fprintf(out, "  %5.1f %s %4.1f (%zu)\n", c->mean * 100, ascii ? "+-" : "±",
				c->sem * 100, c->n);
		}
	}
	if (p->n_cfg == 0)
		fputs("No configuration to draw.\n", out);
}
