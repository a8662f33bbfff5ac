/* The git unified-diff parser (diff.c): every header git writes, quoting,
 * binary sections, missing newlines, CRLF, line numbers, garbage and a
 * 50 MB patch.  Inputs sit in exact-size heap buffers (ASan sees any read
 * past the end). */
#include "config.h"

#include "benchtop/diff.h"
#include "parse_test.h"

static void
parse(struct diff *d, const char *s)
{
	size_t n = strlen(s);
	char *p = pt_exact(s, n);
	diff_parse(d, p, n);
	free(p);
}

/* The kinds of every line as letters: O other, H header, - old path,
 * + new path, @ hunk, c context, a add, d del, \ no newline, B binary. */
static const char *
kinds(const struct diff *d)
{
	static char out[256];
	static const char letters[] = "OH-+@cad\\B";
	size_t i;

	for (i = 0; i < d->n_lines && i + 1 < sizeof(out); i++)
		out[i] = letters[d->kinds[i]];
	out[i] = '\0';
	return out;
}

static const char *
nz(const char *s)
{
	return s ? s : "(null)";
}

static void
test_empty(void)
{
	struct diff d;

	diff_parse(&d, NULL, 0);
	tap_is_int(d.n_files, 0, "empty patch: no files");
	tap_is_int(d.n_lines, 0, "empty patch: no lines");
	tap_is_int(diff_file_at(&d, 0), -1, "empty patch: no file at line 0");
	diff_free(&d);
	parse(&d, "\n");
	tap_is_int(d.n_lines, 1, "a lone newline is one empty line");
	tap_is_str(kinds(&d), "O", "and it is outside any file");
	diff_free(&d);
}

static void
test_modified(void)
{
	struct diff d;
	long o, n;

	parse(&d, "diff --git a/app/main.py b/app/main.py\n"
		  "index 83db48f..bf269f4 100644\n"
		  "--- a/app/main.py\n"
		  "+++ b/app/main.py\n"
		  "@@ -1,4 +1,5 @@ def main():\n"
		  " import os\n"
		  "-import sys\n"
		  "+import sqlite3\n"
		  "+import json\n"
		  " \n"
		  " print(1)\n"
		  "@@ -10 +11 @@\n"
		  "-x = 1\n"
		  "+x = 2\n");
	tap_is_int(d.n_files, 1, "modified: one file");
	tap_is_str(nz(d.files[0].old_path), "app/main.py", "modified: old path without a/");
	tap_is_str(nz(d.files[0].new_path), "app/main.py", "modified: new path without b/");
	tap_is_int(d.files[0].old_mode, 0100644, "modified: the index line gives the mode");
	tap_is_int(diff_file_letter(&d.files[0]), 'M', "modified: letter M");
	tap_is_int(d.files[0].adds, 3, "modified: 3 added lines");
	tap_is_int(d.files[0].dels, 2, "modified: 2 removed lines");
	tap_is_str(kinds(&d), "HH-+@cdaacc@da", "modified: line kinds");
	tap_is_int(d.n_hunks, 2, "modified: two hunks");
	tap_is_int(d.hunks[0].old_start, 1, "hunk 1: old start");
	tap_is_int(d.hunks[0].new_count, 5, "hunk 1: new count");
	tap_is_int(d.hunks[0].end, 11, "hunk 1 ends after its 6 body lines");
	tap_is_int(d.hunks[1].old_count, 1, "\"@@ -10 +11 @@\": count 1 by default");
	tap_is_int(d.hunks[1].new_start, 11, "hunk 2: new start");
	diff_line_numbers(&d, 5, &o, &n);
	tap_ok(o == 1 && n == 1, "context line: old 1, new 1 (got %ld %ld)", o, n);
	diff_line_numbers(&d, 6, &o, &n);
	tap_ok(o == 2 && n == 0, "removed line: old 2, no new number (got %ld %ld)", o, n);
	diff_line_numbers(&d, 8, &o, &n);
	tap_ok(o == 0 && n == 3, "second added line: new 3 (got %ld %ld)", o, n);
	diff_line_numbers(&d, 10, &o, &n);
	tap_ok(o == 4 && n == 5, "last context line: old 4, new 5 (got %ld %ld)", o, n);
	diff_line_numbers(&d, 13, &o, &n);
	tap_ok(o == 0 && n == 11, "hunk 2's added line: new 11 (got %ld %ld)", o, n);
	diff_line_numbers(&d, 4, &o, &n);
	tap_ok(o == 0 && n == 0, "a hunk header has no numbers");
	tap_is_int(diff_hunk_at(&d, 7), 0, "line 7 is in hunk 0");
	tap_is_int(diff_hunk_at(&d, 2), -1, "a header line is in no hunk");
	tap_is_int(d.max_line_no, 12, "the widest line number bound");
	tap_is_int(d.adds, 3, "total added");
	tap_is_int(d.dels, 2, "total removed");
	diff_free(&d);
}

static void
test_new_deleted(void)
{
	struct diff d;

	parse(&d, "diff --git a/new.txt b/new.txt\n"
		  "new file mode 100755\n"
		  "index 0000000..e69de29\n"
		  "--- /dev/null\n"
		  "+++ b/new.txt\n"
		  "@@ -0,0 +1,2 @@\n"
		  "+one\n"
		  "+two\n"
		  "diff --git a/old.txt b/old.txt\n"
		  "deleted file mode 100644\n"
		  "index e69de29..0000000\n"
		  "--- a/old.txt\n"
		  "+++ /dev/null\n"
		  "@@ -1 +0,0 @@\n"
		  "-gone\n"
		  "diff --git a/empty b/empty\n"
		  "new file mode 100644\n"
		  "index 0000000..e69de29\n");
	tap_is_int(d.n_files, 3, "new/deleted: three files");
	tap_is_int(diff_file_letter(&d.files[0]), 'A', "new file: A");
	tap_ok(d.files[0].old_path == NULL, "new file: no old path");
	tap_is_str(nz(d.files[0].new_path), "new.txt", "new file: its path");
	tap_is_int(d.files[0].new_mode, 0100755, "new file: its mode");
	tap_is_int(d.files[0].adds, 2, "new file: 2 lines");
	tap_is_int(diff_file_letter(&d.files[1]), 'D', "deleted file: D");
	tap_ok(d.files[1].new_path == NULL, "deleted file: no new path");
	tap_is_str(diff_file_path(&d.files[1]), "old.txt", "deleted file: shown by its old path");
	tap_is_int(d.files[1].dels, 1, "deleted file: 1 line");
	tap_is_int(d.files[1].line, 8, "deleted file starts at its diff line");
	tap_is_int(d.files[0].end, 8, "the first file ends where the second starts");
	tap_is_int(diff_file_letter(&d.files[2]), 'A', "an empty new file: A with no hunks");
	tap_is_int(d.files[2].n_hunks, 0, "an empty new file has no hunks");
	tap_is_int(d.files[2].end, d.n_lines, "the last file runs to the end");
	diff_free(&d);
}

static void
test_rename_copy_mode(void)
{
	struct diff d;

	parse(&d, "diff --git a/src/a.py b/src/b.py\n"
		  "similarity index 100%\n"
		  "rename from src/a.py\n"
		  "rename to src/b.py\n"
		  "diff --git a/x.js b/y.js\n"
		  "similarity index 90%\n"
		  "rename from x.js\n"
		  "rename to y.js\n"
		  "index 1111111..2222222 100644\n"
		  "--- a/x.js\n"
		  "+++ b/y.js\n"
		  "@@ -1 +1 @@\n"
		  "-a\n"
		  "+b\n"
		  "diff --git a/c1 b/c2\n"
		  "dissimilarity index 25%\n"
		  "copy from c1\n"
		  "copy to c2\n"
		  "diff --git a/run.sh b/run.sh\n"
		  "old mode 100644\n"
		  "new mode 100755\n");
	tap_is_int(d.n_files, 4, "rename/copy/mode: four files");
	tap_is_int(diff_file_letter(&d.files[0]), 'R', "pure rename: R");
	tap_is_str(nz(d.files[0].old_path), "src/a.py", "rename: from");
	tap_is_str(nz(d.files[0].new_path), "src/b.py", "rename: to");
	tap_is_int(d.files[0].similarity, 100, "rename: similarity");
	tap_is_int(d.files[0].n_hunks, 0, "pure rename: no hunks");
	tap_is_int(diff_file_letter(&d.files[1]), 'R', "rename with changes: R");
	tap_is_int(d.files[1].adds + d.files[1].dels, 2, "rename with changes: its counts");
	tap_is_int(d.files[1].similarity, 90, "rename with changes: similarity");
	tap_is_int(diff_file_letter(&d.files[2]), 'C', "copy: C");
	tap_is_str(nz(d.files[2].new_path), "c2", "copy: to");
	tap_is_int(d.files[2].similarity, 75, "dissimilarity 25% is similarity 75%");
	tap_is_int(diff_file_letter(&d.files[3]), 'T', "mode change only: T");
	tap_is_int(d.files[3].old_mode, 0100644, "mode change: old mode");
	tap_is_int(d.files[3].new_mode, 0100755, "mode change: new mode");
	diff_free(&d);
}

static void
test_binary(void)
{
	struct diff d;

	parse(&d, "diff --git a/logo.png b/logo.png\n"
		  "index 1234567..89abcde 100644\n"
		  "Binary files a/logo.png and b/logo.png differ\n"
		  "diff --git a/db.sqlite b/db.sqlite\n"
		  "new file mode 100644\n"
		  "index 0000000..3f2a1b0\n"
		  "GIT binary patch\n"
		  "literal 12\n"
		  "Tcmb=-&d)1J%}Y^8&M5-`3aW_!\n"
		  "\n"
		  "literal 0\n"
		  "HcmV?d00001\n"
		  "\n"
		  "diff --git a/t.txt b/t.txt\n"
		  "--- a/t.txt\n"
		  "+++ b/t.txt\n"
		  "@@ -1 +1 @@\n"
		  "-x\n"
		  "+y\n");
	tap_is_int(d.n_files, 3, "binary: three files");
	tap_ok(d.files[0].binary, "\"Binary files ... differ\" marks the file binary");
	tap_is_int(diff_file_letter(&d.files[0]), 'B', "a modified binary file: B");
	tap_ok(d.files[1].binary, "\"GIT binary patch\" marks the file binary");
	tap_is_int(diff_file_letter(&d.files[1]), 'A', "a new binary file: A");
	tap_is_str(kinds(&d), "HHBHHHBBBBBBBH-+@da", "binary data lines are binary, not hunks");
	tap_is_int(d.files[2].adds, 1, "the file after a binary patch parses");
	diff_free(&d);
}

static void
test_no_newline(void)
{
	struct diff d;
	long o, n;

	parse(&d, "diff --git a/f b/f\n"
		  "--- a/f\n"
		  "+++ b/f\n"
		  "@@ -1,2 +1,2 @@\n"
		  " a\n"
		  "-b\n"
		  "\\ No newline at end of file\n"
		  "+c\n"
		  "\\ No newline at end of file\n"
		  "diff --git a/g b/g\n"
		  "--- a/g\n"
		  "+++ b/g\n"
		  "@@ -1 +1 @@\n"
		  "-q\n"
		  "\\ No newline at end of file\n"
		  "+r");
	tap_is_str(kinds(&d), "H-+@cd\\a\\H-+@d\\a", "\"\\ No newline\" lines inside and after hunks");
	tap_is_int(d.hunks[0].end, 9, "the hunk takes its trailing \"\\ No newline\" line");
	diff_line_numbers(&d, 7, &o, &n);
	tap_ok(o == 0 && n == 2, "the added line after a \"\\\" line: new 2 (got %ld %ld)", o, n);
	tap_is_int(d.files[1].adds, 1, "a last line without a newline is read");
	tap_is_int(d.n_lines, 16, "16 lines");
	diff_free(&d);
}

static void
test_crlf(void)
{
	struct diff d;
	long o, n;

	parse(&d, "diff --git a/w.txt b/w.txt\r\n"
		  "index 1..2 100644\r\n"
		  "--- a/w.txt\r\n"
		  "+++ b/w.txt\r\n"
		  "@@ -1,2 +1,2 @@\r\n"
		  " keep\r\n"
		  "-old\r\n"
		  "+new\r\n"
		  "\r\n");
	tap_is_str(nz(d.files[0].new_path), "w.txt", "CRLF: the path has no \\r");
	tap_is_int(d.n_hunks, 1, "CRLF: the hunk header parses");
	tap_is_str(kinds(&d), "HH-+@cdaO", "CRLF: kinds");
	tap_is_int(d.files[0].old_mode, 0100644, "CRLF: the mode parses");
	diff_line_numbers(&d, 7, &o, &n);
	tap_ok(n == 2, "CRLF: line numbers");
	diff_free(&d);
}

static void
test_quoted(void)
{
	struct diff d;

	parse(&d, "diff --git a/with space.txt b/with space.txt\n"
		  "--- a/with space.txt\t\n"
		  "+++ b/with space.txt\t\n"
		  "@@ -1 +1 @@\n"
		  "-a\n"
		  "+b\n"
		  "diff --git \"a/caf\\303\\251 \\\"q\\\".txt\" \"b/caf\\303\\251 \\\"q\\\".txt\"\n"
		  "new file mode 100644\n"
		  "--- /dev/null\n"
		  "+++ \"b/caf\\303\\251 \\\"q\\\".txt\"\n"
		  "@@ -0,0 +1 @@\n"
		  "+x\n"
		  "diff --git a/x b/ b/x b/\n"
		  "diff --git a/plain \"b/t\\tx\"\n"
		  "diff --git a/esc b/esc\n"
		  "rename from \"\\033]0;pwned\\007\"\n"
		  "rename to plain\n");
	tap_is_str(nz(d.files[0].new_path), "with space.txt", "spaces: unquoted, tab cut off");
	tap_is_str(nz(d.files[0].old_path), "with space.txt", "spaces: the old path too");
	tap_is_str(nz(d.files[1].new_path), "caf\xc3\xa9 \"q\".txt", "quoted: octal bytes and \\\"");
	tap_ok(d.files[1].old_path == NULL, "quoted new file: no old path");
	tap_is_str(nz(d.files[2].old_path), "x b/", "a name holding \" b/\": equal halves");
	tap_is_str(nz(d.files[2].new_path), "x b/", "and the new side");
	tap_is_str(nz(d.files[3].new_path), "t\tx", "a quoted second name after an unquoted first");
	tap_is_str(nz(d.files[4].old_path), "\033]0;pwned\a", "escapes decode to the raw bytes");
	tap_is_int(diff_file_letter(&d.files[4]), 'R', "and it is a rename");
	diff_free(&d);
}

static void
test_counts_not_headers(void)
{
	struct diff d;

	parse(&d, "From 1234 Mon Sep 17 00:00:00 2001\n"
		  "Subject: [PATCH] schema\n"
		  "---\n"
		  " schema.sql | 3 +--\n"
		  "\n"
		  "diff --git a/schema.sql b/schema.sql\n"
		  "--- a/schema.sql\n"
		  "+++ b/schema.sql\n"
		  "@@ -1,3 +1,2 @@\n"
		  "--- drop it\n"
		  "-+++ odd\n"
		  "+++++ new\n"
		  " \n"
		  "-- 2.43.0\n");
	tap_is_int(d.n_files, 1, "a mail preamble opens no file");
	tap_is_int(diff_file_at(&d, 2), -1, "the preamble's \"---\" line is outside any file");
	tap_is_str(kinds(&d), "OOOOOH-+@ddacO", "\"--- x\" inside a hunk's counts is a removal");
	tap_is_int(d.files[0].dels, 2, "two removals counted");
	tap_is_int(d.files[0].adds, 1, "one addition counted");
	diff_free(&d);

	/* an empty line inside a hunk (trailing space stripped by a mailer) */
	parse(&d, "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n");
	tap_is_str(kinds(&d), "H-+@ccda", "an empty line inside a hunk is context");
	diff_free(&d);

	/* a hunk cut short: the next file still parses */
	parse(&d, "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n a\ndiff --git a/g b/g\n"
		  "--- a/g\n+++ b/g\n@@ -1 +1 @@\n-x\n+y\n");
	tap_is_int(d.n_files, 2, "a truncated hunk: the next file is found");
	tap_is_int(d.hunks[0].end, 5, "the truncated hunk ends at its last line");
	tap_is_int(d.files[1].adds, 1, "and the next file's counts are right");
	diff_free(&d);
}

static void
test_plain_unified(void)
{
	struct diff d;

	parse(&d, "--- app.py\t2026-03-14 10:00:00.000000000 +0000\n"
		  "+++ app.py\t2026-03-14 10:05:00.000000000 +0000\n"
		  "@@ -1 +1,2 @@\n"
		  " a\n"
		  "+b\n"
		  "--- other.py\n"
		  "+++ other.py\n"
		  "@@ -1 +1 @@\n"
		  "-c\n"
		  "+d\n"
		  "diff -ru a/z b/z\n"
		  "--- a/z\t2026\n"
		  "+++ b/z\t2026\n"
		  "@@ -1 +0,0 @@\n"
		  "-gone\n");
	tap_is_int(d.n_files, 3, "plain unified diffs: files start at \"---\"");
	tap_is_str(nz(d.files[0].new_path), "app.py", "plain: the date after the tab is dropped");
	tap_is_int(d.files[1].adds, 1, "plain: second file counts");
	tap_is_str(nz(d.files[2].old_path), "z", "\"diff -ru\" then \"---\": one file");
	diff_free(&d);
}

static void
test_long_lines(void)
{
	size_t big = 10u << 20;
	struct buf b;
	struct diff d;

	buf_init(&b);
	buf_puts(&b, "diff --git a/");
	for (size_t i = 0; i < DIFF_HEAD_MAX; i++)
		buf_putc(&b, 'p');
	buf_puts(&b, " b/x\n--- a/x\n+++ b/x\n@@ -0,0 +1,2 @@\n+");
	buf_reserve(&b, big);
	memset(b.data + b.len, 'y', big);
	b.len += big;
	buf_puts(&b, "\n+end\n");
	char *p = pt_exact(b.data, b.len);
	diff_parse(&d, p, b.len);
	tap_is_int(d.n_files, 1, "a 4 KB path and a 10 MB line: one file");
	tap_is_int(d.files[0].adds, 2, "the 10 MB line counts as one addition");
	tap_is_int(d.n_lines, 6, "6 lines");
	tap_ok(d.files[0].new_path && strcmp(d.files[0].new_path, "x") == 0,
	       "the path from the ---/+++ lines wins over the cut header");
	diff_free(&d);
	free(p);
	buf_free(&b);
}

/* A big patch: 1000 files of 1500 lines (about 50 MB); the line numbers
 * of the last lines come from the marks. */
static void
test_huge(void)
{
	struct buf b;
	struct diff d;
	long o, n;
	int files = 1000, lines = 1500;

	buf_init(&b);
	for (int f = 0; f < files; f++) {
		buf_printf(&b, "diff --git a/src/file%04d.py b/src/file%04d.py\n--- a/src/file%04d.py\n"
			   "+++ b/src/file%04d.py\n@@ -1,%d +1,%d @@\n", f, f, f, f, lines, lines);
		for (int i = 0; i < lines; i++)
			buf_printf(&b, "%cline %d of a fairly long source file, padded to look real\n",
				   i % 3 == 0 ? '-' : i % 3 == 1 ? '+' : ' ', i);
		/* keep the counts balanced: as many + as - lines */
	}
	char *p = pt_exact(b.data, b.len);
	diff_parse(&d, p, b.len);
	tap_ok(b.len > 45u << 20, "the big patch is %zu MB", b.len >> 20);
	tap_is_int(d.n_files, files, "big patch: every file");
	tap_is_int(d.adds, (long)files * lines / 3, "big patch: additions");
	/* the hunk says 1500 lines a side but holds 1000 a side: it ends early */
	tap_is_int(d.n_hunks, files, "big patch: one hunk per file");
	diff_line_numbers(&d, d.files[files - 1].line + 4 + 999, &o, &n);
	tap_ok(o == 667 && n == 0, "a removed line deep in the last hunk: old 667 (got %ld %ld)", o, n);
	diff_free(&d);
	free(p);
	buf_free(&b);

	/* one hunk of 300000 lines: the marks give the same numbers as a walk */
	buf_init(&b);
	buf_puts(&b, "diff --git a/big b/big\n--- a/big\n+++ b/big\n@@ -1,200000 +1,200000 @@\n");
	for (int i = 0; i < 300000; i++)
		buf_puts(&b, i % 3 == 0 ? "-d\n" : i % 3 == 1 ? "+a\n" : " c\n");
	p = pt_exact(b.data, b.len);
	diff_parse(&d, p, b.len);
	long wo = 1, wn = 1;
	bool same = true;
	for (size_t i = 4; i < d.n_lines; i++) {
		diff_line_numbers(&d, i, &o, &n);
		enum diff_kind k = (enum diff_kind)d.kinds[i];
		if ((k != DIFF_ADD && o != wo) || (k != DIFF_DEL && n != wn))
			same = false;
		wo += k != DIFF_ADD;
		wn += k != DIFF_DEL;
	}
	tap_ok(same, "numbers from the marks equal a walk over 300000 lines");
	diff_free(&d);
	free(p);
	buf_free(&b);
}

/* Invariants that must hold for any input. */
static bool
sane(const struct diff *d, size_t lines)
{
	long adds = 0, dels = 0;

	if (d->n_lines != lines)
		return false;
	for (size_t i = 0; i < d->n_files; i++) {
		const struct diff_file *f = &d->files[i];
		if (f->line >= f->end || f->end > d->n_lines || (i && d->files[i - 1].end > f->line))
			return false;
		if (f->first_hunk + f->n_hunks > d->n_hunks)
			return false;
		adds += f->adds;
		dels += f->dels;
	}
	for (size_t i = 0; i < d->n_hunks; i++)
		if (d->hunks[i].line >= d->hunks[i].end || d->hunks[i].end > d->n_lines ||
		    d->hunks[i].file >= d->n_files)
			return false;
	return adds == d->adds && dels == d->dels;
}

static size_t
count_lines(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	return k + (n && s[n - 1] != '\n');
}

static void
test_garbage(void)
{
	static const char seed[] =
		"diff --git a/a b/a\nnew file mode 100644\n--- /dev/null\n+++ b/a\n@@ -0,0 +1,2 @@\n"
		"+x\n+y\ndiff --git \"a/q\\\"\" \"b/q\\\"\"\nrename from q\nrename to r\n"
		"Binary files a/b and b/b differ\n@@ -1,2 +1 @@\n-a\n-b\n\\ No newline\n";
	static const char alphabet[] = "\n\r\"\\ +-@,0123456789abdfgt\x1b\x80\xff";
	unsigned st = 12345;
	bool ok = true;
	char buf[512];

	for (int round = 0; round < 20000 && ok; round++) {
		size_t n = sizeof(seed) - 1;
		struct diff d;
		memcpy(buf, seed, n);
		/* mutate a few bytes, sometimes cut the input */
		for (int k = 0; k < 1 + round % 8; k++) {
			unsigned r = pt_rand(&st);
			buf[r % n] = alphabet[(r >> 16) % (sizeof(alphabet) - 1)];
		}
		if (round % 5 == 0)
			n = pt_rand(&st) % n;
		char *p = pt_exact(buf, n);
		diff_parse(&d, p, n);
		ok = sane(&d, count_lines(p, n));
		for (size_t i = 0; i < d.n_lines && ok; i++) {
			long o, nn;
			diff_line_numbers(&d, i, &o, &nn);
			ok = o >= 0 && nn >= 0;
		}
		if (!ok)
			tap_diag("round %d broke an invariant", round);
		diff_free(&d);
		free(p);
	}
	tap_ok(ok, "20000 mutated patches keep every invariant");

	ok = true;
	for (int round = 0; round < 2000 && ok; round++) {
		size_t n = pt_rand(&st) % sizeof(buf);
		struct diff d;
		for (size_t i = 0; i < n; i++)
			buf[i] = (char)pt_rand(&st);
		char *p = pt_exact(buf, n);
		diff_parse(&d, p, n);
		ok = sane(&d, count_lines(p, n));
		diff_free(&d);
		free(p);
	}
	tap_ok(ok, "2000 random byte strings keep every invariant");
}

int
main(void)
{
	test_empty();
	test_modified();
	test_new_deleted();
	test_rename_copy_mode();
	test_binary();
	test_no_newline();
	test_crlf();
	test_quoted();
	test_counts_not_headers();
	test_plain_unified();
	test_long_lines();
	test_huge();
	test_garbage();
	return tap_done();
}
