/* verify_db.c: the database rule (upstream-format.md 5.2): evidence of
 * the expected database (sqlite or postgres) in the added lines, lock
 * files left out, and none of the other. */
#include "config.h"

#include "verify_internal.h"

#include <stdlib.h>
#include <string.h>

/* In upstream's order, which is the order of the labels in a reason. */
static const struct evidence_pattern sqlite_patterns[] = {
	{"import:sqlite3", {PY_IMPORT("sqlite3")}},
	{"import:aiosqlite", {PY_IMPORT("aiosqlite")}},
	/* sqlite(?:\+\w+)?:/// */
	{"connstr:sqlite", {{ILIT("sqlite"), PLUSWORD, LIT(":///")}}},
	{"django:sqlite", {{ILIT("django.db.backends.sqlite3")}}},
	{"dep:sqlite3-npm", {{QUOTE, ILIT("sqlite3"), QUOTE}}},
	{"dep:better-sqlite3", {{QUOTE, ILIT("better-sqlite3"), QUOTE}}},
	/* dialect\s*[:=]\s*['"]sqlite['"] */
	{"dialect:sqlite", {{ILIT("dialect"), SPACES, SEP, SPACES, QUOTE, ILIT("sqlite"), QUOTE}}},
	{"go:gorm-sqlite", {{ILIT("gorm.io/driver/sqlite")}}},
	{"go:mattn-sqlite3", {{ILIT("mattn/go-sqlite3")}}},
	{"rust:rusqlite", {{WB, ILIT("rusqlite"), WB}}},
	/* (?:feature|database)[^\n]*['"]sqlite['"]|Sqlite(?:Pool|Connection)|sqlx::sqlite */
	{"rust:sqlx-sqlite",
	 {{ILIT("feature"), SAMELINE, QUOTE, ILIT("sqlite"), QUOTE},
	  {ILIT("database"), SAMELINE, QUOTE, ILIT("sqlite"), QUOTE},
	  {ILIT("sqlitepool")}, {ILIT("sqliteconnection")}, {ILIT("sqlx::sqlite")}}},
	/* diesel[^\n]*\bsqlite\b|SqliteConnection */
	{"rust:diesel-sqlite",
	 {{ILIT("diesel"), SAMELINE, WB, ILIT("sqlite"), WB}, {ILIT("sqliteconnection")}}},
	/* sqlite://|sqlite:/// (the first covers the second) */
	{"rust:connstr-sqlite", {{ILIT("sqlite://")}}},
};

static const struct evidence_pattern postgres_patterns[] = {
	/* (?:^|\s)import\s+psycopg2|from\s+psycopg2\s+import|psycopg2: the
	 * last alternative covers the others */
	{"import:psycopg2", {{LIT("psycopg2")}}},
	{"import:asyncpg", {PY_IMPORT("asyncpg")}},
	/* postgres(?:ql)?(?:\+\w+)?:// */
	{"connstr:postgresql", {{ILIT("postgres"), IOPT("ql"), PLUSWORD, LIT("://")}}},
	{"dialect-import:pg", {{ILIT("sqlalchemy.dialects.postgresql")}}},
	{"django:postgres", {{ILIT("django.db.backends.postgresql")}}},
	/* ['"]pg['"], the one case-sensitive quoted name */
	{"dep:pg-npm", {{QUOTE, LIT("pg"), QUOTE}}},
	{"dep:pg-promise", {{QUOTE, ILIT("pg-promise"), QUOTE}}},
	/* dialect\s*[:=]\s*['"]postgres(?:ql)?['"] */
	{"dialect:postgres",
	 {{ILIT("dialect"), SPACES, SEP, SPACES, QUOTE, ILIT("postgres"), IOPT("ql"), QUOTE}}},
	/* host\s*[:=]\s*['"]postgres['"] */
	{"host:postgres", {{ILIT("host"), SPACES, SEP, SPACES, QUOTE, ILIT("postgres"), QUOTE}}},
	{"go:gorm-postgres", {{ILIT("gorm.io/driver/postgres")}}},
	{"go:lib-pq", {{WB, ILIT("lib/pq"), WB}}},
	/* (?:feature|database)[^\n]*['"]postgres['"]|Pg(?:Pool|Connection)|sqlx::postgres */
	{"rust:sqlx-postgres",
	 {{ILIT("feature"), SAMELINE, QUOTE, ILIT("postgres"), QUOTE},
	  {ILIT("database"), SAMELINE, QUOTE, ILIT("postgres"), QUOTE},
	  {ILIT("pgpool")}, {ILIT("pgconnection")}, {ILIT("sqlx::postgres")}}},
	/* diesel[^\n]*\b(?:postgres|pg)\b|PgConnection */
	{"rust:diesel-pg",
	 {{ILIT("diesel"), SAMELINE, WB, ILIT("postgres"), WB},
	  {ILIT("diesel"), SAMELINE, WB, ILIT("pg"), WB}, {ILIT("pgconnection")}}},
};

_Static_assert(N_PATTERNS(sqlite_patterns) <= MAX_LABELS, "MAX_LABELS too small");
_Static_assert(N_PATTERNS(postgres_patterns) <= MAX_LABELS, "MAX_LABELS too small");

/* Is `name` the one label found?  (The Django exception.) */
static bool
only_label(const struct evidence_pattern *pat, size_t count, const size_t *at, const char *name)
{
	size_t found = 0;
	bool has = false;

	for (size_t i = 0; i < count; i++) {
		if (at[i] == NOPOS)
			continue;
		found++;
		has = has || strcmp(pat[i].label, name) == 0;
	}
	return found == 1 && has;
}

static void
clear_labels(size_t *at, size_t count)
{
	for (size_t i = 0; i < count; i++)
		at[i] = NOPOS;
}

void
verify_database(const struct verify_patch *p, const char *expected, struct verify_result *out,
		struct evidence_list *ev)
{
	size_t sq[MAX_LABELS], pg[MAX_LABELS], n_sq, n_pg, n_want, n_other;
	const struct evidence_pattern *want_pat, *other_pat;
	size_t want_count, other_count, *want_at, *other_at;
	char *want = verify_lower_copy(expected);
	const char *other;
	struct buf r;

	if (!str_eq(want, "sqlite") && !str_eq(want, "postgres")) {
		verify_unknown_expected(out, "db", want, "must be 'sqlite' or 'postgres'");
		free(want);
		return;
	}
	if (p->n_contents == 0) {
		verify_result_set(out, false, xstrdup("No files found in patch"));
		free(want);
		return;
	}
	verify_match_groups((const struct label_group[]){{sqlite_patterns, N_PATTERNS(sqlite_patterns), sq},
						   {postgres_patterns, N_PATTERNS(postgres_patterns), pg}},
		      2, p->text, p->db_len);
	n_sq = verify_match_count(sq, N_PATTERNS(sqlite_patterns));
	n_pg = verify_match_count(pg, N_PATTERNS(postgres_patterns));
	/* Django settings keep the default sqlite3 backend next to the
	 * configured one: alone, that label does not count against the other DB */
	if (str_eq(want, "postgres") && n_pg &&
	    only_label(sqlite_patterns, N_PATTERNS(sqlite_patterns), sq, "django:sqlite")) {
		clear_labels(sq, MAX_LABELS);
		n_sq = 0;
	}
	if (str_eq(want, "sqlite") && n_sq &&
	    only_label(postgres_patterns, N_PATTERNS(postgres_patterns), pg, "django:postgres")) {
		clear_labels(pg, MAX_LABELS);
		n_pg = 0;
	}
	if (str_eq(want, "sqlite")) {
		want_pat = sqlite_patterns, want_count = N_PATTERNS(sqlite_patterns), want_at = sq;
		other_pat = postgres_patterns, other_count = N_PATTERNS(postgres_patterns);
		other_at = pg, n_want = n_sq, n_other = n_pg, other = "postgres";
	} else {
		want_pat = postgres_patterns, want_count = N_PATTERNS(postgres_patterns), want_at = pg;
		other_pat = sqlite_patterns, other_count = N_PATTERNS(sqlite_patterns);
		other_at = sq, n_want = n_pg, n_other = n_sq, other = "sqlite";
	}

	buf_init(&r);
	if (n_want) {
		buf_printf(&r, "Found %s evidence: ", want);
		verify_match_labels(&r, p, want_pat, want_count, want_at, VERIFIER_DB, ev);
	} else {
		buf_printf(&r, "No %s evidence found", want);
	}
	if (n_other) {
		buf_printf(&r, "; Also found %s evidence: ", other);
		verify_match_labels(&r, p, other_pat, other_count, other_at, VERIFIER_DB, ev);
	}
	verify_result_set(out, n_want > 0 && n_other == 0, buf_steal(&r));
	free(want);
}
