/*
 * test_filterlog.c - the pfSense/OPNsense filterlog parser against
 * docs/formats.md, pitfalls B010 and B011, every line of the three files
 * of corpus/pf_filterlog that are filterlog (crowdsec_pf-logs.log,
 * crowdsec_pfsense-rfc5424-filterlog.log, elastic_test-pfsense-bsd.log),
 * and fixtures written from the published field order (Netgate's "Raw
 * Filter Log Format" page, OPNsense's filterlog description.txt) for what
 * the corpus lacks: CARP, ICMP tails, fragments, truncated packets.
 * Expected values are worked out by hand; epoch seconds come from the
 * calendar (2024-03-03T10:00:00Z is 1709460000).
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/action.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_filterlog;

#define T_20240303_1000 INT64_C(1709460000)	/* 2024-03-03T10:00:00Z */
#define T_20240303_1200 INT64_C(1709467200)
#define T_20241231_0000 INT64_C(1735603200)
#define NONE (-1)

static struct parse_opts opts = { .netfilter_default_action = "drop" };
static struct parse_ctx ctx;

/* A fresh stream whose file was last written at ref (epoch seconds). */
static void
stream_reset(int64_t ref)
{
	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = &opts;
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
fl_n(const char *line, size_t n, struct event *ev)
{
	ctx.reason = NULL;
	return format_filterlog.parse(&ctx, line, n, ev);
}

static enum parse_status
fl(const char *line, struct event *ev)
{
	return fl_n(line, strlen(line), ev);
}

/* One line and the event it must give. */
struct want {
	const char *line;
	int64_t usec;		/* UTC microseconds; 0: no own time */
	const char *action, *src, *dst;
	int sport, dport, proto;	/* NONE when absent */
	const char *vendor, *device;
	uint8_t verdict;
	uint64_t ident;
};

static void
check(const struct want *w)
{
	struct event ev;
	enum parse_status st = fl(w->line, &ev);

	if (st != PARSE_OK)
		print_error("status %d (%s) for: %s\n", st,
		    ctx.reason ? ctx.reason : "-", w->line);
	assert_int_equal(st, PARSE_OK);
	assert_int_equal(ev.has_time, w->usec != 0);
	if (w->usec != 0)
		assert_int_equal(ev.time, w->usec);
	assert_str_eq(ev.action, w->action);
	assert_true(ev.has_src && ev.has_dst);
	assert_addr_eq(ev.src, w->src);
	assert_addr_eq(ev.dst, w->dst);
	assert_int_equal(ev.has_sport, w->sport != NONE);
	if (w->sport != NONE)
		assert_int_equal(ev.sport, w->sport);
	assert_int_equal(ev.has_dport, w->dport != NONE);
	if (w->dport != NONE)
		assert_int_equal(ev.dport, w->dport);
	assert_int_equal(ev.proto, w->proto);
	assert_str_eq(ev.vendor, w->vendor);
	assert_str_eq(ev.product, strcmp(w->vendor, "Netgate") == 0 ?
	    "pfSense" : "OPNsense");
	assert_str_eq(ev.device, w->device);
	assert_int_equal(ev.verdict, w->verdict);
	assert_int_equal(ev.ident, w->ident);
}

static void
check_all(const struct want *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check(&w[i]);
}

static void
expect(const char *line, enum parse_status st, const char *reason)
{
	struct event ev;

	assert_int_equal(fl(line, &ev), st);
	if (reason != NULL) {
		assert_non_null(ctx.reason);
		assert_string_equal(ctx.reason, reason);
	}
}

#define S(sec) ((int64_t)(sec) * USEC_PER_SEC)
#define NW(a) (sizeof(a) / sizeof((a)[0]))

/*
 * B010: the IPv6 layout differs from the IPv4 one; field 9 chooses it.
 * IPv4: proto number in field 16, addresses 19 and 20, ports 21 and 22;
 * IPv6: proto number in field 14, addresses 16 and 17, ports 18 and 19.
 */
static void
test_b010_layouts(void **state)
{
	static const struct want w[] = {
		{ "Mar  3 10:00:07 pfSense filterlog[66047]: 5,,,1000000103,"
		    "igb0,match,block,in,4,0x0,,52,12345,0,DF,6,tcp,60,"
		    "203.0.113.40,192.0.2.60,40000,23,0,S,1234567,,64240,,mss",
		    S(T_20240303_1000 + 7), "block", "203.0.113.40",
		    "192.0.2.60", 40000, 23, PROTO_TCP, "Netgate", "pfSense",
		    0, 12345 },
		{ "Mar  3 10:00:08 pfSense filterlog[66047]: 5,,,1000000103,"
		    "igb0,match,block,in,6,0x00,0x00000,64,UDP,17,40,"
		    "2001:db8:5::66,2001:db8:1::10,40000,161,40",
		    S(T_20240303_1000 + 8), "block", "2001:db8:5::66",
		    "2001:db8:1::10", 40000, 161, PROTO_UDP, "Netgate",
		    "pfSense", 0, 0 },
	};
	struct event ev;

	check_all(w, NW(w));
	assert_int_equal(fl(w[0].line, &ev), PARSE_OK);
	assert_int_equal(action_classify(ev.action.p, ev.action.n),
	    ACTION_DENY);
}

/* B011: "TCP" in capitals on an OPNsense IPv6 line still has ports. */
static void
test_b011_tcp_caps(void **state)
{
	static const struct want w = {
		"Mar  3 10:00:09 opnsense filterlog: 157,,,0,re1,match,block,"
		"in,6,0x00,0x8a4df,64,TCP,6,44,2001:db8:7::24,2001:db8:1::6d,"
		"60463,993,0,S,2945113813,,65535,,mss",
		S(T_20240303_1000 + 9), "block", "2001:db8:7::24",
		"2001:db8:1::6d", 60463, 993, PROTO_TCP,
		"OPNsense", "opnsense", 0, 0
	};

	check(&w);
}

/* corpus/pf_filterlog/crowdsec_pf-logs.log, all nine lines: three BSD
 * pfSense lines (the third outbound), six RFC 5424 OPNsense lines. */
static void
test_corpus_crowdsec_pf_logs(void **state)
{
	static const struct want w[] = {
		{ "Sep 28 10:38:09 pfSense filterlog: 53,,,1000000301,em0,"
		    "match,block,in,4,0x0,,64,420,0,none,6,tcp,460,10.0.2.2,"
		    "10.0.2.15,53742,22,420,PA,29633380:29633800,3617062173,"
		    "65535,,", S(1727519889), "block", "10.0.2.2",
		    "10.0.2.15", 53742, 22, PROTO_TCP, "Netgate", "pfSense",
		    0, 420 },
		{ "Sep 28 10:38:24 pfSense filterlog: 53,,,1000102631,em0,"
		    "match,block,in,4,0x0,,64,600,0,none,6,tcp,44,10.0.2.2,"
		    "10.0.2.15,53792,22,0,S,31552001,,65535,,mss",
		    S(1727519904), "block", "10.0.2.2", "10.0.2.15", 53792,
		    22, PROTO_TCP, "Netgate", "pfSense", 0, 600 },
		{ "Sep 28 10:38:41 pfSense filterlog: 6,,,1000102434,em0,"
		    "match,block,out,4,0x0,,64,0,0,DF,6,tcp,40,10.0.2.15,"
		    "10.0.2.2,22,53742,0,FA,3617062173,29633380,65535,,",
		    S(1727519921), "block", "10.0.2.15", "10.0.2.2", 22,
		    53742, PROTO_TCP, "Netgate", "pfSense", ACTION_OTHER, 0 },
		{ "<134>1 2022-09-06T18:37:34+02:00 opnsense filterlog 69805 -"
		    " [meta sequenceId=\"2633353\"] 10,,,"
		    "02f4bab031b57d1e30553ce08e0ec131,re0,match,block,in,4,"
		    "0x0,,118,28579,0,none,17,udp,132,212.102.36.22,"
		    "37.120.48.198,49838,52938,112", S(1662482254), "block",
		    "212.102.36.22", "37.120.48.198", 49838, 52938, PROTO_UDP,
		    "OPNsense", "opnsense", 0, 28579 },
		{ "<134>1 2022-09-06T18:37:34+02:00 opnsense filterlog 69805 -"
		    " [meta sequenceId=\"2633354\"] 103,,,"
		    "40b9591224d055de2beec8b74ea486b1,re0,match,pass,in,4,0x0,,"
		    "116,11172,0,none,17,udp,48,68.41.165.77,10.0.0.200,64752,"
		    "51918,28", S(1662482254), "pass", "68.41.165.77",
		    "10.0.0.200", 64752, 51918, PROTO_UDP, "OPNsense",
		    "opnsense", 0, 11172 },
		{ "<134>1 2022-09-06T18:37:34+02:00 opnsense filterlog 69805 -"
		    " [meta sequenceId=\"2633355\"] 95,,,"
		    "8a2005c53e3f5653fc9a2e2e81bde263,re0,match,pass,in,4,0x0,,"
		    "117,35656,0,DF,6,tcp,52,96.235.167.197,10.0.0.200,61145,"
		    "51918,0,S,349929896,,64240,,mss;nop;wscale;nop;nop;sackOK",
		    S(1662482254), "pass", "96.235.167.197", "10.0.0.200",
		    61145, 51918, PROTO_TCP, "OPNsense", "opnsense", 0,
		    35656 },
		{ "<134>1 2022-09-06T18:51:28+02:00 opnsense filterlog 69805 -"
		    " [meta sequenceId=\"2654146\"] 10,,,"
		    "02f4bab031b57d1e30553ce08e0ec131,re0,match,block,in,4,"
		    "0x0,,47,59064,0,DF,6,tcp,60,154.6.147.87,37.120.48.198,"
		    "48473,13680,0,S,3023053886,,7300,,"
		    "mss;sackOK;TS;nop;wscale", S(1662483088), "block",
		    "154.6.147.87", "37.120.48.198", 48473, 13680, PROTO_TCP,
		    "OPNsense", "opnsense", 0, 59064 },
		{ "<134>1 2022-09-06T19:00:06+02:00 opnsense filterlog 57126 -"
		    " [meta sequenceId=\"2667099\"] 98,,,"
		    "881dd59a3e942966c90498ac104715a0,re0,match,pass,in,6,0x00,"
		    "0x0ea87,51,udp,17,73,2008:8a0:702e:ce00:acc6:c7ee:fa01:"
		    "2f8a,2c02:2454:ada:d900::1738,6881,51918,73",
		    S(1662483606), "pass",
		    "2008:8a0:702e:ce00:acc6:c7ee:fa01:2f8a",
		    "2c02:2454:ada:d900::1738", 6881, 51918, PROTO_UDP,
		    "OPNsense", "opnsense", 0, 0 },
		{ "<134>1 2022-09-06T19:00:06+02:00 opnsense filterlog 57126 -"
		    " [meta sequenceId=\"2667099\"] 98,,,"
		    "64d253df-ef65-4b56-9df4-c03fc11b8ce4,re0,match,block,in,6,"
		    "0x00,0x0ea87,51,udp,17,73,2008:8a0:702e:ce00:acc6:c7ee:"
		    "fa01:2f8a,2c02:2454:ada:d900::1738,6881,51918,73",
		    S(1662483606), "block",
		    "2008:8a0:702e:ce00:acc6:c7ee:fa01:2f8a",
		    "2c02:2454:ada:d900::1738", 6881, 51918, PROTO_UDP,
		    "OPNsense", "opnsense", 0, 0 },
	};

	stream_reset(T_20241231_0000);	/* Sep 28 is then 2024-09-28 */
	check_all(w, NW(w));
}

/* corpus/pf_filterlog/crowdsec_pfsense-rfc5424-filterlog.log: four
 * pfSense RFC 5424 lines (the fifth line is blank). */
static void
test_corpus_crowdsec_rfc5424(void **state)
{
	static const struct want w[] = {
		{ "<134>1 2025-11-06T11:32:42.868451+00:00 firewall.lan "
		    "filterlog 92653 - - 7,,,1000000102,vtnet0.5,match,block,"
		    "in,4,0x0,,64,19008,0,DF,6,tcp,60,192.168.5.6,"
		    "192.168.1.100,42970,80,0,S,523876198,,64240,,"
		    "mss;sackOK;TS;nop;wscale", S(1762428762) + 868451,
		    "block", "192.168.5.6", "192.168.1.100", 42970, 80,
		    PROTO_TCP, "Netgate", "firewall.lan", 0, 19008 },
		{ "<134>1 2025-11-06T11:42:14.270685+00:00 firewall.lan "
		    "filterlog 92653 - - 620,,,1644355515,vtnet0.10,match,"
		    "block,in,4,0x0,,64,0,0,DF,6,tcp,64,192.168.10.110,"
		    "192.168.5.6,55726,443,0,S,1668534242,,0,,"
		    "mss;nop;wscale;nop;nop;TS;sackOK;eol",
		    S(1762429334) + 270685, "block", "192.168.10.110",
		    "192.168.5.6", 55726, 443, PROTO_TCP, "Netgate",
		    "firewall.lan", 0, 0 },
		{ "<134>1 2025-11-06T11:42:14.270789+00:00 firewall.lan "
		    "filterlog 92653 - - 621,,,1644355515,vtnet0.10,match,"
		    "block,in,6,0x00,0x07c63,64,TCP,6,44,"
		    "fdfd:ace:ace:10:d8:cdbf:f6f8:6d69,fdfd:ace:ace:5::6,65382,"
		    "443,0,S,1927530165,,0,,mss;nop;wscale;nop;nop;TS;sackOK;"
		    "eol", S(1762429334) + 270789, "block",
		    "fdfd:ace:ace:10:d8:cdbf:f6f8:6d69", "fdfd:ace:ace:5::6",
		    65382, 443, PROTO_TCP, "Netgate", "firewall.lan", 0, 0 },
		{ "<134>1 2025-11-06T11:47:38.269437+00:00 firewall.lan "
		    "filterlog 92653 - - 7,,,1000000102,vtnet0.5,match,block,"
		    "in,4,0x0,,64,35253,0,DF,6,tcp,60,192.168.5.6,"
		    "192.168.1.100,58014,80,0,S,4062309164,,64240,,"
		    "mss;sackOK;TS;nop;wscale", S(1762429658) + 269437,
		    "block", "192.168.5.6", "192.168.1.100", 58014, 80,
		    PROTO_TCP, "Netgate", "firewall.lan", 0, 35253 },
	};

	check_all(w, NW(w));
}

#define EL "<134>Jul  3 19:10:"
#define EL_BLOCK(sec, id, dst, sport, seq) \
	{ EL #sec " filterlog[72237]: 146,,,1535324496,igb1.12,match," \
	    "block,in,4,0x0,,63," #id ",0,DF,6,tcp,60,10.170.12.50," dst \
	    "," #sport ",853,0,S," #seq ",,64240,,mss;sackOK;TS;nop;wscale", \
	    S(1720033800 + sec), "block", "10.170.12.50", dst, sport, 853, \
	    PROTO_TCP, "Netgate", "", 0, id }

/* corpus/pf_filterlog/elastic_test-pfsense-bsd.log, all nineteen lines:
 * "<134>" BSD header without a host; IGMP and ICMP have no ports. */
static void
test_corpus_elastic_bsd(void **state)
{
	static const struct want w[] = {
		EL_BLOCK(30, 12617, "1.1.1.1", 49724, 1891286705),
		EL_BLOCK(30, 32554, "1.1.1.1", 49696, 3995901112),
		{ EL "30 filterlog[72237]: 176,,,1520797901,igb1.27,match,"
		    "pass,in,4,0xb8,,64,58355,0,none,17,udp,76,10.170.27.27,"
		    "216.229.4.66,123,123,56", S(1720033830), "pass",
		    "10.170.27.27", "216.229.4.66", 123, 123, PROTO_UDP,
		    "Netgate", "", 0, 58355 },
		EL_BLOCK(31, 47260, "1.1.1.1", 49726, 2457553480),
		EL_BLOCK(31, 23391, "1.0.0.1", 56584, 1118373581),
		EL_BLOCK(31, 547, "1.0.0.1", 56542, 3798927693),
		{ EL "31 filterlog[72237]: 6,,,1000000105,igb1.27,match,"
		    "block,in,6,0x00,0xf6279,1,UDP,17,32,"
		    "fe80::208:9bff:fef3:652b,ff02::1:2,546,547,32",
		    S(1720033831), "block", "fe80::208:9bff:fef3:652b",
		    "ff02::1:2", 546, 547, PROTO_UDP, "Netgate", "", 0, 0 },
		EL_BLOCK(32, 47261, "1.1.1.1", 49726, 2457553480),
		EL_BLOCK(32, 1896, "1.1.1.1", 49708, 1224947595),
		EL_BLOCK(32, 40620, "1.0.0.1", 56578, 3864182524),
		EL_BLOCK(32, 25977, "1.1.1.1", 49728, 796254558),
		EL_BLOCK(32, 12618, "1.1.1.1", 49724, 1891286705),
		EL_BLOCK(33, 11515, "1.1.1.1", 49710, 3494229132),
		EL_BLOCK(33, 48979, "1.1.1.1", 49672, 1436983722),
		{ EL "33 filterlog[72237]: 176,,,1520797901,igb1.27,match,"
		    "pass,in,4,0x0,,64,29691,0,DF,17,udp,78,10.170.27.41,"
		    "10.170.27.255,137,137,58", S(1720033833), "pass",
		    "10.170.27.41", "10.170.27.255", 137, 137, PROTO_UDP,
		    "Netgate", "", 0, 29691 },
		EL_BLOCK(33, 25978, "1.1.1.1", 49728, 796254558),
		{ EL "33 filterlog[72237]: 199,,,1557957510,igb1.12,match,"
		    "pass,in,4,0xc0,,1,0,0,DF,2,igmp,32,10.170.12.17,"
		    "239.255.255.250,datalength=8", S(1720033833), "pass",
		    "10.170.12.17", "239.255.255.250", NONE, NONE, 2,
		    "Netgate", "", 0, 0 },
		{ "<134>Jul  4 11:10:45 filterlog[72237]: 176,,,1520797901,"
		    "igb1.10,match,pass,in,4,0x0,,64,62096,0,DF,1,icmp,84,"
		    "10.100.10.30,142.250.114.105,request,37728,164",
		    S(1720091445), "pass", "10.100.10.30", "142.250.114.105",
		    NONE, NONE, PROTO_ICMP, "Netgate", "", 0, 62096 },
		{ "<134>Jul  4 11:10:54 filterlog[72237]: 199,,,1557957510,"
		    "igb1.15,match,pass,in,4,0x0,,64,0,0,DF,1,icmp,84,"
		    "10.100.15.13,10.100.15.1,request,0,064", S(1720091454),
		    "pass", "10.100.15.13", "10.100.15.1", NONE, NONE,
		    PROTO_ICMP, "Netgate", "", 0, 0 },
	};

	stream_reset(T_20241231_0000);	/* Jul 3 is then 2024-07-03 */
	check_all(w, NW(w));
}

#define PF "Mar  3 10:00:10 fw1 filterlog[4242]: "
#define T10 S(T_20240303_1000 + 10)

/*
 * Fixtures from the published layouts: CARP, ICMP and ICMPv6 tails, a
 * fragment without transport header, a truncated packet, a TCP header
 * the decoder rejected, the pfSense ICMP tail and other actions.
 */
static void
test_vendor_fixtures(void **state)
{
	static const struct want w[] = {
		/* CARP: type, ttl, vhid, version, advskew, advbase */
		{ PF "68,,,1000004901,em1,match,pass,out,4,0x10,,255,0,0,none,"
		    "112,carp,56,192.0.2.2,224.0.0.18,advertise,255,1,2,0,1",
		    T10, "pass", "192.0.2.2", "224.0.0.18", NONE, NONE, 112,
		    "Netgate", "fw1", ACTION_OTHER, 0 },
		/* OPNsense ICMP: datalength=N, type, code, id, seq, mtu */
		{ PF "12,,,0d1ea6a7a2b8e4ef7e4fa14b6c1e1f44,igb0,match,block,"
		    "in,4,0x0,,54,4711,0,none,1,icmp,84,203.0.113.66,"
		    "192.0.2.10,datalength=64,echoreq,0,9,1,", T10, "block",
		    "203.0.113.66", "192.0.2.10", NONE, NONE, PROTO_ICMP,
		    "OPNsense", "fw1", 0, 4711 },
		/* ICMPv6 on the IPv6 layout */
		{ PF "12,,,1000000105,igb0,match,block,in,6,0x00,0x00000,57,"
		    "ICMPv6,58,16,2001:db8:66::1,2001:db8:1::1,datalength=16,"
		    "echoreq,0,7,1,", T10, "block", "2001:db8:66::1",
		    "2001:db8:1::1", NONE, NONE, PROTO_ICMPV6, "Netgate",
		    "fw1", 0, 0 },
		/* a later fragment (offset 1480, "+"): nothing after dst */
		{ PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,777,1480,"
		    "+,17,udp,1500,203.0.113.5,192.0.2.10,", T10, "block",
		    "203.0.113.5", "192.0.2.10", NONE, NONE, PROTO_UDP,
		    "Netgate", "fw1", 0, 777 },
		/* captured shorter than the IP length: a marker first */
		{ PF "5,,,1000000103,igb0,match,block,in,4,truncated-ip=60,"
		    "0x0,,52,778,0,DF,6,tcp,60,203.0.113.5,192.0.2.10,40001,"
		    "8080,0,S,1,,1024,,", T10, "block", "203.0.113.5",
		    "192.0.2.10", 40001, 8080, PROTO_TCP, "Netgate", "fw1", 0,
		    778 },
		/* a TCP header the decoder rejected: no ports */
		{ PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,779,0,none,"
		    "6,tcp,40,203.0.113.5,192.0.2.10,errormsg='tcp 28 [bad hdr "
		    "length 12 - too short < 20]',", T10, "block",
		    "203.0.113.5", "192.0.2.10", NONE, NONE, PROTO_TCP,
		    "Netgate", "fw1", 0, 779 },
		/* GRE, ESP: a datalength tail */
		{ PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,780,0,none,"
		    "47,gre,60,203.0.113.5,192.0.2.10,datalength=40", T10,
		    "block", "203.0.113.5", "192.0.2.10", NONE, NONE, 47,
		    "Netgate", "fw1", 0, 780 },
		/* TCP and UDP port 0 are ports */
		{ PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,781,0,none,"
		    "17,udp,28,203.0.113.5,192.0.2.10,0,0,8", T10, "block",
		    "203.0.113.5", "192.0.2.10", 0, 0, PROTO_UDP, "Netgate",
		    "fw1", 0, 781 },
		/* other actions are logged as they are */
		{ PF "5,,,1000000103,igb0,match,synproxy-drop,in,4,0x0,,52,782,"
		    "0,none,6,tcp,60,203.0.113.5,192.0.2.10,40002,443,0,S,1,,"
		    "1024,,", T10, "synproxy-drop", "203.0.113.5",
		    "192.0.2.10", 40002, 443, PROTO_TCP, "Netgate", "fw1", 0,
		    782 },
		{ PF "5,,,1000000103,igb0,match,rdr,in,4,0x0,,52,783,0,none,6,"
		    "tcp,60,203.0.113.5,192.0.2.10,40003,443,0,S,1,,1024,,",
		    T10, "rdr", "203.0.113.5", "192.0.2.10", 40003, 443,
		    PROTO_TCP, "Netgate", "fw1", 0, 783 },
		/* an unknown protocol name, the number decides */
		{ PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,784,0,none,"
		    "253,unknown(253),40,203.0.113.5,192.0.2.10,datalength=20",
		    T10, "block", "203.0.113.5", "192.0.2.10", NONE, NONE,
		    253, "Netgate", "fw1", 0, 784 },
	};

	check_all(w, NW(w));
}

/* Only direction "in" lets the action decide; other directions are
 * class other whatever the action. */
static void
test_direction(void **state)
{
	struct event ev;

	assert_int_equal(fl(PF "5,,,1000000103,igb0,match,block,IN,4,0x0,,52,"
	    "1,0,none,6,tcp,60,203.0.113.5,192.0.2.10,1,2,0,S,1,,1,,", &ev),
	    PARSE_OK);
	assert_int_equal(ev.verdict, 0);
	assert_int_equal(fl(PF "5,,,1000000103,igb0,match,block,in/out,4,0x0,,"
	    "52,1,0,none,6,tcp,60,203.0.113.5,192.0.2.10,1,2,0,S,1,,1,,",
	    &ev), PARSE_OK);
	assert_int_equal(ev.verdict, ACTION_OTHER);
	assert_int_equal(fl(PF "5,,,1000000103,igb0,match,pass,out,4,0x0,,52,"
	    "1,0,none,6,tcp,60,203.0.113.5,192.0.2.10,1,2,0,S,1,,1,,", &ev),
	    PARSE_OK);
	assert_int_equal(ev.verdict, ACTION_OTHER);
	assert_str_eq(ev.action, "pass");
	/* an empty action is absent */
	assert_int_equal(fl(PF "5,,,1000000103,igb0,match,,in,4,0x0,,52,"
	    "1,0,none,6,tcp,60,203.0.113.5,192.0.2.10,1,2,0,S,1,,1,,", &ev),
	    PARSE_OK);
	assert_int_equal(ev.action.n, 0);
}

/* The vendor: a label that is not all digits is OPNsense's; a digits
 * label (pfSense's tracker, OPNsense's "0") goes by the host name. */
static void
test_vendor(void **state)
{
	static const char *const tail = ",igb0,match,block,in,4,0x0,,52,1,0,"
	    "none,6,tcp,60,203.0.113.5,192.0.2.10,1,2,0,S,1,,1,,";
	static const struct {
		const char *head, *label, *vendor, *product;
	} c[] = {
		{ "Mar  3 10:00:10 fw1 filterlog: 5,,,", "1000000103",
		    "Netgate", "pfSense" },
		{ "Mar  3 10:00:10 fw1 filterlog: 5,,,", "",
		    "Netgate", "pfSense" },
		{ "Mar  3 10:00:10 fw1 filterlog: 5,,,", "0",
		    "Netgate", "pfSense" },
		{ "Mar  3 10:00:10 OPNsense.localdomain filterlog: 5,,,", "0",
		    "OPNsense", "OPNsense" },
		{ "Mar  3 10:00:10 fw-opnsense filterlog: 5,,,", "12",
		    "OPNsense", "OPNsense" },
		{ "Mar  3 10:00:10 fw1 filterlog: 5,,,",
		    "bd7d3d2e0a0d0a53f8e8d4d4b0a2a1f1", "OPNsense",
		    "OPNsense" },
		{ "Mar  3 10:00:10 fw1 filterlog: 5,,,",
		    "64d253df-ef65-4b56-9df4-c03fc11b8ce4", "OPNsense",
		    "OPNsense" },
	};
	char line[512];
	struct event ev;

	for (size_t i = 0; i < NW(c); i++) {
		snprintf(line, sizeof(line), "%s%s%s", c[i].head, c[i].label,
		    tail);
		assert_int_equal(fl(line, &ev), PARSE_OK);
		assert_str_eq(ev.vendor, c[i].vendor);
		assert_str_eq(ev.product, c[i].product);
	}
}

/* Framing: RFC 5424 without a host, BSD without PRI or host, the zone. */
static void
test_framing_and_time(void **state)
{
	static const char body[] = "5,,,1000000103,igb0,match,block,in,4,"
	    "0x0,,52,1,0,none,6,tcp,60,203.0.113.5,192.0.2.10,1,2,0,S,1,,1,,";
	const char *err;
	char line[512];
	struct event ev;

	snprintf(line, sizeof(line), "<134>1 2024-03-03T10:00:11.5Z - "
	    "filterlog - - - %s", body);
	assert_int_equal(fl(line, &ev), PARSE_OK);
	assert_int_equal(ev.time, S(T_20240303_1000 + 11) + 500000);
	assert_int_equal(ev.device.n, 0);

	snprintf(line, sizeof(line), "Mar  3 10:00:12 filterlog: %s", body);
	assert_int_equal(fl(line, &ev), PARSE_OK);
	assert_int_equal(ev.time, S(T_20240303_1000 + 12));
	assert_int_equal(ev.device.n, 0);

	/* a year-less time without zone is read in --tz: CET is UTC+1 */
	assert_int_equal(tz_select("Europe/Berlin", &err), 0);
	stream_reset(T_20240303_1200);
	snprintf(line, sizeof(line), "Mar  3 10:00:13 fw1 filterlog: %s",
	    body);
	assert_int_equal(fl(line, &ev), PARSE_OK);
	assert_int_equal(ev.time, S(T_20240303_1000 + 13 - 3600));
	assert_int_equal(tz_select("UTC", &err), 0);
}

/* Records of this format that cannot be read. */
static void
test_malformed(void **state)
{
	expect(PF "5,,,1000000103,igb0,match,block,in", PARSE_MALFORMED,
	    "fewer than 9 fields");
	expect(PF "5,,,1000000103,igb0,match,block,in,5,0x0,,52,1,0,none,6,"
	    "tcp,60,203.0.113.5,192.0.2.10,1,2", PARSE_MALFORMED,
	    "IP version not 4 or 6");
	/* cut inside the IPv4 part, before the destination */
	expect(PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,1,0,none,6,"
	    "tcp,60,203.0.113.5", PARSE_MALFORMED,
	    "fewer fields than the IPv4 layout");
	expect(PF "5,,,1000000103,igb0,match,block,in,6,0x00,0x00000,64,UDP,"
	    "17,40,2001:db8:5::66", PARSE_MALFORMED,
	    "fewer fields than the IPv6 layout");
	/* an IPv6 record marked 4: the protocol column holds an address */
	expect(PF "5,,,1000000103,igb0,match,block,in,4,0x00,0x00000,64,UDP,"
	    "17,40,2001:db8:5::66,2001:db8:1::10,40000,161,40",
	    PARSE_MALFORMED, "bad protocol number");
	expect(PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,1,0,none,"
	    "256,x,60,203.0.113.5,192.0.2.10,1,2", PARSE_MALFORMED,
	    "bad protocol number");
	expect(PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,1,0,none,"
	    ",tcp,60,203.0.113.5,192.0.2.10,1,2", PARSE_MALFORMED,
	    "bad protocol number");
	expect(PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,1,0,none,6,"
	    "tcp,60,203.0.113.500,192.0.2.10,1,2", PARSE_MALFORMED,
	    "bad source address");
	expect(PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,1,0,none,6,"
	    "tcp,60,203.0.113.5,,1,2", PARSE_MALFORMED,
	    "bad destination address");
	/* the version and the addresses must agree */
	expect(PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,1,0,none,6,"
	    "tcp,60,2001:db8::5,192.0.2.10,1,2", PARSE_MALFORMED,
	    "bad source address");
	expect(PF "5,,,1000000103,igb0,match,block,in,6,0x00,0x00000,64,TCP,"
	    "6,40,2001:db8::5,192.0.2.10,1,2", PARSE_MALFORMED,
	    "bad destination address");
	expect(PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,1,0,none,6,"
	    "tcp,60,203.0.113.5,192.0.2.10,65536,2", PARSE_MALFORMED,
	    "bad source port");
	expect(PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,1,0,none,6,"
	    "tcp,60,203.0.113.5,192.0.2.10,4x,2", PARSE_MALFORMED,
	    "bad source port");
	expect(PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,1,0,none,6,"
	    "tcp,60,203.0.113.5,192.0.2.10,40000", PARSE_MALFORMED,
	    "bad destination port");
	expect(PF "5,,,1000000103,igb0,match,block,in,4,0x0,,52,1,0,none,17,"
	    "udp,60,203.0.113.5,192.0.2.10,40000,,8", PARSE_MALFORMED,
	    "bad destination port");
}

/* filterlog's own messages and undecodable packets: skipped. */
static void
test_skip(void **state)
{
	expect("Mar  3 10:00:10 fw1 filterlog[4242]: [|pflog]", PARSE_SKIP,
	    "filterlog message that is not a packet");
	expect("Mar  3 10:00:10 fw1 filterlog[4242]: [pflog: invalid header "
	    "length!]", PARSE_SKIP, "filterlog message that is not a packet");
	expect("Mar  3 10:00:10 fw1 filterlog[4242]: ", PARSE_SKIP,
	    "empty filterlog message");
	expect(PF "5,,,1000000103,igb0,match,block,in,4,truncated-ip=12",
	    PARSE_SKIP, "packet too short to decode");
	expect(PF "5,,,1000000103,igb0,match,block,in,4,bad-hlen=16,",
	    PARSE_SKIP, "packet too short to decode");
	expect(PF "5,,,1000000103,igb0,match,block,in,4,[|ip],", PARSE_SKIP,
	    "packet too short to decode");
	expect(PF "5,,,1000000103,igb0,match,block,in,6,truncated-ip6=20,",
	    PARSE_SKIP, "packet too short to decode");
}

/* Lines of other formats, and near misses, are not claimed. */
static void
test_not_mine(void **state)
{
	static const char *const lines[] = {
		"",
		"filterlog",
		"Mar  3 10:00:07 gw01 kernel: [1.0] FW-DROP IN=eth0 OUT= "
		    "SRC=203.0.113.77 DST=192.0.2.10 LEN=40 PROTO=TCP SPT=1 "
		    "DPT=22",
		"Mar  3 10:00:07 fw CEF:0|Netgate|pfSense|2.7|filterlog|"
		    "block|5|src=203.0.113.5 dst=192.0.2.10 dpt=22",
		"Mar  3 10:00:07 fw sshd[12]: filterlog: 5,,,1,igb0,match,"
		    "block,in,4,0x0,,52,1,0,none,6,tcp,60,203.0.113.5,"
		    "192.0.2.10,1,2",
		"Mar  3 10:00:07 fw filterlogd: 5,,,1,igb0,match,block,in,4,"
		    "0x0,,52,1,0,none,6,tcp,60,203.0.113.5,192.0.2.10,1,2",
		"Mar 03 10:00:07.123456 rule 5/(match) block in on em0: "
		    "203.0.113.40.40000 > 192.0.2.60.23: S 1:1(0) win 512",
		"5,,,1000000103,igb0,match,block,in,4,0x0,,52,1,0,none,6,tcp,"
		    "60,203.0.113.5,192.0.2.10,1,2",
	};
	struct event ev;

	for (size_t i = 0; i < NW(lines); i++)
		assert_int_equal(fl(lines[i], &ev), PARSE_NOT_MINE);
}

/* Never reads past n; NUL bytes are data. */
static void
test_bounds(void **state)
{
	static const char line[] = PF "5,,,1000000103,igb0,match,block,in,4,"
	    "0x0,,52,1,0,none,6,tcp,60,203.0.113.5,192.0.2.10,40000,22,0,S";
	static const char nul[] = PF "5,,,1000000103,igb0,match,block,in,4,"
	    "0x0,,52,1,0,none,6,tcp,60,203.0.113.5\0,192.0.2.10,40000,22";
	size_t len = sizeof(line) - 1, tag = strlen(PF) - 1;
	size_t dport = (size_t)(strstr(line, ",22,") - line) + 3;
	struct event ev;

	/* each prefix in a buffer of its own size, for memory checkers */
	for (size_t n = 0; n <= len; n++) {
		char *copy = malloc(n ? n : 1);
		enum parse_status st;

		memcpy(copy, line, n);
		st = fl_n(copy, n, &ev);
		if (n < tag)	/* "filterlog[4242]:" incomplete */
			assert_int_equal(st, PARSE_NOT_MINE);
		else if (n >= dport)
			assert_int_equal(st, PARSE_OK);
		else
			assert_int_not_equal(st, PARSE_NOT_MINE);
		free(copy);
	}
	assert_int_equal(fl_n(line, len, &ev), PARSE_OK);
	assert_int_equal(ev.dport, 22);
	assert_int_equal(fl_n(nul, sizeof(nul) - 1, &ev), PARSE_MALFORMED);
	assert_string_equal(ctx.reason, "bad source address");
}

static void
test_sniff(void **state)
{
	static const char good[] =
	    "Mar  3 10:00:07 fw filterlog: 5,,,1,igb0,match,block,in,4,0x0,,"
	    "52,1,0,none,6,tcp,60,203.0.113.5,192.0.2.10,1,2,0,S,1,,1,,\n"
	    "<134>1 2024-03-03T10:00:08Z fw filterlog 1 - - 5,,,1,igb0,match,"
	    "block,in,6,0x00,0x00000,64,UDP,17,40,2001:db8:5::66,"
	    "2001:db8:1::10,40000,161,40\n";
	static const char half[] =
	    "Mar  3 10:00:07 fw filterlog: 5,,,1,igb0,match,block,in,4,0x0,,"
	    "52,1,0,none,6,tcp,60,203.0.113.5,192.0.2.10,1,2,0,S,1,,1,,\n"
	    "Mar  3 10:00:07 fw sshd[1]: Accepted publickey for root\n";
	static const char other[] =
	    "Mar  3 10:00:07 gw01 kernel: FW-DROP IN=eth0 OUT= "
	    "SRC=203.0.113.77 DST=192.0.2.10 PROTO=TCP SPT=1 DPT=22\n";

	assert_int_equal(format_filterlog.sniff(good, sizeof(good) - 1), 95);
	assert_int_equal(format_filterlog.sniff(half, sizeof(half) - 1), 62);
	assert_int_equal(format_filterlog.sniff(other, sizeof(other) - 1), 0);
	assert_int_equal(format_filterlog.sniff("", 0), 0);
	assert_true(format_filterlog.line_based);
	assert_string_equal(format_filterlog.name, "filterlog");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_b010_layouts, setup),
		cmocka_unit_test_setup(test_b011_tcp_caps, setup),
		cmocka_unit_test_setup(test_corpus_crowdsec_pf_logs, setup),
		cmocka_unit_test_setup(test_corpus_crowdsec_rfc5424, setup),
		cmocka_unit_test_setup(test_corpus_elastic_bsd, setup),
		cmocka_unit_test_setup(test_vendor_fixtures, setup),
		cmocka_unit_test_setup(test_direction, setup),
		cmocka_unit_test_setup(test_vendor, setup),
		cmocka_unit_test_setup(test_framing_and_time, setup),
		cmocka_unit_test_setup(test_malformed, setup),
		cmocka_unit_test_setup(test_skip, setup),
		cmocka_unit_test_setup(test_not_mine, setup),
		cmocka_unit_test_setup(test_bounds, setup),
		cmocka_unit_test_setup(test_sniff, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
