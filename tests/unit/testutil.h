/*
 * testutil.h - what every unit test program includes: cmocka and a few
 * helpers for strings and addresses.
 */
#ifndef SCANSPOT_TESTUTIL_H
#define SCANSPOT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/addr.h"
#include "core/event.h"

/* Asserts that a borrowed string equals a C string. */
#define assert_str_eq(s, lit) do {					\
	struct str s_ = (s);						\
	const char *l_ = (lit);						\
	if (s_.n != strlen(l_) ||					\
	    (s_.n > 0 && memcmp(s_.p, l_, s_.n) != 0)) {		\
		print_error("got \"%.*s\", want \"%s\"\n",		\
		    (int)s_.n, s_.p ? s_.p : "", l_);			\
		fail();							\
	}								\
} while (0)

/* Asserts that an address prints as the given text. */
#define assert_addr_eq(a, lit) do {					\
	char b_[ADDR_STRLEN];						\
	size_t n_ = addr_format(&(a), b_);				\
	assert_string_equal((b_[n_] = '\0', b_), (lit));		\
} while (0)

#endif
