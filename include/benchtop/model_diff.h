/* model_diff.h: the patch viewer's model: a patch paged from the store with the verifiers' evidence (curses-free).
 *
 * A model loads from the store's named queries and computes with the
 * metrics engine; views only draw it.  Every model owns its memory and the
 * matching _free() or _close() releases it.
 */
#ifndef BENCHTOP_MODEL_DIFF_H
#define BENCHTOP_MODEL_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/util.h"
#include "benchtop/store.h"
#include "benchtop/attempt.h"
#include "benchtop/diff.h"
#include "benchtop/model_text.h"

/* A patch paged from the store: the text model's line index and the diff
 * index (diff.h) are built in one pass over the blob, so a 1 MB patch opens
 * in a few milliseconds and memory stays at 9 bytes a line plus the file
 * and hunk tables.  Verifier evidence is placed on the lines it came from. */
struct diff_note {
	size_t line;                 /* 0-based patch line */
	enum verifier_kind verifier;
	const char *label, *detail;  /* borrowed from the attempt's evidence */
	bool bad;                    /* this finding is why the verifier failed */
};
struct diff_file_info {
	const char *path;            /* the file's path (points into the diff index) */
	char letter;                 /* git's status letter: A, D, M, R, C, T, B (binary) */
	char layer[16];              /* the architecture layer the verifier gave, "" */
	int notes, bad;              /* findings on the file's lines */
};
/* Side by side: one row shows an old line and a new line (a removal next
 * to its replacement); a context line is both; other lines span the row. */
#define DIFF_NO_LINE UINT32_MAX
struct diff_pair {
	uint32_t left, right;
};
struct diff_model {
	struct text_model text;      /* owns the blob */
	struct diff d;
	struct diff_file_info *info; /* d.n_files entries */
	struct diff_note *notes;     /* sorted by line */
	size_t n_notes;
	struct diff_pair *pairs;     /* built by diff_model_pairs() */
	size_t n_pairs;
};

/* The file that line belongs to (-1 before the first), and a line's old
 * and new line numbers (0 where it has none), from the diff index. */
long diff_model_file_at(const struct diff_model *m, size_t line);
void diff_model_line_numbers(const struct diff_model *m, size_t line, long *old_no, long *new_no);

/* Take ownership of blob; index it. */
int diff_model_open(struct diff_model *m, struct store_blob *blob, struct bt_error *err);
/* Place a's evidence (store_load_attempt) on the lines; a must outlive m's
 * notes.  A database or ORM label counts as bad when its verifier failed
 * and the reason names it as the other side's evidence ("Also found ...");
 * every import that broke the layer direction is bad. */
void diff_model_set_evidence(struct diff_model *m, const struct attempt *a);
/* The notes on a line: returns how many, *first the index of the first. */
size_t diff_model_notes_at(const struct diff_model *m, size_t line, size_t *first);
/* Where to go from `line` (dir > 0: forward): the first line of the next
 * file (backward: this file's start when past it, else the previous
 * file's), of the next or previous hunk, of the next or previous finding
 * (`from` may be -1).  -1 when there is none. */
long diff_model_next_file(const struct diff_model *m, size_t line, int dir);
long diff_model_next_hunk(const struct diff_model *m, size_t line, int dir);
long diff_model_next_note(const struct diff_model *m, long from, int dir);
/* Build the side-by-side rows (once). */
void diff_model_pairs(struct diff_model *m);
/* The side-by-side row showing a line. */
size_t diff_model_pair_of(const struct diff_model *m, size_t line);
void diff_model_close(struct diff_model *m);

#endif /* BENCHTOP_MODEL_DIFF_H */
