/* fuzz_diff.c: the unified-diff index of the diff viewer, and the
 * lookups the viewer makes on every line. */
#include "config.h"

#include "benchtop/diff.h"

#include "fuzz.h"

int
fuzz_diff(const uint8_t *data, size_t size)
{
	char *copy = fuzz_copy(data, size);
	struct diff d;

	diff_parse(&d, copy, size);
	free(copy);
	for (size_t i = 0; i < d.n_files; i++) {
		const struct diff_file *f = &d.files[i];

		FUZZ_CHECK(f->line <= f->end && f->end <= d.n_lines);
		FUZZ_CHECK(f->first_hunk + f->n_hunks <= d.n_hunks);
		diff_file_path(f);
		diff_file_letter(f);
	}
	for (size_t i = 0; i < d.n_hunks; i++)
		FUZZ_CHECK(d.hunks[i].line < d.hunks[i].end && d.hunks[i].end <= d.n_lines &&
			   d.hunks[i].file < d.n_files);
	/* a lookup costs up to DIFF_MARK_EVERY steps: sample big diffs */
	for (size_t i = 0, step = d.n_lines / 4096 + 1; i < d.n_lines; i += step) {
		long f = diff_file_at(&d, i), h = diff_hunk_at(&d, i), old_no, new_no;

		FUZZ_CHECK(f >= -1 && f < (long)d.n_files);
		FUZZ_CHECK(h >= -1 && h < (long)d.n_hunks);
		diff_line_numbers(&d, i, &old_no, &new_no);
		FUZZ_CHECK(old_no >= 0 && new_no >= 0);
	}
	diff_free(&d);
	return 0;
}
