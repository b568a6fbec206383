/*
 * test_leef.c - the LEEF parser against docs/formats.md (section LEEF),
 * with fixtures written from IBM's LEEF 1.0 and 2.0 descriptions (header,
 * separators, predefined keys, devTime and devTimeFormat) and from the
 * LEEF that PAN-OS and its Strata Logging Service send.  The corpus has
 * no LEEF file.  Expected values are worked out by hand.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_leef;

#define USEC(sec) ((int64_t)(sec) * USEC_PER_SEC)
#define T0 INT64_C(1709460000)		/* 2024-03-03T10:00:00Z */
#define REF INT64_C(1709510400)		/* 2024-03-04T00:00:00Z */

static struct parse_ctx ctx;
static char *copy;

/* Parses line from a buffer of exactly its length. */
static enum parse_status
parse_n(const char *line, size_t n, struct event *ev)
{
	free(copy);
	copy = malloc(n ? n : 1);
	assert_non_null(copy);
	memcpy(copy, line, n);
	ctx.scratch.n = 0;
	ctx.reason = NULL;
	return format_leef.parse(&ctx, copy, n, ev);
}

static void
parse_ok(const char *line, struct event *ev)
{
	enum parse_status st = parse_n(line, strlen(line), ev);

	if (st != PARSE_OK)
		print_error("status %d (%s)\n", st, ctx.reason ? ctx.reason :
		    "-");
	assert_int_equal(st, PARSE_OK);
}

static void
assert_status(const char *line, enum parse_status want, const char *reason)
{
	struct event ev;

	assert_int_equal(parse_n(line, strlen(line), &ev), want);
	if (reason != NULL) {
		assert_non_null(ctx.reason);
		assert_string_equal(ctx.reason, reason);
	}
}

static void
assert_time(const struct event *ev, int64_t usec)
{
	assert_true(ev->has_time);
	assert_int_equal(ev->time, usec);
}

/* LEEF 1.0: tab-separated attributes, behind an RFC 3164 header. */
static void
test_leef1(void **state)
{
	struct event ev;

	parse_ok("<13>Mar  3 10:00:00 qradar-fw LEEF:1.0|ExampleCo|EdgeFW|"
	    "4.2|FW_DENY|src=203.0.113.20\tdst=192.0.2.30\tsrcPort=40001\t"
	    "dstPort=3389\tproto=TCP\taction=blocked\tdevTime=1709460001000",
	    &ev);
	assert_time(&ev, USEC(T0 + 1));
	assert_str_eq(ev.vendor, "ExampleCo");
	assert_str_eq(ev.product, "EdgeFW");
	assert_str_eq(ev.action, "blocked");
	assert_str_eq(ev.action_hint, "FW_DENY");
	assert_addr_eq(ev.src, "203.0.113.20");
	assert_addr_eq(ev.dst, "192.0.2.30");
	assert_int_equal(ev.sport, 40001);
	assert_int_equal(ev.dport, 3389);
	assert_int_equal(ev.proto, 6);
	assert_str_eq(ev.device, "qradar-fw");

	/* LEEF 1.0 does not read spaces as separators */
	assert_status("LEEF:1.0|V|P|1|E|src=203.0.113.20 dst=192.0.2.30",
	    PARSE_MALFORMED, "bad source address");
}

/* LEEF 2.0 with "^", and a devTimeFormat (IBM's own example form). */
static void
test_leef2_caret(void **state)
{
	struct event ev;

	parse_ok("LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=203.0.113.21^"
	    "dst=192.0.2.31^srcPort=81^dstPort=21^devTimeFormat=yyyy-MM-dd'T'"
	    "HH:mm:ss.SSSZ^devTime=2024-03-03T11:00:02.060+0100", &ev);
	assert_time(&ev, USEC(T0 + 2) + 60000);
	assert_int_equal(ev.action.n, 0);
	assert_str_eq(ev.action_hint, "41");
	assert_addr_eq(ev.src, "203.0.113.21");
	assert_int_equal(ev.dport, 21);
	assert_int_equal(ev.proto, -1);
	assert_int_equal(ev.device.n, 0);
}

/* PAN-OS's LEEF template: "x7C" (a pipe) separates the attributes. */
static void
test_leef2_panos(void **state)
{
	struct event ev;

	parse_ok("Mar  3 10:00:03 pa-fw LEEF:2.0|Palo Alto Networks|"
	    "PAN-OS Syslog Integration|10.1.0|deny|x7C|ReceiveTime=2024/03/03"
	    " 10:00:03|SerialNumber=013201001234|cat=TRAFFIC|Subtype=drop|"
	    "devTime=Mar 03 2024 10:00:03 GMT|src=203.0.113.22|"
	    "dst=192.0.2.32|srcPort=51000|dstPort=445|proto=tcp|action=deny",
	    &ev);
	assert_time(&ev, USEC(T0 + 3));
	assert_str_eq(ev.vendor, "Palo Alto Networks");
	assert_str_eq(ev.product, "PAN-OS Syslog Integration");
	assert_str_eq(ev.action, "deny");
	assert_str_eq(ev.action_hint, "deny");
	assert_int_equal(ev.sport, 51000);
	assert_int_equal(ev.dport, 445);
	assert_int_equal(ev.proto, 6);
	assert_str_eq(ev.device, "pa-fw");

	/* Strata: the action is the EventID only, or "Action=" */
	parse_ok("LEEF:2.0|Palo Alto Networks|Next Generation Firewall|10.1|"
	    "drop-reset|x09|devTime=2024-03-03T10:00:04.000000Z\t"
	    "src=203.0.113.23\tdst=192.0.2.33\tsrcPort=30217\t"
	    "dstPort=19224\tproto=tcp", &ev);
	assert_time(&ev, USEC(T0 + 4));
	assert_int_equal(ev.action.n, 0);
	assert_str_eq(ev.action_hint, "drop-reset");
	parse_ok("LEEF:2.0|Palo Alto Networks|Next Generation Firewall|10.1|"
	    "2|0x09|src=203.0.113.23\tAction=drop-packet\tact=x", &ev);
	assert_str_eq(ev.action, "drop-packet");
	parse_ok("LEEF:2.0|V|P|1|2|^|act=deny^action=allow", &ev);
	assert_str_eq(ev.action, "allow");
}

/* The separator field: absent, empty, "|" itself, hex forms. */
static void
test_separators(void **state)
{
	struct event ev;

	parse_ok("LEEF:2.0|V|P|1|E|src=203.0.113.1\tdstPort=22", &ev);
	assert_addr_eq(ev.src, "203.0.113.1");
	assert_int_equal(ev.dport, 22);
	parse_ok("LEEF:2.0|V|P|1|E||src=203.0.113.2\tdstPort=23", &ev);
	assert_addr_eq(ev.src, "203.0.113.2");
	assert_int_equal(ev.dport, 23);
	parse_ok("LEEF:2.0|V|P|1|E|||src=203.0.113.3|dstPort=24", &ev);
	assert_addr_eq(ev.src, "203.0.113.3");
	assert_int_equal(ev.dport, 24);
	parse_ok("LEEF:2.0|V|P|1|E|0x5E|src=203.0.113.4^dstPort=25", &ev);
	assert_int_equal(ev.dport, 25);
	parse_ok("LEEF:2.0|V|P|1|E|xA6|src=203.0.113.5\xc2\xa6"
	    "dstPort=26", &ev);			/* U+00A6, two bytes */
	assert_addr_eq(ev.src, "203.0.113.5");
	assert_int_equal(ev.dport, 26);
	assert_status("LEEF:2.0|V|P|1|E|x0G|src=203.0.113.6",
	    PARSE_MALFORMED, "bad separator in the LEEF 2.0 header");
}

/* Header "\|" and "\\"; in values "\=", "\\" and an escaped separator. */
static void
test_escapes(void **state)
{
	struct event ev;

	parse_ok("LEEF:2.0|Ex\\|Co|P\\\\1|1|E|^|msg=a\\^b^act=deny\\=x^"
	    "dvchost=h\\\\1^dstPort=27", &ev);
	assert_str_eq(ev.vendor, "Ex|Co");
	assert_str_eq(ev.product, "P\\1");
	assert_str_eq(ev.action, "deny=x");
	assert_str_eq(ev.device, "h\\1");
	assert_int_equal(ev.dport, 27);

	/* the first occurrence wins; empty values are absent */
	parse_ok("LEEF:1.0|V|P|1|E|dstPort=28\tdstPort=29\tsrc=\tproto=",
	    &ev);
	assert_int_equal(ev.dport, 28);
	assert_false(ev.has_src);
	assert_int_equal(ev.proto, -1);
}

/* devTime forms, with and without devTimeFormat. */
static void
test_dev_time(void **state)
{
	struct event ev;

	parse_ok("LEEF:1.0|V|P|1|E|devTime=Mar 03 2024 10:00:05 GMT+01:00\t"
	    "devTimeFormat=MMM dd yyyy HH:mm:ss z", &ev);
	assert_time(&ev, USEC(T0 + 5 - 3600));
	parse_ok("LEEF:1.0|V|P|1|E|devTimeFormat=dd/MM/yyyy hh:mm:ss a\t"
	    "devTime=03/03/2024 10:00:06 PM", &ev);
	assert_time(&ev, USEC(T0 + 6 + 12 * 3600));
	parse_ok("LEEF:1.0|V|P|1|E|devTime=1709460007", &ev);
	assert_time(&ev, USEC(T0 + 7));
	parse_ok("LEEF:1.0|V|P|1|E|devTime=Mar 03 2024 10:00:08", &ev);
	assert_time(&ev, USEC(T0 + 8));		/* no zone: --tz, UTC */
	parse_ok("LEEF:1.0|V|P|1|E|devTime=2024-03-03 10:00:09.5", &ev);
	assert_time(&ev, USEC(T0 + 9) + 500000);

	/* a value the pattern does not match: the syslog header's time */
	parse_ok("Mar  3 10:00:10 h LEEF:1.0|V|P|1|E|devTime=3.3.2024\t"
	    "devTimeFormat=yyyy-MM-dd", &ev);
	assert_time(&ev, USEC(T0 + 10));
	parse_ok("LEEF:1.0|V|P|1|E|devTime=tomorrow", &ev);
	assert_false(ev.has_time);
}

static void
test_malformed(void **state)
{
	assert_status("LEEF:1.0|V|P|1", PARSE_MALFORMED,
	    "fewer than 5 header fields");
	assert_status("LEEF:1.0|V|P|1|E|dst=192.0.2.300", PARSE_MALFORMED,
	    "bad destination address");
	assert_status("LEEF:1.0|V|P|1|E|srcPort=65536", PARSE_MALFORMED,
	    "bad source port");
	assert_status("LEEF:1.0|V|P|1|E|dstPort=http", PARSE_MALFORMED,
	    "bad destination port");
	assert_status("LEEF:1.0|V|P|1|E|proto=300", PARSE_MALFORMED,
	    "bad protocol");
}

static void
test_not_mine(void **state)
{
	static const char *const lines[] = {
		"CEF:0|V|P|1|2|N|3|src=203.0.113.1 act=deny",
		"Mar  3 10:00:00 gw kernel: DROP IN=eth0 OUT= "
		    "SRC=203.0.113.7 DST=192.0.2.1 PROTO=TCP SPT=1 DPT=23",
		"LEEF: see the guide",
		"LEEF",
		"",
	};
	struct event ev;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		assert_int_equal(parse_n(lines[i], strlen(lines[i]), &ev),
		    PARSE_NOT_MINE);
}

/* NUL bytes, and every cut of a line: no read past its end. */
static void
test_bounds(void **state)
{
	static const char line[] = "Mar  3 10:00:10 h LEEF:2.0|V\0|P|1|E|"
	    "x2502|src=203.0.113.9\xe2\x94\x82" "dstPort=30\xe2\x94\x82"
	    "devTimeFormat=yyyy-MM-dd HH:mm:ss\xe2\x94\x82"
	    "devTime=2024-03-03 10:00:11";
	struct event ev;

	assert_int_equal(parse_n(line, sizeof(line) - 1, &ev), PARSE_OK);
	assert_int_equal(ev.vendor.n, 2);
	assert_int_equal(ev.dport, 30);
	assert_time(&ev, USEC(T0 + 11));
	for (size_t n = 0; n < sizeof(line) - 1; n++)
		(void)parse_n(line, n, &ev);
}

static void
test_sniff(void **state)
{
	static const char head[] = "LEEF:1.0|V|P|1|E|src=203.0.113.1\n"
	    "Mar  3 10:00:00 h LEEF:2.0|V|P|1|E|^|src=203.0.113.1\n";

	assert_true(format_leef.sniff(head, sizeof(head) - 1) >= 80);
	assert_int_equal(format_leef.sniff("CEF:0|a|b|c|d|e|f|\n", 19), 0);
}

static int
setup(void **state)
{
	const char *err;

	memset(&ctx, 0, sizeof(ctx));
	time_ctx_init(&ctx.time, USEC(REF), true);
	return tz_select("UTC", &err);
}

static int
teardown(void **state)
{
	free(copy);
	copy = NULL;
	free(ctx.scratch.p);
	ctx.scratch.p = NULL;
	ctx.scratch.cap = 0;
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leef1),
		cmocka_unit_test(test_leef2_caret),
		cmocka_unit_test(test_leef2_panos),
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_dev_time),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_not_mine),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
