/* colors.c: colour element defaults and names. */
#include "config.h"

#include "benchtop/colors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/util.h"

static const char *const elem_names[COL_COUNT] = {
#define COLOR_NAME(id, name) name,
	COLOR_INFO(COLOR_NAME)
#undef COLOR_NAME
};

/* Curses colour numbers without including curses here. */
enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };

static void
set(struct ui_colors *uc, enum color_elem e, short fg, short bg, unsigned attr)
{
	uc->c[e].fg = fg;
	uc->c[e].bg = bg;
	uc->c[e].attr = attr;
}

void
colors_default(struct ui_colors *uc, int ncolors)
{
	memset(uc, 0, sizeof(*uc));
	uc->ncolors = ncolors;
	for (int i = 0; i < COL_COUNT; i++)
		set(uc, (enum color_elem)i, -1, -1, 0);
	if (ncolors <= 0) {
		/* monochrome: attributes carry the meaning */
		set(uc, COL_TITLE, -1, -1, CA_REVERSE);
		set(uc, COL_STATUS, -1, -1, CA_REVERSE);
		set(uc, COL_CURSOR, -1, -1, CA_REVERSE | CA_BOLD);
		set(uc, COL_HEADER, -1, -1, CA_BOLD | CA_UNDERLINE);
		set(uc, COL_DIM, -1, -1, CA_DIM);
		set(uc, COL_BAD, -1, -1, CA_BOLD);
		set(uc, COL_WARN, -1, -1, CA_UNDERLINE);
		set(uc, COL_MARK, -1, -1, CA_BOLD);
		set(uc, COL_ESCAPE, -1, -1, CA_UNDERLINE);
		set(uc, COL_MATCH, -1, -1, CA_REVERSE);
		set(uc, COL_DIFF_ADD, -1, -1, CA_BOLD);
		set(uc, COL_DIFF_HUNK, -1, -1, CA_UNDERLINE);
		set(uc, COL_DIFF_FILE, -1, -1, CA_BOLD | CA_UNDERLINE);
		set(uc, COL_ERROR_LINE, -1, -1, CA_BOLD);
		set(uc, COL_HEAT0, -1, -1, CA_BOLD);
		set(uc, COL_HEAT4, -1, -1, CA_DIM);
		return;
	}
	set(uc, COL_TITLE, WHITE, BLUE, CA_BOLD);
	set(uc, COL_STATUS, BLACK, CYAN, 0);
	set(uc, COL_CURSOR, BLACK, CYAN, 0);
	set(uc, COL_HEADER, YELLOW, -1, CA_BOLD);
	set(uc, COL_DIM, BLUE, -1, 0);
	set(uc, COL_GOOD, GREEN, -1, 0);
	set(uc, COL_BAD, RED, -1, CA_BOLD);
	set(uc, COL_WARN, YELLOW, -1, 0);
	set(uc, COL_MARK, MAGENTA, -1, CA_BOLD);
	set(uc, COL_ESCAPE, BLACK, YELLOW, 0);
	set(uc, COL_MATCH, BLACK, YELLOW, 0);
	set(uc, COL_AXIS, -1, -1, 0);
	set(uc, COL_DIFF_ADD, GREEN, -1, 0);
	set(uc, COL_DIFF_DEL, RED, -1, 0);
	set(uc, COL_DIFF_HUNK, CYAN, -1, 0);
	set(uc, COL_DIFF_FILE, YELLOW, -1, CA_BOLD);
	set(uc, COL_ERROR_LINE, RED, -1, CA_BOLD);
	if (ncolors >= 256) {
		/* Okabe-Ito, the colour-blind-safe palette, as xterm-256 indices */
		static const short okabe[8] = {214, 75, 35, 227, 25, 166, 175, 250};
		for (int i = 0; i < 8; i++)
			set(uc, colors_series(i), okabe[i], -1, 0);
		set(uc, COL_HEAT0, 231, 124, 0);
		set(uc, COL_HEAT1, 16, 209, 0);
		set(uc, COL_HEAT2, 16, 229, 0);
		set(uc, COL_HEAT3, 16, 150, 0);
		set(uc, COL_HEAT4, 16, 71, 0);
		set(uc, COL_DIM, 244, -1, 0);
		set(uc, COL_STATUS, 16, 110, 0);
		set(uc, COL_CURSOR, 16, 110, 0);
		set(uc, COL_TITLE, 231, 24, CA_BOLD);
		return;
	}
	/* 8 or 16 colours: six hues plus bold to tell eight series apart */
	static const short basic[8] = {YELLOW, CYAN, GREEN, MAGENTA, BLUE, RED, WHITE, YELLOW};
	for (int i = 0; i < 8; i++)
		set(uc, colors_series(i), basic[i], -1, i >= 6 ? CA_BOLD : 0);
	set(uc, COL_HEAT0, WHITE, RED, CA_BOLD);
	set(uc, COL_HEAT1, BLACK, RED, 0);
	set(uc, COL_HEAT2, BLACK, YELLOW, 0);
	set(uc, COL_HEAT3, BLACK, GREEN, 0);
	set(uc, COL_HEAT4, WHITE, GREEN, CA_BOLD);
}

int
colors_elem_from_name(const char *name)
{
	for (int i = 0; i < COL_COUNT; i++)
		if (strcmp(elem_names[i], name) == 0)
			return i;
	return -1;
}

const char *
colors_elem_name(enum color_elem e)
{
	return e < COL_COUNT ? elem_names[e] : "?";
}

bool
colors_parse_color(const char *s, short *out)
{
	static const char *const names[] = {"black", "red", "green", "yellow",
					    "blue", "magenta", "cyan", "white"};
	const char *num = s;
	long v;

	if (strcmp(s, "default") == 0) {
		*out = -1;
		return true;
	}
	for (short i = 0; i < 8; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			return true;
		}
		if (strncmp(s, "bright", 6) == 0 && strcmp(s + 6, names[i]) == 0) {
			*out = (short)(i + 8);
			return true;
		}
	}
	if (strncmp(s, "color", 5) == 0)
		num = s + 5;
	if (str_to_long(num, &v) && v >= 0 && v <= 255) {
		*out = (short)v;
		return true;
	}
	return false;
}

unsigned
colors_parse_attr(const char *s)
{
	if (strcmp(s, "bold") == 0)
		return CA_BOLD;
	if (strcmp(s, "reverse") == 0)
		return CA_REVERSE;
	if (strcmp(s, "underline") == 0)
		return CA_UNDERLINE;
	if (strcmp(s, "dim") == 0)
		return CA_DIM;
	return 0;
}

enum color_elem
colors_series(int n)
{
	return (enum color_elem)(COL_SERIES1 + (n % 8));
}

enum color_elem
colors_heat(double v)
{
	if (v < 0.5)
		return COL_HEAT0;
	if (v < 0.7)
		return COL_HEAT1;
	if (v < 0.85)
		return COL_HEAT2;
	if (v < 0.95)
		return COL_HEAT3;
	return COL_HEAT4;
}
