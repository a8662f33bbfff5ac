/* cmd_store.c: `benchtop store` (or `info`): what a store is, where it
 * lives and how benchtop uses it there. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "benchtop/cli.h"

/* One property per row, so that every format can carry it. */
static struct report_table *
describe(struct store *st, struct bt_error *err)
{
	static const char *const cols[] = {"Property|property", "Value|value"};
	const struct store_place *p = store_place(st);
	struct store_info info;
	struct report_table *t;
	struct stat sb;
	char text[128];
	size_t row;

	if (store_info(st, &info, err))
		return NULL;
	t = report_new("Store", 2, cols);
#define ROW(name) (row = report_add_row(t), report_set_text(t, row, 0, name), row)
	report_set_text(t, ROW("path"), 1, store_path(st));
	if (stat(store_path(st), &sb) == 0)
		report_set_int(t, ROW("size_bytes"), 1, (long)sb.st_size);
	report_set_int(t, ROW("schema"), 1, store_schema_version(st));
	report_set_text(t, ROW("journal"), 1, info.wal ? "wal" : "delete");
	snprintf(text, sizeof(text), "%s%s", p->wal ? "wal" : "delete",
		 p->journal_chosen ? " (as chosen)" : p->network ? " (network filesystem)" : "");
	report_set_text(t, ROW("import_journal"), 1, text);
	snprintf(text, sizeof(text), "%s%s%s", p->fs, p->network ? " (network)" : "",
		 p->readonly_mount ? ", mounted read-only" : "");
	report_set_text(t, ROW("filesystem"), 1, text);
	report_set_int(t, ROW("runs"), 1, info.runs);
	report_set_int(t, ROW("attempts"), 1, info.attempts);
	row = ROW("last_import");
	if (info.last_import[0])
		report_set_text(t, row, 1, info.last_import);
	else
		report_set_missing(t, row, 1);
	report_set_text(t, ROW("writable"), 1, p->writable ? "yes" : "no");
	report_set_text(t, ROW("read_as"), 1, p->immutable ? "immutable (nobody writes it)"
							  : "read-only");
#undef ROW
	return t;
}

int
cmd_store(int argc, char **argv)
{
	return cli_table_command("store", argc, argv, describe);
}
