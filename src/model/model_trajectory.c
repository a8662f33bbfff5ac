/* model_trajectory.c: a parsed trajectory with per-step facts for the
 * trajectory viewer's step list. */
#include "config.h"

#include "benchtop/model_trajectory.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static void
step_info(const struct traj_step *s, struct traj_line_info *info)
{
	const char *t = s->text ? s->text : "";
	size_t len = strlen(t), pos = 0;

	info->bytes = len;
	info->lines = 1;
	for (const char *p = t; (p = memchr(p, '\n', (size_t)(t + len - p))); p++)
		info->lines++;
	info->first = info->first_len = 0;
	while (pos < len) {
		const char *nl = memchr(t + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (t + pos)) : len - pos;
		for (size_t k = 0; k < n; k++) {
			if (t[pos + k] != ' ' && t[pos + k] != '\t' && t[pos + k] != '\r') {
				info->first = pos;
				info->first_len = n;
				return;
			}
		}
		pos += n + 1;
	}
}

int
traj_model_open(struct traj_model *m, struct store_blob *blob, const char *format,
		struct bt_error *err)
{
	size_t size = store_blob_size(blob);
	char *data = xmalloc(size ? size : 1);
	int rc;

	memset(m, 0, sizeof(*m));
	trajectory_init(&m->t);
	rc = store_blob_read(blob, 0, data, size, err);
	store_blob_close(blob);
	if (!rc)
		rc = trajectory_parse(format, data, size, "trajectory", &m->t, err);
	free(data);
	if (rc) {
		trajectory_free(&m->t);
		return rc;
	}
	m->info = xcalloc(m->t.n ? m->t.n : 1, sizeof(*m->info));
	for (size_t i = 0; i < m->t.n; i++)
		step_info(&m->t.v[i], &m->info[i]);
	return BT_OK;
}

bool
traj_step_is_observation(const struct traj_model *m, size_t step)
{
	const struct traj_step *s = &m->t.v[step];

	if (str_eq(m->t.format, "openhands"))
		return str_eq(s->role, "ObservationEvent");
	/* mini-swe-agent: a tool message answers a tool call */
	if (str_eq(s->role, "tool"))
		return true;
	/* mini: the environment's answers are user messages after the agent spoke */
	if (!str_eq(s->role, "user"))
		return false;
	for (size_t i = 0; i < step; i++)
		if (str_eq(m->t.v[i].role, "assistant"))
			return true;
	return false;
}

/* The first (dir > 0) match in the step on a line after `after`, or the
 * last (dir < 0) on a line before `before`; the role and tool count as
 * line 0.  -1 when none. */
static long
step_match(const struct traj_step *s, const char *needle, int dir, long after, long before)
{
	const char *t = s->text ? s->text : "", *p = t;
	size_t nlen = strlen(needle);
	long line = 0, best = -1;

	if (((s->role && strstr(s->role, needle)) || (s->tool && strstr(s->tool, needle))) &&
	    (dir > 0 ? 0 > after : 0 < before))
		best = 0;
	if (dir > 0 && best == 0)
		return 0;
	for (const char *hit; (hit = strstr(p, needle)); p = hit + (nlen ? nlen : 1)) {
		for (; p < hit; p++)
			line += *p == '\n';
		if (dir > 0 && line > after)
			return line;
		if (dir < 0 && line < before)
			best = line;
		if (dir < 0 && line >= before)
			break;
	}
	return best;
}

long
traj_model_find(const struct traj_model *m, long from, long from_line, const char *needle,
		int dir, long *line)
{
	long n = (long)m->t.n;

	if (!n || !*needle)
		return -1;
	if (from < 0 && dir < 0)
		from = n;
	if (from >= 0 && from < n &&
	    (*line = step_match(&m->t.v[from], needle, dir, from_line, from_line)) >= 0)
		return from;
	for (long k = 1; k <= n; k++) {
		long i = ((from + (dir > 0 ? k : -k)) % n + n) % n;
		if ((*line = step_match(&m->t.v[i], needle, dir, -1, LONG_MAX)) >= 0)
			return i;
	}
	return -1;
}

void
traj_model_close(struct traj_model *m)
{
	trajectory_free(&m->t);
	free(m->info);
	memset(m, 0, sizeof(*m));
}
