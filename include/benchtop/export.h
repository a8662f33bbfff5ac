/* export.h: `benchtop export --upstream DIR`: the CSV files the benchmark's
 * evaluation scripts write (spec 4.3 and 4.6), byte for byte: run_stats,
 * task_stats, global_stats and decay_stats (evaluation.py), and
 * feature_run_stats, feature_task_stats and feature_global_stats
 * (evaluation_feature.py).  Same columns, row order, 4-decimal fractions,
 * Python csv quoting and CRLF line ends. */
#ifndef BENCHTOP_EXPORT_H
#define BENCHTOP_EXPORT_H

#include <stdint.h>

#include "benchtop/store.h"

/* The files' names, in the order export_upstream() writes them. */
#define EXPORT_N_FILES 7
extern const char *const export_files[EXPORT_N_FILES];

/* Write the seven files into dir (made when missing; its parent must exist)
 * for the runs runs[0..n), in upstream's order (agent, then model).
 * Files of a kind no selected run has hold only their header, as upstream's
 * would. */
int export_upstream(struct store *st, const int64_t *runs, size_t n, const char *dir,
		    struct bt_error *err);

#endif
