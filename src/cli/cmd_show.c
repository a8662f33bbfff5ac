/* cmd_show.c: `benchtop show`: one artifact of one attempt on stdout, for
 * pipes and other tools.  Sanitized by default (control characters and
 * escape sequences become visible escapes, invalid UTF-8 a replacement,
 * everything ASCII when the locale is not UTF-8; tabs are kept), the
 * stored bytes with --raw.  Streamed from the store in pieces, so a 64 MB
 * log needs no 64 MB of memory. */
#include "config.h"

#include <getopt.h>
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

int
cmd_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"run", required_argument, NULL, 'r'},
		{"task", required_argument, NULL, 't'},
		{"attempt", required_argument, NULL, 'n'},
		{"patch", no_argument, NULL, 'P'},
		{"log", no_argument, NULL, 'L'},
		{"setup-log", no_argument, NULL, 'I'},
		{"trajectory", no_argument, NULL, 'J'},
		{"raw", no_argument, NULL, 'R'},
		{"help", no_argument, NULL, 'h'},
		CLI_OPT_LONG_JOURNAL,
		CLI_OPT_LONG_IMMUTABLE,
		{0, 0, 0, 0},
	};
	const char *store_path = NULL, *run = NULL, *task = NULL, *number = NULL;
	struct bt_error err = {0};
	struct store_blob *blob;
	struct store *st;
	int c, rc, kind = -1, kinds = 0;
	int64_t run_id, attempt_id;
	bool raw = false;
	long n;

	while ((c = getopt_long(argc, argv, "s:r:t:n:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': store_path = optarg; break;
		case 'r': run = optarg; break;
		case 't': task = optarg; break;
		case 'n': number = optarg; break;
		case 'P': kind = ARTIFACT_PATCH, kinds++; break;
		case 'L': kind = ARTIFACT_SERVER_LOG, kinds++; break;
		case 'I': kind = ARTIFACT_SETUP_LOG, kinds++; break;
		case 'J': kind = ARTIFACT_TRAJECTORY, kinds++; break;
		case 'R': raw = true; break;
		case 'h': return cli_help("show");
		case CLI_OPT_JOURNAL:
		case CLI_OPT_IMMUTABLE:
			if (cli_store_option("show", c, optarg))
				return BT_EUSAGE;
			break;
		default: return cli_usage_error("show", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage_error("show", "unexpected argument '%s'", argv[optind]);
	if (!run || !task || !number)
		return cli_usage_error("show", "--run, --task and --attempt are required");
	if (!str_to_long(number, &n) || n < 0 || n > 1000000)
		return cli_usage_error("show", "--attempt takes the attempt number N of run_N, "
				       "got '%s'", number);
	if (kinds != 1)
		return cli_usage_error("show", "give one of --patch, --log, --setup-log, "
				       "--trajectory");
	if ((rc = cli_open_read(store_path, &st, NULL, &err)))
		return cli_fail(rc, "%s", err.msg);
	if ((rc = store_find_run(st, run, &run_id, &err)) ||
	    (rc = store_find_attempt(st, run_id, task, (int)n, &attempt_id, &err)) ||
	    (rc = store_blob_open(st, attempt_id, (enum artifact_kind)kind, &blob, &err))) {
		rc = cli_fail(rc, "%s", err.msg);
	} else {
		if ((rc = stream(blob, raw, stdout, &err)))
			cli_fail(rc, "%s", err.msg);
		store_blob_close(blob);
	}
	store_close(st);
	return rc;
}
