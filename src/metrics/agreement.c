/* agreement.c: accuracy, Cohen's kappa, per-class precision, recall and F1,
 * macro F1 and the confusion matrix of two labellings (agreement.h). */
#include "config.h"

#include "benchtop/agreement.h"

#include <stdlib.h>
#include <string.h>

#include "benchtop/util.h"

static long
class_of(const struct agreement *a, const char *name)
{
	for (size_t i = 0; i < a->n_classes; i++)
		if (strcmp(a->classes[i].name, name) == 0)
			return (long)i;
	return -1;
}

static void
add_class(struct agreement *a, const char *name, size_t *cap)
{
	if (class_of(a, name) >= 0)
		return;
	BT_GROW(a->classes, *cap, a->n_classes + 1);
	memset(&a->classes[a->n_classes], 0, sizeof(a->classes[0]));
	a->classes[a->n_classes++].name = name;
}

static double
ratio(long num, long den)
{
	return den ? (double)num / (double)den : 0.0;
}

void
agreement_compute(const char *const *ref, const char *const *other, size_t n,
		  const char *const *order, size_t n_order, struct agreement *out)
{
	size_t cap = 0, k;
	long agree = 0;
	double pe = 0, f1_sum = 0;

	memset(out, 0, sizeof(*out));
	out->n = n;
	for (size_t i = 0; i < n_order; i++)
		for (size_t j = 0; j < n; j++)
			if (strcmp(ref[j], order[i]) == 0 || strcmp(other[j], order[i]) == 0) {
				add_class(out, order[i], &cap);
				break;
			}
	for (size_t j = 0; j < n; j++) {
		add_class(out, ref[j], &cap);
		add_class(out, other[j], &cap);
	}
	k = out->n_classes;
	out->confusion = xcalloc(k * k + 1, sizeof(long));
	for (size_t j = 0; j < n; j++) {
		long r = class_of(out, ref[j]), o = class_of(out, other[j]);
		out->confusion[(size_t)r * k + (size_t)o]++;
		out->classes[r].support++;
		out->classes[o].predicted++;
		agree += r == o;
	}
	out->accuracy = ratio(agree, (long)n);
	for (size_t c = 0; c < k; c++) {
		struct agreement_class *cl = &out->classes[c];
		long tp = out->confusion[c * k + c];
		cl->precision = ratio(tp, cl->predicted);
		cl->recall = ratio(tp, cl->support);
		cl->f1 = cl->precision + cl->recall > 0
				 ? 2 * cl->precision * cl->recall / (cl->precision + cl->recall)
				 : 0.0;
		f1_sum += cl->f1;
		if (n)
			pe += ((double)cl->support / (double)n) * ((double)cl->predicted / (double)n);
	}
	out->macro_f1 = k ? f1_sum / (double)k : 0.0;
	out->kappa_defined = n > 0 && pe < 1.0;
	out->kappa = out->kappa_defined ? (out->accuracy - pe) / (1.0 - pe) : 0.0;
}

void
agreement_free(struct agreement *a)
{
	free(a->classes);
	free(a->confusion);
	memset(a, 0, sizeof(*a));
}
