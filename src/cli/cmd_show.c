/* cmd_show.c: `benchtop show`: one artifact of one attempt on stdout, for
 * pipes and other tools.  Sanitized by default (control characters and
 * escape sequences become visible escapes, invalid UTF-8 a replacement,
 * everything ASCII when the locale is not UTF-8; tabs are kept), the
 * stored bytes with --raw.  Streamed from the store in pieces, so a 64 MB
 * log needs no 64 MB of memory. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/cli.h"
#include "benchtop/sanitize.h"

#define CHUNK (64u << 10)
/* A longer line is sanitized in pieces of about this size. */
#define LINE_PIECE (1u << 20)

/* Sanitize one piece of a line, keeping its tabs (harmless, and what the
 * tools it is piped to expect). */
static void
put_piece(const char *s, size_t n, const struct san_opts *o, struct buf *tmp, FILE *out)
{
	while (n) {
		const char *tab = memchr(s, '\t', n);
		size_t k = tab ? (size_t)(tab - s) : n;
		buf_reset(tmp);
		sanitize_to_buf(s, k, o, tmp);
		fwrite(tmp->data ? tmp->data : "", 1, tmp->len, out);
		if (tab) {
			fputc('\t', out);
			k++;
		}
		s += k;
		n -= k;
	}
}

/* Where a long line may be cut without splitting a UTF-8 sequence. */
static size_t
safe_cut(const char *s, size_t n)
{
	size_t k = n;

	while (k > 0 && n - k < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 0 && (unsigned char)s[k - 1] >= 0xC0)
		k--;
	return k ? k : n;
}

static int
stream(struct store_blob *blob, bool raw, FILE *out, struct bt_error *err)
{
	size_t size = store_blob_size(blob);
	struct san_opts o = {.utf8 = false};
	char *chunk = xmalloc(CHUNK);
	struct buf line, tmp;
	int rc = BT_OK;

	o.utf8 = cli_locale_utf8();
	buf_init(&line);
	buf_init(&tmp);
	for (size_t off = 0; off < size && !rc; off += CHUNK) {
		size_t n = size - off < CHUNK ? size - off : CHUNK;
		if ((rc = store_blob_read(blob, off, chunk, n, err)))
			break;
		if (raw) {
			fwrite(chunk, 1, n, out);
			continue;
		}
		for (const char *p = chunk, *end = chunk + n; p < end;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			buf_append(&line, p, (size_t)((nl ? nl : end) - p));
			p = nl ? nl + 1 : end;
			if (nl) {
				/* a CR before the LF is part of the line end */
				if (line.len && line.data[line.len - 1] == '\r')
					line.len--;
				put_piece(line.data ? line.data : "", line.len, &o, &tmp, out);
				fputc('\n', out);
				buf_reset(&line);
			} else if (line.len > LINE_PIECE) {
				size_t k = safe_cut(line.data, line.len);
				put_piece(line.data, k, &o, &tmp, out);
				memmove(line.data, line.data + k, line.len - k);
				line.len -= k;
			}
		}
	}
	if (!rc && line.len)
		put_piece(line.data, line.len, &o, &tmp, out);
	buf_free(&line);
	buf_free(&tmp);
	free(chunk);
	if (!rc && (fflush(out) != 0 || ferror(out)))
		rc = bt_errorf(err, BT_EIO, "cannot write the artifact to standard output");
	return rc;
}

/* What `benchtop show` was asked. */
struct show_request {
	const char *store, *run, *task, *number;
	int kind, kinds; /* the artifact, and how many were named */
	bool raw;
};

static int
show(const struct show_request *q)
{
	struct bt_error err = {0};
	struct store_blob *blob;
	struct store *st;
	int64_t run_id, attempt_id;
	long n;
	int rc;

	if (!q->run || !q->task || !q->number)
		return cli_usage_error("show", "--run, --task and --attempt are required");
	if (!str_to_long(q->number, &n) || n < 0 || n > 1000000)
		return cli_usage_error("show", "--attempt takes the attempt number N of run_N, "
				       "got '%s'", q->number);
	if (q->kinds != 1)
		return cli_usage_error("show", "give one of --patch, --log, --setup-log, "
				       "--trajectory");
	if ((rc = cli_open_read(q->store, &st, NULL, &err)))
		return cli_fail(rc, "%s", err.msg);
	if ((rc = store_find_run(st, q->run, &run_id, &err)) ||
	    (rc = store_find_attempt(st, run_id, q->task, (int)n, &attempt_id, &err)) ||
	    (rc = store_blob_open(st, attempt_id, (enum artifact_kind)q->kind, &blob, &err))) {
		rc = cli_fail(rc, "%s", err.msg);
	} else {
		if ((rc = stream(blob, q->raw, stdout, &err)))
			cli_fail(rc, "%s", err.msg);
		store_blob_close(blob);
	}
	store_close(st);
	return rc;
}

int
cmd_show(int argc, char **argv)
{
	struct show_request q = {.kind = -1};
	struct cli_args a;
	int c, rc;

	cli_args_init(&a, "show");
	while ((c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
		case 't': q.task = optarg; break;
		case 'n': q.number = optarg; break;
		case CLI_LONG('R'): q.raw = true; break;
		default: q.kind = c - CLI_KEY_ARTIFACT, q.kinds++; break; /* --patch, --log ... */
		}
	}
	q.store = a.store;
	q.run = a.n_runs ? a.runs[a.n_runs - 1] : NULL; /* the last --run given */
	rc = c == CLI_EXIT      ? a.status
	     : optind < argc ? cli_usage_error("show", "unexpected argument '%s'", argv[optind])
			     : show(&q);
	return rc;
}
