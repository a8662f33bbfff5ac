/* parse_util.h: the parse layer's shared helpers (UTF-8 checks, error
 * positions, a strict JSON front end), used by the parsers of parse.h and by
 * the importers that read JSON themselves (ingest.c, ingest_jsonl.c).
 */
#ifndef BENCHTOP_PARSE_UTIL_H
#define BENCHTOP_PARSE_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "benchtop/util.h"

/* Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
 * NUL bytes count as valid here.  On failure *bad (may be NULL) is the
 * offset of the first byte that does not start a valid sequence. */
bool parse_utf8_valid(const char *s, size_t len, size_t *bad);
/* A NUL-terminated copy of s[0..len) in which every byte that is not part
 * of a valid UTF-8 sequence became U+FFFD.  Caller frees. */
char *parse_utf8_repair(const char *s, size_t len);

/* The value of a hex digit, -1 when c is not one. */
int parse_hex_digit(char c);

/* 1-based line and byte column of offset off in data (off <= len). */
void parse_position(const char *data, size_t len, size_t off, long *line, long *col);

/* A short printable rendering of s for error messages: at most ~40 bytes,
 * control characters escaped, "..." when cut. */
void parse_excerpt(const char *s, char *out, size_t outlen);

/* Parse one whole JSON document of exactly len bytes (no NUL terminator
 * needed).  Rejects NUL bytes, invalid UTF-8 and trailing data, as Python's
 * json module does; lone UTF-16 surrogate escapes, which Python accepts and
 * cJSON does not, are read as U+FFFD.  Returns NULL with err set to
 * "name:line:col: why".  Free the result with cJSON_Delete(). */
cJSON *parse_json(const char *data, size_t len, const char *name, struct bt_error *err);

/* Compact JSON text of v; never NULL.  Caller frees with free(). */
char *parse_json_compact(const cJSON *v);

/* The cJSON type of v as a word for messages: "a string", "null", ... */
const char *parse_json_type(const cJSON *v);

/* v as a long when it is a number with an integral value that a double
 * holds exactly; false otherwise. */
bool parse_json_long(const cJSON *v, long *out);

#endif
