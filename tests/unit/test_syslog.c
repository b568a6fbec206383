/*
 * test_syslog.c - the syslog header reader: RFC 3164, RFC 5424, ISO time
 * headers, hosts, tags and kernel uptime stamps.  Lines come from the
 * iptables and CEF corpus and from pitfalls B006, B008 and B017.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "testutil.h"
#include "parse/syslog.h"

/*
 * Parses a copy of the first n bytes of line in a buffer of exactly n
 * bytes, so that a read past the end is a read past the allocation.
 * Returns the message as a string for the caller to compare.
 */
static bool
parse_n(const char *line, size_t n, struct syslog_hdr *h, struct str *msg)
{
	char *copy = malloc(n ? n : 1);
	bool ok;

	assert_non_null(copy);
	memcpy(copy, line, n);
	ok = syslog_parse(copy, n, h);
	assert_true(h->msg <= n);

	/* report borrowed fields relative to the original line */
	if (h->host.p != NULL)
		h->host.p = line + (h->host.p - copy);
	if (h->tag.p != NULL)
		h->tag.p = line + (h->tag.p - copy);
	*msg = (struct str){ line + h->msg, n - h->msg };
	free(copy);
	return ok;
}

static bool
parse(const char *line, struct syslog_hdr *h, struct str *msg)
{
	return parse_n(line, strlen(line), h, msg);
}

static void
assert_time(const struct syslog_hdr *h, int mon, int day, int hour,
    int min, int sec)
{
	assert_true(h->has_time);
	assert_int_equal(h->time.mon, mon);
	assert_int_equal(h->time.day, day);
	assert_int_equal(h->time.hour, hour);
	assert_int_equal(h->time.min, min);
	assert_int_equal(h->time.sec, sec);
}

static void
test_bsd_host_tag_uptime(void **state)
{
	struct syslog_hdr h;
	struct str m;

	assert_true(parse("Sep 27 20:56:38 ubuntu-focal kernel: "
	    "[  203.842973] IPTABLES-DROP: IN=lo OUT=", &h, &m));
	assert_time(&h, 9, 27, 20, 56, 38);
	assert_false(h.time.has_year);
	assert_false(h.time.has_offset);
	assert_int_equal(h.time.usec, 0);
	assert_str_eq(h.host, "ubuntu-focal");
	assert_str_eq(h.tag, "kernel");
	assert_str_eq(m, "IPTABLES-DROP: IN=lo OUT=");

	assert_true(parse("Mar 15 20:55:15 linux kernel: [810294.788657] "
	    "DROP IN=eth0", &h, &m));
	assert_time(&h, 3, 15, 20, 55, 15);
	assert_str_eq(h.host, "linux");
	assert_str_eq(m, "DROP IN=eth0");
}

/* "Jan  8 03:37:09 DENY: IN=..." has no host: DENY: is a tag. */
static void
test_bsd_tag_without_host(void **state)
{
	struct syslog_hdr h;
	struct str m;

	assert_true(parse("Jan  8 03:37:09 DENY: IN=eth0 OUT= SRC=192.168.2.71",
	    &h, &m));
	assert_time(&h, 1, 8, 3, 37, 9);
	assert_int_equal(h.host.n, 0);
	assert_str_eq(h.tag, "DENY");
	assert_str_eq(m, "IN=eth0 OUT= SRC=192.168.2.71");

	assert_true(parse("<134>Jul  3 19:10:30 filterlog[72237]: 146,,,1535",
	    &h, &m));
	assert_time(&h, 7, 3, 19, 10, 30);
	assert_int_equal(h.host.n, 0);
	assert_str_eq(h.tag, "filterlog");
	assert_str_eq(m, "146,,,1535");
}

/* A host followed by something that is not a tag: the message starts
 * there, and a bracketed rule name is not an uptime stamp. */
static void
test_bsd_no_tag(void **state)
{
	struct syslog_hdr h;
	struct str m;

	assert_true(parse("Jun 10 11:12:13 Abc-A9 [SOMETHING-1000-A] IN=a.1",
	    &h, &m));
	assert_str_eq(h.host, "Abc-A9");
	assert_int_equal(h.tag.n, 0);
	assert_str_eq(m, "[SOMETHING-1000-A] IN=a.1");

	assert_true(parse("<161>Oct 10 07:25:12 Hostname kernel: "
	    "[wan-lan-default-D]IN=eth0", &h, &m));
	assert_time(&h, 10, 10, 7, 25, 12);
	assert_str_eq(h.host, "Hostname");
	assert_str_eq(h.tag, "kernel");
	assert_str_eq(m, "[wan-lan-default-D]IN=eth0");

	assert_true(parse("Oct 11 07:25:12 vm-1 kernel: [UFW BLOCK] IN=lo",
	    &h, &m));
	assert_str_eq(m, "[UFW BLOCK] IN=lo");

	/* B006: what precedes "CEF:" when rsyslog made "CEF" the tag */
	assert_true(parse("Mar  3 10:00:00 fw01.example.com CEF: 0|ExampleCo",
	    &h, &m));
	assert_time(&h, 3, 3, 10, 0, 0);
	assert_str_eq(h.host, "fw01.example.com");
	assert_str_eq(h.tag, "CEF");
	assert_str_eq(m, "0|ExampleCo");
}

/* "host facility.level tag:" as Ubiquiti routers write it. */
static void
test_bsd_facility(void **state)
{
	struct syslog_hdr h;
	struct str m;

	assert_true(parse("May  5 20:46:45 My-Office-Gateway user.info "
	    "kernel: TTL=126 ID=15317", &h, &m));
	assert_time(&h, 5, 5, 20, 46, 45);
	assert_str_eq(h.host, "My-Office-Gateway");
	assert_str_eq(h.tag, "kernel");
	assert_str_eq(m, "TTL=126 ID=15317");
}

/* B017: a year-less time at the end of December stays year-less. */
static void
test_bsd_new_year(void **state)
{
	struct syslog_hdr h;
	struct str m;

	assert_true(parse("Dec 31 23:59:58 gw01 kernel: FW-DROP IN=eth0 OUT=",
	    &h, &m));
	assert_time(&h, 12, 31, 23, 59, 58);
	assert_false(h.time.has_year);
	assert_str_eq(h.host, "gw01");
	assert_str_eq(m, "FW-DROP IN=eth0 OUT=");

	assert_true(parse("Jan  1 00:00:00 gw01 kernel: FW-DROP IN=eth0", &h,
	    &m));
	assert_time(&h, 1, 1, 0, 0, 0);
	assert_false(h.time.has_year);
}

static void
test_bsd_fraction(void **state)
{
	struct syslog_hdr h;
	struct str m;

	assert_true(parse("Mar  3 10:00:00.123456 gw01 kernel: x", &h, &m));
	assert_time(&h, 3, 3, 10, 0, 0);
	assert_int_equal(h.time.usec, 123456);
	assert_str_eq(m, "x");

	assert_true(parse("Mar 03 10:00:00.5 gw01 kernel: x", &h, &m));
	assert_int_equal(h.time.usec, 500000);

	/* more than six digits are cut to microseconds */
	assert_true(parse("Mar 03 10:00:00.123456789 gw01 kernel: x", &h, &m));
	assert_int_equal(h.time.usec, 123456);
}

/* Cisco: a year after the day and a colon after the time. */
static void
test_bsd_cisco_year(void **state)
{
	struct syslog_hdr h;
	struct str m;

	assert_true(parse("Mar 03 2024 10:00:10: %ASA-6-106023: Deny "
	    "protocol 0 src outside:198.51.100.200", &h, &m));
	assert_time(&h, 3, 3, 10, 0, 10);
	assert_true(h.time.has_year);
	assert_int_equal(h.time.year, 2024);
	assert_int_equal(h.host.n, 0);
	assert_str_eq(h.tag, "%ASA-6-106023");
	assert_str_eq(m, "Deny protocol 0 src outside:198.51.100.200");

	assert_true(parse("Jan 23 15:10:55 10.10.10.1 %ASA-2-106006: message",
	    &h, &m));
	assert_str_eq(h.host, "10.10.10.1");
	assert_str_eq(h.tag, "%ASA-2-106006");
	assert_str_eq(m, "message");
}

/* B008: rsyslog's high precision format and journalctl -o short-iso. */
static void
test_iso(void **state)
{
	struct syslog_hdr h;
	struct str m;

	assert_true(parse("2024-03-03T10:00:03.000Z pve01 kernel: 0 6 "
	    "PVEFW-HOST-IN 03/Mar/2024:11:00:03 +0100 policy DROP: IN=vmbr0",
	    &h, &m));
	assert_time(&h, 3, 3, 10, 0, 3);
	assert_true(h.time.has_year);
	assert_int_equal(h.time.year, 2024);
	assert_true(h.time.has_offset);
	assert_int_equal(h.time.offset, 0);
	assert_str_eq(h.host, "pve01");
	assert_str_eq(h.tag, "kernel");
	assert_str_eq(m, "0 6 PVEFW-HOST-IN 03/Mar/2024:11:00:03 +0100 "
	    "policy DROP: IN=vmbr0");

	assert_true(parse("2024-03-03T10:00:00+0100 host kernel: IN=eth0", &h,
	    &m));
	assert_time(&h, 3, 3, 10, 0, 0);
	assert_int_equal(h.time.offset, 3600);
	assert_str_eq(h.host, "host");
	assert_str_eq(m, "IN=eth0");

	assert_true(parse("<6>2021-03-12T14:10:18Z Hostname kernel: "
	    "[wan-lan-default-D]IN=eth0", &h, &m));
	assert_int_equal(h.time.year, 2021);
	assert_time(&h, 3, 12, 14, 10, 18);
	assert_str_eq(h.host, "Hostname");
	assert_str_eq(m, "[wan-lan-default-D]IN=eth0");

	assert_true(parse("2023-03-18T20:36:59.594792+01:00 10.120.127.1 "
	    "firewall,info drop-tcp input: in:ether1-WAN", &h, &m));
	assert_int_equal(h.time.usec, 594792);
	assert_str_eq(h.host, "10.120.127.1");
	assert_int_equal(h.tag.n, 0);
	assert_str_eq(m, "firewall,info drop-tcp input: in:ether1-WAN");
}

/* B006: the RFC 5424 form. */
static void
test_5424(void **state)
{
	struct syslog_hdr h;
	struct str m;

	assert_true(parse("<134>1 2024-03-03T10:00:00.000Z fw01.example.com "
	    "EdgeFW - - - CEF:0|ExampleCo|EdgeFW", &h, &m));
	assert_time(&h, 3, 3, 10, 0, 0);
	assert_int_equal(h.time.year, 2024);
	assert_true(h.time.has_offset);
	assert_str_eq(h.host, "fw01.example.com");
	assert_str_eq(h.tag, "EdgeFW");
	assert_str_eq(m, "CEF:0|ExampleCo|EdgeFW");

	/* what precedes "CEF:" in that line: the message is empty */
	assert_true(parse("<134>1 2024-03-03T10:00:00.000Z fw01.example.com "
	    "EdgeFW - - - ", &h, &m));
	assert_str_eq(h.host, "fw01.example.com");
	assert_int_equal(m.n, 0);

	assert_true(parse("<134>1 2025-11-06T11:32:42.868451+00:00 "
	    "firewall.lan filterlog 92653 - - 7,,,1000000102", &h, &m));
	assert_int_equal(h.time.usec, 868451);
	assert_str_eq(h.host, "firewall.lan");
	assert_str_eq(h.tag, "filterlog");
	assert_str_eq(m, "7,,,1000000102");
}

/* Structured data, with "]" and "\"" escaped inside quoted values. */
static void
test_5424_sd(void **state)
{
	struct syslog_hdr h;
	struct str m;

	assert_true(parse("<14>1 2019-11-14T09:37:51.184+01:00 SRX-GW1 RT_FLOW "
	    "- RT_FLOW_SESSION_CREATE [junos@2636 a=\"x\\]y\" b=\"q\\\"]\"]"
	    "[meta c=\"3\"] the message", &h, &m));
	assert_time(&h, 11, 14, 9, 37, 51);
	assert_int_equal(h.time.usec, 184000);
	assert_int_equal(h.time.offset, 3600);
	assert_str_eq(h.host, "SRX-GW1");
	assert_str_eq(h.tag, "RT_FLOW");
	assert_str_eq(m, "the message");

	/* nil time, nil host, no message */
	assert_true(parse("<134>1 - - app - - [x y=\"1\"]", &h, &m));
	assert_false(h.has_time);
	assert_int_equal(h.host.n, 0);
	assert_str_eq(h.tag, "app");
	assert_int_equal(m.n, 0);

	/* a UTF-8 byte order mark before the message is not the message */
	assert_true(parse("<134>1 2024-03-03T10:00:00Z h a - - - "
	    "\xef\xbb\xbfhello", &h, &m));
	assert_str_eq(m, "hello");
}

static void
test_no_header(void **state)
{
	struct syslog_hdr h;
	struct str m;

	assert_false(parse("IN=eth0 OUT= SRC=203.0.113.1", &h, &m));
	assert_false(h.has_time);
	assert_int_equal(h.msg, 0);
	assert_int_equal(h.host.n, 0);

	assert_false(parse("LOCAL4.WARNING: fw-1 %ASA-4-106023: Deny", &h, &m));
	assert_int_equal(h.msg, 0);
	assert_false(parse("", &h, &m));
	assert_false(parse("fw01.example.com ", &h, &m));

	/* not followed by a space: no header */
	assert_false(parse("Mar  3 10:00:00x host kernel: x", &h, &m));
	assert_false(h.bad_time);
	assert_int_equal(h.msg, 0);

	/* a PRI alone is a header without a time */
	assert_true(parse("<13>fw01 CEF:0", &h, &m));
	assert_false(h.has_time);
	assert_str_eq(m, "fw01 CEF:0");
}

/*
 * A time of the right shape but out of range, or in another language,
 * leaves a header without a time, marked bad: the rest of it is read as
 * usual.
 */
static void
test_bad_time(void **state)
{
	static const char *const bsd[] = {
		"Mar 32 10:00:00 host kernel: x",
		"Mar  3 24:00:00 host kernel: x",
		"Mar  3 10:60:00 host kernel: x",
		"Mrz  3 10:00:00 host kernel: x",
		"Feb 30 2025 10:00:00 host kernel: x",
		"<4>Mar 41 10:06:01.250 host kernel: x",
		"Mar 41 10:06:01: host kernel: x",
		"2026-13-45T10:00:00Z host kernel: x",
		"<134>1 2026-02-30T10:00:00Z host kernel - - x",
		"1 2026-02-30T10:00:00+01:00 host kernel - - x",
		"2026-02-30T10:00:00.123456+0100 host kernel: x",
	};
	struct syslog_hdr h;
	struct str m;

	for (size_t i = 0; i < sizeof(bsd) / sizeof(bsd[0]); i++) {
		assert_true(parse(bsd[i], &h, &m));
		assert_true(h.bad_time);
		assert_false(h.has_time);
		assert_str_eq(h.host, "host");
		assert_str_eq(h.tag, "kernel");
		assert_str_eq(m, "x");
	}

	/* not written as a time at all: no header, or one without a time */
	static const char *const other[] = {
		"Mar 41 10:06:0",
		"garbage host kernel - - x",
		"1 garbage host kernel - - x",
		"Mar 3 1:00:00 host kernel: x",
		"Mar   3 10:00:00 host kernel: x",
		"Mar 03 2024  10:00:10 host kernel: x",
		"Mar  3 10:00:00.1234567890 host kernel: x",
		"2024-03-03T10:00Z host kernel: x",
		"2024-03-03T10:00:00,123Z host kernel: x",
		"2024-03-03T10:00:00Z: %ASA-4-106023: Deny",
		"<134>1 garbage host kernel - - x",
		"<13>1 Mar  3 10:00:00 host kernel - - x",
	};
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		parse(other[i], &h, &m);
		assert_false(h.bad_time);
		assert_false(h.has_time);
	}

	/* a valid time is never bad */
	assert_true(parse("Mar 31 10:00:00 host kernel: x", &h, &m));
	assert_true(h.has_time);
	assert_false(h.bad_time);
}

/* Never reads past n; NUL bytes are ordinary bytes. */
static void
test_bounds(void **state)
{
	static const char line[] = "Mar  3 10:00:00 host kernel: [ 12.5] x";
	struct syslog_hdr h;
	struct str m;

	for (size_t n = 0; n < 15; n++)
		assert_false(parse_n(line, n, &h, &m));
	assert_true(parse_n(line, 15, &h, &m));
	assert_time(&h, 3, 3, 10, 0, 0);
	assert_int_equal(h.host.n, 0);
	assert_int_equal(m.n, 0);
	assert_true(parse_n(line, 20, &h, &m));
	assert_str_eq(h.host, "host");
	for (size_t n = 15; n <= sizeof(line) - 1; n++)
		assert_true(parse_n(line, n, &h, &m));
	assert_true(parse_n(line, 35, &h, &m));
	assert_str_eq(m, "[ 12.5");

	assert_true(parse_n("Mar  3 10:00:00 ho\0st kernel: x", 31, &h, &m));
	assert_int_equal(h.host.n, 0);
	assert_int_equal(h.tag.n, 0);
	assert_int_equal(m.n, 15);
	assert_true(parse_n("Mar  3 10:00:00 host kernel: a\0b", 32, &h, &m));
	assert_str_eq(h.host, "host");
	assert_int_equal(m.n, 3);
	assert_memory_equal(m.p, "a\0b", 3);
}

static void
test_bsd_time(void **state)
{
	struct civil c;

	assert_int_equal(syslog_parse_bsd_time("Jan 17 2020 08:52:10", 20, &c),
	    20);
	assert_true(c.has_year);
	assert_int_equal(c.year, 2020);
	assert_int_equal(c.mon, 1);
	assert_int_equal(c.day, 17);
	assert_int_equal(c.hour, 8);
	assert_int_equal(c.min, 52);
	assert_int_equal(c.sec, 10);
	assert_false(c.has_offset);

	assert_int_equal(syslog_parse_bsd_time("Mar 03 10:00:00.250 CET", 23,
	    &c), 19);
	assert_false(c.has_year);
	assert_int_equal(c.usec, 250000);
	assert_int_equal(syslog_parse_bsd_time("Mar 3 10:00:00", 14, &c), 14);
	assert_int_equal(c.day, 3);
	assert_int_equal(syslog_parse_bsd_time("Feb 29 2023 10:00:00", 20, &c),
	    0);
	assert_int_equal(syslog_parse_bsd_time("Mar 03 10:00", 12, &c), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bsd_host_tag_uptime),
		cmocka_unit_test(test_bsd_tag_without_host),
		cmocka_unit_test(test_bsd_no_tag),
		cmocka_unit_test(test_bsd_facility),
		cmocka_unit_test(test_bsd_new_year),
		cmocka_unit_test(test_bsd_fraction),
		cmocka_unit_test(test_bsd_cisco_year),
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_5424),
		cmocka_unit_test(test_5424_sd),
		cmocka_unit_test(test_no_header),
		cmocka_unit_test(test_bad_time),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_bsd_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
