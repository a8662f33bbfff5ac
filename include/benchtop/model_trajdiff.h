/* model_trajdiff.h: two trajectories aligned step by step (curses-free).
 *
 * The commands each agent ran are aligned by a longest common subsequence
 * over normalized commands (blank space collapsed, paths made relative to
 * the agent's working directory): the commands both ran show once, the
 * others as only in A or only in B.  A matched command whose outputs
 * differ is "changed", and the diff of its two outputs is built on demand.
 * Everything here borrows the trajectories, which must outlive it.
 */
#ifndef BENCHTOP_MODEL_TRAJDIFF_H
#define BENCHTOP_MODEL_TRAJDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "benchtop/parse.h"
#include "benchtop/util.h"

/* Alignments bigger than this many cells (A's items times B's, after the
 * common start and end are taken off) are not searched: the middle shows
 * as removed and added.  4096 x 4096 commands, a 16 MB table. */
#define TRAJDIFF_MAX_CELLS (16u << 20)

/* `cmd` normalized into out (reset first): blank runs become one space,
 * leading "cd CWD &&" (or ";") go, and CWD/path or ./path become path.
 * cwd may be NULL. */
void trajdiff_normalize(const char *cmd, const char *cwd, struct buf *out);

/* One row of an alignment: an item of A and/or one of B (-1 when absent). */
struct lcs_pair {
	long a, b;
};
/* The LCS alignment of two lists of strings, in order: every item of each
 * list appears in exactly one pair; equal items are paired where a longest
 * common subsequence pairs them (the earliest such, and A's unpaired items
 * before B's).  *out is allocated; the caller frees it.  Returns false
 * when the lists were too long to search (TRAJDIFF_MAX_CELLS): then only
 * their common start and end are paired. */
bool trajdiff_lcs(const char *const *a, size_t na, const char *const *b, size_t nb,
		  struct lcs_pair **out, size_t *n);

enum tdiff_kind {
	TDIFF_SAME,    /* both ran it, with the same output */
	TDIFF_CHANGED, /* both ran it; the outputs differ */
	TDIFF_ONLY_A,
	TDIFF_ONLY_B,
};
struct tdiff_row {
	enum tdiff_kind kind;
	long a, b;   /* the step in A's / B's trajectory (its v[] index), -1 when absent */
	long na, nb; /* the command's number on that side (1-based), 0 when absent */
};
struct trajdiff {
	const struct trajectory *ta, *tb; /* borrowed */
	struct tdiff_row *rows;
	size_t n;
	size_t commands_a, commands_b, matched, changed;
	long first_div;   /* the first row where the commands differ, else the
			   * first whose outputs differ; -1 when neither */
	bool exact;       /* false: too long to align, see trajdiff_lcs */
};
/* Align the commands of a and b. */
void trajdiff_build(struct trajdiff *d, const struct trajectory *a, const struct trajectory *b);
void trajdiff_free(struct trajdiff *d);
/* The output of the row's command on one side (side 'a' or 'b'): the text
 * of its observation step, "" when none. */
const char *trajdiff_output(const struct trajdiff *d, size_t row, char side);
/* The command of the row as A ran it (or B, for a row only in B). */
const char *trajdiff_command(const struct trajdiff *d, size_t row);
/* The next (dir > 0) or previous row after `from` that is not TDIFF_SAME;
 * -1 when none. */
long trajdiff_next_change(const struct trajdiff *d, long from, int dir);
/* Two summary lines: the commands on each side, matched, changed, where
 * they diverged; and how each ended (termination with the raw status when
 * it says more, steps, cost). */
void trajdiff_summary(const struct trajdiff *d, struct buf *counts, struct buf *ends);

/* The line diff of two outputs: lines point into a and b (borrowed). */
struct obsdiff_line {
	char kind; /* ' ' in both, '-' only in A's output, '+' only in B's */
	const char *s;
	size_t len;
};
struct obsdiff {
	struct obsdiff_line *v;
	size_t n;
	size_t removed, added;
	bool exact; /* false: too long to align, the middle shows removed then added */
};
void trajdiff_obs_diff(const char *a, const char *b, struct obsdiff *out);
void obsdiff_free(struct obsdiff *d);

#endif /* BENCHTOP_MODEL_TRAJDIFF_H */
