/*
 * test_panos.c - the PAN-OS parser against docs/formats.md (section
 * PAN-OS): lines of corpus/panos (beats_panos_traffic.log,
 * beats_panos_traffic_nanos_time.log, crowdsec_palo-alto-threat.log) and
 * fixtures written from the PAN-OS 9.1 to 11 syslog field descriptions
 * of TRAFFIC and THREAT logs.  Expected values are worked out by hand;
 * epoch seconds come from the calendar.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"
#include "core/action.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_panos;

#define USEC(sec) ((int64_t)(sec) * USEC_PER_SEC)
#define T_20240303_1000 INT64_C(1709460000)	/* 2024-03-03T10:00:00Z */
#define REF INT64_C(1709510400)			/* 2024-03-04T00:00:00Z */

static struct parse_ctx ctx;
static char *copy;

/* Parses line from a buffer of exactly its length, so that reading past
 * the end reads past the allocation. */
static enum parse_status
parse_n(const char *line, size_t n, struct event *ev)
{
	free(copy);
	copy = malloc(n ? n : 1);
	assert_non_null(copy);
	memcpy(copy, line, n);
	ctx.scratch.n = 0;
	ctx.reason = NULL;
	ctx.line++;
	return format_panos.parse(&ctx, copy, n, ev);
}

static enum parse_status
parse(const char *line, struct event *ev)
{
	return parse_n(line, strlen(line), ev);
}

static void
parse_ok(const char *line, struct event *ev)
{
	enum parse_status st = parse(line, ev);

	if (st != PARSE_OK)
		print_error("status %d (%s)\n", st, ctx.reason ? ctx.reason :
		    "-");
	assert_int_equal(st, PARSE_OK);
}

static void
assert_status(const char *line, enum parse_status want, const char *reason)
{
	struct event ev;

	assert_int_equal(parse(line, &ev), want);
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

static void
assert_ports(const struct event *ev, int sport, int dport)
{
	assert_true(ev->has_sport);
	assert_int_equal(ev->sport, sport);
	assert_true(ev->has_dport);
	assert_int_equal(ev->dport, dport);
}

/* Fields 9 to 23 of a fixture line: NAT, rule, users, app, zones. */
#define MID "0.0.0.0,0.0.0.0,deny-inbound,,,not-applicable,vsys1," \
	"untrust,trust,ethernet1/1,,default,2024/03/03 10:00:00,0,1,"
/* Fields 31 to 52 of a TRAFFIC fixture line. */
#define TAIL "60,60,0,1,2024/03/03 10:00:00,0,any,0,7001,0x0,NL," \
	"192.0.2.0-192.0.2.255,0,1,0,policy-deny,0,0,0,0,,fw01,from-policy"

/* TRAFFIC, subtype drop, action deny: a blocked inbound connection. */
static void
test_traffic_deny(void **state)
{
	struct event ev;

	parse_ok("<14>Mar  3 10:00:01 fw01 1,2024/03/03 10:00:01,"
	    "013201001234,TRAFFIC,drop,2561,2024/03/03 10:00:00,203.0.113.7,"
	    "192.0.2.10," MID "51515,23,0,0,0x0,tcp,deny," TAIL, &ev);
	assert_time(&ev, USEC(T_20240303_1000));	/* Generated Time */
	assert_str_eq(ev.action, "deny");
	assert_str_eq(ev.action_hint, "drop");
	assert_addr_eq(ev.src, "203.0.113.7");
	assert_addr_eq(ev.dst, "192.0.2.10");
	assert_ports(&ev, 51515, 23);
	assert_int_equal(ev.proto, 6);
	assert_str_eq(ev.vendor, "Palo Alto Networks");
	assert_str_eq(ev.product, "PAN-OS");
	assert_str_eq(ev.device, "013201001234");
	assert_int_equal(ev.verdict, 0);
}

/* THREAT, subtype scan, threat 8001: the zone protection's own scan
 * detection, one event with its action as logged. */
static void
test_threat_scan(void **state)
{
	struct event ev;
	const char *w;
	size_t wn;

	parse_ok("1,2024/03/03 10:00:06,013201001234,THREAT,scan,2561,"
	    "2024/03/03 10:00:05,203.0.113.7,192.0.2.10," MID
	    "0,0,0,0,0x0,tcp,block-ip,,TCP Port Scan(8001),any,critical,"
	    "client-to-server,7002,0x0,NL,192.0.2.0-192.0.2.255,0,", &ev);
	assert_time(&ev, USEC(T_20240303_1000 + 5));
	assert_str_eq(ev.action, "block-ip");
	assert_str_eq(ev.action_hint, "scan");
	assert_addr_eq(ev.src, "203.0.113.7");
	assert_ports(&ev, 0, 0);
	assert_int_equal(ev.proto, 6);

	/* "block-ip" is not a vocabulary word; its word "block" is deny */
	assert_int_equal(action_classify(ev.action.p, ev.action.n),
	    ACTION_UNKNOWN);
	assert_true(action_find_word(ev.action.p, ev.action.n, false, &w,
	    &wn));
	assert_int_equal(action_classify(w, wn), ACTION_DENY);

	/* host sweep (8002) with drop, UDP port scan (8003) with alert */
	parse_ok("1,2024/03/03 10:00:06,013201001234,THREAT,scan,2561,"
	    "2024/03/03 10:00:05,203.0.113.8,192.0.2.11," MID
	    "0,0,0,0,0x0,icmp,drop,,Host Sweep(8002),any,critical,"
	    "client-to-server,7003,0x0,NL,192.0.2.0-192.0.2.255,0,", &ev);
	assert_str_eq(ev.action, "drop");
	assert_int_equal(ev.proto, 1);
	parse_ok("1,2024/03/03 10:00:06,013201001234,THREAT,scan,2561,"
	    "2024/03/03 10:00:05,203.0.113.9,192.0.2.12," MID
	    "0,0,0,0,0x0,udp,alert,,UDP Port Scan(8003),any,critical,"
	    "client-to-server,7004,0x0,NL,192.0.2.0-192.0.2.255,0,", &ev);
	assert_str_eq(ev.action, "alert");
	assert_int_equal(ev.proto, 17);
}

/* IPv6, a quoted field holding a comma and a doubled quote, no Generated
 * Time (the Receive Time stands in), reset-both, drop-icmp. */
static void
test_quoted_ipv6(void **state)
{
	struct event ev;

	parse_ok("Mar  3 10:00:09 fw01 1,2024/03/03 10:00:09,013201001234,"
	    "TRAFFIC,end,2561,,2001:db8::7,2001:db8:1::10,::,::,"
	    "\"deny, \"\"log\"\"\",,,ssh,vsys1,untrust,trust,ethernet1/1,"
	    "ethernet1/2,default,2024/03/03 10:00:09,77,1,40000,22,0,0,0x0,"
	    "tcp,\"reset-both\"," TAIL, &ev);
	assert_time(&ev, USEC(T_20240303_1000 + 9));
	assert_addr_eq(ev.src, "2001:db8::7");
	assert_addr_eq(ev.dst, "2001:db8:1::10");
	assert_ports(&ev, 40000, 22);
	assert_str_eq(ev.action, "reset-both");

	parse_ok("1,2024/03/03 10:00:10,013201001234,TRAFFIC,drop,2561,"
	    "2024/03/03 10:00:10,203.0.113.7,192.0.2.10," MID
	    "0,0,0,0,0x0,icmp,drop-icmp," TAIL, &ev);
	assert_str_eq(ev.action, "drop-icmp");
	assert_int_equal(ev.proto, 1);

	/* a quoted action with a doubled quote is rewritten */
	parse_ok("1,2024/03/03 10:00:10,013201001234,TRAFFIC,drop,2561,"
	    "2024/03/03 10:00:10,203.0.113.7,192.0.2.10," MID
	    "0,0,0,0,0x0,icmp,\"a\"\"b\"", &ev);
	assert_str_eq(ev.action, "a\"b");
}

/* Appends k empty fields and then value to buf. */
static void
append_at(char *buf, size_t cap, int k, const char *value)
{
	size_t n = strlen(buf);

	while (k-- > 0 && n + 1 < cap)
		buf[n++] = ',';
	snprintf(buf + n, cap - n, "%s", value);
}

/* The High Resolution Timestamp (TRAFFIC field 102, THREAT 107) wins over
 * the Generated Time; it carries its own offset. */
static void
test_high_resolution_time(void **state)
{
	char buf[1024] = "1,2024/03/03 10:00:07,013201001234,THREAT,"
	    "vulnerability,2561,2024/03/03 10:00:07,203.0.113.7,192.0.2.10,"
	    MID "50000,22,0,0,0x0,tcp,reset-both";
	char traffic[1024] = "1,2024/03/03 10:00:07,013201001234,TRAFFIC,"
	    "end,2561,2024/03/03 10:00:07,203.0.113.7,192.0.2.10,"
	    MID "50000,22,0,0,0x0,tcp,deny";
	struct event ev;

	/* field 30 is the action; 77 more commas reach field 107 */
	append_at(buf, sizeof(buf), 77, "2024-03-03T11:00:07.250+01:00,x");
	parse_ok(buf, &ev);
	assert_time(&ev, USEC(T_20240303_1000 + 7) + 250000);
	append_at(traffic, sizeof(traffic), 72,
	    "2024-03-03T12:00:07.500+02:00");
	parse_ok(traffic, &ev);
	assert_time(&ev, USEC(T_20240303_1000 + 7) + 500000);

	/* an unreadable one falls through to the Generated Time */
	strcpy(traffic, "1,2024/03/03 10:00:07,013201001234,TRAFFIC,"
	    "end,2561,2024/03/03 10:00:08,203.0.113.7,192.0.2.10,"
	    MID "50000,22,0,0,0x0,tcp,deny");
	append_at(traffic, sizeof(traffic), 72, "soon");
	parse_ok(traffic, &ev);
	assert_time(&ev, USEC(T_20240303_1000 + 8));
}

/* Times without a zone are read in the selected zone. */
static void
test_zone(void **state)
{
	const char *err;
	struct event ev;

	assert_int_equal(tz_select("Europe/Berlin", &err), 0);
	parse_ok("1,2024/03/03 11:00:00,013201001234,TRAFFIC,drop,2561,"
	    "2024/03/03 11:00:00,203.0.113.7,192.0.2.10," MID
	    "51515,23,0,0,0x0,tcp,deny", &ev);
	assert_time(&ev, USEC(T_20240303_1000));
	assert_int_equal(tz_select("UTC", &err), 0);
}

static void
test_skip_other_types(void **state)
{
	assert_status("1,2024/03/03 10:00:00,013201001234,SYSTEM,general,0,"
	    "2024/03/03 10:00:00,,general,,0,0,general,informational,"
	    "\"User admin logged in, from 192.0.2.5\",7003,0x0,0,0,0,0,,fw01",
	    PARSE_SKIP, "PAN-OS log type not read");
	assert_status("Mar  3 10:00:00 fw01 1,2024/03/03 10:00:00,"
	    "013201001234,CONFIG,0,2561,2024/03/03 10:00:00,192.0.2.5,,set,"
	    "admin,,Succeeded,x,7004,0x0", PARSE_SKIP,
	    "PAN-OS log type not read");
}

static void
test_malformed(void **state)
{
	assert_status("1,2024/03/03 10:00:00,013201001234,TRAFFIC,drop,2561,"
	    "2024/03/03 10:00:00,203.0.113.999,192.0.2.10," MID
	    "51515,23,0,0,0x0,tcp,deny", PARSE_MALFORMED,
	    "bad source address");
	assert_status("1,2024/03/03 10:00:00,013201001234,TRAFFIC,drop,2561,"
	    "2024/03/03 10:00:00,203.0.113.9,192.0.2.1x," MID
	    "51515,23,0,0,0x0,tcp,deny", PARSE_MALFORMED,
	    "bad destination address");
	assert_status("1,2024/03/03 10:00:00,013201001234,TRAFFIC,drop,2561,"
	    "2024/03/03 10:00:00,203.0.113.9,192.0.2.10," MID
	    "51515,70000,0,0,0x0,tcp,deny", PARSE_MALFORMED,
	    "bad destination port");
	assert_status("1,2024/03/03 10:00:00,013201001234,TRAFFIC,drop,2561,"
	    "2024/03/03 10:00:00,203.0.113.9,192.0.2.10," MID
	    "-1,23,0,0,0x0,tcp,deny", PARSE_MALFORMED, "bad source port");
	assert_status("1,2024/03/03 10:00:00,013201001234,TRAFFIC,drop,2561,"
	    "2024/03/03 10:00:00,203.0.113.9,192.0.2.10," MID
	    "1,23,0,0,0x0,300,deny", PARSE_MALFORMED, "bad protocol");

	/* cut after the ports: no action field */
	assert_status("1,2024/03/03 10:00:00,013201001234,TRAFFIC,drop,2561,"
	    "2024/03/03 10:00:00,203.0.113.9,192.0.2.10," MID "51515,23",
	    PARSE_MALFORMED, "fewer than 31 fields");
	assert_status("1,2024/03/03 10:00:00,013201001234,THREAT,scan,2561,"
	    "2024/03/03 10:00:00,203.0.113.9,192.0.2.10,\"open",
	    PARSE_MALFORMED, "unterminated quoted field");
}

static void
test_not_mine(void **state)
{
	static const char *const lines[] = {
		"CEF:0|Palo Alto Networks|PAN-OS|9.1|end|TRAFFIC|1|"
		    "rt=Mar 03 2024 10:00:00 GMT src=203.0.113.7 act=deny",
		"Mar  3 10:00:00 gw kernel: DROP IN=eth0 OUT= "
		    "SRC=203.0.113.7 DST=192.0.2.1 PROTO=TCP SPT=1 DPT=23",
		"Mar  3 10:00:00 fw filterlog[1]: 5,,,1000000103,igb0,match,"
		    "block,in,4,0x0,,64,0,0,DF,6,tcp,60,203.0.113.7,192.0.2.1,"
		    "5000,23,0",
		"a,b,c,d",
		"1,2024/03/03 10:00:00",
		"1,2024/13/03 10:00:00,x,TRAFFIC,end",
		"x,2024-03-01T10:06:01.25Z,ExampleCo,EdgeFW,deny",
		"",
	};
	struct event ev;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		assert_int_equal(parse(lines[i], &ev), PARSE_NOT_MINE);

	/* no serial number: not a PAN-OS record */
	assert_int_equal(parse("1,2024/03/03 10:00:00,,TRAFFIC,end", &ev),
	    PARSE_NOT_MINE);
}

/* NUL bytes inside a field do not stop the reading. */
static void
test_nul_bytes(void **state)
{
	static const char line[] = "1,2024/03/03 10:00:00,0132\0001234,"
	    "TRAFFIC,drop,2561,2024/03/03 10:00:00,203.0.113.7,192.0.2.10,"
	    MID "51515,23,0,0,0x0,tcp,deny";
	struct event ev;

	assert_int_equal(parse_n(line, sizeof(line) - 1, &ev), PARSE_OK);
	assert_int_equal(ev.device.n, 9);	/* "0132", NUL, "1234" */
	assert_str_eq(ev.action, "deny");
	for (size_t n = 0; n < sizeof(line) - 1; n++)
		(void)parse_n(line, n, &ev);	/* every cut: no overread */
}

/* corpus/panos/beats_panos_traffic.log: line 1, the four lines with a
 * non-allow action (78 to 81) and line 25 (subtype deny, action allow). */
static void
test_corpus_beats(void **state)
{
	struct event ev;

	parse_ok(
	    "Nov 30 16:09:08 PA-220 1,2018/11/30 16:09:07,012801096514,TR"
	    "AFFIC,end,2049,2018/11/30 16:09:07,192.168.15.207,184.51.253"
	    ".152,192.168.1.63,184.51.253.152,new_outbound_from_trust,,,a"
	    "pple-maps,vsys1,trust,untrust,ethernet1/2,ethernet1/1,send_t"
	    "o_mac,2018/11/30 16:09:07,22751,1,55113,443,16418,443,0x4000"
	    "53,tcp,allow,7734,1758,5976,36,2018/11/30 15:59:04,586,compu"
	    "ter-and-internet-info,0,32091112,0x0,192.168.0.0-192.168.255"
	    ".255,United States,0,16,20,tcp-fin,0,0,0,0,,PA-220,from-poli"
	    "cy,,,0,,0,,N/A,0,0,0,0", &ev);
	assert_time(&ev, USEC(1543594147));	/* 2018-11-30T16:09:07Z */
	assert_str_eq(ev.action, "allow");
	assert_str_eq(ev.action_hint, "end");
	assert_addr_eq(ev.src, "192.168.15.207");
	assert_addr_eq(ev.dst, "184.51.253.152");
	assert_ports(&ev, 55113, 443);
	assert_int_equal(ev.proto, 6);
	assert_str_eq(ev.device, "012801096514");

	parse_ok(
	    "Nov 30 16:09:49 PA-220 1,2018/11/30 16:09:49,012801096514,TR"
	    "AFFIC,end,2049,2018/11/30 16:09:49,192.168.15.196,175.16.199"
	    ".1,192.168.1.63,175.16.199.1,new_outbound_from_trust,,,dns,v"
	    "sys1,trust,untrust,ethernet1/2,ethernet1/1,send_to_mac,2018/"
	    "11/30 16:09:49,24258,1,54659,53,19658,53,0x400019,udp,drop I"
	    "CMP,340,148,192,4,2018/11/30 16:09:16,0,any,0,32091189,0x0,1"
	    "92.168.0.0-192.168.255.255,United States,0,2,2,aged-out,0,0,"
	    "0,0,,PA-220,from-policy,,,0,,0,,N/A,0,0,0,0", &ev);
	assert_str_eq(ev.action, "drop ICMP");
	assert_int_equal(ev.proto, 17);
	assert_ports(&ev, 54659, 53);
	assert_time(&ev, USEC(1543594189));	/* 2018-11-30T16:09:49Z */
	parse_ok(
	    "Nov 30 16:09:49 PA-220 1,2018/11/30 16:09:49,012801096514,TR"
	    "AFFIC,end,2049,2018/11/30 16:09:49,192.168.15.224,175.16.199"
	    ".1,192.168.1.63,175.16.199.1,new_outbound_from_trust,,,dns,v"
	    "sys1,trust,untrust,ethernet1/2,ethernet1/1,send_to_mac,2018/"
	    "11/30 16:09:49,24155,1,57446,53,64352,53,0x400019,udp,reset "
	    "client,291,83,208,2,2018/11/30 16:09:16,0,any,0,32091190,0x0"
	    ",192.168.0.0-192.168.255.255,United States,0,1,1,aged-out,0,"
	    "0,0,0,,PA-220,from-policy,,,0,,0,,N/A,0,0,0,0", &ev);
	assert_str_eq(ev.action, "reset client");
	parse_ok(
	    "Nov 30 16:09:49 PA-220 1,2018/11/30 16:09:49,012801096514,TR"
	    "AFFIC,end,2049,2018/11/30 16:09:49,192.168.15.224,175.16.199"
	    ".1,192.168.1.63,175.16.199.1,new_outbound_from_trust,,,dns,v"
	    "sys1,trust,untrust,ethernet1/2,ethernet1/1,send_to_mac,2018/"
	    "11/30 16:09:49,24232,1,22655,53,60126,53,0x400019,udp,reset "
	    "server,184,84,100,2,2018/11/30 16:09:16,0,any,0,32091191,0x0"
	    ",192.168.0.0-192.168.255.255,United States,0,1,1,aged-out,0,"
	    "0,0,0,,PA-220,from-policy,,,0,,0,,N/A,0,0,0,0", &ev);
	assert_str_eq(ev.action, "reset server");
	parse_ok(
	    "Nov 30 16:09:49 PA-220 1,2018/11/30 16:09:49,012801096514,TR"
	    "AFFIC,end,2049,2018/11/30 16:09:49,192.168.15.224,35.185.88."
	    "112,192.168.1.63,35.185.88.112,new_outbound_from_trust,,,ssl"
	    ",vsys1,trust,untrust,ethernet1/2,ethernet1/1,send_to_mac,201"
	    "8/11/30 16:09:49,24330,1,52509,443,59771,443,0x40001a,tcp,re"
	    "set both,9290,2053,7237,24,2018/11/30 16:09:21,10,business-a"
	    "nd-economy,0,32091192,0x0,192.168.0.0-192.168.255.255,United"
	    " States,0,13,11,tcp-rst-from-client,0,0,0,0,,PA-220,from-pol"
	    "icy,,,0,,0,,N/A,0,0,0,0", &ev);
	assert_str_eq(ev.action, "reset both");
	assert_addr_eq(ev.dst, "35.185.88.112");
	assert_ports(&ev, 52509, 443);

	parse_ok(
	    "Nov 30 16:09:34 PA-220 1,2018/11/30 16:09:33,012801096514,TR"
	    "AFFIC,deny,2049,2018/11/30 16:09:33,192.168.15.224,175.16.19"
	    "9.1,192.168.1.63,175.16.199.1,new_outbound_from_trust,,,ping"
	    ",vsys1,trust,untrust,ethernet1/2,ethernet1/1,send_to_mac,201"
	    "8/11/30 16:09:33,24242,6,0,0,0,0,0x500019,icmp,allow,1176,58"
	    "8,588,12,2018/11/30 16:09:19,0,any,0,32091136,0x0,192.168.0."
	    "0-192.168.255.255,United States,0,6,6,aged-out,0,0,0,0,,PA-2"
	    "20,from-policy,,,0,,0,,N/A,0,0,0,0", &ev);
	assert_str_eq(ev.action, "allow");
	assert_str_eq(ev.action_hint, "deny");
	assert_int_equal(ev.proto, 1);
	assert_ports(&ev, 0, 0);
}

/* corpus/panos/beats_panos_traffic_nanos_time.log: RFC 3339 times, no
 * syslog host, the serial "no-serial". */
static void
test_corpus_nanos(void **state)
{
	struct event ev;

	parse_ok(
	    "Oct 30 09:46:42 1,2021-05-26T16:27:07.000000Z,no-serial,TRAF"
	    "FIC,end,9.1,2021-05-26T16:26:47.000000Z,127.0.0.0,127.0.0.1,"
	    "0.0.0.0,0.0.0.0,intrazone-default,,,web-browsing,vsys1,untru"
	    "st,untrust,ethernet1/1,ethernet1/1,Cortex Data Lake,,688290,"
	    "1,35834,443,35834,20077,0x1400070,tcp,allow,7291,1696,5595,2"
	    "1,2021-05-26T16:26:30.000000Z,1,medium-risk,,620386,0x880000"
	    "0000000000,US,SG,,14,7,tcp-fin,22,18,0,0,,GP cloud service,f"
	    "rom-policy,,,0,,0,1970-01-01T00:00:00.000000Z,N/A,0,0,0,0,6a"
	    "2f6161-88f2-4afc-8dd5-256bc4505a64,0,0,,,,,,,,,,,,,,,,,,,,,,"
	    ",,,,,,,,,,,,,,,", &ev);
	assert_time(&ev, USEC(1622046407));	/* 2021-05-26T16:26:47Z */
	assert_str_eq(ev.action, "allow");
	assert_addr_eq(ev.src, "127.0.0.0");
	assert_addr_eq(ev.dst, "127.0.0.1");
	assert_ports(&ev, 35834, 443);
	assert_str_eq(ev.device, "no-serial");
}

/* corpus/panos/crowdsec_palo-alto-threat.log: two THREAT lines whose
 * High Resolution Timestamp (field 107) carries +02:00. */
static void
test_corpus_threat(void **state)
{
	struct event ev;

	parse_ok(
	    "2023-07-06T08:11:40+02:00 paloalto.test.host 1,2023/07/06 08"
	    ":11:40,016401002737,THREAT,vulnerability,2561,2023/07/06 08:"
	    "11:40,1.2.3.2,1.2.3.3,1.2.3.2,2.2.2.3,TestruleName0,,,ssh,vs"
	    "ys123,Untrust,DMZ,vlan.123,aaa.1,to-Test,2023/07/06 08:11:40"
	    ",238810,23,47094,22,47094,22,0x402400,tcp,reset-both,,SSH Us"
	    "er Authentication Brute Force Attempt(40015),any,high,client"
	    "-to-server,7204134051344758260,0x8000000000000000,Germany,Fr"
	    "ance,,,0,,,0,,,,,,,,0,163,0,0,0,,FW-PA-111,,,,,0,,0,,N/A,bru"
	    "te-force,AppThreat-8727-8140,0x0,0,4294967295,,,123458,0,,,,"
	    ",,,,,,,,,,,,,,,,,,,,,,,,,0,2023-07-06T08:11:40.288+02:00,,,,"
	    "encrypted-tunnel,networking,client-server,4,\"used-by-malwar"
	    "e,able-to-transfer-file,has-known-vulnerability,tunnel-other"
	    "-application,pervasive-use\",,ssh,no,no", &ev);
	assert_time(&ev, USEC(1688623900) + 288000);
	assert_str_eq(ev.action, "reset-both");
	assert_str_eq(ev.action_hint, "vulnerability");
	assert_addr_eq(ev.src, "1.2.3.2");
	assert_addr_eq(ev.dst, "1.2.3.3");
	assert_ports(&ev, 47094, 22);
	assert_str_eq(ev.device, "016401002737");

	parse_ok(
	    "2023-07-05T14:14:33+02:00 paloalto.test.host 1,2023/07/05 14"
	    ":14:33,016401002737,THREAT,vulnerability,2561,2023/07/05 14:"
	    "14:33,1.2.3.6,1.2.3.7,1.2.3.6,1.2.3.7,Test Rule Name,,,web-b"
	    "rowsing,vsys123,Untrust,Untrust,vlan.123,vlan.123,to-Test,20"
	    "23/07/05 14:14:33,1475349,3,32362,80,32362,28869,0x402000,tc"
	    "p,alert,\"1.2.3.5/nmaplowercheck1688559266\",Nmap Scripting "
	    "Engine Detection(58433),medium-risk,medium,client-to-server,"
	    "7204134051339790802,0x8000000000000000,France,France,,,0,,,1"
	    ",,,,,,,,0,163,0,0,0,,FW-PA-111,,,,,0,,0,,N/A,hacktool,AppThr"
	    "eat-8727-8140,0x0,0,4294967295,,,1221332322,0,,,,,,,,,,,,,,,"
	    ",,,,,,,,,,,,,,0,2023-07-05T14:14:33.325+02:00,,,,internet-ut"
	    "ility,general-internet,browser-based,4,\"used-by-malware,abl"
	    "e-to-transfer-file,has-known-vulnerability,tunnel-other-appl"
	    "ication,pervasive-use\",,web-browsing,no,no", &ev);
	assert_time(&ev, USEC(1688559273) + 325000);
	assert_str_eq(ev.action, "alert");
	assert_ports(&ev, 32362, 80);
}

/*
 * Every line of beats_panos_traffic.log (no quoted fields in it), checked
 * against a plain split on commas: fields 7, 8, 24, 25 and 30 after the
 * "1," that starts each record.  Skipped when the corpus is not there.
 */
static void
test_corpus_every_line(void **state)
{
	const char *dir = getenv("SHARED");
	char path[512], line[4096], *f[64], *p;
	FILE *fp;
	struct event ev;
	int lines = 0;

	snprintf(path, sizeof(path), "%s/corpus/panos/"
	    "beats_panos_traffic.log", dir ? dir : "../shared");
	if ((fp = fopen(path, "r")) == NULL)
		skip();
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		parse_ok(line, &ev);
		p = strstr(line, " 1,") + 1;
		for (int k = 0; k < 64 && p != NULL; k++) {
			f[k] = p;
			if ((p = strchr(p, ',')) != NULL)
				*p++ = '\0';
		}
		assert_addr_eq(ev.src, f[7]);
		assert_addr_eq(ev.dst, f[8]);
		assert_int_equal(ev.sport, strtol(f[24], NULL, 10));
		assert_int_equal(ev.dport, strtol(f[25], NULL, 10));
		assert_str_eq(ev.action, f[30]);
		lines++;
	}
	fclose(fp);
	assert_int_equal(lines, 100);
}

static void
test_sniff(void **state)
{
	static const char head[] = "Nov 30 16:09:08 PA-220 1,2018/11/30 "
	    "16:09:07,012801096514,TRAFFIC,end,2049,x\n"
	    "1,2024/03/03 10:00:00,013201001234,SYSTEM,general,0\n";

	assert_true(format_panos.sniff(head, sizeof(head) - 1) >= 80);
	assert_int_equal(format_panos.sniff("CEF:0|a|b|c|d|e|f|\n", 19), 0);
}

static int
setup(void **state)
{
	const char *err;

	memset(&ctx, 0, sizeof(ctx));
	time_ctx_init(&ctx.time, USEC(REF), true);
	action_vocab_reset();
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
		cmocka_unit_test_setup_teardown(test_traffic_deny, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_threat_scan, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_quoted_ipv6, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_high_resolution_time,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_zone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_skip_other_types, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_not_mine, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nul_bytes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corpus_beats, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corpus_nanos, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corpus_threat, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corpus_every_line, setup,
		    teardown),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
