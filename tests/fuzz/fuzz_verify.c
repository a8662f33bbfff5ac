/* fuzz_verify.c: the patch splitter and the three static verifiers.  The
 * first byte picks the expected database and ORM (valid, differently
 * cased and unknown values); the rest is the patch. */
#include "config.h"

#include "benchtop/verify.h"

#include "fuzz.h"

static const char *const dbs[] = {"sqlite", "postgres", "PostgreSQL", "SQLite", "mysql", ""};
static const char *const orms[] = {"sqlalchemy", "sequelize", "gorm", "seaorm", "SeQuelize",
				   "prisma", ""};

/* Run one verifier's result through its promises and free it. */
static void
check_result(struct verify_result *r, struct evidence_list *ev, long lines)
{
	FUZZ_CHECK(r->reason != NULL);
	for (size_t i = 0; i < ev->n; i++)
		FUZZ_CHECK(ev->v[i].label && ev->v[i].line >= 0 && ev->v[i].line <= lines);
	free(r->reason);
	evidence_list_free(ev);
}

int
fuzz_verify(const uint8_t *data, size_t size)
{
	unsigned pick = size ? data[0] : 0;
	size_t len = size ? size - 1 : 0;
	char *patch = fuzz_copy(data + (size ? 1 : 0), len);
	struct verify_patch *p = verify_patch_parse(patch, len);
	struct verify_result r;
	struct evidence_list ev = {0};
	long lines = 1;

	/* the parse copies what it keeps: the patch may go before the checks */
	for (size_t i = 0; i < len; i++)
		lines += patch[i] == '\n';
	free(patch);
	for (size_t i = 0; i < verify_patch_file_count(p); i++)
		FUZZ_CHECK(verify_patch_file_path(p, i) != NULL);
	FUZZ_CHECK(verify_patch_file_path(p, verify_patch_file_count(p)) == NULL);

	verify_architecture(p, &r, &ev);
	check_result(&r, &ev, lines);
	verify_database(p, dbs[pick % (sizeof(dbs) / sizeof(dbs[0]))], &r, &ev);
	check_result(&r, &ev, lines);
	verify_orm(p, orms[(pick / 8) % (sizeof(orms) / sizeof(orms[0]))], &r, &ev);
	check_result(&r, &ev, lines);
	/* evidence is optional */
	verify_architecture(p, &r, NULL);
	free(r.reason);
	verify_patch_free(p);
	return 0;
}
