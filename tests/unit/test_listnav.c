/* Cursor and scroll arithmetic. */
#include "config.h"

#include "benchtop/listnav.h"
#include "tap.h"

int
main(void)
{
	struct listnav l = {0};

	listnav_set(&l, 0, 10);
	listnav_move(&l, 5);
	tap_ok(l.cur == 0 && l.top == 0, "an empty list keeps the cursor at 0");
	listnav_last(&l);
	tap_is_int(l.cur, 0, "last of nothing is 0");

	listnav_set(&l, 1, 10);
	listnav_page(&l, 2);
	tap_is_int(l.cur, 0, "one row: a page down stays on it");

	listnav_set(&l, 100, 10);
	listnav_move(&l, 15);
	tap_is_int(l.cur, 15, "move down 15");
	tap_is_int(l.top, 6, "the window follows (cursor on its last row)");
	listnav_move(&l, -100);
	tap_ok(l.cur == 0 && l.top == 0, "moving past the top stops at 0");
	listnav_page(&l, 2);
	tap_is_int(l.cur, 10, "a page down moves a window height");
	tap_is_int(l.top, 10, "and turns the page");
	listnav_page(&l, -1);
	tap_is_int(l.cur, 5, "half a page up");
	listnav_last(&l);
	tap_ok(l.cur == 99 && l.top == 90, "last: the last row at the bottom");
	listnav_set(&l, 100, 30);
	tap_is_int(l.top, 70, "a taller window shows no empty space below the last row");
	listnav_set(&l, 50, 30);
	tap_ok(l.cur == 49 && l.top == 20, "a shorter list clamps cursor and window");
	listnav_set(&l, 50, 1);
	tap_is_int(l.top, 49, "a one-row window shows the cursor");
	listnav_set(&l, 50, 0);
	listnav_move(&l, -1);
	tap_ok(l.top <= l.cur, "a zero-height window does not break the invariant");
	listnav_goto(&l, 1000);
	tap_is_int(l.cur, 49, "goto past the end clamps");
	return tap_done();
}
