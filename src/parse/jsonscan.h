/*
 * jsonscan.h - a one-pass reader of the JSON objects that logs write one
 * per line (Zeek conn.log in JSON, Suricata eve.json).
 *
 * The scanner checks that the text is one well-formed JSON object and picks
 * out the members a parser asks for by path: "src_ip" is a member of the
 * object, "alert.action" the member "action" of the object "alert".  A path
 * also matches a key that is written with the dot in it ("id.orig_h", as
 * Zeek writes its keys), so that flat and nested forms read alike.  Values
 * are borrowed from the line; nothing is allocated.
 */
#ifndef SCANSPOT_JSONSCAN_H
#define SCANSPOT_JSONSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/event.h"
#include "format.h"

enum jsonscan_kind {
	JSONSCAN_ABSENT,	/* the member is not in the object */
	JSONSCAN_STRING,	/* p, n: the text between the quotes */
	JSONSCAN_NUMBER,	/* p, n: the number as written */
	JSONSCAN_TRUE,
	JSONSCAN_FALSE,
	JSONSCAN_NULL,
	JSONSCAN_OBJECT,	/* p, n: the whole value, braces included */
	JSONSCAN_ARRAY,
};

struct jsonscan_value {
	const char *p;
	size_t n;
	enum jsonscan_kind kind;
	bool escaped;		/* a string that holds backslash escapes */
};

/*
 * Reads the JSON object that s[0..n) holds (white space around it is
 * allowed, nothing else) and fills vals[i] with the value of paths[i], the
 * first occurrence winning.  Paths have at most two levels ("a" or "a.b")
 * and are at most 63 bytes long.  Returns NULL on success, or a static
 * reason: "invalid JSON", or "JSON cut short" when the text ends inside
 * the object.  Never reads past n; NUL bytes inside strings are kept.
 */
const char *jsonscan_object(const char *s, size_t n,
    const char *const *paths, size_t npaths, struct jsonscan_value *vals);

/*
 * Gives the text of a string value: borrowed when it holds no escapes, else
 * decoded into the scratch buffer (\uXXXX as UTF-8).  Returns false when
 * memory is short.  A caller that decodes several values of one record
 * reserves the record's length first, so that no call moves the buffer
 * and the texts decoded before stay valid.
 */
bool jsonscan_text(const struct jsonscan_value *v, struct scratch *s,
    struct str *out);

/*
 * Reads a whole number 0..max from a JSON number or a string of digits
 * ("53" and 53 are one port; 53.0 is too).  Returns false for anything
 * else.
 */
bool jsonscan_uint(const struct jsonscan_value *v, uint64_t max,
    uint64_t *out);

#endif
