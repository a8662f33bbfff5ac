/* pager.h: what the diff, log and trajectory viewers share: untrusted text
 * drawn with its tabs expanded and the search matches highlighted,
 * wrapping into screen lines, and a scroll position over rows of varying
 * height (a wrapped line, a diff line with the verifier's notes under it).
 * Everything is drawn with the ui_* helpers, which sanitize every byte. */
#ifndef BENCHTOP_PAGER_H
#define BENCHTOP_PAGER_H

#include <stdbool.h>
#include <stddef.h>

#include "benchtop/model_text.h"
#include "benchtop/tui.h"

/* s[0..n) with its tabs turned into spaces at the sanitizer's tab stops,
 * so that pieces of it keep their columns; everything else is copied as
 * is (still untrusted).  Stops once `max_cols` columns are reached when
 * max_cols > 0.  out is reset first. */
void pager_expand(const struct app *app, const char *s, size_t n, long max_cols, struct buf *out);

/* Draw s[0..n) (tabs expanded) at y,x within w columns, `skip` columns
 * scrolled off to the left, in colour c with every match of needle (NULL
 * or "" for none) in the search-match colour.  Returns the columns drawn. */
int pager_text(struct app *app, int y, int x, int w, const char *s, size_t n, long skip,
	       const char *needle, enum color_elem c);

/* Cut s[0..n) (tabs expanded) into screen lines of at most w columns,
 * after a space when `words` (prose) and anywhere otherwise (code): the
 * start offset of each into *starts (grown as needed; *cap its
 * capacity).  Returns how many (at least 1). */
size_t pager_wrap(const struct app *app, const char *s, size_t n, int w, bool words,
		  size_t **starts, size_t *cap);

/* A scroll position: a row and a screen line inside it. */
struct pager_pos {
	size_t row;
	long sub;
};
/* The screen lines a row takes (at least 1). */
typedef long (*pager_height_fn)(void *ctx, size_t row);
struct pager {
	struct pager_pos top;
	size_t n_rows;
	long page;              /* screen lines shown by the last draw (at least 1) */
	pager_height_fn height; /* NULL: every row is one line */
	void *ctx;
};
/* Scroll by screen lines; never past the position that shows the last
 * line at the bottom. */
void pager_down(struct pager *p, long lines);
void pager_up(struct pager *p, long lines);
/* Put a row at the top (or as near as the end allows), `context` screen
 * lines below the top when possible. */
void pager_show(struct pager *p, size_t row, long context);
void pager_end(struct pager *p);
/* Is the row on the screen (wholly or partly) at the current position? */
bool pager_visible(const struct pager *p, size_t row);

/* The keys every artifact viewer scrolls with: a line, a page (keeping one
 * line of context), half a page, the first and last line, and sideways by
 * 8 columns (*hscroll; not while wrapping).  True when `a` was one of them. */
bool pager_move(struct pager *p, long *hscroll, bool wrap, enum action a);
/* Where a search or a jump starts: from the last match or mark `at` when
 * there is one (at >= 0), else from `top` itself (forward: the line before
 * it, so that the top line is searched too). */
long pager_search_from(long at, size_t top, int dir);
/* The address of the attempt an artifact viewer shows (the @ key); false
 * for a task's reference patch, which belongs to no attempt. */
bool pager_target_address(struct app *app, const struct text_target *t, struct address *out);
/* | and E: the artifact (m) to $PAGER or $EDITOR (app_external). */
void pager_hand_off(struct app *app, enum action a, struct text_model *m);

#endif
