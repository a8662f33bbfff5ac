/* sanitize.h: the only path from untrusted bytes (logs, patches,
 * trajectories, request names, URLs, judge reasoning, task prompts) to a
 * terminal.  Every byte comes out as something harmless and visible:
 *
 *   - printable UTF-8 passes (in ASCII mode, non-ASCII becomes an ASCII
 *     stand-in where there is one, "dA%" for "ΔA%", nothing for a
 *     combining accent, and '?' otherwise);
 *   - C0 controls become ^X (ESC -> ^[, BEL -> ^G), DEL -> ^?;
 *   - C1 controls, bidirectional overrides, line separators and zero-width
 *     characters become <U+XXXX>;
 *   - invalid UTF-8 becomes U+FFFD (ASCII mode: '?');
 *   - tabs expand to spaces at the tab stop.
 *
 * So no escape sequence (CSI, OSC, title or clipboard setting, bells) can
 * reach the terminal.  Newlines are the caller's business: it splits lines.
 */
#ifndef BENCHTOP_SANITIZE_H
#define BENCHTOP_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "benchtop/util.h"

enum san_kind {
	SAN_TEXT,   /* the data itself */
	SAN_ESCAPE, /* a visible stand-in for a control or invalid byte (or, in
		     * ASCII mode, an empty one for a combining accent) */
};

struct san_opts {
	bool utf8;   /* the terminal shows UTF-8 */
	int tabstop; /* 8 when 0 */
};

/* One display piece: a code point (cp) or an ASCII escape text, `width`
 * columns wide.  Return false to stop the feed. */
struct san_piece {
	enum san_kind kind;
	uint32_t cp;       /* SAN_TEXT: the code point to show */
	const char *text;  /* SAN_ESCAPE: ASCII text to show; NULL for SAN_TEXT */
	int width;         /* columns (0 for combining marks) */
	size_t offset;     /* byte offset of the piece in the input */
};
typedef bool (*san_emit)(void *ctx, const struct san_piece *p);

/* Feed data[0..len) piece by piece; col is the column the text starts at
 * (for tab stops).  Returns the column after the last piece fed. */
long sanitize_feed(const char *data, size_t len, const struct san_opts *o, long col, san_emit emit,
		   void *ctx);

/* Sanitize into a buffer of valid, terminal-safe UTF-8 (ASCII when !utf8). */
void sanitize_to_buf(const char *data, size_t len, const struct san_opts *o, struct buf *out);
/* The byte length of the longest prefix of data that fits in `cols`
 * columns once sanitized, preferring to end after a space (word wrap) when
 * `words` is set; at least one piece when anything fits.  A character
 * shown as several pieces (a tab, an ASCII stand-in) is never cut, unless
 * it comes first. */
size_t sanitize_fit(const char *data, size_t len, const struct san_opts *o, long cols, bool words);
/* The byte length of the longest suffix of data that fits in `cols`
 * columns once sanitized (for text cut at its start). */
size_t sanitize_fit_tail(const char *data, size_t len, const struct san_opts *o, long cols);
/* Text too wide for cols columns cut in the middle, as list cells show it:
 * its first *head bytes, an ellipsis (one column), its last *tail bytes;
 * the tail gets two thirds (names differ at the end).  False when the text
 * fits as it is. */
bool sanitize_cut_middle(const char *data, size_t len, const struct san_opts *o, long cols,
			 size_t *head, size_t *tail);
/* The ASCII stand-in for cp ("+-" for U+00B1, "e" for U+00E9), or NULL
 * when there is none (and for ASCII itself).  Static storage. */
const char *sanitize_ascii(uint32_t cp);
/* The OSC 52 sequence that sets the clipboard to text, sanitized first (no
 * control character or escape of the text reaches the clipboard), into out. */
void sanitize_osc52(const char *text, bool utf8, struct buf *out);
/* Display width of data once sanitized. */
long sanitize_width(const char *data, size_t len, const struct san_opts *o);
/* True for the characters that show as nothing or change how what follows
 * is shown (bidirectional controls, line separators, zero-width
 * characters): shown as <U+XXXX>, and escaped in JSON output. */
bool sanitize_is_hidden(uint32_t cp);
/* Write a message that quotes input (a run name, a path, a value from a
 * file) to out, sanitized (ASCII unless utf8).  The CLI's errors and the
 * import summary go through it, on a tty and off it. */
void sanitize_message(FILE *out, const char *s, bool utf8);

/* Raw bytes for $PAGER and $EDITOR: CSI sequences (colours for less -R)
 * pass, but the strings a terminal acts on without showing them are
 * removed whole: OSC (title, clipboard, hyperlinks), DCS, APC, PM and SOS,
 * as ESC x ... BEL or ESC \ and in their UTF-8 C1 forms.  Feed the data in
 * chunks of any size (a sequence may span two); out holds at least n + 1
 * bytes; returns the bytes written.  sanitize_strip_end() flushes what the
 * last chunk held back (at most 1 byte). */
struct san_strip {
	int state; /* 0 at the start */
};
size_t sanitize_strip_strings(struct san_strip *st, const char *in, size_t n, char *out);
size_t sanitize_strip_end(struct san_strip *st, char *out);

#endif
