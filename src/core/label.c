/* label.c: the labelled-judgement item (label.h). */
#include "config.h"

#include "benchtop/label.h"

#include <stdlib.h>
#include <string.h>

#include "benchtop/address.h"
#include "benchtop/util.h"

void
label_item_free(struct label_item *it)
{
	char **s[] = {&it->address, &it->agent, &it->model, &it->runtime, &it->task,
		      &it->judge_category, &it->judge_subcategory, &it->judge_reasoning,
		      &it->coarse_reasoning, &it->task_description, &it->newman_summary,
		      &it->server_log, &it->trajectory, &it->source, &it->category,
		      &it->subcategory};

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		free(*s[i]);
	memset(it, 0, sizeof(*it));
}

void
label_items_free(struct label_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		label_item_free(&v[i]);
	free(v);
}

char *
label_address(const char *run, const char *task, int number)
{
	struct address a;
	struct buf b;

	address_set(&a, run, task, number);
	buf_init(&b);
	address_format(&a, &b);
	return buf_steal(&b);
}
