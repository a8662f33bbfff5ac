/* verify_internal.h: what the verifiers' files share (src/parse/verify*.c,
 * the public side being include/benchtop/verify.h): the parsed patch and
 * its evidence rows (verify_patch.c), the evidence patterns and their
 * matcher (verify_match.c), and what the three rules (verify_arch.c,
 * verify_db.c, verify_orm.c) have in common (verify.c). */
#ifndef BENCHTOP_VERIFY_INTERNAL_H
#define BENCHTOP_VERIFY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/util.h"
#include "benchtop/verify.h"
#include "verify_text.h"

/* ------------------------------------------------------------ the patch */

/* One added line: where it sits in p->text and in the patch. */
struct vp_line {
	size_t off;
	int line;      /* 1-based patch line */
	unsigned file; /* index in p->contents */
};

/* A touched file: a "diff --git a/X b/" line (upstream's file list). */
struct vp_file {
	char *path;
	size_t len;
	int line;
};

/* One entry of upstream's {path: added text} dict. */
struct vp_content {
	char *path;
	size_t len;
	size_t off, text_len; /* the added lines, joined by '\n', in p->text */
};

struct verify_patch {
	struct vp_file *files;
	size_t n_files, cap_files;
	struct vp_content *contents; /* dict order: first appearance */
	size_t n_contents;
	char *text;    /* every content's text joined by '\n', lock files last */
	size_t text_len;
	size_t db_len; /* the DB/ORM text: the prefix without the lock files */
	struct vp_line *lines;
	size_t n_lines, cap_lines;
};

/* Append an evidence row (detail: malloc'd, the list takes it). */
void verify_evidence_add(struct evidence_list *l, enum verifier_kind v, const char *file, int line,
			 const char *label, char *detail);
/* Record which file and patch line holds p->text[off] for `label`: the
 * detail is `prefix` and the line's text, trimmed, at most DETAIL_MAX
 * bytes of it.  Nothing when l is NULL. */
#define DETAIL_MAX 200
void verify_evidence_at(const struct verify_patch *p, struct evidence_list *l,
			enum verifier_kind v, size_t off, const char *label, const char *prefix);

/* ------------------------------------------------------------ evidence patterns */

/* The DB and ORM labels are re.search()es over the added text.  Each
 * upstream pattern is written here as alternatives, each a sequence of
 * steps.  The first literal or quote of an alternative is its anchor;
 * (?:^|\s) and \b before it are checked at the anchor.  Optional groups
 * are taken when present: in every upstream pattern what follows them
 * cannot start the way they do, so re never has to backtrack into them. */
enum op {
	OP_END = 0,
	OP_LEAD_SPACE, /* (?:^|\s) : start of text or after whitespace (\n is one) */
	OP_BOUND,      /* \b */
	OP_LIT,        /* literal, case-sensitive */
	OP_ILIT,       /* literal under re.I, written in lowercase */
	OP_IOPT,       /* (?:literal)? under re.I */
	OP_QUOTE,      /* ['"] */
	OP_SEP,        /* [:=] */
	OP_SPACES,     /* \s* */
	OP_SPACES1,    /* \s+ */
	OP_PLUS_WORD,  /* (?:\+\w+)? */
	OP_SAME_LINE,  /* [^\n]* : the rest starts later on the anchor's line */
};

struct step {
	enum op op;
	const char *lit;
};

#define MAX_ALTS 5
#define MAX_STEPS 8

struct evidence_pattern {
	const char *label;
	struct step alt[MAX_ALTS][MAX_STEPS];
};

/* Writing the patterns (the tables in verify_db.c and verify_orm.c). */
#define LEADSP {OP_LEAD_SPACE, NULL}
#define WB {OP_BOUND, NULL}
#define LIT(x) {OP_LIT, x}
#define ILIT(x) {OP_ILIT, x}
#define IOPT(x) {OP_IOPT, x}
#define QUOTE {OP_QUOTE, NULL}
#define SEP {OP_SEP, NULL}
#define SPACES {OP_SPACES, NULL}
#define SPACES1 {OP_SPACES1, NULL}
#define PLUSWORD {OP_PLUS_WORD, NULL}
#define SAMELINE {OP_SAME_LINE, NULL}
/* (?:^|\s)import\s+M|from\s+M\s+import */
#define PY_IMPORT(m)                                                                       \
	{LEADSP, LIT("import"), SPACES1, LIT(m)}, {LIT("from"), SPACES1, LIT(m), SPACES1, LIT("import")}


#define N_PATTERNS(a) (sizeof(a) / sizeof((a)[0]))
/* The most patterns one table has (the tables assert it). */
#define MAX_LABELS 13

/* Patterns searched together: at[i] for pat[i]. */
struct label_group {
	const struct evidence_pattern *pat;
	size_t count;
	size_t *at;
};

/* pat.search(text) for each pattern of the groups, in one pass over s[0..n):
 * at[i] is where label i first matched (its leftmost anchor), NOPOS when it
 * did not.  At most two groups.  Returns how many matched. */
size_t verify_match_groups(const struct label_group *g, size_t n_groups, const char *s, size_t n);
/* How many of at[0..count) are set. */
size_t verify_match_count(const size_t *at, size_t count);
/* "a, b, c" from the labels that matched, into b; evidence rows for each. */
void verify_match_labels(struct buf *b, const struct verify_patch *p,
			 const struct evidence_pattern *pat, size_t count, const size_t *at,
			 enum verifier_kind v, struct evidence_list *ev);

/* ------------------------------------------------------------ the rules' common ground */

/* Set a result (reason: malloc'd, the result takes it). */
void verify_result_set(struct verify_result *out, bool ok, char *reason);
/* expected.lower() (ASCII is all that can name a valid choice); caller frees. */
char *verify_lower_copy(const char *s);
/* Upstream's "Unknown expected_<what>: '<value>' (<choices>)". */
void verify_unknown_expected(struct verify_result *out, const char *what, const char *value,
			     const char *choices);

#endif
