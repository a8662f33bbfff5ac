/* label.h: labelled judgements: failed attempts a person labels with the
 * failure taxonomy (task.h's taxonomy_categories and _subcategories), to
 * measure how far the LLM judge agrees (benchtop table 6).
 *
 * An item is one failed attempt, by address (RUN:TASK:ATTEMPT).  It carries
 * the judge's labels and, when its attempt is not in the store (an
 * imported validation set), the evidence the labeller needs as text.
 */
#ifndef BENCHTOP_LABEL_H
#define BENCHTOP_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every string is owned by the item; label_item_free() releases them. */
struct label_item {
	int64_t id;                    /* in the store, 0 before it is stored */
	char *address;                 /* RUN:TASK:ATTEMPT */
	char *agent, *model, *runtime, *task;
	int number;                    /* the attempt: N of run_N */
	char *judge_category;          /* coarse; NULL when the judge gave none */
	char *judge_subcategory;       /* logic; NULL when none */
	char *judge_reasoning, *coarse_reasoning;
	char *task_description, *newman_summary, *server_log, *trajectory; /* NULL when none */
	char *source;                  /* the file it was imported from, or "sample" */
	int64_t attempt_id;            /* the attempt in the store; 0 when free-standing */
	/* one labeller's labels, when loaded for them (NULL: not labelled) */
	char *category, *subcategory;
};
void label_item_free(struct label_item *it);
void label_items_free(struct label_item *v, size_t n);

/* The address of an attempt, RUN:TASK:ATTEMPT, as address.h prints it (the
 * one grammar: ':' or a control byte in a name is %XX).  Returns a new
 * string. */
char *label_address(const char *run, const char *task, int number);

/* A labelling choice: a coarse category and, for a logic error, a
 * subcategory (NULL when not chosen). */
struct label_choice {
	const char *category, *subcategory;
};

#endif /* BENCHTOP_LABEL_H */
