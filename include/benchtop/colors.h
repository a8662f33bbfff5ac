/* colors.h: the TUI's colour elements and their defaults for 256, 16 and 8
 * colours and for monochrome terminals (NO_COLOR, TERM=vt100).  Curses-free:
 * the TUI turns these into colour pairs. */
#ifndef BENCHTOP_COLORS_H
#define BENCHTOP_COLORS_H

#include <stdbool.h>

/* _(ID, "config name") */
#define COLOR_INFO(_)                  \
	_(TEXT, "text")                \
	_(TITLE, "title")              \
	_(STATUS, "status")            \
	_(CURSOR, "cursor")            \
	_(HEADER, "header")            \
	_(DIM, "dim")                  \
	_(GOOD, "good")                \
	_(BAD, "bad")                  \
	_(WARN, "warn")                \
	_(MARK, "mark")                \
	_(ESCAPE, "escape")            \
	_(MATCH, "search-match")       \
	_(AXIS, "axis")                \
	_(SERIES1, "series-1")         \
	_(SERIES2, "series-2")         \
	_(SERIES3, "series-3")         \
	_(SERIES4, "series-4")         \
	_(SERIES5, "series-5")         \
	_(SERIES6, "series-6")         \
	_(SERIES7, "series-7")         \
	_(SERIES8, "series-8")         \
	_(HEAT0, "heat-0")             \
	_(HEAT1, "heat-1")             \
	_(HEAT2, "heat-2")             \
	_(HEAT3, "heat-3")             \
	_(HEAT4, "heat-4")             \
	_(DIFF_ADD, "diff-add")        \
	_(DIFF_DEL, "diff-del")        \
	_(DIFF_HUNK, "diff-hunk")      \
	_(DIFF_FILE, "diff-file")      \
	_(ERROR_LINE, "error-line")

enum color_elem {
#define COLOR_ENUM(id, name) COL_##id,
	COLOR_INFO(COLOR_ENUM)
#undef COLOR_ENUM
	COL_COUNT
};

enum color_attr { CA_BOLD = 1, CA_REVERSE = 2, CA_UNDERLINE = 4, CA_DIM = 8 };

struct ui_color {
	short fg, bg;   /* -1 = the terminal's default; 0..255 */
	unsigned attr;  /* CA_* */
};

struct ui_colors {
	int ncolors;    /* 0 = monochrome */
	struct ui_color c[COL_COUNT];
};

/* Defaults for a terminal with `ncolors` colours (0 = monochrome). */
void colors_default(struct ui_colors *uc, int ncolors);
/* "title" -> COL_TITLE; -1 when unknown. */
int colors_elem_from_name(const char *name);
const char *colors_elem_name(enum color_elem e);
/* "red", "brightblue", "default", "color123" or "123" -> index; false if unknown. */
bool colors_parse_color(const char *s, short *out);
/* "bold", "reverse", "underline", "dim" -> CA_*; 0 when unknown. */
unsigned colors_parse_attr(const char *s);
/* The series colour of the n-th framework (0-based). */
enum color_elem colors_series(int n);
/* The heat bucket (COL_HEAT0 worst .. COL_HEAT4 best) of a fraction 0..1. */
enum color_elem colors_heat(double v);

#endif
