/* table_agreement.c: Table 6, a labeller against the judge (or another
 * labeller): accuracy, Cohen's kappa, per-category precision, recall, F1
 * and support, macro F1 and the confusion matrix. */
#include "config.h"

#include "benchtop/table_agreement.h"

#include <stdlib.h>
#include <string.h>

#include "benchtop/agreement.h"
#include "benchtop/store_label.h"
#include "benchtop/task.h"

static const char *
display(const char *key)
{
	int i = taxonomy_index(taxonomy_subcategories, TAXONOMY_N_SUBCATEGORIES, key);
	if (i >= 0)
		return taxonomy_subcategories[i].display;
	i = taxonomy_index(taxonomy_categories, TAXONOMY_N_CATEGORIES, key);
	return i >= 0 ? taxonomy_categories[i].display : key;
}

static struct report_table *
summary_table(const struct agreement *a, const char *title)
{
	static const char *const cols[] = {">Items|items", ">Accuracy|accuracy", ">Cohen's κ|kappa",
					   ">Macro F1|macro_f1"};
	struct report_table *t = report_new(title, 4, cols);
	size_t r = report_add_row(t);

	report_set_int(t, r, 0, (long)a->n);
	report_set_num(t, r, 1, a->accuracy, 3);
	if (a->kappa_defined)
		report_set_num(t, r, 2, a->kappa, 3);
	else
		report_set_missing(t, r, 2);
	report_set_num(t, r, 3, a->macro_f1, 3);
	report_note(t, "Fractions; Cohen's κ is unweighted; macro F1 is the mean F1 over the %zu "
		    "categories either side used.", a->n_classes);
	if (!a->kappa_defined)
		report_note(t, "κ is undefined: both sides put every item in one category.");
	return t;
}

static struct report_table *
class_table(const struct agreement *a, const char *ref, const char *other)
{
	static const char *const cols[] = {"Category|category", "Key|key", ">Precision|precision",
					   ">Recall|recall", ">F1|f1", ">Support|support"};
	struct report_table *t = report_new("Per category", 6, cols);

	for (size_t c = 0; c < a->n_classes; c++) {
		const struct agreement_class *cl = &a->classes[c];
		size_t r = report_add_row(t);
		report_set_text(t, r, 0, display(cl->name));
		report_set_text(t, r, 1, cl->name);
		report_set_num(t, r, 2, cl->precision, 3);
		report_set_num(t, r, 3, cl->recall, 3);
		report_set_num(t, r, 4, cl->f1, 3);
		report_set_int(t, r, 5, cl->support);
	}
	report_note(t, "%s is the reference: support counts its labels; precision and recall "
		    "score %s's labels against it.", ref, other);
	return t;
}

static struct report_table *
confusion_table(const struct agreement *a, const char *ref, const char *other)
{
	size_t k = a->n_classes;
	char **specs = xcalloc(k + 1, sizeof(char *));
	struct report_table *t;

	specs[0] = xasprintf("%s \\ %s|label", ref, other);
	for (size_t c = 0; c < k; c++)
		specs[c + 1] = xasprintf(">%s|%s", taxonomy_brief(a->classes[c].name),
					 a->classes[c].name);
	t = report_new("Confusion matrix", k + 1, (const char *const *)specs);
	for (size_t c = 0; c <= k; c++)
		free(specs[c]);
	free(specs);
	for (size_t i = 0; i < k; i++) {
		size_t r = report_add_row(t);
		report_set_text(t, r, 0, a->classes[i].name);
		for (size_t j = 0; j < k; j++)
			report_set_int(t, r, j + 1, a->confusion[i * k + j]);
	}
	report_note(t, "Rows: %s's label; columns: %s's.", ref, other);
	return t;
}

size_t
agreement_tables(struct store *st, const struct agreement_options *o, struct report_table ***out,
		 struct bt_error *err)
{
	struct label_pair *pairs = NULL;
	size_t n = 0;
	char *labeller = NULL, *title;
	const char *level = o->level, *other = o->against ? o->against : "the judge";
	const char **ref, **oth, *order[TAXONOMY_N_CATEGORIES + TAXONOMY_N_SUBCATEGORIES];
	struct agreement a;

	*out = NULL;
	if (level && strcmp(level, "coarse") != 0 && strcmp(level, "logic") != 0) {
		bt_errorf(err, BT_EUSAGE, "--level is coarse or logic, not '%s'", level);
		return 0;
	}
	if (store_label_choose_labeller(st, o->labeller, &labeller, err))
		return 0;
	if (o->against && strcmp(o->against, labeller) == 0) {
		bt_errorf(err, BT_EUSAGE, "--against names the labeller itself");
		goto fail;
	}
	if (!level) {
		if (store_label_pairs(st, labeller, o->against, "logic", &pairs, &n, err))
			goto fail;
		level = n ? "logic" : "coarse";
		label_pairs_free(pairs, n);
		pairs = NULL;
	}
	if (store_label_pairs(st, labeller, o->against, level, &pairs, &n, err))
		goto fail;
	if (n == 0) {
		bt_errorf(err, BT_EINPUT, "no item has both %s's and %s's %s label", labeller, other,
			  strcmp(level, "logic") == 0 ? "logic subcategory" : "coarse category");
		goto fail;
	}
	ref = xcalloc(n, sizeof(*ref));
	oth = xcalloc(n, sizeof(*oth));
	for (size_t i = 0; i < n; i++)
		ref[i] = pairs[i].ref, oth[i] = pairs[i].other;
	size_t n_order = 0;
	if (strcmp(level, "logic") == 0)
		for (size_t i = 0; i < TAXONOMY_N_SUBCATEGORIES; i++)
			order[n_order++] = taxonomy_subcategories[i].key;
	else
		for (size_t i = 0; i < TAXONOMY_N_CATEGORIES; i++)
			order[n_order++] = taxonomy_categories[i].key;
	agreement_compute(ref, oth, n, order, n_order, &a);
	free(ref);
	free(oth);
	title = xasprintf("Table 6: %s against %s, %s (%zu item%s)", labeller, other,
			  strcmp(level, "logic") == 0 ? "logic subcategories" : "coarse categories",
			  n, n == 1 ? "" : "s");
	*out = xcalloc(3, sizeof(**out));
	(*out)[0] = summary_table(&a, title);
	(*out)[1] = class_table(&a, labeller, other);
	(*out)[2] = confusion_table(&a, labeller, other);
	free(title);
	agreement_free(&a);
	label_pairs_free(pairs, n);
	free(labeller);
	return 3;
fail:
	label_pairs_free(pairs, n);
	free(labeller);
	return 0;
}
