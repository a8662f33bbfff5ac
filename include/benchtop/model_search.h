/* model_search.h: searching every artifact, the judge's reasoning and the
 * failed assertions for a pattern, one hit per matching line (curses-free;
 * `benchtop search` prints the hits, the explorer's :grep lists them).
 */
#ifndef BENCHTOP_MODEL_SEARCH_H
#define BENCHTOP_MODEL_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/address.h"
#include "benchtop/store.h"
#include "benchtop/util.h"

/* The longest part of a line a hit keeps (a longer line is cut around the
 * match, with "..." where it was cut). */
#define SEARCH_LINE_MAX 240

struct search_opts {
	const char *pattern;
	bool regex;       /* POSIX extended regular expression, else literal text */
	unsigned sources; /* TEXT_* (0: every source) */
	int64_t run_id;   /* 0: every run */
	size_t max_hits;  /* stop after this many (0: no limit) */
};

struct search_hit {
	struct address addr; /* the attempt */
	int64_t attempt_id;
	char source[16];     /* "server_log", "patch", ... (store_text's) */
	long line;           /* 1-based */
	char *text;          /* the line (or its part around the match), raw bytes */
};

struct search_result {
	struct search_hit *v;
	size_t n, cap;
	bool truncated; /* max_hits was reached */
	bool indexed;   /* the text index narrowed the artifacts read */
	long texts;     /* texts read */
};

/* "logs,patches,trajectories,judge,assertions" (any subset, comma-separated)
 * into a TEXT_* mask; 0 with why when a word is unknown. */
unsigned search_sources_parse(const char *list, char *why, size_t whylen);
/* Run a search; BT_EUSAGE for a bad regular expression or an empty pattern. */
int search_run(struct store *st, const struct search_opts *o, struct search_result *r,
	       struct bt_error *err);
void search_result_free(struct search_result *r);

#endif /* BENCHTOP_MODEL_SEARCH_H */
