/*
 * test_srx.c - the Juniper SRX parser against docs/formats.md: every line
 * of corpus/other_firewalls/elastic_juniper_srx_test-flow.log, fixtures
 * written from Juniper's published message layouts (RT_FLOW_SESSION_DENY
 * "session denied source-address/source-port->destination-address/
 * destination-port service-name protocol-id(icmp-type) policy-name
 * source-zone-name destination-zone-name", with the connection tag "0x0"
 * after the address pair from 12.1X47 on, and the session log field
 * tables), and pitfalls B017, B027, B028 and B047.  Expected times are
 * worked out from the calendar: 2024-03-03T10:00:00Z is 1709460000.
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/action.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_srx;

#define T_20240303_1000 INT64_C(1709460000)
#define T_20240303_1200 INT64_C(1709467200)
#define MS(sec, ms) ((INT64_C(sec) * 1000 + (ms)) * 1000)
#define SD "[junos@2636.1.1.1.2.129 "
#define HDR "<14>1 2024-03-03T10:00:06.250Z srx2 RT_FLOW - "
#define BSD "Mar  3 10:00:01 srx1 RT_FLOW: "

static struct parse_ctx ctx;

static void
stream_reset(int64_t ref)
{
	memset(&ctx, 0, sizeof(ctx));
	time_ctx_init(&ctx.time, ref * USEC_PER_SEC, true);
}

static int
setup(void **state)
{
	const char *err;

	(void)state;
	assert_int_equal(tz_select("UTC", &err), 0);
	action_vocab_reset();
	stream_reset(T_20240303_1200);
	return 0;
}

static enum parse_status
srx(const char *line, struct event *ev)
{
	ctx.reason = NULL;
	return format_srx.parse(&ctx, line, strlen(line), ev);
}

static void
srx_ok(const char *line, struct event *ev)
{
	enum parse_status st = srx(line, ev);

	if (st != PARSE_OK)
		print_error("status %d (%s) for: %s\n", st,
		    ctx.reason ? ctx.reason : "-", line);
	assert_int_equal(st, PARSE_OK);
}

static void
srx_status(const char *line, enum parse_status want, const char *reason)
{
	struct event ev;

	assert_int_equal(srx(line, &ev), want);
	if (reason != NULL) {
		assert_non_null(ctx.reason);
		assert_string_equal(ctx.reason, reason);
	}
}

static enum action_class
verdict(const struct event *ev)
{
	return (enum action_class)ev->verdict;
}

/* One line of the corpus file and what it must give. */
struct want {
	int line;		/* 1-based */
	const char *action;	/* NULL: skipped as an AppTrack record */
	int64_t usec;
	const char *src, *dst;
	int sport, dport;	/* -1: absent */
	int proto;
	const char *device;
	uint64_t ident;
};

#define APPTRACK(n) { n, NULL, 0, NULL, NULL, -1, -1, -1, NULL, 0 }

static const struct want corpus_want[] = {
	{ 1, "CREATE", MS(1573720671, 184), "10.0.0.1", "67.43.156.13",
	    -1, -1, 1, "SRX-GW1", 6093 },
	{ 2, "DENY", MS(1573726366, 573), "10.0.0.26", "67.43.156.13",
	    37233, 161, 17, "SRX-GW1", 7087 },
	{ 3, "DENY", MS(1398932811, 179), "67.43.156.15", "67.43.156.15",
	    56639, 2003, 6, "fw01", 0 },
	{ 4, "CLOSE", MS(1398932890, 933), "67.43.156.15", "67.43.156.15",
	    63456, 902, 17, "fw01", 15353 },
	{ 5, "CREATE", MS(1383582189, 264), "67.43.156.14", "67.43.156.14",
	    -1, -1, 1, "cixi", 100000165 },
	{ 6, "CREATE", MS(1285829704, 323), "192.168.2.1", "192.168.100.12",
	    -1, -1, 1, "mrpp-srx550-dut01", 41 },
	{ 7, "CLOSE", MS(1285829707, 188), "192.168.2.1", "192.168.100.12",
	    -1, -1, 1, "mrpp-srx550-dut01", 41 },
	{ 8, "CLOSE", MS(1555079346, 576), "10.3.255.203", "67.43.156.15",
	    47776, 80, 6, "cixi", 5 },
	{ 9, "CLOSE", MS(1555165986, 576), "192.168.2.164", "172.16.1.19",
	    53232, 445, 6, "cixi", 206 },
	{ 10, "CLOSE", MS(1538875940, 898), "67.43.156.14", "67.43.156.14",
	    52890, 53, 17, "TestFW2", 220368889 },
	{ 11, "CLOSE", MS(1530325042, 753), "192.168.255.2", "67.43.156.15",
	    62047, 53, 17, "fw0001", 9621 },
	{ 12, "CLOSE", MS(1443190793, 846), "10.164.110.223",
	    "10.104.12.161", 9057, 21, 6, "VPNBox-A", 24311 },
	APPTRACK(13), APPTRACK(14), APPTRACK(15), APPTRACK(16), APPTRACK(17),
	APPTRACK(18),
	{ 19, "CREATE", MS(1604506989, 264), "67.43.156.14", "67.43.156.14",
	    -1, -1, 1, "cixi", 100000165 },
	{ 20, "DENY", MS(1605348766, 573), "10.0.0.26", "67.43.156.13",
	    37233, 161, 17, "SRX-GW1", 7087 },
	APPTRACK(21), APPTRACK(22),
	{ 23, "CLOSE", MS(1594658585, 41), "10.1.1.100", "67.43.156.15",
	    64720, 8883, 6, "SRX100HM", 3851 },
	{ 24, "CREATE", MS(1594656725, 530), "10.1.1.100", "67.43.156.15",
	    49583, 53, 17, "SRX100HM", 15399 },
	APPTRACK(25),
	/* the last record has a stray "1002" after its SD element */
	{ 26, "CREATE", MS(1573720671, 184), "10.0.0.1", "67.43.156.13",
	    -1, -1, 1, "SRX-GW1", 6093 },
};

static void
check_want(const struct want *w, const struct event *ev)
{
	assert_str_eq(ev->action, w->action);
	assert_int_equal(verdict(ev), strcmp(w->action, "DENY") == 0 ?
	    ACTION_DENY : ACTION_ALLOW);
	assert_true(ev->has_time);
	assert_int_equal(ev->time, w->usec);
	assert_addr_eq(ev->src, w->src);
	assert_addr_eq(ev->dst, w->dst);
	assert_int_equal(ev->has_sport, w->sport >= 0);
	assert_int_equal(ev->has_dport, w->dport >= 0);
	if (w->sport >= 0)
		assert_int_equal(ev->sport, w->sport);
	if (w->dport >= 0)
		assert_int_equal(ev->dport, w->dport);
	assert_int_equal(ev->proto, w->proto);
	assert_str_eq(ev->device, w->device);
	assert_str_eq(ev->vendor, "Juniper");
	assert_str_eq(ev->product, "SRX");
	assert_int_equal(ev->ident, w->ident);
}

/* Every line of the corpus file: 17 events, 9 AppTrack records skipped. */
static void
test_corpus(void **state)
{
	const char *dir = getenv("SHARED");
	char path[4096], *line = NULL;
	size_t cap = 0, k = 0;
	ssize_t len;
	struct event ev;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/corpus/other_firewalls/"
	    "elastic_juniper_srx_test-flow.log", dir ? dir : "../shared");
	if ((fp = fopen(path, "r")) == NULL)
		skip();
	while ((len = getline(&line, &cap, fp)) >= 0) {
		const struct want *w = &corpus_want[k++];

		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		ctx.reason = NULL;
		if (w->action == NULL) {
			assert_int_equal(format_srx.parse(&ctx, line,
			    (size_t)len, &ev), PARSE_SKIP);
			assert_string_equal(ctx.reason, "AppTrack record");
			continue;
		}
		srx_ok(line, &ev);
		check_want(w, &ev);
	}
	assert_int_equal(k, sizeof(corpus_want) / sizeof(corpus_want[0]));
	free(line);
	fclose(fp);
}

/* The plain form, as Junos releases 10 to 12.1X46 write it. */
static void
test_plain_deny_old(void **state)
{
	struct event ev;

	srx_ok(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113.5/40000->192.0.2.1/23 junos-telnet 6(0) default-deny "
	    "untrust trust", &ev);
	assert_str_eq(ev.action, "DENY");
	assert_int_equal(verdict(&ev), ACTION_DENY);
	assert_int_equal(action_classify(ev.action.p, ev.action.n),
	    ACTION_DENY);
	assert_addr_eq(ev.src, "203.0.113.5");
	assert_addr_eq(ev.dst, "192.0.2.1");
	assert_int_equal(ev.sport, 40000);
	assert_int_equal(ev.dport, 23);
	assert_true(ev.has_sport && ev.has_dport);
	assert_int_equal(ev.proto, PROTO_TCP);
	assert_str_eq(ev.device, "srx1");
	assert_int_equal(ev.time, (T_20240303_1000 + 1) * USEC_PER_SEC);
	assert_int_equal(ev.ident, 0);

	/* 11.x and 12.1X44 add application, user, interface, reason */
	srx_ok("Mar  3 10:00:02 srx1 RT_FLOW: RT_FLOW_SESSION_DENY: session "
	    "denied 203.0.113.5/40001->192.0.2.1/53 junos-dns-udp 17(0) "
	    "default-deny(global) trust trust UNKNOWN UNKNOWN N/A(N/A) "
	    "ge-0/0/0.0 UNKNOWN policy deny", &ev);
	assert_int_equal(ev.proto, PROTO_UDP);
	assert_int_equal(ev.dport, 53);
	assert_int_equal(ev.time, (T_20240303_1000 + 2) * USEC_PER_SEC);
}

/* From 12.1X47 on a connection tag follows the address pair. */
static void
test_plain_deny_new(void **state)
{
	struct event ev;

	srx_ok(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113.5/40000->192.0.2.1/3389 0x0 junos-ms-rdp 6(0) "
	    "default-deny(global) untrust trust UNKNOWN UNKNOWN N/A(N/A) "
	    "ge-0/0/0.0 No policy deny 1 N/A N/A -1 N/A N/A N/A", &ev);
	assert_addr_eq(ev.src, "203.0.113.5");
	assert_int_equal(ev.dport, 3389);
	assert_int_equal(ev.proto, PROTO_TCP);
	assert_str_eq(ev.action, "DENY");

	/* the logical-system variant */
	srx_ok(BSD "RT_FLOW_SESSION_DENY_LS: session denied "
	    "203.0.113.5/40002->192.0.2.1/445 0x0 junos-smb 6(0) "
	    "deny-all(ls1) untrust trust", &ev);
	assert_str_eq(ev.action, "DENY");
	assert_int_equal(verdict(&ev), ACTION_DENY);
	assert_int_equal(ev.dport, 445);
}

/* B028: an IPv6 pair splits at the last "/" of each side. */
static void
test_b028_ipv6_plain(void **state)
{
	struct event ev;

	srx_ok(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "2001:db8:4:5::7/51000->2001:db8::10/22 0x0 junos-ssh 6(0) "
	    "default-deny(global) untrust trust UNKNOWN UNKNOWN N/A(N/A) "
	    "ge-0/0/0.0 No policy deny", &ev);
	assert_addr_eq(ev.src, "2001:db8:4:5::7");
	assert_addr_eq(ev.dst, "2001:db8::10");
	assert_int_equal(ev.sport, 51000);
	assert_int_equal(ev.dport, 22);
}

/* ICMP: the "ports" are identifier and type, not ports; absent. */
static void
test_icmp_no_ports(void **state)
{
	struct event ev;

	srx_ok(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "198.51.100.7/2048->192.0.2.1/29186 icmp 1(8) default-deny "
	    "untrust trust", &ev);
	assert_int_equal(ev.proto, PROTO_ICMP);
	assert_false(ev.has_sport || ev.has_dport);
	srx_ok(HDR "RT_FLOW_SESSION_DENY " SD "source-address=\"2001:db8::5\" "
	    "source-port=\"7\" destination-address=\"2001:db8::1\" "
	    "destination-port=\"128\" protocol-id=\"58\" icmp-type=\"128\"]",
	    &ev);
	assert_int_equal(ev.proto, PROTO_ICMPV6);
	assert_false(ev.has_sport || ev.has_dport);
}

/* Created and closed sessions: allowed, with no protocol in plain text. */
static void
test_plain_create_close(void **state)
{
	struct event ev;

	srx_ok(BSD "RT_FLOW_SESSION_CREATE: session created "
	    "192.0.2.10/51000->198.51.100.53/53 junos-dns-udp "
	    "192.0.2.10/51000->198.51.100.53/53 None None 17 trust-to-untrust "
	    "trust untrust 4242", &ev);
	assert_str_eq(ev.action, "CREATE");
	assert_int_equal(verdict(&ev), ACTION_ALLOW);
	assert_addr_eq(ev.src, "192.0.2.10");
	assert_addr_eq(ev.dst, "198.51.100.53");
	assert_int_equal(ev.dport, 53);
	assert_int_equal(ev.proto, -1);

	srx_ok(BSD "RT_FLOW_SESSION_CLOSE: session closed TCP FIN: "
	    "192.0.2.10/51001->198.51.100.80/443 0x0 junos-https "
	    "192.0.2.10/51001->198.51.100.80/443 0x0 source rule nat1 N/A N/A "
	    "6 trust-to-untrust trust untrust 4243 12(3400) 10(5600) 2", &ev);
	assert_str_eq(ev.action, "CLOSE");
	assert_int_equal(verdict(&ev), ACTION_ALLOW);
	assert_int_equal(ev.sport, 51001);
	assert_int_equal(ev.dport, 443);
	assert_int_equal(ev.proto, -1);

	/* a close reason naming a reset is still a permitted session */
	srx_ok(HDR "RT_FLOW_SESSION_CLOSE " SD "reason=\"TCP SERVER RST\" "
	    "source-address=\"203.0.113.7\" source-port=\"40000\" "
	    "destination-address=\"192.0.2.8\" destination-port=\"8080\" "
	    "protocol-id=\"6\"]", &ev);
	assert_int_equal(verdict(&ev), ACTION_ALLOW);
}

/* Where the tag may stand in plain text, and what surrounds it. */
static void
test_plain_headers(void **state)
{
	struct event ev;
	const char *body = "session denied 203.0.113.9/9370->192.0.2.131/370 "
	    "None 17(0) default-permit trust untrust";
	char line[512];

	snprintf(line, sizeof(line), "Mar  3 10:00:03 srx1 RT_FLOW: "
	    "%%-RT_FLOW_SESSION_DENY: %s", body);
	srx_ok(line, &ev);
	assert_int_equal(ev.dport, 370);
	snprintf(line, sizeof(line), "Mar  3 10:00:03 srx1 RT_FLOW: "
	    "%%PFE-6-RT_FLOW_SESSION_DENY: %s", body);
	srx_ok(line, &ev);

	/* no host: two spaces after the time */
	snprintf(line, sizeof(line), "Mar  3 05:02:28  RT_FLOW: "
	    "RT_FLOW_SESSION_DENY: %s", body);
	srx_ok(line, &ev);
	assert_int_equal(ev.device.n, 0);
	assert_int_equal(ev.time, (T_20240303_1000 - 4 * 3600 - 3600 + 148) *
	    USEC_PER_SEC);

	/* the tag itself taken for the program name */
	snprintf(line, sizeof(line), "Mar  3 10:00:04 srx1 "
	    "RT_FLOW_SESSION_DENY: %s", body);
	srx_ok(line, &ev);
	assert_str_eq(ev.device, "srx1");
	assert_int_equal(ev.time, (T_20240303_1000 + 4) * USEC_PER_SEC);

	/* a year and milliseconds in the header */
	snprintf(line, sizeof(line), "Mar  3 2024 10:00:05.123 srx1 RT_FLOW: "
	    "RT_FLOW_SESSION_DENY: %s", body);
	srx_ok(line, &ev);
	assert_int_equal(ev.time, MS(1709460005, 123));

	/* no header at all: no time of its own */
	snprintf(line, sizeof(line), "RT_FLOW: RT_FLOW_SESSION_DENY: %s",
	    body);
	srx_ok(line, &ev);
	assert_false(ev.has_time);
	assert_int_equal(ev.device.n, 0);
}

/* The structured form: IPv6, text after the SD element, other headers. */
static void
test_structured_forms(void **state)
{
	struct event ev;

	srx_ok(HDR "RT_FLOW_SESSION_DENY " SD "source-address=\"2001:db8::5\" "
	    "source-port=\"40000\" destination-address=\"2001:db8:1::10\" "
	    "destination-port=\"443\" connection-tag=\"0\" service-name="
	    "\"junos-https\" protocol-id=\"6\" icmp-type=\"0\" policy-name="
	    "\"default-deny\" source-zone-name=\"untrust\" "
	    "destination-zone-name=\"trust\" application=\"UNKNOWN\" "
	    "nested-application=\"UNKNOWN\" username=\"N/A\" roles=\"N/A\" "
	    "packet-incoming-interface=\"ge-0/0/0.0\" encrypted=\"No\" "
	    "reason=\"policy deny\" session-id-32=\"12\" "
	    "application-category=\"N/A\" application-sub-category=\"N/A\" "
	    "application-risk=\"-1\" application-characteristics=\"N/A\"]",
	    &ev);
	assert_addr_eq(ev.src, "2001:db8::5");
	assert_addr_eq(ev.dst, "2001:db8:1::10");
	assert_int_equal(ev.dport, 443);
	assert_int_equal(ev.proto, PROTO_TCP);
	assert_int_equal(ev.ident, 12);
	assert_str_eq(ev.device, "srx2");
	assert_int_equal(ev.time, MS(1709460006, 250));

	/* without "brief": the English text follows, and is not read */
	srx_ok(HDR "RT_FLOW_SESSION_DENY " SD "source-address=\"203.0.113.5\" "
	    "source-port=\"1\" destination-address=\"192.0.2.1\" "
	    "destination-port=\"2\" protocol-id=\"17\"] session denied "
	    "198.51.100.1/3->198.51.100.2/4 None 6(0) p untrust trust", &ev);
	assert_addr_eq(ev.src, "203.0.113.5");
	assert_int_equal(ev.dport, 2);
	assert_int_equal(ev.proto, PROTO_UDP);

	/* relayed behind another syslog header: the SRX's own time and host */
	srx_ok("Sep 23 13:54:55 192.0.2.250 junos-flow: "
	    "2017-09-23T13:54:54.803Z srx3 RT_FLOW - RT_FLOW_SESSION_DENY "
	    "[junos@2636.1.1.1.2.39 source-address=\"203.0.113.1\" "
	    "source-port=\"1080\" destination-address=\"192.0.2.2\" "
	    "destination-port=\"8010\" protocol-id=\"17\"]", &ev);
	assert_int_equal(ev.time, MS(1506174894, 803));
	assert_str_eq(ev.device, "srx3");

	/* no PRI */
	srx_ok("1 2015-09-12T00:00:01.363+09:00 srx4 RT_FLOW - "
	    "RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.35 source-address="
	    "\"203.0.113.2\" source-port=\"7002\" destination-address="
	    "\"192.0.2.3\" destination-port=\"80\" protocol-id=\"6\"]", &ev);
	assert_int_equal(ev.time, MS(1441983601, 363));
	assert_str_eq(ev.device, "srx4");

	/* no offset: read in --tz (UTC here) */
	srx_ok("<14>1 2013-01-19T15:18:17.040 SRX100HM RT_FLOW - "
	    "RT_FLOW_SESSION_DENY " SD "source-address=\"203.0.113.3\" "
	    "destination-address=\"192.0.2.4\" destination-port=\"21\"]", &ev);
	assert_int_equal(ev.time, MS(1358608697, 40));
	assert_false(ev.has_sport);
	assert_int_equal(ev.proto, -1);

	/* a nil time and host */
	srx_ok("<14>1 - - RT_FLOW - RT_FLOW_SESSION_DENY " SD
	    "source-address=\"203.0.113.4\" destination-address=\"192.0.2.5\" "
	    "destination-port=\"22\"]", &ev);
	assert_false(ev.has_time);
	assert_int_equal(ev.device.n, 0);
}

/* SD values: escapes, typographic quotes, a repeated key. */
static void
test_structured_values(void **state)
{
	struct event ev;

	srx_ok(HDR "RT_FLOW_SESSION_DENY " SD "policy-name=\"a\\\"b]c\" "
	    "source-address=\"203.0.113.5\" source-port=\"1\" "
	    "destination-address=\"192.0.2.1\" destination-port=\"23\" "
	    "source-address=\"198.51.100.1\" apbr-rule-type=\xe2\x80\x9d"
	    "default\xe2\x80\x9d flag]", &ev);
	assert_addr_eq(ev.src, "203.0.113.5");
	assert_int_equal(ev.dport, 23);

	/* B027: an IPv4-mapped source is the IPv4 address */
	srx_ok(HDR "RT_FLOW_SESSION_DENY " SD "source-address="
	    "\"::ffff:198.51.100.14\" source-port=\"40000\" "
	    "destination-address=\"192.0.2.80\" destination-port=\"8080\" "
	    "protocol-id=\"6\"]", &ev);
	assert_true(addr_is_v4(&ev.src));
	assert_addr_eq(ev.src, "198.51.100.14");

	/* empty values are absent */
	srx_ok(HDR "RT_FLOW_SESSION_DENY " SD "source-address=\"203.0.113.5\" "
	    "source-port=\"\" destination-address=\"192.0.2.1\" "
	    "destination-port=\"\" protocol-id=\"\"]", &ev);
	assert_false(ev.has_sport || ev.has_dport);
	assert_int_equal(ev.proto, -1);
}

/* B017: year-less plain times around New Year take the nearest year. */
static void
test_b017_new_year(void **state)
{
	struct event ev;

	stream_reset(INT64_C(1735689602));	/* 2025-01-01T00:00:02Z */
	srx_ok("Dec 31 23:59:58 srx1 RT_FLOW: RT_FLOW_SESSION_DENY: session "
	    "denied 203.0.113.12/50000->192.0.2.2/23 None 6(0) deny-all "
	    "untrust trust", &ev);
	assert_int_equal(ev.time, INT64_C(1735689598) * USEC_PER_SEC);
	srx_ok("Jan  1 00:00:00 srx1 RT_FLOW: RT_FLOW_SESSION_DENY: session "
	    "denied 203.0.113.12/50001->192.0.2.2/2323 None 6(0) deny-all "
	    "untrust trust", &ev);
	assert_int_equal(ev.time, INT64_C(1735689600) * USEC_PER_SEC);
}

/* B047: the logged word DENY is in the deny class, for both profiles. */
static void
test_b047_words(void **state)
{
	struct event ev;

	srx_ok(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113.31/50151->192.0.2.25/8443 None 6(0) deny-all untrust "
	    "trust", &ev);
	assert_int_equal(action_classify(ev.action.p, ev.action.n),
	    ACTION_DENY);
	assert_true(action_is_reference_deny(ev.action.p, ev.action.n));
	srx_ok(BSD "RT_FLOW_SESSION_CREATE: session created "
	    "203.0.113.31/50152->192.0.2.25/443 None "
	    "203.0.113.31/50152->192.0.2.25/443 None None 6 p untrust trust 9",
	    &ev);
	assert_false(action_is_reference_deny(ev.action.p, ev.action.n));
}

static void
test_skipped(void **state)
{
	srx_status(HDR "APPTRACK_SESSION_CREATE " SD "source-address="
	    "\"203.0.113.5\"]", PARSE_SKIP, "AppTrack record");
	srx_status(BSD "APPTRACK_SESSION_CLOSE: AppTrack session closed",
	    PARSE_SKIP, "AppTrack record");
	srx_status(HDR "RT_FLOW_SESSION_XYZ " SD "source-address="
	    "\"203.0.113.5\"]", PARSE_SKIP, "other session record");
}

static void
test_malformed(void **state)
{
	srx_status(HDR "RT_FLOW_SESSION_DENY " SD "source-address="
	    "\"203.0.113.5\" source-port=\"4", PARSE_MALFORMED,
	    "structured data cut short");
	srx_status(HDR "RT_FLOW_SESSION_DENY " SD "source-address="
	    "\"203.0.113.5\" source-port=\"4\"", PARSE_MALFORMED,
	    "structured data cut short");
	srx_status(HDR "RT_FLOW_SESSION_DENY " SD "destination-address="
	    "\"192.0.2.1\"]", PARSE_MALFORMED, "no source address");
	srx_status(HDR "RT_FLOW_SESSION_DENY " SD "source-address="
	    "\"192.0.2.1\"]", PARSE_MALFORMED, "no destination address");
	srx_status(HDR "RT_FLOW_SESSION_DENY " SD "source-address="
	    "\"203.0.113.999\" destination-address=\"192.0.2.1\"]",
	    PARSE_MALFORMED, "bad source address");
	srx_status(HDR "RT_FLOW_SESSION_DENY " SD "source-address="
	    "\"203.0.113.9\" destination-address=\"N/A\"]",
	    PARSE_MALFORMED, "bad destination address");
	srx_status(HDR "RT_FLOW_SESSION_DENY " SD "source-address="
	    "\"203.0.113.9\" destination-address=\"192.0.2.1\" "
	    "source-port=\"-1\"]", PARSE_MALFORMED, "bad source port");
	srx_status(HDR "RT_FLOW_SESSION_DENY " SD "source-address="
	    "\"203.0.113.9\" destination-address=\"192.0.2.1\" "
	    "destination-port=\"70000\"]", PARSE_MALFORMED,
	    "bad destination port");
	srx_status(HDR "RT_FLOW_SESSION_DENY " SD "source-address="
	    "\"203.0.113.9\" destination-address=\"192.0.2.1\" "
	    "protocol-id=\"300\"]", PARSE_MALFORMED, "bad protocol");
	srx_status("<14>1 2024-13-45T10:00:00Z srx RT_FLOW - "
	    "RT_FLOW_SESSION_DENY " SD "source-address=\"203.0.113.9\" "
	    "destination-address=\"192.0.2.1\"]", PARSE_MALFORMED, "bad time");

	srx_status(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113.5/40000->192.0.2.1/23 junos-telnet", PARSE_MALFORMED,
	    "no protocol");
	srx_status(BSD "RT_FLOW_SESSION_DENY: session denied",
	    PARSE_MALFORMED, "no address pair");
	srx_status(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113/1->192.0.2.1/23 None 6(0) p a b", PARSE_MALFORMED,
	    "bad source address");
	srx_status(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113.5->192.0.2.1/23 None 6(0) p a b", PARSE_MALFORMED,
	    "bad source port");
	srx_status(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113.5/1->192.0.2.1 None 6(0) p a b", PARSE_MALFORMED,
	    "bad destination port");
	srx_status(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113.5/1->192.0.2.1/99999 None 6(0) p a b", PARSE_MALFORMED,
	    "bad destination port");
	srx_status(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113.5/1->192.0.2.1/2 None 256(0) p a b", PARSE_MALFORMED,
	    "bad protocol");
}

static void
test_not_mine(void **state)
{
	static const char *const lines[] = {
		"",
		"Mar  3 10:00:19 gw01 kernel: [1.0] REJECT IN=eth0 OUT= "
		    "SRC=203.0.113.31 DST=192.0.2.25 PROTO=TCP SPT=1 DPT=2",
		"<134>Mar  1 10:06:01 fw01 CEF:0|Juniper|SRX|12|"
		    "RT_FLOW_SESSION_DENY|session denied|5|src=203.0.113.1",
		"Mar 03 2024 10:00:19: %ASA-4-106023: Deny tcp src "
		    "outside:203.0.113.31/50151 dst inside:192.0.2.25/8443",
		"<14>1 2017-08-24T04:58:58.724Z srx RT_IDS - RT_SCREEN_IP "
		    "[junos@2636.1.1.1.2.1 attack-name=\"IP spoofing!\"]",
		"Mar  3 10:00:00 host app: note RT_FLOW_SESSION_DENY: session "
		    "denied 203.0.113.5/1->192.0.2.1/2 None 6(0) p a b",
		"RT_FLOW_SESSION_DENY is the message name",
		"<14>1 2024-03-03T10:00:00Z srx RT_FLOW - "
		    "XRT_FLOW_SESSION_DENY " SD "source-address=\"x\"]",
		"<14>1 2024-03-03T10:00:00Z srx RT_FLOW - RT_FLOW_SESSION_DENY "
		    "[other@1 source-address=\"203.0.113.5\"]",
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		srx_status(lines[i], PARSE_NOT_MINE, NULL);
}

/* NUL bytes, and never reading past n. */
static void
test_bounds(void **state)
{
	struct event ev;
	const char nul[] = BSD "RT_FLOW\0SESSION_DENY: session denied "
	    "203.0.113.5/1->192.0.2.1/2 None 6(0) p a b";
	const char line[] = BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113.5/1->192.0.2.1/23 None 6(0) p a b";
	size_t cut = strlen(BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113.5/1->192.0.2.1/2");

	assert_int_equal(format_srx.parse(&ctx, nul, sizeof(nul) - 1, &ev),
	    PARSE_NOT_MINE);
	assert_int_equal(format_srx.parse(&ctx, line, cut, &ev),
	    PARSE_MALFORMED);
	assert_int_equal(format_srx.parse(&ctx, line, strlen(BSD) + 19, &ev),
	    PARSE_NOT_MINE);
	assert_int_equal(format_srx.parse(&ctx, line, sizeof(line) - 1, &ev),
	    PARSE_OK);
	assert_int_equal(ev.dport, 23);
}

static void
test_sniff(void **state)
{
	const char *srxhead = BSD "RT_FLOW_SESSION_DENY: session denied "
	    "203.0.113.5/1->192.0.2.1/2 None 6(0) p a b\n"
	    HDR "RT_FLOW_SESSION_DENY " SD "source-address=\"203.0.113.5\"]\n"
	    HDR "RT_FLOW_SESSION_CLO";
	const char *nf = "Mar  3 10:00:19 gw01 kernel: REJECT IN=eth0 OUT= "
	    "SRC=203.0.113.31 DST=192.0.2.25 PROTO=TCP SPT=1 DPT=2\n";
	const char *cef = "CEF:0|Juniper|SRX|1|RT_FLOW_SESSION_DENY|x|5|"
	    "src=203.0.113.10\n";

	assert_int_equal(format_srx.sniff(srxhead, strlen(srxhead)), 95);
	assert_int_equal(format_srx.sniff(nf, strlen(nf)), 0);
	assert_int_equal(format_srx.sniff(cef, strlen(cef)), 0);
	assert_int_equal(format_srx.sniff("", 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_corpus, setup),
		cmocka_unit_test_setup(test_plain_deny_old, setup),
		cmocka_unit_test_setup(test_plain_deny_new, setup),
		cmocka_unit_test_setup(test_b028_ipv6_plain, setup),
		cmocka_unit_test_setup(test_icmp_no_ports, setup),
		cmocka_unit_test_setup(test_plain_create_close, setup),
		cmocka_unit_test_setup(test_plain_headers, setup),
		cmocka_unit_test_setup(test_structured_forms, setup),
		cmocka_unit_test_setup(test_structured_values, setup),
		cmocka_unit_test_setup(test_b017_new_year, setup),
		cmocka_unit_test_setup(test_b047_words, setup),
		cmocka_unit_test_setup(test_skipped, setup),
		cmocka_unit_test_setup(test_malformed, setup),
		cmocka_unit_test_setup(test_not_mine, setup),
		cmocka_unit_test_setup(test_bounds, setup),
		cmocka_unit_test_setup(test_sniff, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
