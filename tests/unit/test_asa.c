/*
 * test_asa.c - the Cisco ASA, FTD and IOS access-list parser against
 * docs/formats.md, pitfalls B013 and B047, the lines of corpus/cisco_asa
 * and fixtures written from Cisco's descriptions of each message.
 * Expected values are worked out by hand from the lines; epoch seconds
 * come from the calendar (2024-03-03T10:00:00Z is 1709460000).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/action.h"
#include "core/timeutil.h"
#include "engine/detect.h"
#include "parse/format.h"

extern const struct format format_asa;

#define T_1000 INT64_C(1709460000)	/* 2024-03-03T10:00:00Z */
#define T_1200 INT64_C(1709467200)	/* 2024-03-03T12:00:00Z */
#define NONE (-1)
#define OWN_CHECK (-2)		/* the time is checked by the caller */

static struct parse_opts opts = { "drop", 'm' };
static struct parse_ctx ctx;

/* A fresh stream whose file was last written at 2024-03-03T12:00:00Z. */
static int
setup(void **state)
{
	const char *err;

	(void)state;
	assert_int_equal(tz_select("UTC", &err), 0);
	action_vocab_reset();
	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = &opts;
	time_ctx_init(&ctx.time, T_1200 * USEC_PER_SEC, true);
	return 0;
}

static enum parse_status
parse(const char *line, struct event *ev)
{
	ctx.reason = NULL;
	return format_asa.parse(&ctx, line, strlen(line), ev);
}

/* What one line must give; NULL addresses and NONE numbers are absent. */
struct want {
	const char *action;
	enum action_class cls;
	const char *src, *dst;
	int sport, dport, proto;
	const char *product;
	const char *device;	/* "" when none */
	int64_t time;		/* epoch seconds, NONE when none */
				/* or OWN_CHECK */
};

static void
check(const struct event *ev, const struct want *w)
{
	assert_str_eq(ev->action, w->action);
	assert_int_equal(detect_classify(ev, PROFILE_DEFAULT), w->cls);
	assert_int_equal(ev->has_src, w->src != NULL);
	if (w->src != NULL)
		assert_addr_eq(ev->src, w->src);
	assert_int_equal(ev->has_dst, w->dst != NULL);
	if (w->dst != NULL)
		assert_addr_eq(ev->dst, w->dst);
	assert_int_equal(ev->has_sport, w->sport != NONE);
	if (w->sport != NONE)
		assert_int_equal(ev->sport, w->sport);
	assert_int_equal(ev->has_dport, w->dport != NONE);
	if (w->dport != NONE)
		assert_int_equal(ev->dport, w->dport);
	assert_int_equal(ev->proto, w->proto);
	assert_str_eq(ev->vendor, "Cisco");
	assert_str_eq(ev->product, w->product);
	assert_str_eq(ev->device, w->device);
	if (w->time == OWN_CHECK)
		return;
	assert_int_equal(ev->has_time, w->time != NONE);
	if (w->time != NONE)
		assert_int_equal(ev->time, w->time * USEC_PER_SEC);
}

/* Parses a line that must give the event w. */
static void
expect(const char *line, struct want w)
{
	struct event ev;
	enum parse_status st = parse(line, &ev);

	if (st != PARSE_OK)
		print_error("status %d (%s) for: %s\n", st,
		    ctx.reason ? ctx.reason : "-", line);
	assert_int_equal(st, PARSE_OK);
	check(&ev, &w);
}

static void
expect_status(const char *line, enum parse_status st, const char *reason)
{
	struct event ev;
	enum parse_status got = parse(line, &ev);

	if (got != st)
		print_error("status %d (%s) for: %s\n", got,
		    ctx.reason ? ctx.reason : "-", line);
	assert_int_equal(got, st);
	if (reason != NULL) {
		assert_non_null(ctx.reason);
		assert_string_equal(ctx.reason, reason);
	}
}

#define DENY(a) (a), ACTION_DENY

/* B013: protocol 0 and 47, no ports, deny. */
static void
test_b013_protocol_zero(void **state)
{
	expect("Mar 03 2024 10:00:10: %ASA-6-106023: Deny protocol 0 src "
	    "outside:198.51.100.200 dst inside:192.0.2.70 by access-group "
	    "\"acl_in\" [0x0, 0x0]", (struct want){ DENY("Deny"),
	    "198.51.100.200", "192.0.2.70", NONE, NONE, 0, "ASA", "",
	    T_1000 + 10 });
	expect("Mar 03 2024 10:00:11: %ASA-6-106023: Deny protocol 47 src "
	    "outside:198.51.100.200 dst inside:192.0.2.71 by access-group "
	    "\"acl_in\" [0x0, 0x0]", (struct want){ DENY("Deny"),
	    "198.51.100.200", "192.0.2.71", NONE, NONE, 47, "ASA", "",
	    T_1000 + 11 });

	/* port 0 is a port; 65536 and protocol 256 are not */
	expect("Mar 03 2024 10:00:12: %ASA-4-106023: Deny tcp src "
	    "outside:198.51.100.200/0 dst inside:192.0.2.70/0 by "
	    "access-group \"acl_in\" [0x0, 0x0]", (struct want){
	    DENY("Deny"), "198.51.100.200", "192.0.2.70", 0, 0, PROTO_TCP,
	    "ASA", "", T_1000 + 12 });
	expect_status("Mar 03 2024 10:00:13: %ASA-4-106023: Deny tcp src "
	    "outside:198.51.100.200/40000 dst inside:192.0.2.70/65536 by "
	    "access-group \"acl_in\"", PARSE_MALFORMED,
	    "bad destination port");
	expect_status("Mar 03 2024 10:00:13: %ASA-4-106023: Deny protocol "
	    "256 src outside:198.51.100.200 dst inside:192.0.2.70 by "
	    "access-group \"acl_in\"", PARSE_MALFORMED,
	    "bad protocol number");
}

/* B047: the IOS "denied" line and the ASA "Deny" line are deny events. */
static void
test_b047_words(void **state)
{
	struct event ev;

	assert_int_equal(parse("*Mar  3 10:00:19.114 UTC: "
	    "%SEC-6-IPACCESSLOGP: list OUTSIDE-IN denied tcp "
	    "203.0.113.31(50150) -> 192.0.2.25(443), 1 packet", &ev),
	    PARSE_OK);
	check(&ev, &(struct want){ DENY("denied"), "203.0.113.31",
	    "192.0.2.25", 50150, 443, PROTO_TCP, "IOS", "", OWN_CHECK });
	assert_true(ev.has_time);
	assert_int_equal(ev.time, (T_1000 + 19) * USEC_PER_SEC + 114000);

	expect("Mar 03 2024 10:00:19: %ASA-4-106023: Deny tcp src "
	    "outside:203.0.113.31/50151 dst inside:192.0.2.25/8443 by "
	    "access-group \"OUTSIDE-IN\" [0x0, 0x0]", (struct want){
	    DENY("Deny"), "203.0.113.31", "192.0.2.25", 50151, 8443,
	    PROTO_TCP, "ASA", "", T_1000 + 19 });

	/* permitted is allow */
	expect("*Mar  3 10:00:20.000 UTC: %SEC-6-IPACCESSLOGP: list "
	    "OUTSIDE-IN permitted udp 203.0.113.31(50150) -> "
	    "192.0.2.25(53), 1 packet", (struct want){ "permitted",
	    ACTION_ALLOW, "203.0.113.31", "192.0.2.25", 50150, 53,
	    PROTO_UDP, "IOS", "", T_1000 + 20 });
}

/* corpus/cisco_asa/elastic_test-106023-iface-with-prefix.log: "v1:" and
 * "v2:" before the interface names, ports present or not; no time. */
static void
test_corpus_iface_prefix(void **state)
{
	static const char *const line[] = {
		"src v1:outside:10.8.1.9/54864 dst inside:172.16.1.3/53",
		"src outside:10.8.1.9/54864 dst v2:inside:172.16.1.3/53",
		"src v1:outside:10.8.1.9/54864 dst v2:inside:172.16.1.3/53",
		"src v1:outside:10.8.1.9 dst inside:172.16.1.3/53",
		"src outside:10.8.1.9 dst v2:inside:172.16.1.3/53",
		"src v1:outside:10.8.1.9 dst v2:inside:172.16.1.3/53",
		"src v1:outside:10.8.1.9/54864 dst inside:172.16.1.3",
		"src outside:10.8.1.9/54864 dst v2:inside:172.16.1.3",
		"src v1:outside:10.8.1.9/54864 dst v2:inside:172.16.1.3",
	};
	char buf[512];

	for (int i = 0; i < 9; i++) {
		snprintf(buf, sizeof(buf), "LOCAL4.WARNING: fw-1 "
		    "%%ASA-4-106023: Deny udp %s by access-group "
		    "\"outside_acl\" [0x0, 0x0]", line[i]);
		expect(buf, (struct want){ DENY("Deny"), "10.8.1.9",
		    "172.16.1.3", i < 3 || i > 5 ? 54864 : NONE,
		    i < 6 ? 53 : NONE, PROTO_UDP, "ASA", "fw-1", NONE });
	}
}

/* corpus/cisco_asa/elastic_test-repeat-deny.log: the "message repeated"
 * wrapper gives the one event inside it; Jan 23 takes 2024. */
static void
test_corpus_repeat(void **state)
{
	expect("Jan 23 15:10:55 10.10.10.1 %ASA-2-106006: message repeated "
	    "2 times: [ Deny inbound UDP from 192.168.2.66/137 to "
	    "10.1.2.42/137 on interface inside]", (struct want){
	    DENY("Deny"), "192.168.2.66", "10.1.2.42", 137, 137, PROTO_UDP,
	    "ASA", "10.10.10.1", INT64_C(1706022655) });
}

/* corpus/cisco_asa/wazuh_cisco_asa.ini: the deny messages (no header,
 * so no time and no device). */
static void
test_corpus_wazuh_denies(void **state)
{
	expect("%ASA-2-106001: Inbound TCP connection denied from "
	    "111.93.241.59/54322 to 116.6.127.122/1433 flags SYN on "
	    "interface outside", (struct want){ DENY("denied"),
	    "111.93.241.59", "116.6.127.122", 54322, 1433, PROTO_TCP, "ASA",
	    "", NONE });
	expect("%ASA-2-106006: Deny inbound UDP from 185.158.113.158/53306 "
	    "to 116.6.127.123/53413 on interface outside", (struct want){
	    DENY("Deny"), "185.158.113.158", "116.6.127.123", 53306, 53413,
	    PROTO_UDP, "ASA", "", NONE });
	expect("%ASA-3-710003: TCP access denied by ACL from 192.168.0.1/11 "
	    "to outside:192.168.0.2/22", (struct want){ DENY("denied"),
	    "192.168.0.1", "192.168.0.2", 11, 22, PROTO_TCP, "ASA", "",
	    NONE });
	expect("%ASA-3-106014: Deny inbound icmp src outside:151.80.47.231 "
	    "dst outside:116.6.127.112 (type 3, code 2)", (struct want){
	    DENY("Deny"), "151.80.47.231", "116.6.127.112", NONE, NONE,
	    PROTO_ICMP, "ASA", "", NONE });
	expect("%ASA-3-106010: Deny inbound protocol 47 src "
	    "outside:115.51.6.185 dst outside:116.6.127.120", (struct want){
	    DENY("Deny"), "115.51.6.185", "116.6.127.120", NONE, NONE, 47,
	    "ASA", "", NONE });
	expect("%ASA-4-106023: Deny tcp src inside:111.11.11.1/2143 dst "
	    "YYY:172.11.1.11/139 by access-group \"inside_inbound\"",
	    (struct want){ DENY("Deny"), "111.11.11.1", "172.11.1.11", 2143,
	    139, PROTO_TCP, "ASA", "", NONE });
	expect("%ASA-4-418001: Through-the-device packet to/from "
	    "management-only network is denied: udp src "
	    "DMZ:10.231.5.250/49152 dst management:143.36.200.25/161",
	    (struct want){ DENY("denied"), "10.231.5.250", "143.36.200.25",
	    49152, 161, PROTO_UDP, "ASA", "", NONE });
	expect("%ASA-6-106015: Deny TCP (no connection) from "
	    "192.168.0.1/11 to 192.168.0.2/22 flags tcp_flags on interface "
	    "interface_name", (struct want){ DENY("Deny"), "192.168.0.1",
	    "192.168.0.2", 11, 22, PROTO_TCP, "ASA", "", NONE });
}

/* The rest of the wazuh deny lines: shun, spoof, land, teardrop, RPF;
 * "IP" and the placeholder "protocol" are no protocol number. */
static void
test_corpus_wazuh_portless(void **state)
{
	expect("%ASA-4-401004 Shunned packet: 192.168.0.1 = 192.168.0.2 on "
	    "interface interfacename", (struct want){ DENY("Shunned"),
	    "192.168.0.1", "192.168.0.2", NONE, NONE, NONE, "ASA", "",
	    NONE });
	expect("%ASA-1-106022: Deny protocol connection spoof from "
	    "192.168.0.1 to 192.168.0.2 on interface interfacename.",
	    (struct want){ DENY("Deny"), "192.168.0.1", "192.168.0.2", NONE,
	    NONE, NONE, "ASA", "", NONE });
	expect("%ASA-2-106017: Deny IP due to Land Attack from "
	    "193.17.108.1 to 193.17.108.1", (struct want){ DENY("Deny"),
	    "193.17.108.1", "193.17.108.1", NONE, NONE, NONE, "ASA", "",
	    NONE });
	expect("%ASA-2-106020: Deny IP teardrop fragment (size = 1480, "
	    "offset = 0) from 10.235.224.228 to 10.235.0.1", (struct want){
	    DENY("Deny"), "10.235.224.228", "10.235.0.1", NONE, NONE, NONE,
	    "ASA", "", NONE });
	expect("%ASA-1-106021: Deny protocol reverse path check from "
	    "192.168.0.1 to 192.168.0.2 on interface interfacename",
	    (struct want){ DENY("Deny"), "192.168.0.1", "192.168.0.2", NONE,
	    NONE, NONE, "ASA", "", NONE });

	/* an object name where the address should be */
	expect_status("Oct 03 2018 17:34:08: %ASA-4-106023: Deny udp src "
	    "office:1.1.1.1/3217 dst FE_xUI:Server_Windows/15000 by "
	    "access-group \"ACLoffice\" [0x0, 0x0]", PARSE_MALFORMED,
	    "bad destination address");
}

/* Wazuh lines of messages that carry no packet verdict are skipped. */
static void
test_corpus_wazuh_skipped(void **state)
{
	static const char *const line[] = {
		"%ASA-1-106101: Number of cached deny-flows for ACL log has "
		    "reached limit (4096)",
		"%ASA-4-733100: Object drop rate 15 exceeded. Current burst "
		    "rate is 9 per second, max configured rate is 10; "
		    "Current average rate is 15 per second, max configured "
		    "rate is 5; Cumulative total count is 9198",
		"%ASA-4-313005: No matching connection for ICMP error "
		    "message: icmp src WLC-LAN_inside:10.233.152.101 dst "
		    "outside:8.8.8.8 (type 3, code 3) on WLC-LAN_inside "
		    "interface.  Original IP payload: udp src 8.8.8.8/53 dst "
		    "10.233.152.101/62403",
		"%ASA-4-313004: Denied ICMP type=0, from laddr 80.241.208.43 "
		    "on interface outside to 116.6.127.116: no matching "
		    "session",
		"%ASA-6-302013: Built outbound TCP connection 9 for "
		    "outside:10.1.2.1/22 (10.1.2.1/22) to "
		    "inside:10.1.1.2/53496 (10.1.1.2/53496)",
		"%ASA-6-605004: Login denied from 192.168.2.10/32597 to "
		    "outside:192.168.2.14/ssh for user \"root\"",
		"%ASA-4-500004: Invalid transport field for protocol=UDP, "
		    "from 10.235.91.49/45682 to 80.98.44.227/0",
	};

	for (size_t i = 0; i < sizeof(line) / sizeof(line[0]); i++)
		expect_status(line[i], PARSE_SKIP, "message type not read");
}

/* Each corpus file as a whole: events, skipped and malformed lines. */
static void
count_file(const char *rel, bool wazuh, int want_ok, int want_skip,
    int want_bad)
{
	const char *dir = getenv("SHARED");
	char path[4096], *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int got[PARSE_MALFORMED + 1] = { 0 };
	FILE *fp;
	struct event ev;

	snprintf(path, sizeof(path), "%s/corpus/cisco_asa/%s",
	    dir != NULL ? dir : "../shared", rel);
	if ((fp = fopen(path, "r")) == NULL)
		skip();
	while ((len = getline(&line, &cap, fp)) >= 0) {
		char *p = line;

		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (wazuh) {
			if (strncmp(line, "log ", 4) != 0 ||
			    (p = strstr(line, " pass = ")) == NULL)
				continue;
			p += 8;
		}
		got[format_asa.parse(&ctx, p, strlen(p), &ev)]++;
	}
	free(line);
	fclose(fp);
	assert_int_equal(got[PARSE_NOT_MINE], 0);
	assert_int_equal(got[PARSE_OK], want_ok);
	assert_int_equal(got[PARSE_SKIP], want_skip);
	assert_int_equal(got[PARSE_MALFORMED], want_bad);
}

/*
 * By hand: the Elastic files are 9 and 1 deny lines.  The Wazuh file has
 * 88 "pass" lines; 14 are messages this parser reads (106001, 106006,
 * 710003, 106014, 106010, 106023 twice, 418001, 106015, 401004, 106022,
 * 106017, 106020, 106021), one of which names an object instead of an
 * address; the other 74 are skipped.
 */
static void
test_corpus_files(void **state)
{
	count_file("elastic_test-106023-iface-with-prefix.log", false, 9, 0,
	    0);
	count_file("elastic_test-repeat-deny.log", false, 1, 0, 0);
	count_file("wazuh_cisco_asa.ini", true, 13, 74, 1);
}

/* The from/to messages of the 106 family, from Cisco's descriptions. */
static void
test_from_to_messages(void **state)
{
	expect("Mar 03 2024 10:00:21: %ASA-2-106007: Deny inbound UDP from "
	    "203.0.113.9/53 to 192.0.2.53/53 due to DNS Response",
	    (struct want){ DENY("Deny"), "203.0.113.9", "192.0.2.53", 53, 53,
	    PROTO_UDP, "ASA", "", T_1000 + 21 });
	expect("Mar 03 2024 10:00:22: %ASA-2-106016: Deny IP spoof from "
	    "(203.0.113.9) to 192.0.2.53 on interface outside",
	    (struct want){ DENY("Deny"), "203.0.113.9", "192.0.2.53", NONE,
	    NONE, NONE, "ASA", "", T_1000 + 22 });
	expect("Mar 03 2024 10:00:23: %ASA-4-106021: Deny TCP reverse path "
	    "check from 203.0.113.9 to 192.0.2.53 on interface outside",
	    (struct want){ DENY("Deny"), "203.0.113.9", "192.0.2.53", NONE,
	    NONE, PROTO_TCP, "ASA", "", T_1000 + 23 });
	expect("Mar 03 2024 10:00:24: %ASA-3-313001: Denied ICMP type=8, "
	    "code=0 from 203.0.113.9 on interface outside", (struct want){
	    DENY("Denied"), "203.0.113.9", NULL, NONE, NONE, PROTO_ICMP,
	    "ASA", "", T_1000 + 24 });
	expect("Mar 03 2024 10:00:25: %ASA-7-710005: UDP request discarded "
	    "from 203.0.113.9/5353 to outside:192.0.2.1/161", (struct want){
	    DENY("discarded"), "203.0.113.9", "192.0.2.1", 5353, 161,
	    PROTO_UDP, "ASA", "", T_1000 + 25 });
	expect("Mar 03 2024 10:00:26: %ASA-6-106015: Deny TCP (no "
	    "connection) from 2001:db8::9/443 to 2001:db8:1::5/51000 flags "
	    "RST  on interface outside", (struct want){ DENY("Deny"),
	    "2001:db8::9", "2001:db8:1::5", 443, 51000, PROTO_TCP, "ASA",
	    "", T_1000 + 26 });
	expect("Mar 03 2024 10:00:27: %ASA-3-710003: TCP access denied by "
	    "ACL from 2001:db8::9/40000 to outside:2001:db8:1::1/22",
	    (struct want){ DENY("denied"), "2001:db8::9", "2001:db8:1::1",
	    40000, 22, PROTO_TCP, "ASA", "", T_1000 + 27 });
}

/* 106023 and 106010: IPv6, ICMP(v6), user names, odd interface names. */
static void
test_src_dst_messages(void **state)
{
	expect("Mar 03 2024 10:00:30: %ASA-4-106023: Deny icmp src "
	    "outside:2001:db8::7 dst inside:2001:db8:1::5 (type 128, code 0) "
	    "by access-group \"OUTSIDE_in\" [0x0, 0x0]", (struct want){
	    DENY("Deny"), "2001:db8::7", "2001:db8:1::5", NONE, NONE,
	    PROTO_ICMPV6, "ASA", "", T_1000 + 30 });
	expect("Mar 03 2024 10:00:31: %ASA-4-106023: Deny tcp src "
	    "outside:2001:db8::7/40000 dst inside:2001:db8:1::5/443 by "
	    "access-group \"OUTSIDE_in\" [0x0, 0x0]", (struct want){
	    DENY("Deny"), "2001:db8::7", "2001:db8:1::5", 40000, 443,
	    PROTO_TCP, "ASA", "", T_1000 + 31 });
	expect("Mar 03 2024 10:00:32: %ASA-4-106023: Deny udp src "
	    "out:side-1:198.51.100.7/5000 (LOCAL\\some user) dst "
	    "in-2.x:192.0.2.5/53(dns.example) by access-group \"a b\" "
	    "[0x0, 0x0]", (struct want){ DENY("Deny"), "198.51.100.7",
	    "192.0.2.5", 5000, 53, PROTO_UDP, "ASA", "", T_1000 + 32 });
	expect("Mar 03 2024 10:00:33: %ASA-4-106023: Deny icmp6 src "
	    "outside:fe80::1%2 dst inside:2001:db8:1::5 (type 135, code 0) "
	    "by access-group \"x\"", (struct want){ DENY("Deny"), "fe80::1",
	    "2001:db8:1::5", NONE, NONE, PROTO_ICMPV6, "ASA", "",
	    T_1000 + 33 });
	expect("Mar 03 2024 10:00:34: %ASA-3-106010: Deny inbound sctp src "
	    "outside:198.51.100.7/5114 dst inside:192.0.2.5/2905",
	    (struct want){ DENY("Deny"), "198.51.100.7", "192.0.2.5", 5114,
	    2905, 132, "ASA", "", T_1000 + 34 });
	/* an interface that looks like hex: the first place that reads */
	expect("Mar 03 2024 10:00:35: %ASA-4-106023: Deny tcp src "
	    "cafe:2001:db8::7/1 dst beef:2001:db8::8/2 by access-group \"x\"",
	    (struct want){ DENY("Deny"), "2001:db8::7", "2001:db8::8", 1, 2,
	    PROTO_TCP, "ASA", "", T_1000 + 35 });
	/* an IPv4-mapped address is the IPv4 address */
	expect("Mar 03 2024 10:00:36: %ASA-4-106023: Deny tcp src "
	    "outside:::ffff:198.51.100.14/1 dst inside:192.0.2.80/8080 by "
	    "access-group \"x\"", (struct want){ DENY("Deny"),
	    "198.51.100.14", "192.0.2.80", 1, 8080, PROTO_TCP, "ASA", "",
	    T_1000 + 36 });
}

/* 106100: access-list hits with their verdict; ICMP type/code and the
 * 0 of portless protocols are not ports. */
static void
test_acl_106100(void **state)
{
	struct event ev;

	expect("<166>Mar 03 2024 10:00:40 fw01 : %ASA-6-106100: access-list "
	    "outside_in denied tcp outside/198.51.100.7(43210) -> "
	    "inside/192.0.2.5(22) hit-cnt 1 first hit [0x1d5dc28a, 0x0]",
	    (struct want){ DENY("denied"), "198.51.100.7", "192.0.2.5",
	    43210, 22, PROTO_TCP, "ASA", "fw01", T_1000 + 40 });
	expect("<166>Mar 03 2024 10:00:41 fw01 : %ASA-6-106100: access-list "
	    "outside_in permitted udp outside/198.51.100.7(5353)(user1) -> "
	    "inside/192.0.2.5(53) hit-cnt 2 300-second interval [0x1, 0x0]",
	    (struct want){ "permitted", ACTION_ALLOW, "198.51.100.7",
	    "192.0.2.5", 5353, 53, PROTO_UDP, "ASA", "fw01", T_1000 + 41 });
	expect("<166>Mar 03 2024 10:00:42 fw01 : %ASA-6-106100: access-list "
	    "outside_in denied icmp outside/2001:db8::7(128) -> "
	    "inside/2001:db8:1::5(0) hit-cnt 1 first hit [0x1, 0x0]",
	    (struct want){ DENY("denied"), "2001:db8::7", "2001:db8:1::5",
	    NONE, NONE, PROTO_ICMPV6, "ASA", "fw01", T_1000 + 42 });
	expect("<166>Mar 03 2024 10:00:43 fw01 : %ASA-6-106100: access-list "
	    "outside_in denied gre outside/198.51.100.7(0) -> "
	    "inside/192.0.2.5(0) hit-cnt 1 first hit [0x1, 0x0]",
	    (struct want){ DENY("denied"), "198.51.100.7", "192.0.2.5",
	    NONE, NONE, 47, "ASA", "fw01", T_1000 + 43 });

	/* est-allowed: its word "allowed" makes it allow */
	assert_int_equal(parse("Mar 03 2024 10:00:44: %ASA-6-106100: "
	    "access-list in est-allowed tcp in/192.0.2.5(22) -> "
	    "out/198.51.100.7(43210) hit-cnt 1 first hit [0x1, 0x0]", &ev),
	    PARSE_OK);
	assert_str_eq(ev.action, "est-allowed");
	assert_int_equal(detect_classify(&ev, PROFILE_DEFAULT),
	    ACTION_ALLOW);

	expect_status("Mar 03 2024 10:00:45: %ASA-5-106100: access-list t "
	    "denied tcp insideintf/somedomainname.local(27218) -> "
	    "OUTSIDE/192.0.2.61(53) hit-cnt 1 first hit [0x1, 0x0]",
	    PARSE_MALFORMED, "bad source address");
	expect_status("Mar 03 2024 10:00:45: %ASA-6-106100: access-list t "
	    "denied tcp out/198.51.100.7(70000) -> in/192.0.2.5(22)",
	    PARSE_MALFORMED, "bad source port");
	expect_status("Mar 03 2024 10:00:45: %ASA-6-106100: access-list t "
	    "denied tcp out/198.51.100.7(1) -> in/192.0.2.5(22",
	    PARSE_MALFORMED, "bad destination port");
}

/*
 * Threat detection.  733101 "Host A is attacking" is an event of class
 * other with the attacker as source and nothing else; targets and
 * subnets, 733100 rates and shun list changes give none.
 */
static void
test_threat_detection(void **state)
{
	expect("Mar 03 2024 10:00:50: %ASA-4-733101: Host 198.51.100.7 is "
	    "attacking. Current burst rate is 200 per second, max configured "
	    "rate is 100; Current average rate is 150 per second, max "
	    "configured rate is 80; Cumulative total count is 12000",
	    (struct want){ "attacking", ACTION_OTHER, "198.51.100.7", NULL,
	    NONE, NONE, NONE, "ASA", "", T_1000 + 50 });
	expect_status("Mar 03 2024 10:00:50: %ASA-4-733101: Host 192.0.2.5 "
	    "is targeted. Current burst rate is 200 per second, max "
	    "configured rate is 100; Current average rate is 150 per "
	    "second, max configured rate is 80; Cumulative total count is "
	    "12000", PARSE_SKIP, "threat detection: target or subnet");
	expect_status("Mar 03 2024 10:00:50: %ASA-4-733101: Subnet "
	    "198.51.100.0 is attacking. Current burst rate is 200 per "
	    "second", PARSE_SKIP, "threat detection: target or subnet");
	expect_status("Mar 03 2024 10:00:50: %ASA-4-733101: Host "
	    "198.51.100.x is attacking. Current", PARSE_MALFORMED,
	    "bad source address");
	expect_status("Mar 03 2024 10:00:50: %ASA-4-733101: Host",
	    PARSE_MALFORMED, "unexpected message text");
	expect_status("Mar 03 2024 10:00:51: %ASA-4-733100: [ Scanning] drop "
	    "rate-1 exceeded. Current burst rate is 11 per second, max "
	    "configured rate is 10; Current average rate is 2 per second, "
	    "max configured rate is 5; Cumulative total count is 1302",
	    PARSE_SKIP, "message type not read");
	expect_status("Mar 03 2024 10:00:52: %ASA-4-733102: Threat-detection "
	    "adds host 198.51.100.7 to shun list", PARSE_SKIP,
	    "message type not read");
	expect_status("Mar 03 2024 10:00:52: %ASA-3-401002: Shun added: "
	    "198.51.100.7 0.0.0.0 0 0", PARSE_SKIP, "message type not read");
	expect("Mar 03 2024 10:00:53: %ASA-2-401004: Shunned packet: "
	    "198.51.100.7 ==> 192.0.2.5 on interface outside", (struct want){
	    DENY("Shunned"), "198.51.100.7", "192.0.2.5", NONE, NONE, NONE,
	    "ASA", "", T_1000 + 53 });
	expect_status("Mar 03 2024 10:00:53: %ASA-2-401004: Shunned packet: "
	    "198.51.100.7 ==>", PARSE_MALFORMED, "no destination address");
}

/* IOS access-list lines: numbered protocol, ICMP, standard list, IPv6,
 * an interface after the source, IOS-XE's prefix. */
static void
test_ios(void **state)
{
	expect("Mar  3 10:01:00 router1 1234: *Mar  3 10:00:59.114 UTC: "
	    "%SEC-6-IPACCESSLOGDP: list 101 denied icmp 203.0.113.31 "
	    "(GigabitEthernet0/0 0000.5e00.5301) -> 192.0.2.25 (8/0), 1 "
	    "packet", (struct want){ DENY("denied"), "203.0.113.31",
	    "192.0.2.25", NONE, NONE, PROTO_ICMP, "IOS", "router1",
	    T_1000 + 60 });
	expect("Mar  3 10:01:01 router1 %SEC-6-IPACCESSLOGNP: list 101 "
	    "permitted 47 203.0.113.31 -> 192.0.2.25, 3 packets",
	    (struct want){ "permitted", ACTION_ALLOW, "203.0.113.31",
	    "192.0.2.25", NONE, NONE, 47, "IOS", "router1", T_1000 + 61 });
	expect("Mar  3 10:01:02 router1 %SEC-6-IPACCESSLOGS: list 10 denied "
	    "203.0.113.31 1 packet", (struct want){ DENY("denied"),
	    "203.0.113.31", NULL, NONE, NONE, NONE, "IOS", "router1",
	    T_1000 + 62 });
	expect("Mar  3 10:01:03 router1 %IPV6_ACL-6-ACCESSLOGP: list "
	    "OUTSIDE-IN6/20 denied tcp 2001:DB8::31(50150) -> "
	    "2001:DB8:1::25(22), 5 packets", (struct want){ DENY("denied"),
	    "2001:db8::31", "2001:db8:1::25", 50150, 22, PROTO_TCP, "IOS",
	    "router1", T_1000 + 63 });
	expect("Mar  3 10:01:04 rtr-xe %FMANFP-6-IPACCESSLOGP: F0: "
	    "fman_fp_image: list OUTSIDE denied udp 203.0.113.31(1900) -> "
	    "192.0.2.25(1900), 2 packets", (struct want){ DENY("denied"),
	    "203.0.113.31", "192.0.2.25", 1900, 1900, PROTO_UDP, "IOS",
	    "rtr-xe", T_1000 + 64 });
	expect_status("Mar  3 10:01:05 router1 %SEC-6-IPACCESSLOGRL: "
	    "access-list logging rate-limited or missed 12 packets",
	    PARSE_SKIP, "message type not read");
	expect_status("Mar  3 10:01:05 router1 %SEC-6-IPACCESSLOGP: list "
	    "OUTSIDE-IN denied tcp 203.0.113.31(50150) ->", PARSE_MALFORMED,
	    "no destination address");
	expect_status("Mar  3 10:01:05 router1 %SEC-6-IPACCESSLOGP: "
	    "access-list", PARSE_MALFORMED, "unexpected message text");
}

/* A sequence number and a zone before the marker: 10:01:03.5 CET is
 * 09:01:03.5Z. */
static void
test_ios_zone(void **state)
{
	struct event ev;

	assert_int_equal(parse("000123: Mar  3 10:01:03.5 CET: "
	    "%IPV6_ACL-6-ACCESSLOGP: list A denied tcp 2001:DB8::31(1) -> "
	    "2001:DB8:1::25(22), 1 packet", &ev), PARSE_OK);
	assert_true(ev.has_time);
	assert_int_equal(ev.time, (T_1000 - 3600 + 63) * USEC_PER_SEC +
	    500000);
	assert_int_equal(ev.device.n, 0);

	/* an unknown zone word is read in --tz (UTC here), not a host */
	assert_int_equal(parse("*Mar  3 10:01:06.000 XYZ: "
	    "%SEC-6-IPACCESSLOGP: list A denied tcp 203.0.113.31(1) -> "
	    "192.0.2.25(22), 1 packet", &ev), PARSE_OK);
	assert_int_equal(ev.time, (T_1000 + 66) * USEC_PER_SEC);
	assert_int_equal(ev.device.n, 0);
}

/* Headers: PRI, the ASA's own time, device-id forms, ISO, a relay. */
static void
test_headers(void **state)
{
	static const char body[] = "%ASA-4-106023: Deny tcp src "
	    "outside:198.51.100.7/40000 dst inside:192.0.2.5/22 by "
	    "access-group \"in\" [0x0, 0x0]";
	static const struct {
		const char *prefix, *device;
		int64_t time;
	} h[] = {
		{ "<164>Mar 03 2024 10:02:00: ", "", T_1000 + 120 },
		{ "Mar 03 2024 10:02:01 asa01 : ", "asa01", T_1000 + 121 },
		{ "<166>Mar 03 2024 10:02:02 asa01 ", "asa01", T_1000 + 122 },
		{ "May  5 17:51:17 dev01: ", "dev01",
		    INT64_C(1683309077) },
		{ "2024-03-03T10:02:03-05:00 fw-2 : ", "fw-2",
		    T_1000 + 5 * 3600 + 123 },
		{ "Mar  3 10:02:09 192.0.2.1 Mar 03 2024 10:02:04: ",
		    "192.0.2.1", T_1000 + 124 },
		{ "Mar 03 2024 10:02:05 CET: ", "", T_1000 - 3600 + 125 },
		{ "<166>1 2024-03-03T10:02:06Z asa03 - - - - ", "asa03",
		    T_1000 + 126 },
		{ "", "", NONE },
	};
	char buf[512];

	for (size_t i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
		setup(NULL);
		snprintf(buf, sizeof(buf), "%s%s", h[i].prefix, body);
		expect(buf, (struct want){ DENY("Deny"), "198.51.100.7",
		    "192.0.2.5", 40000, 22, PROTO_TCP, "ASA", h[i].device,
		    h[i].time });
	}

	/* FTD and PIX markers name the product */
	expect("Mar 03 2024 10:02:07 ftd01 : %FTD-4-106023: Deny udp src "
	    "outside:198.51.100.7/53 dst inside:192.0.2.5/53 by access-group "
	    "\"CSM_FW_ACL_\" [0x97aa021a, 0x0]", (struct want){ DENY("Deny"),
	    "198.51.100.7", "192.0.2.5", 53, 53, PROTO_UDP, "FTD", "ftd01",
	    T_1000 + 127 });
	expect("<1>Mar  3 10:02:08 pix01 %PIX-4-106023: Deny tcp src "
	    "outside:198.51.100.7/9609 dst inside:192.0.2.5/81 by "
	    "access-group \"INBOUND\" ", (struct want){ DENY("Deny"),
	    "198.51.100.7", "192.0.2.5", 9609, 81, PROTO_TCP, "PIX",
	    "pix01", T_1000 + 128 });
}

/* The IOS '*' (clock not set) yields to a syslog header time. */
static void
test_unsynced_clock(void **state)
{
	struct event ev;

	assert_int_equal(parse("Mar  3 10:03:00 192.0.2.1 77: *Mar  1 "
	    "00:01:23.456: %SEC-6-IPACCESSLOGP: list A denied tcp "
	    "203.0.113.31(1) -> 192.0.2.25(22), 1 packet", &ev), PARSE_OK);
	assert_int_equal(ev.time, (T_1000 + 180) * USEC_PER_SEC);
	assert_str_eq(ev.device, "192.0.2.1");

	/* a synchronised device time wins over the relay's */
	assert_int_equal(parse("Mar  3 10:03:09 192.0.2.1 78: Mar  3 "
	    "10:03:01.250: %SEC-6-IPACCESSLOGP: list A denied tcp "
	    "203.0.113.31(1) -> 192.0.2.25(22), 1 packet", &ev), PARSE_OK);
	assert_int_equal(ev.time, (T_1000 + 181) * USEC_PER_SEC + 250000);
}

/* Truncated and damaged lines of messages the parser reads. */
static void
test_malformed(void **state)
{
	static const struct {
		const char *line, *reason;
	} m[] = {
		{ "%ASA-4-106023:", "no message text" },
		{ "%ASA-4-106023", "no message text" },
		{ "%ASA-4-106023: Deny tcp src outside:198.51.100.7/4",
		    "no destination address" },
		{ "%ASA-4-106023: Deny tcp src", "no source address" },
		{ "%ASA-4-106023: Deny tcp", "unexpected message text" },
		{ "%ASA-4-106023: Deny tcp src outside:198.51.100.7/x dst "
		    "inside:192.0.2.5/22", "bad source port" },
		{ "%ASA-4-106023: Deny tcp src outside:198.51.100.7/1 dst "
		    "inside:192.0.2.256/22", "bad destination address" },
		{ "%ASA-4-106023: Deny tcp src outside:198.51.100.7/1 dst "
		    "inside:192.0.2.5/", "bad destination port" },
		{ "%ASA-2-106001: Inbound TCP connection denied from "
		    "198.51.100.7/1 to", "no destination address" },
		{ "%ASA-2-106001: Inbound TCP connection",
		    "unexpected message text" },
		{ "%ASA-2-106006: Deny inbound UDP to 192.0.2.5/53",
		    "no source address" },
		{ "%ASA-3-710003: TCP access denied by ACL from 198.51.100.7/1 "
		    "to outside:192.0.2.5/ssh", "bad destination port" },
		{ "%ASA-6-106100: access-list", "unexpected message text" },
		{ "%ASA-6-106100: access-list a denied tcp",
		    "no source address" },
		{ "%ASA-2-401004: Shunned", "unexpected message text" },
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		expect_status(m[i].line, PARSE_MALFORMED, m[i].reason);
}

/* Lines of other formats, and near misses of the marker. */
static void
test_not_mine(void **state)
{
	static const char *const line[] = {
		"",
		"Mar  3 10:00:00 fw01 CEF:0|Cisco|ASA|9.8|106023|Deny|5|"
		    "src=198.51.100.7 dst=192.0.2.5 act=Deny",
		"Mar  3 10:00:01 gw01 kernel: [1.0] DROP IN=eth0 OUT= "
		    "SRC=203.0.113.7 DST=192.0.2.1 PROTO=TCP SPT=1 DPT=22",
		"date=2024-03-03 time=10:00:00 devname=\"fg\" type=\"traffic\" "
		    "action=\"deny\" srcip=198.51.100.7 dstip=192.0.2.5 "
		    "msg=\"%ASA-4-106023: Deny\"",
		"Mar  3 10:00:02 host app: 100% done, %ASA- pending",
		"Mar  3 10:00:02 host %ASA-4-10602: short id",
		"Mar  3 10:00:02 host %ASA-4-1060230: long id",
		"Mar  3 10:00:02 host %ASA-9-106023: bad severity",
		"Mar  3 10:00:02 host x%ASA-4-106023: Deny tcp src a:1.2.3.4 "
		    "dst b:1.2.3.5",
		"Mar  3 10:00:02 host %SEC-6-IPACCESSLOG list 1 denied",
		"Mar  3 10:00:02 host %SYS-5-CONFIG_I: Configured from console",
		"%",
	};
	struct event ev;

	for (size_t i = 0; i < sizeof(line) / sizeof(line[0]); i++)
		if (parse(line[i], &ev) != PARSE_NOT_MINE) {
			print_error("claimed: %s\n", line[i]);
			fail();
		}
}

/* NUL bytes and lines cut by the length: nothing past n is read. */
static void
test_length_bound(void **state)
{
	static const char full[] = "%ASA-4-106023: Deny tcp src "
	    "outside:198.51.100.7/40000 dst inside:192.0.2.5/2222 by x";
	static const char nul[] = "%ASA-4-106023: Deny tcp src "
	    "outside:198.51.100.7/1 dst inside:192.0\0.2.5/22 by x";
	static const char hnul[] = "Mar 03 2024 10:04:00 fw\0x : "
	    "%ASA-4-106023: Deny tcp src outside:198.51.100.7/1 dst "
	    "inside:192.0.2.5/22 by x";
	size_t cut = strlen("%ASA-4-106023: Deny tcp src "
	    "outside:198.51.100.7/40000 dst inside:192.0.2.5/22");
	char *buf = malloc(cut);
	struct event ev;

	/* an exact-size buffer without a NUL: the port reads as 22 */
	memcpy(buf, full, cut);
	assert_int_equal(format_asa.parse(&ctx, buf, cut, &ev), PARSE_OK);
	assert_int_equal(ev.dport, 22);

	/* cut inside the marker */
	assert_int_equal(format_asa.parse(&ctx, buf, 10, &ev),
	    PARSE_NOT_MINE);
	free(buf);

	/* a NUL inside the destination address */
	assert_int_equal(format_asa.parse(&ctx, nul, sizeof(nul) - 1, &ev),
	    PARSE_MALFORMED);
	assert_string_equal(ctx.reason, "bad destination address");

	/* a NUL in the header before the marker: no device */
	assert_int_equal(format_asa.parse(&ctx, hnul, sizeof(hnul) - 1,
	    &ev), PARSE_OK);
	assert_int_equal(ev.time, (T_1000 + 240) * USEC_PER_SEC);
	assert_int_equal(ev.device.n, 0);
}

static void
test_sniff(void **state)
{
	static const char asa[] =
	    "<164>Mar 03 2024 10:00:00: %ASA-4-106023: Deny tcp src "
	    "outside:198.51.100.7/1 dst inside:192.0.2.5/22 by x\n"
	    "<166>Mar 03 2024 10:00:01: %ASA-6-302013: Built inbound TCP "
	    "connection 1 for outside:198.51.100.7/1 (198.51.100.7/1) to "
	    "inside:192.0.2.5/22 (192.0.2.5/22)\n";
	static const char mixed[] =
	    "Mar  3 10:00:00 host sshd[1]: Accepted publickey for a\n"
	    "Mar  3 10:00:01 fw %ASA-4-106023: Deny tcp src o:198.51.100.7/1 "
	    "dst i:192.0.2.5/22 by x\n";
	static const char other[] =
	    "Mar  3 10:00:00 host sshd[1]: Accepted publickey for a\n";

	assert_int_equal(format_asa.sniff(asa, sizeof(asa) - 1), 95);
	assert_int_equal(format_asa.sniff(mixed, sizeof(mixed) - 1), 62);
	assert_int_equal(format_asa.sniff(other, sizeof(other) - 1), 0);
	assert_int_equal(format_asa.sniff("", 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_b013_protocol_zero, setup),
		cmocka_unit_test_setup(test_b047_words, setup),
		cmocka_unit_test_setup(test_corpus_iface_prefix, setup),
		cmocka_unit_test_setup(test_corpus_repeat, setup),
		cmocka_unit_test_setup(test_corpus_wazuh_denies, setup),
		cmocka_unit_test_setup(test_corpus_wazuh_portless, setup),
		cmocka_unit_test_setup(test_corpus_wazuh_skipped, setup),
		cmocka_unit_test_setup(test_corpus_files, setup),
		cmocka_unit_test_setup(test_from_to_messages, setup),
		cmocka_unit_test_setup(test_src_dst_messages, setup),
		cmocka_unit_test_setup(test_acl_106100, setup),
		cmocka_unit_test_setup(test_threat_detection, setup),
		cmocka_unit_test_setup(test_ios, setup),
		cmocka_unit_test_setup(test_ios_zone, setup),
		cmocka_unit_test_setup(test_headers, setup),
		cmocka_unit_test_setup(test_unsynced_clock, setup),
		cmocka_unit_test_setup(test_malformed, setup),
		cmocka_unit_test_setup(test_not_mine, setup),
		cmocka_unit_test_setup(test_length_bound, setup),
		cmocka_unit_test_setup(test_sniff, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
