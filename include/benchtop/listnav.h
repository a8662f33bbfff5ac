/* listnav.h: cursor and scrolling over a list of n rows shown `height` at a
 * time.  Curses-free so the arithmetic is unit-tested (empty lists, one
 * row, tiny windows, resizes). */
#ifndef BENCHTOP_LISTNAV_H
#define BENCHTOP_LISTNAV_H

#include <stddef.h>

struct listnav {
	size_t n;      /* rows */
	size_t cur;    /* the cursor row (0 when n == 0) */
	size_t top;    /* the first visible row */
	size_t height; /* visible rows (at least 1 is assumed) */
};

void listnav_set(struct listnav *l, size_t n, size_t height);
void listnav_move(struct listnav *l, long delta);
void listnav_page(struct listnav *l, int pages_times_2); /* +2 = a page down, -1 = half up */
void listnav_first(struct listnav *l);
void listnav_last(struct listnav *l);
void listnav_goto(struct listnav *l, size_t row);
/* Move the cursor to row, keeping its line on the screen (after a reload
 * that added or removed rows above it, the list does not jump). */
void listnav_keep(struct listnav *l, size_t row);
/* Keep the cursor visible after a change of n or height. */
void listnav_clamp(struct listnav *l);

#endif
