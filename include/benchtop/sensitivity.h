/* sensitivity.h: the RQ2 figure, framework sensitivity
 * (plot_framework_sensitivity.py, spec 4.5): per framework and
 * configuration the run-level strict A% as mean +/- SEM, built from the
 * store and printed as text (plot.h draws it as SVG). */
#ifndef BENCHTOP_SENSITIVITY_H
#define BENCHTOP_SENSITIVITY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "benchtop/plot.h"
#include "benchtop/store.h"

/* The figure for runs[0..n) (at most SENS_MAX_CONFIGS; more is BT_EUSAGE),
 * or, with n == 0, for upstream's six configurations (Mini-SWE and
 * OpenHands with GPT-5-mini and Qwen3-Coder, Mini-SWE with MiniMax-M2.5
 * and GPT-5.4) that the store has, else its first SENS_MAX_CONFIGS runs.
 * Frameworks in compute_sem.py's order, those with attempts only. */
int sensitivity_build(struct store *st, const int64_t *runs, size_t n, struct sens_plot *out,
		      struct bt_error *err);
/* One line per framework and configuration: the label, a bar of `width`
 * columns from 0 to 100% with the mean (a marker) and +/-1 SEM (a
 * whisker), and "mean ± SEM (n)".  Labels are sanitized; ascii draws with
 * ASCII only. */
void sensitivity_print(const struct sens_plot *p, int width, bool ascii, FILE *out);

#endif
