/* diff.h: git unified diffs, read line by line into a compact index for the
 * diff viewer: the files (paths, status, modes, +/- counts), the hunks
 * (old and new line numbers) and one kind byte per line.  The line text
 * itself is not kept: the viewer pages it from the store.
 *
 * Understood: "diff --git" headers with quoted paths ("a/with space", C
 * escapes and octal bytes), new, deleted, renamed, copied and
 * mode-changed files, "Binary files ... differ" and "GIT binary patch"
 * sections, "\ No newline at end of file", CRLF line ends, plain unified
 * diffs without "diff --git" lines ("--- x" / "+++ y"), and anything else
 * as text around them.  Hunks are read by their line counts, so a removed
 * "-- comment" line is a deletion, not a header.
 *
 * Curses-free and store-free: bytes in, an index out.  Linear in the input;
 * only the first DIFF_HEAD_MAX bytes of a line are looked at, so a caller
 * may feed a prefix of a very long line.  Nothing is read past the length
 * given.  Memory: one byte per line plus the file and hunk tables.
 */
#ifndef BENCHTOP_DIFF_H
#define BENCHTOP_DIFF_H

#include <stdbool.h>
#include <stddef.h>

/* The bytes of a line the parser reads (paths are cut beyond it). */
#define DIFF_HEAD_MAX 4096

enum diff_kind {
	DIFF_OTHER,      /* text outside any file (a mail header, garbage) */
	DIFF_HEADER,     /* "diff --git" and its extended headers (index, modes, renames) */
	DIFF_OLD_PATH,   /* "--- a/path" */
	DIFF_NEW_PATH,   /* "+++ b/path" */
	DIFF_HUNK,       /* "@@ -a,b +c,d @@ heading" */
	DIFF_CONTEXT,    /* " text" (an empty line inside a hunk counts as context) */
	DIFF_ADD,        /* "+text" */
	DIFF_DEL,        /* "-text" */
	DIFF_NO_NEWLINE, /* "\ No newline at end of file" */
	DIFF_BINARY,     /* "Binary files ... differ", "GIT binary patch" and its data */
};

enum diff_status { DIFF_MODIFIED, DIFF_ADDED, DIFF_DELETED, DIFF_RENAMED, DIFF_COPIED };

struct diff_file {
	char *old_path, *new_path; /* owned; NULL for /dev/null (an added or deleted file) */
	enum diff_status status;
	unsigned old_mode, new_mode; /* 0 when not given */
	int similarity;              /* renames and copies: percent, else -1 */
	bool binary;
	long adds, dels;
	size_t line, end;            /* its lines: [line, end) */
	size_t first_hunk, n_hunks;  /* its hunks in diff.hunks */
};

struct diff_hunk {
	size_t line, end;            /* the "@@" line and one past its last line */
	long old_start, old_count, new_start, new_count;
	size_t file;
};

/* Line numbers at every DIFF_MARK_EVERY-th line, so that finding the
 * numbers of a line deep inside a huge hunk stays cheap. */
#define DIFF_MARK_EVERY 1024
struct diff_mark {
	long old_no, new_no;
};

/* Everything is owned by the diff; diff_free() releases it. */
struct diff {
	struct diff_file *files;
	size_t n_files, cap_files;
	struct diff_hunk *hunks;
	size_t n_hunks, cap_hunks;
	unsigned char *kinds;        /* enum diff_kind per line */
	size_t n_lines, cap_lines;
	struct diff_mark *marks;
	size_t n_marks, cap_marks;
	long adds, dels;
	long max_line_no;            /* the largest old or new line number */
	/* parser state */
	int state;
	bool seen_old;               /* the current file had its "---" line */
	long old_left, new_left, old_no, new_no;
};

void diff_init(struct diff *d);
/* Feed the next line, without its '\n' (a '\r' before it is ignored);
 * `len` may be cut to DIFF_HEAD_MAX. */
void diff_feed(struct diff *d, const char *line, size_t len);
/* Close the last file and hunk after the last line. */
void diff_finish(struct diff *d);
/* init + feed every '\n'-separated line + finish (data need not be
 * NUL-terminated; NULL with len 0 is an empty patch). */
void diff_parse(struct diff *d, const char *data, size_t len);
void diff_free(struct diff *d);

/* The path to show: the new path, the old one for a deleted file. */
const char *diff_file_path(const struct diff_file *f);
/* 'A' added, 'D' deleted, 'R' renamed, 'C' copied, 'T' only the mode
 * changed, 'B' binary, 'M' modified. */
char diff_file_letter(const struct diff_file *f);
/* The file holding line i, or -1 (a line before the first file). */
long diff_file_at(const struct diff *d, size_t line);
/* The hunk holding line i (its "@@" line or a line of its body), or -1. */
long diff_hunk_at(const struct diff *d, size_t line);
/* Old and new line numbers of line i: 0 when that side has none (an added
 * line has no old number; headers have neither).  Cost: at most
 * DIFF_MARK_EVERY steps. */
void diff_line_numbers(const struct diff *d, size_t line, long *old_no, long *new_no);

#endif
