/* cmd_memory.c: `benchtop tag`, `untag`, `note` and `notes`: what users
 * remember about runs, tasks and attempts, keyed by address (address.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/address.h"
#include "benchtop/cli.h"

/* The author of what is written: --by, else $USER. */
static const char *
author_of(const char *by)
{
	const char *user = getenv("USER");

	return by ? by : user && *user ? user : "unknown";
}

/* Open an existing store for writing: tags and notes never create one. */
static int
open_existing(const char *named, struct store **st, struct bt_error *err)
{
	char *path = named ? xstrdup(named) : cli_default_store();
	int rc;

	if (!file_exists(path))
		rc = bt_errorf(err, BT_ENOINPUT, "%s: no such store (import creates one)", path);
	else
		rc = cli_open_write(path, st, err);
	free(path);
	return rc;
}

/* The canonical text of a run, task or attempt address (into out). */
static int
canonical(struct store *st, const char *text, struct buf *out, struct bt_error *err)
{
	struct address_target t;
	struct address a;
	char why[160];
	int rc;

	if (!address_parse(text, &a, why, sizeof(why)))
		return bt_errorf(err, BT_EUSAGE, "bad address: %s (see ADDRESSES in benchtop(1))",
				 why);
	if (a.kind > ADDRESS_ATTEMPT)
		return bt_errorf(err, BT_EUSAGE, "tags and notes go on a run, a task or an attempt, "
				 "not on a %s", address_kind_name(a.kind));
	if ((rc = store_resolve_address(st, &a, &t, err)))
		return rc;
	address_format(&t.canon, out);
	return BT_OK;
}

/* The options of tag, untag and note: --store, --by, --journal.  -1 when
 * the command goes on, else its exit status (after --help, a bad option). */
static int
write_options(const char *cmd, int argc, char **argv, const char **store_path, const char **by)
{
	struct cli_args a;
	int c;

	cli_args_init(&a, cmd);
	while ((c = cli_getopt(&a, argc, argv)) > 0)
		*by = optarg; /* --by, the one option of their own */
	*store_path = a.store;
	if (c == CLI_EXIT)
		return a.status;
	return -1;
}

/* tag and untag: ADDR WORD... */
static int
run_tags(const char *cmd, int argc, char **argv)
{
	const char *store_path = NULL, *by = NULL;
	bool add = strcmp(cmd, "tag") == 0;
	struct bt_error err = {0};
	struct store *st;
	struct buf addr;
	char now[32];
	int rc;

	if ((rc = write_options(cmd, argc, argv, &store_path, &by)) >= 0)
		return rc;
	if (argc - optind < 2)
		return cli_usage_error(cmd, "give an address and at least one tag");
	for (int i = optind + 1; i < argc; i++)
		if (add && !address_tag_valid(argv[i]))
			return cli_usage_error(cmd, "'%s' is no tag: 1 to 32 letters, digits or -_.+/",
					       argv[i]);
	if ((rc = open_existing(store_path, &st, &err)))
		return cli_fail(rc, "%s", err.msg);
	buf_init(&addr);
	time_iso_now(now);
	if (!(rc = canonical(st, argv[optind], &addr, &err)) && !(rc = store_begin(st, &err))) {
		for (int i = optind + 1; i < argc && !rc; i++) {
			bool changed;
			rc = add ? store_tag_put(st, addr.data, argv[i], author_of(by), now, &changed,
						 &err)
				 : store_tag_remove(st, addr.data, argv[i], &changed, &err);
			if (!rc && !changed)
				fprintf(stderr, "benchtop: %s: %s %s\n", addr.data, argv[i],
					add ? "was already there" : "was not there");
		}
		if (rc || (rc = store_commit(st, &err)))
			store_rollback(st);
	}
	store_close(st);
	buf_free(&addr);
	return rc ? cli_fail(rc, "%s", err.msg) : BT_OK;
}

int
cmd_tag(int argc, char **argv)
{
	return run_tags("tag", argc, argv);
}

int
cmd_untag(int argc, char **argv)
{
	return run_tags("untag", argc, argv);
}

int
cmd_note(int argc, char **argv)
{
	const char *store_path = NULL, *by = NULL;
	struct bt_error err = {0};
	struct buf addr, text;
	struct store *st;
	char now[32];
	int rc;

	if ((rc = write_options("note", argc, argv, &store_path, &by)) >= 0)
		return rc;
	if (argc - optind != 2)
		return cli_usage_error("note", "give an address and the note's text (- reads it "
				       "from standard input)");
	buf_init(&text);
	if (strcmp(argv[optind + 1], "-") == 0) {
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
			buf_append(&text, chunk, n);
		/* the newline an editor or echo ends the text with */
		while (text.len && (text.data[text.len - 1] == '\n' || text.data[text.len - 1] == '\r'))
			text.len--;
	} else {
		buf_puts(&text, argv[optind + 1]);
	}
	if (memchr(buf_cstr(&text), '\0', text.len)) {
		buf_free(&text);
		return cli_usage_error("note", "the note holds a NUL byte");
	}
	if ((rc = open_existing(store_path, &st, &err))) {
		buf_free(&text);
		return cli_fail(rc, "%s", err.msg);
	}
	buf_init(&addr);
	time_iso_now(now);
	if (!(rc = canonical(st, argv[optind], &addr, &err)))
		rc = store_note_put(st, addr.data, author_of(by), text.data, now, &err);
	store_close(st);
	buf_free(&addr);
	buf_free(&text);
	return rc ? cli_fail(rc, "%s", err.msg) : BT_OK;
}

int
cmd_notes(int argc, char **argv)
{
	static const char *const cols[] = {"Address|address", "What|what", "Text|text",
					   "Author|author", "Time|time"};
	const char *run;
	struct cli_args args;
	struct memo_filter f = {0};
	struct bt_error err = {0};
	struct memo *m = NULL;
	struct store *st;
	struct buf runaddr;
	int c, rc;
	size_t n = 0;

	cli_args_init(&args, "notes");
	while ((c = cli_getopt(&args, argc, argv)) > 0)
		f.tag = optarg; /* --tag, the one option of its own */
	if (c == CLI_EXIT)
		return args.status;
	run = args.n_runs ? args.runs[args.n_runs - 1] : NULL; /* the last --run given */
	if (optind < argc)
		return cli_usage_error("notes", "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open_read(args.store, &st, NULL, &err)))
		return cli_fail(rc, "%s", err.msg);
	buf_init(&runaddr);
	if (run) {
		struct address a;
		int64_t id;
		address_set(&a, "", NULL, -1);
		if (!(rc = store_find_run(st, run, &id, &err)) &&
		    !(rc = store_run_name(st, id, a.run, sizeof(a.run), &err))) {
			address_format(&a, &runaddr);
			f.run = runaddr.data;
		}
	}
	if (!rc)
		rc = store_memos(st, &f, &m, &n, &err);
	store_close(st);
	buf_free(&runaddr);
	if (rc)
		return cli_fail(rc, "%s", err.msg);
	struct report_table *t = report_new("Notes", 5, cols);
	for (size_t i = 0; i < n; i++) {
		size_t r = report_add_row(t);
		report_set_text(t, r, 0, m[i].address);
		report_set_text(t, r, 1, m[i].kind == MEMO_TAG ? "tag" : "note");
		report_set_text(t, r, 2, m[i].text);
		report_set_text(t, r, 3, m[i].author);
		report_set_text(t, r, 4, m[i].created_at);
	}
	report_write(&t, 1, (enum report_format)args.format, cli_report_flags(stdout), stdout);
	report_table_free(t);
	store_memos_free(m, n);
	return BT_OK;
}
