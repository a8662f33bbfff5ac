/* fuzz_filter.c: the task filter language of the tasks view.  A filter
 * that parses is described and parsed again: the two must agree. */
#include "config.h"

#include "benchtop/model_tasks.h"

#include "fuzz.h"

static void
filter_reset(struct task_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->level = -1;
}

static bool
same(const struct task_filter *a, const struct task_filter *b)
{
	return a->run_id == b->run_id && strcmp(a->framework, b->framework) == 0 &&
	       a->level == b->level && a->constraint == b->constraint &&
	       a->outcome == b->outcome && strcmp(a->category, b->category) == 0 &&
	       strcmp(a->text, b->text) == 0;
}

int
fuzz_filter(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstr(data, size), why[256];
	struct task_filter f, again;
	struct buf desc;

	/* no NUL in why unless the parser wrote one */
	memset(why, 'x', sizeof(why));
	filter_reset(&f);
	buf_init(&desc);
	if (tasks_filter_parse(text, &f, why, sizeof(why))) {
		tasks_filter_describe(&f, &desc);
		filter_reset(&again);
		FUZZ_CHECK(tasks_filter_parse(buf_cstr(&desc), &again, why, sizeof(why)));
		FUZZ_CHECK(same(&f, &again));
	} else {
		FUZZ_CHECK(memchr(why, '\0', sizeof(why)) != NULL);
	}
	buf_free(&desc);
	free(text);
	return 0;
}
