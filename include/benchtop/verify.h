/* verify.h: the benchmark's three static verifiers (upstream-format.md
 * section 5), re-implemented with the same rules and reason strings, plus the
 * evidence behind each verdict (which file and patch line gave which label,
 * which import broke the layer direction) for the diff viewer.
 *
 * The rules are those of upstream's constraint_decay/verifiers.py, which
 * has a few more evidence labels and import forms than the spec lists
 * (Go and Rust ones that also match Python and JS text).  Every check is
 * linear in the patch size.
 *
 * All functions are pure: they read a patch held in memory and never print.
 */
#ifndef BENCHTOP_VERIFY_H
#define BENCHTOP_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "benchtop/attempt.h"

/* A patch split the way verifiers.py splits it: the touched files (from
 * "diff --git a/" lines) and, per file, the added lines ('+' lines other
 * than "+++") with their 1-based line numbers in the patch (counted in
 * '\n' bytes).  It copies what it keeps, so the data may be freed after
 * parsing.  Opaque. */
struct verify_patch;

/* Parse a patch (not necessarily NUL-terminated; NULL means empty).  Never
 * fails; a patch with no "diff --git" lines has zero files.  Free with
 * verify_patch_free().  The file path functions list the touched files in
 * patch order (NULL past the end). */
struct verify_patch *verify_patch_parse(const char *data, size_t len);
void verify_patch_free(struct verify_patch *p);
size_t verify_patch_file_count(const struct verify_patch *p);
const char *verify_patch_file_path(const struct verify_patch *p, size_t i);

/* One verifier outcome.  reason is malloc'd (caller frees); evidence rows
 * are appended to `ev` when it is not NULL:
 *   architecture: one "layer:<routes|services|models|repositories|none>" row
 *     per touched file at its header line (detail: every layer its directories
 *     name), and one "violation" row per upward import at the importing line
 *     (detail "repositories imports services: <line>");
 *   database, ORM: one row per label in the reason ("import:psycopg2" ...) at
 *     its first match (detail: that line, trimmed, at most 200 bytes). */
struct verify_result {
	bool ok;
	char *reason;
};

struct evidence_list {
	struct evidence *v; /* struct evidence from attempt.h; owned */
	size_t n, cap;
};
void evidence_list_free(struct evidence_list *l);

void verify_architecture(const struct verify_patch *p, struct verify_result *out,
			 struct evidence_list *ev);
/* expected: "sqlite" or "postgres", compared lowercase (anything else gives
 * upstream's "Unknown expected_db: '<value>' (must be 'sqlite' or 'postgres')"). */
void verify_database(const struct verify_patch *p, const char *expected,
		     struct verify_result *out, struct evidence_list *ev);
/* expected: "sqlalchemy" or "sequelize" (upstream also knows "gorm" and
 * "seaorm"), compared lowercase; anything else gives upstream's "Unknown
 * expected_orm: '<value>' (must be one of gorm, seaorm, sequelize, sqlalchemy)". */
void verify_orm(const struct verify_patch *p, const char *expected, struct verify_result *out,
		struct evidence_list *ev);

/* Fill a->verdict[] for every verifier the task's constraints make
 * applicable (generation tasks only; marks them applicable) and that the
 * importer has not already set (reason == NULL), from
 * a->artifacts[ARTIFACT_PATCH]: no patch gives reason "No patch file" (as
 * evaluation.py does); evidence rows go to a->evidence.  A truncated patch
 * artifact is noted in a->problems. */
void verify_attempt(struct attempt *a);

#endif
