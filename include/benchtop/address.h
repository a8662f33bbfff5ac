/* address.h: printable addresses of the things a user points a colleague at
 * (benchtop(1), ADDRESSES, is the grammar's one definition):
 *
 *   RUN                        a run
 *   RUN:TASK                   a task of a run
 *   RUN:TASK:ATTEMPT           an attempt (N of the benchmark's run_N)
 *   RUN:TASK:ATTEMPT:STEP      a step of its trajectory (1 is the first)
 *   RUN:TASK:ATTEMPT:rREQUEST  a Newman request of its report (1 is the first)
 *
 * TASK is a generation task's name, or FRAMEWORK/NAME for a feature task
 * (the name repeats across frameworks).  A run name may hold '/', a task
 * name never ':'.  In RUN and TASK, '%', ':', spaces and control bytes are
 * written %XX (two hex digits), so every address is one word of printable
 * text and parses back to the same names.  Curses-free and store-free: the
 * store resolves an address to its rows (store_resolve_address()).
 */
#ifndef BENCHTOP_ADDRESS_H
#define BENCHTOP_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "benchtop/task.h"
#include "benchtop/util.h"

enum address_kind {
	ADDRESS_RUN,
	ADDRESS_TASK,
	ADDRESS_ATTEMPT,
	ADDRESS_STEP,
	ADDRESS_REQUEST,
};

#define ADDRESS_RUN_MAX 255  /* the longest run name, decoded */
#define ADDRESS_TASK_MAX 159 /* the longest task token, decoded */
/* The longest address text accepted: every byte of both names written %XX,
 * the numbers and the separators (what address_format() can print). */
#define ADDRESS_MAX (3 * (ADDRESS_RUN_MAX + ADDRESS_TASK_MAX) + 32)

struct address {
	enum address_kind kind;
	char run[ADDRESS_RUN_MAX + 1];   /* decoded */
	char task[ADDRESS_TASK_MAX + 1]; /* decoded; "" for a run */
	int attempt;    /* >= 0 from ADDRESS_ATTEMPT on */
	int step;       /* >= 1 for ADDRESS_STEP */
	int request;    /* >= 1 for ADDRESS_REQUEST */
};

/* Parse text into a; false with why (one line, quoting no raw input byte)
 * for anything not in the grammar: an empty or over-long part, a bad %XX,
 * a control byte, a number out of range, too many parts. */
bool address_parse(const char *text, struct address *a, char *why, size_t whylen);
/* a as its canonical text into out (reset first). */
void address_format(const struct address *a, struct buf *out);
/* Fill a from parts: task NULL for a run, attempt < 0 for a task. */
void address_set(struct address *a, const char *run, const char *task, int attempt);
/* The TASK part a task has: its name, or FRAMEWORK/NAME for a feature task. */
void address_task_token(enum task_kind kind, const char *framework, const char *name, char *out,
			size_t outlen);
/* The address one level up: an attempt's task, a task's run, a step's or a
 * request's attempt; false for a run. */
bool address_parent(const struct address *a, struct address *up);
/* Is word a tag (the store keeps tags on addresses): 1 to 32 letters,
 * digits or '-', '_', '.', '+', '/'? */
bool address_tag_valid(const char *word);
/* The kind's name: "run", "task", "attempt", "step", "request". */
const char *address_kind_name(enum address_kind k);

#endif /* BENCHTOP_ADDRESS_H */
