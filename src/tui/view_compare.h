/* view_compare.h: what the compare view's files share (private to the TUI). */
#ifndef BENCHTOP_VIEW_COMPARE_H
#define BENCHTOP_VIEW_COMPARE_H

#include "benchtop/model_attempt.h"
#include "benchtop/model_compare.h"
#include "benchtop/model_compare_pair.h"
#include "benchtop/model_diff.h"
#include "benchtop/model_log.h"
#include "benchtop/model_runs.h"
#include "benchtop/model_tasks.h"
#include "benchtop/model_text.h"
#include "benchtop/model_trajectory.h"
#include "benchtop/tui.h"

/* The Plot tab in rows y0 .. y0+h-1: both runs' decay curves over the
 * common tasks on one plot (a framework's colour, A solid with filled
 * markers, B dashed with hollow ones), and below it B - A by level with
 * 95% confidence intervals when there is room. */
void compare_plot_draw(struct app *app, const struct compare_model *m, enum cmp_metric metric,
		       int y0, int h, int w);

#endif
