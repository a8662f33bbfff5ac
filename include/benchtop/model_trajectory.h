/* model_trajectory.h: a parsed trajectory with per-step facts for the trajectory viewer (curses-free).
 *
 * A model loads from the store's named queries and computes with the
 * metrics engine; views only draw it.  Every model owns its memory and the
 * matching _free() or _close() releases it.
 */
#ifndef BENCHTOP_MODEL_TRAJECTORY_H
#define BENCHTOP_MODEL_TRAJECTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/util.h"
#include "benchtop/store.h"
#include "benchtop/parse.h"

/* A parsed trajectory with, per step, its line count and the byte range
 * of its first non-blank line. */
struct traj_model {
	struct trajectory t;
	struct traj_line_info {
		size_t lines;             /* '\n'-separated lines of the text */
		size_t first, first_len;  /* its first non-blank line */
		size_t bytes;
	} *info;                     /* t.n entries */
};
/* Read the whole trajectory artifact from blob (closed here) and parse it
 * (format is the stored hint, see trajectory_parse); BT_EINPUT when it is
 * not readable. */
int traj_model_open(struct traj_model *m, struct store_blob *blob, const char *format,
		    struct bt_error *err);
/* The next match of needle in reading order after line `from_line` of
 * step `from` (dir > 0), or the previous one before it (dir < 0),
 * wrapping around the steps; a step's role and tool count as its line 0.
 * Returns the step (and *line) or -1 when nothing matches.  from may be -1. */
long traj_model_find(const struct traj_model *m, long from, long from_line, const char *needle,
		     int dir, long *line);
/* Is the step an observation (a tool's output, folded when long)? */
bool traj_step_is_observation(const struct traj_model *m, size_t step);
void traj_model_close(struct traj_model *m);

#endif /* BENCHTOP_MODEL_TRAJECTORY_H */
