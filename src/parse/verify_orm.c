/* verify_orm.c: the ORM rule (upstream-format.md 5.3): evidence of the
 * expected ORM in the added lines, lock files left out. */
#include "config.h"

#include "verify_internal.h"

#include <stdlib.h>
#include <string.h>

static const struct evidence_pattern sqlalchemy_patterns[] = {
	/* (?:^|\s)import\s+sqlalchemy|from\s+sqlalchemy(?:\.|\s+import), case-sensitive */
	{"import:sqlalchemy",
	 {{LEADSP, LIT("import"), SPACES1, LIT("sqlalchemy")},
	  {LIT("from"), SPACES1, LIT("sqlalchemy.")},
	  {LIT("from"), SPACES1, LIT("sqlalchemy"), SPACES1, LIT("import")}}},
	{"dep:sqlalchemy", {{ILIT("sqlalchemy")}}},
};

static const struct evidence_pattern sequelize_patterns[] = {
	/* require\(\s*['"]sequelize['"]\s*\) */
	{"import:sequelize",
	 {{ILIT("require("), SPACES, QUOTE, ILIT("sequelize"), QUOTE, SPACES, LIT(")")}}},
	/* from\s+['"]sequelize['"] */
	{"esm:sequelize", {{ILIT("from"), SPACES1, QUOTE, ILIT("sequelize"), QUOTE}}},
	/* ['"]sequelize['"]\s*: */
	{"dep:sequelize", {{QUOTE, ILIT("sequelize"), QUOTE, SPACES, LIT(":")}}},
	/* new\s+Sequelize\s*\( */
	{"usage:sequelize", {{ILIT("new"), SPACES1, ILIT("sequelize"), SPACES, LIT("(")}}},
};

static const struct evidence_pattern gorm_patterns[] = {
	{"import:gorm", {{LIT("gorm.io/gorm")}}},
};

static const struct evidence_pattern seaorm_patterns[] = {
	{"import:sea_orm", {{WB, ILIT("sea_orm"), WB}}},
	{"dep:sea-orm", {{WB, ILIT("sea-orm"), WB}}},
};

_Static_assert(N_PATTERNS(sqlalchemy_patterns) <= MAX_LABELS, "MAX_LABELS too small");
_Static_assert(N_PATTERNS(sequelize_patterns) <= MAX_LABELS, "MAX_LABELS too small");
_Static_assert(N_PATTERNS(gorm_patterns) <= MAX_LABELS, "MAX_LABELS too small");
_Static_assert(N_PATTERNS(seaorm_patterns) <= MAX_LABELS, "MAX_LABELS too small");

void
verify_orm(const struct verify_patch *p, const char *expected, struct verify_result *out,
	   struct evidence_list *ev)
{
	/* sorted by name: upstream lists them that way in its error */
	static const struct {
		const char *name;
		const struct evidence_pattern *pat;
		size_t count;
	} orms[] = {
		{"gorm", gorm_patterns, N_PATTERNS(gorm_patterns)},
		{"seaorm", seaorm_patterns, N_PATTERNS(seaorm_patterns)},
		{"sequelize", sequelize_patterns, N_PATTERNS(sequelize_patterns)},
		{"sqlalchemy", sqlalchemy_patterns, N_PATTERNS(sqlalchemy_patterns)},
	};
	char *want = verify_lower_copy(expected);
	size_t at[MAX_LABELS], k = 0, n_found;
	struct buf r;

	while (k < N_PATTERNS(orms) && !str_eq(orms[k].name, want))
		k++;
	if (k == N_PATTERNS(orms)) {
		verify_unknown_expected(out, "orm", want,
				 "must be one of gorm, seaorm, sequelize, sqlalchemy");
		free(want);
		return;
	}
	if (p->n_contents == 0) {
		verify_result_set(out, false, xstrdup("No files found in patch"));
		free(want);
		return;
	}
	n_found = verify_match_groups(&(struct label_group){orms[k].pat, orms[k].count, at}, 1, p->text,
				p->db_len);
	buf_init(&r);
	if (n_found) {
		buf_printf(&r, "Found %s evidence: ", want);
		verify_match_labels(&r, p, orms[k].pat, orms[k].count, at, VERIFIER_ORM, ev);
	} else {
		buf_printf(&r, "No %s evidence found", want);
	}
	verify_result_set(out, n_found > 0, buf_steal(&r));
	free(want);
}
