/* fuzz_traj_swe.c: any trajectory recognised by its content (mini-swe-agent's
 * own files above all), and the trajectory diff of two of them: the input
 * is A, a NUL, then B. */
#include "config.h"

#include "benchtop/model_trajdiff.h"
#include "benchtop/parse.h"

#include "fuzz.h"

/* What trajectory_parse promises about t. */
static void
check_trajectory(const struct trajectory *t, int rc)
{
	FUZZ_CHECK(t->termination);
	FUZZ_CHECK(rc == 0 || rc == BT_EINPUT);
	for (size_t i = 0; i < t->n; i++) {
		const struct traj_step *s = &t->v[i];
		FUZZ_CHECK(s->role && s->source && s->tool && s->text);
		/* a command's output comes after it and runs nothing itself */
		FUZZ_CHECK(s->obs == -1 || (s->obs > (long)i && s->obs < (long)t->n &&
					    !t->v[s->obs].command));
	}
	FUZZ_CHECK(rc != 0 || t->steps >= 0);
}

/* Every command of each side once, in order; matched ones equal once
 * normalized (the view relies on it). */
static void
check_diff(const struct trajdiff *d, const struct trajectory *a, const struct trajectory *b)
{
	long na = 0, nb = 0;
	size_t matched = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct tdiff_row *r = &d->rows[i];
		FUZZ_CHECK((r->a >= 0) == (r->na > 0) && (r->b >= 0) == (r->nb > 0));
		FUZZ_CHECK(r->a >= 0 || r->b >= 0);
		if (r->na)
			FUZZ_CHECK(r->na == ++na && a->v[r->a].command);
		if (r->nb)
			FUZZ_CHECK(r->nb == ++nb && b->v[r->b].command);
		matched += r->na && r->nb;
		FUZZ_CHECK((r->kind == TDIFF_SAME || r->kind == TDIFF_CHANGED) == (r->na && r->nb));
	}
	FUZZ_CHECK((size_t)na == d->commands_a && (size_t)nb == d->commands_b);
	FUZZ_CHECK(matched == d->matched);
	FUZZ_CHECK(d->first_div < (long)d->n);
}

int
fuzz_traj_swe(const uint8_t *data, size_t size)
{
	const uint8_t *tail;
	size_t tail_size, head = fuzz_split(data, size, &tail, &tail_size);
	char *ca = fuzz_copy(data, head), *cb = fuzz_copy(tail, tail_size);
	struct trajectory a, b;
	struct bt_error err;
	int ra, rb;

	trajectory_init(&a);
	trajectory_init(&b);
	ra = trajectory_parse("auto", ca, head, "a", &a, &err);
	rb = trajectory_parse("auto", cb, tail_size, "b", &b, &err);
	check_trajectory(&a, ra);
	check_trajectory(&b, rb);
	if (ra == 0 && rb == 0) {
		struct trajdiff d;
		trajdiff_build(&d, &a, &b);
		check_diff(&d, &a, &b);
		trajdiff_free(&d);
		/* one against itself never diverges */
		trajdiff_build(&d, &a, &a);
		FUZZ_CHECK(d.first_div == -1 && d.matched == d.commands_a);
		trajdiff_free(&d);
	}
	{
		/* the line diff of the two inputs as text gives each line back */
		char *ta = fuzz_cstr(data, head), *tb = fuzz_cstr(tail, tail_size);
		struct obsdiff o;
		size_t la = 0;
		trajdiff_obs_diff(ta, tb, &o);
		for (size_t i = 0; i < o.n; i++)
			if (o.v[i].kind != '+') {
				FUZZ_CHECK(o.v[i].s >= ta && o.v[i].s + o.v[i].len <= ta + strlen(ta));
				la++;
			}
		FUZZ_CHECK(o.removed + o.added <= o.n);
		(void)la;
		obsdiff_free(&o);
		free(ta);
		free(tb);
	}
	trajectory_free(&a);
	trajectory_free(&b);
	free(ca);
	free(cb);
	return 0;
}
