/* bt_sort: ordered, stable, a permutation, for every size around the
 * merge's run lengths; reverse order by a negated comparator; the context
 * reaches the comparator. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/sort.h"
#include "tap.h"

struct item {
	int key;
	int seq; /* the position before sorting */
};

struct order {
	bool reverse;
};

static int
cmp_item(const void *pa, const void *pb, const void *ctx)
{
	const struct item *a = pa, *b = pb;
	const struct order *o = ctx;
	int c = (a->key > b->key) - (a->key < b->key);

	return o->reverse ? -c : c;
}

static uint32_t
rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 16;
}

/* Sorted by key (descending when reversed), ties in their first order,
 * and every element there once. */
static bool
check(const struct item *v, size_t n, bool reverse)
{
	bool *seen = calloc(n ? n : 1, 1), ok = true;

	for (size_t i = 0; i < n && ok; i++) {
		if (v[i].seq < 0 || (size_t)v[i].seq >= n || seen[v[i].seq])
			ok = false;
		else
			seen[v[i].seq] = true;
		if (i && ok) {
			int c = (v[i - 1].key > v[i].key) - (v[i - 1].key < v[i].key);
			if (reverse)
				c = -c;
			ok = c < 0 || (c == 0 && v[i - 1].seq < v[i].seq);
		}
	}
	free(seen);
	return ok;
}

static int
cmp_by_table(const void *pa, const void *pb, const void *ctx)
{
	const double *table = ctx;
	double a = table[*(const size_t *)pa], b = table[*(const size_t *)pb];

	return (a > b) - (a < b);
}

/* 3-byte elements: no alignment, no machine word */
static int
cmp_triple(const void *pa, const void *pb, const void *ctx)
{
	(void)ctx;
	return memcmp(pa, pb, 3);
}

int
main(void)
{
	static const size_t sizes[] = {0, 1, 2, 7, 8, 9, 15, 16, 17, 100, 1000, 1001, 4099};
	uint32_t seed = 42;

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t n = sizes[k];
		struct item *v = calloc(n ? n : 1, sizeof(*v));
		bool all_ok = true, all_rev = true, sorted_in = true, reversed_in = true;
		for (int pass = 0; pass < 8; pass++) {
			/* few distinct keys: many ties */
			int range = pass % 2 ? 5 : 1000000;
			for (size_t i = 0; i < n; i++)
				v[i] = (struct item){(int)(rnd(&seed) % (uint32_t)range), (int)i};
			bt_sort(v, n, sizeof(*v), cmp_item, &(struct order){false});
			all_ok = all_ok && check(v, n, false);
			for (size_t i = 0; i < n; i++)
				v[i].seq = (int)i;
			bt_sort(v, n, sizeof(*v), cmp_item, &(struct order){true});
			all_rev = all_rev && check(v, n, true);
		}
		/* input already in order, and in the opposite order */
		for (size_t i = 0; i < n; i++)
			v[i] = (struct item){(int)i / 3, (int)i};
		bt_sort(v, n, sizeof(*v), cmp_item, &(struct order){false});
		sorted_in = check(v, n, false);
		bt_sort(v, n, sizeof(*v), cmp_item, &(struct order){true});
		for (size_t i = 0; i < n; i++)
			v[i].seq = (int)i;
		bt_sort(v, n, sizeof(*v), cmp_item, &(struct order){false});
		reversed_in = check(v, n, false);
		tap_ok(all_ok, "n=%zu: sorted, stable, a permutation", n);
		tap_ok(all_rev, "n=%zu: the negated comparator sorts in reverse, ties still stable", n);
		tap_ok(sorted_in && reversed_in, "n=%zu: sorted and reverse-sorted input", n);
		free(v);
	}

	/* ties in reverse order stay in their first order: a negated
	 * comparator, not a reversed array */
	struct item t[] = {{1, 0}, {2, 1}, {1, 2}, {2, 3}};
	bt_sort(t, 4, sizeof(*t), cmp_item, &(struct order){true});
	tap_is_int(t[0].seq * 1000 + t[1].seq * 100 + t[2].seq * 10 + t[3].seq, 1302,
		   "reverse: 2 (seq 1), 2 (seq 3), 1 (seq 0), 1 (seq 2)");

	double table[] = {0.5, -1, 3, 0.25};
	size_t idx[] = {0, 1, 2, 3};
	bt_sort(idx, 4, sizeof(*idx), cmp_by_table, table);
	tap_is_int(idx[0] * 1000 + idx[1] * 100 + idx[2] * 10 + idx[3], 1302,
		   "the context reaches the comparator (indexes sorted by a table)");

	char tri[] = "zzzaaammmaab";
	bt_sort(tri, 4, 3, cmp_triple, NULL);
	tap_is_str(tri, "aaaaabmmmzzz", "elements of 3 bytes");
	return tap_done();
}
