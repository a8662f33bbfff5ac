/* listnav.c: cursor and scroll arithmetic. */
#include "config.h"

#include "benchtop/listnav.h"

#include <assert.h>

void
listnav_clamp(struct listnav *l)
{
	size_t h = l->height ? l->height : 1;

	if (l->n == 0) {
		l->cur = l->top = 0;
		return;
	}
	if (l->cur >= l->n)
		l->cur = l->n - 1;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + h)
		l->top = l->cur - h + 1;
	/* no empty space below the last row when the list could fill the window */
	if (l->n >= h && l->top > l->n - h)
		l->top = l->n - h;
	if (l->n < h)
		l->top = 0;
	/* every function ends here: the views index their rows with cur */
	assert(l->cur < l->n && l->top <= l->cur && l->cur < l->top + h);
}

void
listnav_set(struct listnav *l, size_t n, size_t height)
{
	l->n = n;
	l->height = height;
	listnav_clamp(l);
}

void
listnav_move(struct listnav *l, long delta)
{
	if (l->n == 0)
		return;
	if (delta < 0 && (size_t)(-delta) > l->cur)
		l->cur = 0;
	else if (delta < 0)
		l->cur -= (size_t)(-delta);
	else
		l->cur = l->cur + (size_t)delta >= l->n ? l->n - 1 : l->cur + (size_t)delta;
	listnav_clamp(l);
}

void
listnav_page(struct listnav *l, int halves)
{
	long step = (long)(l->height > 1 ? l->height : 1);
	long delta = halves * step / 2;

	if (delta == 0)
		delta = halves < 0 ? -1 : 1;
	/* scroll the window with the cursor so a page really turns */
	if (delta > 0)
		l->top += (size_t)delta;
	else
		l->top = (size_t)(-delta) > l->top ? 0 : l->top - (size_t)(-delta);
	listnav_move(l, delta);
}

void
listnav_first(struct listnav *l)
{
	l->cur = 0;
	l->top = 0;
	listnav_clamp(l);
}

void
listnav_last(struct listnav *l)
{
	l->cur = l->n ? l->n - 1 : 0;
	listnav_clamp(l);
}

void
listnav_goto(struct listnav *l, size_t row)
{
	l->cur = row;
	listnav_clamp(l);
}

void
listnav_keep(struct listnav *l, size_t row)
{
	size_t line = l->cur >= l->top ? l->cur - l->top : 0;

	l->cur = row;
	l->top = row >= line ? row - line : 0;
	listnav_clamp(l);
}
