/* agreement.h: how far two labellings of the same items agree (the
 * paper's Table 6: a human against the LLM judge).  Pure functions. */
#ifndef BENCHTOP_AGREEMENT_H
#define BENCHTOP_AGREEMENT_H

#include <stdbool.h>
#include <stddef.h>

/* One class: precision, recall and F1 of `other` taken as predictions of
 * `ref` (the reference labeller), and the support (items ref put there). */
struct agreement_class {
	const char *name;     /* borrowed from the class list or the labels */
	double precision, recall, f1;
	long support, predicted;
};

/* Owns classes and confusion; agreement_free() releases them. */
struct agreement {
	size_t n;                        /* items */
	double accuracy;
	double kappa;                    /* Cohen's, unweighted */
	bool kappa_defined;              /* false when chance agreement is 1 */
	double macro_f1;                 /* mean F1 over the classes */
	struct agreement_class *classes; /* n_classes, in `order`'s order, then others */
	size_t n_classes;
	long *confusion;                 /* n_classes x n_classes: row = ref, column = other */
};

/* Compare ref[i] with other[i] for n items.  The classes are those either
 * side used (as scikit-learn does), ordered as in `order` (n_order names,
 * e.g. the taxonomy's), then any others in order of appearance.  A class
 * nobody predicted has precision 0; one nobody put an item in has recall 0
 * (and both count in the macro F1, as scikit-learn's zero_division=0). */
void agreement_compute(const char *const *ref, const char *const *other, size_t n,
		       const char *const *order, size_t n_order, struct agreement *out);
void agreement_free(struct agreement *a);

#endif /* BENCHTOP_AGREEMENT_H */
