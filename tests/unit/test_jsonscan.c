/*
 * test_jsonscan.c - the one-line JSON object reader: paths, first
 * occurrence wins, flat and nested keys, validity, escapes, numbers.
 */
#include "testutil.h"

#include <stdlib.h>

#include "parse/jsonscan.h"

static const char *const paths[] = { "a", "b.c", "id.orig_h", "n" };
#define NPATHS (sizeof(paths) / sizeof(*paths))

static const char *
scan(const char *s, struct jsonscan_value *v)
{
	return jsonscan_object(s, strlen(s), paths, NPATHS, v);
}

static void
test_paths(void **unused)
{
	struct jsonscan_value v[NPATHS];
	struct str s;

	assert_null(scan(" {\"x\":[1,{\"a\":9}],\"a\":\"one\",\"b\":{\"d\":"
	    "true,\"c\":-1.5e3,\"e\":{\"c\":0}},\"a\":\"two\",\"id\":{"
	    "\"orig_h\":\"nested\"},\"id.orig_h\":\"flat\",\"n\":null} ", v));
	assert_int_equal(v[0].kind, JSONSCAN_STRING);
	s = (struct str){ v[0].p, v[0].n };
	assert_str_eq(s, "one");		/* first wins */
	assert_int_equal(v[1].kind, JSONSCAN_NUMBER);
	s = (struct str){ v[1].p, v[1].n };
	assert_str_eq(s, "-1.5e3");
	s = (struct str){ v[2].p, v[2].n };
	assert_str_eq(s, "nested");	/* written before the flat key */
	assert_int_equal(v[3].kind, JSONSCAN_NULL);
	assert_null(scan("{}", v));
	assert_int_equal(v[0].kind, JSONSCAN_ABSENT);
}

static void
test_invalid(void **unused)
{
	struct jsonscan_value v[NPATHS];
	char deep[300];

	assert_string_equal(scan("{\"a\":\"x", v), "JSON cut short");
	assert_string_equal(scan("{\"a\":1", v), "JSON cut short");
	assert_string_equal(scan("{\"a\":[1,2", v), "JSON cut short");
	assert_string_equal(scan("{\"a\":tru", v), "JSON cut short");
	assert_string_equal(scan("", v), "JSON cut short");
	assert_string_equal(scan("{\"a\":01}", v), "invalid JSON");
	assert_string_equal(scan("{\"a\":1,}", v), "invalid JSON");
	assert_string_equal(scan("{\"a\" 1}", v), "invalid JSON");
	assert_string_equal(scan("{\"a\":\"\\q\"}", v), "invalid JSON");
	assert_string_equal(scan("{\"a\":\"\\u12g4\"}", v), "invalid JSON");
	assert_string_equal(scan("{\"a\":\"tab\there\"}", v), "invalid JSON");
	assert_string_equal(scan("{\"a\":1} {", v), "invalid JSON");
	assert_string_equal(scan("[1]", v), "invalid JSON");
	assert_string_equal(jsonscan_object("{\"a\":\"\0\"}", 8, paths,
	    NPATHS, v), "invalid JSON");
	memset(deep, '[', sizeof(deep));
	memcpy(deep, "{\"a\":", 5);
	deep[sizeof(deep) - 1] = '\0';
	assert_string_equal(scan(deep, v), "invalid JSON");
}

static void
test_text(void **unused)
{
	struct jsonscan_value v[NPATHS];
	struct scratch sc = { NULL, 0, 0 };
	struct str s;

	assert_null(scan("{\"a\":\"a\\\"b\\\\c\\/d\\n\\u00e9\\u20ac"
	    "\\ud83d\\ude00\"}", v));
	assert_true(v[0].escaped);
	assert_non_null(scratch_reserve(&sc, 64));
	assert_true(jsonscan_text(&v[0], &sc, &s));
	assert_str_eq(s, "a\"b\\c/d\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	free(sc.p);
}

static void
test_uint(void **unused)
{
	struct jsonscan_value v = { "53", 2, JSONSCAN_STRING, false };
	uint64_t x;

	assert_true(jsonscan_uint(&v, 65535, &x));
	assert_int_equal(x, 53);
	v = (struct jsonscan_value){ "443.0", 5, JSONSCAN_NUMBER, false };
	assert_true(jsonscan_uint(&v, 65535, &x));
	assert_int_equal(x, 443);
	v = (struct jsonscan_value){ "65536", 5, JSONSCAN_NUMBER, false };
	assert_false(jsonscan_uint(&v, 65535, &x));
	v = (struct jsonscan_value){ "-1", 2, JSONSCAN_NUMBER, false };
	assert_false(jsonscan_uint(&v, 65535, &x));
	v = (struct jsonscan_value){ "1.5", 3, JSONSCAN_NUMBER, false };
	assert_false(jsonscan_uint(&v, 65535, &x));
	v = (struct jsonscan_value){ "1e3", 3, JSONSCAN_NUMBER, false };
	assert_false(jsonscan_uint(&v, 65535, &x));
	v = (struct jsonscan_value){ "99999999999999999999999", 23,
	    JSONSCAN_NUMBER, false };
	assert_false(jsonscan_uint(&v, UINT64_MAX, &x));
	v = (struct jsonscan_value){ "true", 4, JSONSCAN_TRUE, false };
	assert_false(jsonscan_uint(&v, 65535, &x));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_uint),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
