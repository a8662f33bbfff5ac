/* model_memory.h: the store's tags and notes by address, for the lists
 * that show them and filter by them (curses-free).  A task's entry holds
 * its own tags and notes and those of its attempts, so `tag=WORD` finds a
 * task by the tag of one attempt; a run's and an attempt's hold their own.
 */
#ifndef BENCHTOP_MODEL_MEMORY_H
#define BENCHTOP_MODEL_MEMORY_H

#include <stdbool.h>
#include <stddef.h>

#include "benchtop/address.h"
#include "benchtop/store.h"
#include "benchtop/util.h"

struct memory_entry {
	char *address; /* canonical address text */
	char *tags;    /* its distinct tags, sorted, space-separated ("" none) */
	bool note;     /* it has a note */
};

struct memory_index {
	struct memory_entry *v; /* sorted by address */
	size_t n;
};

int memory_index_load(struct memory_index *x, struct store *st, struct bt_error *err);
/* The entry of an address; NULL when it has no tag and no note. */
const struct memory_entry *memory_lookup(const struct memory_index *x, const char *address);
/* The entry of a run's (task NULL), task's or attempt's (attempt >= 0) address. */
const struct memory_entry *memory_lookup_parts(const struct memory_index *x, const char *run,
					       const char *task, int attempt);
/* Does an entry's tag list hold word? */
bool memory_has_tag(const struct memory_entry *e, const char *word);
void memory_index_free(struct memory_index *x);

/* The explorer writes through a connection of its own (it reads the store
 * read-only).  Both take the address's canonical text. */
/* Apply "word -word ..." (add, remove) to the tags of address in the store
 * at path; what changed, or why nothing did, into msg ("+slow -flaky"). */
int memory_edit_tags(const char *path, const char *address, const char *words,
		     const char *author, struct buf *msg, struct bt_error *err);
/* Write author's note on address ("" removes it). */
int memory_write_note(const char *path, const char *address, const char *author,
		      const char *text, struct bt_error *err);
/* author's note on address into out ("" when none). */
int memory_read_note(struct store *st, const char *address, const char *author, struct buf *out,
		     struct bt_error *err);

#endif /* BENCHTOP_MODEL_MEMORY_H */
