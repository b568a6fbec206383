/*
 * asa.c - Cisco ASA, FTD and PIX syslog messages, and the access-list log
 * lines of Cisco IOS (%SEC-6-IPACCESSLOGP and its kin).
 *
 * A record is "[syslog header] [device time:] %ASA-sev-NNNNNN: text".  The
 * marker names the message; each message that reports a denied (or, for
 * access-list hits, permitted) packet has a fixed sentence whose addresses
 * are read by its shape: "src IFACE:ADDR/PORT dst ...", "from ADDR/PORT
 * to ...", "IFACE/ADDR(PORT) -> ...".  Other messages are this format's
 * records without an event.  Everything borrows from the line.
 * docs/formats.md, section Cisco ASA, is the contract.
 */
#include <string.h>
#include <strings.h>

#include "../core/action.h"
#include "format.h"
#include "syslog.h"

#define ASA_SNIFF_LINES 200	/* lines of the file head that sniff reads */
#define ASA_FACILITY_MAX 24	/* longest facility name of a marker */

enum asa_family { ASA_FAMILY_ASA, ASA_FAMILY_FTD, ASA_FAMILY_PIX,
	ASA_FAMILY_IOS };

/* The "%FAC-sev-ID:" marker that opens the message. */
struct asa_marker {
	enum asa_family family;
	uint32_t id;		/* ASA message number; 0 for IOS */
	struct str mnemonic;	/* IOS mnemonic ("IPACCESSLOGP") */
	size_t start;		/* offset of '%' */
	size_t body;		/* offset of the message text */
};

/* How a message's sentence places its fields. */
enum asa_shape {
	SHAPE_SRC_DST,		/* "Deny [dir] <proto> src A dst B" */
	SHAPE_FROM_TO,		/* "... from A to B" */
	SHAPE_ACL,		/* "access-list N <verdict> <proto> A -> B" */
	SHAPE_SHUN,		/* "Shunned packet: A = B on interface I" */
	SHAPE_THREAT,		/* "Host A is attacking." */
};

#define ASA_DST_IFACE 0x01	/* the "to" address has an "IFACE:" */
#define ASA_NO_DST 0x02		/* the sentence names no destination */

static const struct asa_msg {
	uint32_t id;
	uint8_t shape;
	uint8_t verdict;	/* index of the verdict word */
	uint8_t proto;		/* index of the protocol word */
	uint8_t flags;
} asa_msgs[] = {
	{ 106001, SHAPE_FROM_TO, 3, 1, 0 },
	{ 106006, SHAPE_FROM_TO, 0, 2, 0 },
	{ 106007, SHAPE_FROM_TO, 0, 2, 0 },
	{ 106010, SHAPE_SRC_DST, 0, 0, 0 },
	{ 106014, SHAPE_SRC_DST, 0, 0, 0 },
	{ 106015, SHAPE_FROM_TO, 0, 1, 0 },
	{ 106016, SHAPE_FROM_TO, 0, 1, 0 },
	{ 106017, SHAPE_FROM_TO, 0, 1, 0 },
	{ 106020, SHAPE_FROM_TO, 0, 1, 0 },
	{ 106021, SHAPE_FROM_TO, 0, 1, 0 },
	{ 106022, SHAPE_FROM_TO, 0, 1, 0 },
	{ 106023, SHAPE_SRC_DST, 0, 0, 0 },
	{ 106100, SHAPE_ACL, 2, 3, 0 },
	{ 313001, SHAPE_FROM_TO, 0, 1, ASA_NO_DST },
	{ 401004, SHAPE_SHUN, 0, 0, 0 },
	{ 418001, SHAPE_SRC_DST, 6, 0, 0 },
	{ 710003, SHAPE_FROM_TO, 2, 0, ASA_DST_IFACE },
	{ 710005, SHAPE_FROM_TO, 2, 0, ASA_DST_IFACE },
	{ 733101, SHAPE_THREAT, 0, 0, 0 },
};

/* Whether an "IFACE:" may stand before an address. */
enum asa_iface { IFACE_NONE, IFACE_OPTIONAL, IFACE_REQUIRED };

/* A cursor over the message text. */
struct asa_cur {
	const char *p, *end;
};

static bool
asa_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
asa_is_upper(char c)
{
	return (c >= 'A' && c <= 'Z') || asa_is_digit(c) || c == '_';
}

static bool
asa_str_is(struct str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n == n && memcmp(s.p, lit, n) == 0;
}

static bool
asa_has_prefix(struct str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n >= n && memcmp(s.p, lit, n) == 0;
}

/* The next space-separated token; empty at the end. */
static struct str
cur_next(struct asa_cur *c)
{
	const char *s;

	while (c->p < c->end && *c->p == ' ')
		c->p++;
	s = c->p;
	while (c->p < c->end && *c->p != ' ')
		c->p++;
	return (struct str){ s, (size_t)(c->p - s) };
}

/* Moves past the next token equal to word; false when there is none. */
static bool
cur_skip_to(struct asa_cur *c, const char *word)
{
	struct str t;

	while ((t = cur_next(c)).n > 0)
		if (asa_str_is(t, word))
			return true;
	return false;
}

/*
 * The next address token: it ends at a space or at a '(' (a user name,
 * a host name or an ICMP type glued to it); "(ADDR)" is unwrapped.
 */
static struct str
cur_endpoint(struct asa_cur *c)
{
	const char *s;

	while (c->p < c->end && *c->p == ' ')
		c->p++;
	if (c->p < c->end && *c->p == '(') {
		s = ++c->p;
		while (c->p < c->end && *c->p != ')' && *c->p != ' ')
			c->p++;
	} else {
		s = c->p;
		while (c->p < c->end && *c->p != ' ' && *c->p != '(')
			c->p++;
	}
	return (struct str){ s, (size_t)(c->p - s) };
}

/* Drops sentence punctuation after a value: "192.0.2.1." "(443),". */
static struct str
asa_trim_punct(struct str t)
{
	while (t.n > 0 && (t.p[t.n - 1] == ',' || t.p[t.n - 1] == '.' ||
	    t.p[t.n - 1] == ';'))
		t.n--;
	return t;
}

/* Reads a port: 1 to 5 digits, at most 65535. */
static bool
asa_read_port(struct str t, uint16_t *port)
{
	uint32_t v = 0;

	if (t.n == 0 || t.n > 5)
		return false;
	for (size_t i = 0; i < t.n; i++) {
		if (!asa_is_digit(t.p[i]))
			return false;
		v = v * 10 + (uint32_t)(t.p[i] - '0');
	}
	if (v > 65535)
		return false;
	*port = (uint16_t)v;
	return true;
}

/*
 * Reads "ADDR[/PORT]" starting at t.p[from].  Returns 0 when the address
 * is not readable there, 1 when it is and the port too, -1 when the
 * address is and the port is not.
 */
static int
asa_try_addr_port(struct str t, size_t from, struct addr *a, uint16_t *port,
    bool *has_port)
{
	const char *s = t.p + from, *slash;
	size_t n = t.n - from;

	slash = memchr(s, '/', n);
	if (!addr_parse(s, slash ? (size_t)(slash - s) : n, a))
		return 0;
	*has_port = slash != NULL;
	if (slash == NULL)
		return 1;
	return asa_read_port((struct str){ slash + 1,
	    n - (size_t)(slash + 1 - s) }, port) ? 1 : -1;
}

/*
 * Reads "[IFACE:]ADDR[/PORT]".  Interface names may hold ':' ("v1:outside")
 * and IPv6 addresses do, so the split is tried at each ':' from the left:
 * the first place where an address reads wins.  With IFACE_OPTIONAL the
 * whole token is tried first, with IFACE_REQUIRED last.  Returns NULL or
 * the reason, naming the side given by is_src.
 */
static const char *
asa_endpoint(struct str t, enum asa_iface mode, bool is_src,
    struct event *ev)
{
	struct addr *a = is_src ? &ev->src : &ev->dst;
	uint16_t *port = is_src ? &ev->sport : &ev->dport;
	bool *has_port = is_src ? &ev->has_sport : &ev->has_dport;
	const char *colon, *slash;
	int r = 0;

	t = asa_trim_punct(t);
	if (mode != IFACE_REQUIRED)
		r = asa_try_addr_port(t, 0, a, port, has_port);
	slash = memchr(t.p, '/', t.n);
	for (size_t i = 0; r == 0 && mode != IFACE_NONE && i < t.n; i++) {
		colon = memchr(t.p + i, ':', t.n - i);
		if (colon == NULL || (slash != NULL && colon > slash))
			break;
		i = (size_t)(colon - t.p);
		r = asa_try_addr_port(t, i + 1, a, port, has_port);
	}
	if (r == 0 && mode == IFACE_REQUIRED)
		r = asa_try_addr_port(t, 0, a, port, has_port);
	if (r == 0)
		return is_src ? "bad source address" :
		    "bad destination address";
	if (r < 0)
		return is_src ? "bad source port" : "bad destination port";
	*(is_src ? &ev->has_src : &ev->has_dst) = true;
	return NULL;
}

/*
 * Reads "[IFACE/]ADDR[(PORT)]" of access-list lines: the interface ends
 * at the last '/' before the '(', the port is the number in the first
 * parentheses.  Returns NULL or the reason.
 */
static const char *
asa_endpoint_paren(struct str t, bool is_src, struct event *ev)
{
	const char *open, *close, *s = t.p;
	size_t an;

	t = asa_trim_punct(t);
	open = memchr(t.p, '(', t.n);
	an = open ? (size_t)(open - t.p) : t.n;
	for (size_t i = an; i > 0; i--)
		if (t.p[i - 1] == '/') {
			s = t.p + i;
			break;
		}
	an -= (size_t)(s - t.p);
	if (!addr_parse(s, an, is_src ? &ev->src : &ev->dst))
		return is_src ? "bad source address" :
		    "bad destination address";
	*(is_src ? &ev->has_src : &ev->has_dst) = true;
	if (open == NULL)
		return NULL;
	close = memchr(open, ')', t.n - (size_t)(open - t.p));
	if (close == NULL || !asa_read_port((struct str){ open + 1,
	    (size_t)(close - open - 1) }, is_src ? &ev->sport : &ev->dport))
		return is_src ? "bad source port" : "bad destination port";
	*(is_src ? &ev->has_sport : &ev->has_dport) = true;
	return NULL;
}

/* Reads a protocol name or number; "icmp6" is ICMPv6.  NULL or reason. */
static const char *
asa_proto(struct str t, struct event *ev)
{
	int x;

	if (t.n == 5 && strncasecmp(t.p, "icmp6", 5) == 0)
		x = PROTO_ICMPV6;
	else if ((x = proto_parse(t.p, t.n)) == -2)
		return "bad protocol number";
	ev->proto = (int16_t)x;
	return NULL;
}

/*
 * Only TCP, UDP, SCTP and UDP-Lite have ports: the numbers other
 * protocols show in their place are an ICMP type and code, or 0.  ICMP
 * between IPv6 addresses is ICMPv6, whatever the message calls it.
 */
static void
asa_settle_proto(struct event *ev)
{
	int p = ev->proto;

	if (p == PROTO_ICMP && ((ev->has_src && !addr_is_v4(&ev->src)) ||
	    (ev->has_dst && !addr_is_v4(&ev->dst))))
		ev->proto = p = PROTO_ICMPV6;
	if (p < 0 || p == PROTO_TCP || p == PROTO_UDP || p == 132 || p == 136)
		return;
	ev->has_sport = ev->has_dport = false;
	ev->sport = ev->dport = 0;
}

/* Reads the tokens up to index max(i0, i1), keeping tokens i0 and i1. */
static bool
asa_tokens_at(struct asa_cur *c, unsigned i0, unsigned i1, struct str *t0,
    struct str *t1)
{
	unsigned last = i0 > i1 ? i0 : i1;
	struct str t;

	for (unsigned i = 0; i <= last; i++) {
		if ((t = cur_next(c)).n == 0)
			return false;
		if (i == i0)
			*t0 = t;
		if (i == i1)
			*t1 = t;
	}
	return true;
}

/* "Deny inbound protocol 47 src outside:A dst inside:B ..." and kin. */
static const char *
asa_shape_src_dst(const struct asa_msg *m, struct asa_cur *c,
    struct event *ev)
{
	struct str t, unused = STR_NULL;
	const char *err;

	if (!asa_tokens_at(c, m->verdict, m->verdict, &ev->action, &unused))
		return "unexpected message text";
	if (ev->action.n > 0 && ev->action.p[ev->action.n - 1] == ':')
		ev->action.n--;
	t = cur_next(c);
	if (asa_str_is(t, "inbound") || asa_str_is(t, "outbound"))
		t = cur_next(c);
	if (asa_str_is(t, "protocol"))
		t = cur_next(c);
	if (t.n == 0 || !asa_str_is(cur_next(c), "src"))
		return "unexpected message text";
	if ((err = asa_proto(t, ev)) != NULL)
		return err;
	if ((t = cur_endpoint(c)).n == 0)
		return "no source address";
	if ((err = asa_endpoint(t, IFACE_REQUIRED, true, ev)) != NULL)
		return err;
	if (!cur_skip_to(c, "dst") || (t = cur_endpoint(c)).n == 0)
		return "no destination address";
	return asa_endpoint(t, IFACE_REQUIRED, false, ev);
}

/* "Deny inbound UDP from A/p to B/q ...", "TCP access denied by ACL ...". */
static const char *
asa_shape_from_to(const struct asa_msg *m, struct asa_cur *c,
    struct event *ev)
{
	struct str t, proto = STR_NULL;
	const char *err;

	if (!asa_tokens_at(c, m->verdict, m->proto, &ev->action, &proto))
		return "unexpected message text";
	if ((err = asa_proto(proto, ev)) != NULL)
		return err;
	if (!cur_skip_to(c, "from") || (t = cur_endpoint(c)).n == 0)
		return "no source address";
	if ((err = asa_endpoint(t, IFACE_OPTIONAL, true, ev)) != NULL)
		return err;
	if (m->flags & ASA_NO_DST)
		return NULL;
	if (!cur_skip_to(c, "to") || (t = cur_endpoint(c)).n == 0)
		return "no destination address";
	return asa_endpoint(t, (m->flags & ASA_DST_IFACE) ? IFACE_REQUIRED :
	    IFACE_OPTIONAL, false, ev);
}

/*
 * The "list NAME <verdict> <proto> SRC ... -> DST" tail shared by ASA
 * 106100 and the IOS access-list lines; the cursor stands after NAME.
 * A standard IOS list (no_proto) logs only "list 10 denied SRC".
 */
static const char *
asa_acl_tail(struct asa_cur *c, bool no_proto, struct event *ev)
{
	struct str t;
	const char *err;

	if ((ev->action = cur_next(c)).n == 0)
		return "unexpected message text";
	if (!no_proto && (err = asa_proto(cur_next(c), ev)) != NULL)
		return err;
	if ((t = cur_next(c)).n == 0)
		return "no source address";
	if ((err = asa_endpoint_paren(t, true, ev)) != NULL || no_proto)
		return err;
	if (!cur_skip_to(c, "->") || (t = cur_next(c)).n == 0)
		return "no destination address";
	return asa_endpoint_paren(t, false, ev);
}

/* True for the "=", "==>" or "->" between the two addresses. */
static bool
asa_is_arrow(struct str t)
{
	if (t.n == 0)
		return false;
	for (size_t i = 0; i < t.n; i++)
		if (t.p[i] != '=' && t.p[i] != '-' && t.p[i] != '>')
			return false;
	return true;
}

/* "Shunned packet: A = B on interface I": a packet dropped by a shun. */
static const char *
asa_shape_shun(struct asa_cur *c, struct event *ev)
{
	struct str t;
	const char *err;

	ev->action = cur_next(c);
	if (!asa_str_is(ev->action, "Shunned") ||
	    !asa_str_is(cur_next(c), "packet:"))
		return "unexpected message text";
	if ((t = cur_endpoint(c)).n == 0)
		return "no source address";
	if ((err = asa_endpoint(t, IFACE_NONE, true, ev)) != NULL)
		return err;
	t = cur_next(c);
	if (asa_is_arrow(t))
		t = cur_endpoint(c);
	if (t.n == 0)
		return "no destination address";
	ev->verdict = ACTION_DENY;
	return asa_endpoint(t, IFACE_NONE, false, ev);
}

/* The verdict of message m read from the text at c. */
static enum parse_status
asa_read_message(struct parse_ctx *ctx, const struct asa_msg *m,
    struct asa_cur *c, struct event *ev)
{
	const char *err = NULL;

	if (m->shape == SHAPE_SRC_DST)
		err = asa_shape_src_dst(m, c, ev);
	else if (m->shape == SHAPE_FROM_TO)
		err = asa_shape_from_to(m, c, ev);
	else if (m->shape == SHAPE_SHUN)
		err = asa_shape_shun(c, ev);
	else if (!asa_str_is(cur_next(c), "access-list") ||
	    cur_next(c).n == 0)
		err = "unexpected message text";
	else
		err = asa_acl_tail(c, false, ev);
	if (err != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	asa_settle_proto(ev);
	return PARSE_OK;
}

/*
 * 733101, scanning threat detection: "Host A is attacking." gives an
 * event of class other with the attacker as source and nothing else;
 * a target ("is targeted") or a subnet names no attacking host.
 */
static enum parse_status
asa_read_threat(struct parse_ctx *ctx, struct asa_cur *c, struct event *ev)
{
	struct str kind = cur_next(c), host = cur_next(c), what;

	(void)cur_next(c);
	what = asa_trim_punct(cur_next(c));
	if (what.n == 0)
		return ctx->reason = "unexpected message text", PARSE_MALFORMED;
	if (!asa_str_is(kind, "Host") || !asa_str_is(what, "attacking"))
		return ctx->reason = "threat detection: target or subnet",
		    PARSE_SKIP;
	if (!addr_parse(host.p, host.n, &ev->src))
		return ctx->reason = "bad source address", PARSE_MALFORMED;
	ev->has_src = true;
	ev->action = what;
	ev->verdict = ACTION_OTHER;
	return PARSE_OK;
}

/* An ASA, FTD or PIX message body; m names the message. */
static enum parse_status
asa_read_asa(struct parse_ctx *ctx, const struct asa_marker *mk,
    struct asa_cur *c, struct event *ev)
{
	const struct asa_msg *m = NULL;

	for (size_t i = 0; i < sizeof(asa_msgs) / sizeof(asa_msgs[0]); i++)
		if (asa_msgs[i].id == mk->id) {
			m = &asa_msgs[i];
			break;
		}
	if (m == NULL)
		return ctx->reason = "message type not read", PARSE_SKIP;
	if (c->p == c->end)
		return ctx->reason = "no message text", PARSE_MALFORMED;
	if (m->shape == SHAPE_THREAT)
		return asa_read_threat(ctx, c, ev);
	return asa_read_message(ctx, m, c, ev);
}

/*
 * An IOS access-list line: "list NAME denied tcp A(p) [(if mac)] ->
 * B(q), N packets".  IPACCESSLOGS (standard lists) logs the source only;
 * the other IPACCESSLOG and IPV6_ACL ACCESSLOG mnemonics log both.
 */
static enum parse_status
asa_read_ios(struct parse_ctx *ctx, const struct asa_marker *mk,
    struct asa_cur *c, struct event *ev)
{
	struct str mn = mk->mnemonic;
	bool standard = asa_str_is(mn, "IPACCESSLOGS");
	const char *err;

	if (asa_str_is(mn, "IPACCESSLOGRL"))
		return ctx->reason = "message type not read", PARSE_SKIP;
	if (!cur_skip_to(c, "list") || cur_next(c).n == 0)
		return ctx->reason = "unexpected message text",
		    PARSE_MALFORMED;
	if ((err = asa_acl_tail(c, standard, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	asa_settle_proto(ev);
	return PARSE_OK;
}

/* Reads "ASA-", "FTD-" or "PIX-" and the six-digit message number. */
static bool
asa_read_asa_marker(const char *f, size_t fn, const char *p,
    const char *end, struct asa_marker *m)
{
	uint32_t id = 0;
	int k;

	if (fn != 3)
		return false;
	if (memcmp(f, "ASA", 3) == 0)
		m->family = ASA_FAMILY_ASA;
	else if (memcmp(f, "FTD", 3) == 0)
		m->family = ASA_FAMILY_FTD;
	else if (memcmp(f, "PIX", 3) == 0)
		m->family = ASA_FAMILY_PIX;
	else
		return false;
	for (k = 0; k < 6 && p + k < end && asa_is_digit(p[k]); k++)
		id = id * 10 + (uint32_t)(p[k] - '0');
	if (k != 6 || (p + 6 < end && p[6] != ':' && p[6] != ' '))
		return false;
	m->id = id;
	m->body = 6;
	return true;
}

/* Reads an IOS mnemonic of the access-list log, ending in ':'. */
static bool
asa_read_ios_marker(const char *p, const char *end, struct asa_marker *m)
{
	const char *q = p;

	while (q < end && asa_is_upper(*q))
		q++;
	m->mnemonic = (struct str){ p, (size_t)(q - p) };
	if (q == end || *q != ':' || (!asa_has_prefix(m->mnemonic,
	    "IPACCESSLOG") && !asa_has_prefix(m->mnemonic, "ACCESSLOG")))
		return false;
	m->family = ASA_FAMILY_IOS;
	m->id = 0;
	m->body = (size_t)(q - p);
	return true;
}

/*
 * Reads a marker "%FAC-S-ID" at q (the '%').  Sets m->body to the offset
 * of the text after the marker and its ':' and spaces.
 */
static bool
asa_read_marker(const char *line, const char *q, const char *end,
    struct asa_marker *m)
{
	const char *f = q + 1, *p = f;

	while (p < end && p - f <= ASA_FACILITY_MAX && asa_is_upper(*p))
		p++;
	if (p == f || end - p < 4 || p[0] != '-' || p[1] < '0' ||
	    p[1] > '7' || p[2] != '-')
		return false;
	p += 3;
	if (!asa_read_asa_marker(f, (size_t)(p - 3 - f), p, end, m) &&
	    !asa_read_ios_marker(p, end, m))
		return false;
	p += m->body;
	if (p < end && *p == ':')
		p++;
	while (p < end && *p == ' ')
		p++;
	m->start = (size_t)(q - line);
	m->body = (size_t)(p - line);
	return true;
}

/*
 * Finds the marker: a '%' at the start of the line or after a space,
 * ':', '>' or tab, followed by a marker of this format.
 */
static bool
asa_find_marker(const char *line, size_t n, struct asa_marker *m)
{
	const char *p = line, *end = line + n, *q;

	while ((q = memchr(p, '%', (size_t)(end - p))) != NULL) {
		if ((q == line || q[-1] == ' ' || q[-1] == ':' ||
		    q[-1] == '>' || q[-1] == '\t') &&
		    asa_read_marker(line, q, end, m))
			return true;
		p = q + 1;
	}
	return false;
}

/* The message text, without trailing spaces and the "message repeated N
 * times: [ ... ]" wrapper of a syslog daemon's repeat compression. */
static struct asa_cur
asa_body(const char *line, size_t n, const struct asa_marker *m)
{
	struct asa_cur c = { line + m->body, line + n };
	const char *open;

	while (c.end > c.p && (c.end[-1] == ' ' || c.end[-1] == '\r'))
		c.end--;
	if ((size_t)(c.end - c.p) > 17 &&
	    memcmp(c.p, "message repeated ", 17) == 0 &&
	    (open = memchr(c.p, '[', (size_t)(c.end - c.p))) != NULL) {
		c.p = open + 1;
		if (c.end > c.p && c.end[-1] == ']')
			c.end--;
	}
	return c;
}

/* The parts of the text before the marker that the event uses. */
struct asa_prefix {
	struct civil time;	/* the syslog header's */
	struct civil own;	/* the device's own, before the marker */
	bool has_time, has_own;
	bool bad_time;		/* the syslog header's is unreadable */
	bool own_unsynced;	/* IOS '*' or '.': clock not authoritative */
	struct str device;
};

static bool
asa_is_hostname(struct str t)
{
	if (t.n == 0 || t.n > 255)
		return false;
	for (size_t i = 0; i < t.n; i++) {
		char ch = t.p[i];

		if (!asa_is_digit(ch) && !((ch | 0x20) >= 'a' &&
		    (ch | 0x20) <= 'z') && ch != '-' && ch != '.' &&
		    ch != '_' && ch != ':')
			return false;
	}
	return true;
}

static bool
asa_is_number(struct str t)
{
	if (t.n == 0)
		return false;
	for (size_t i = 0; i < t.n; i++)
		if (!asa_is_digit(t.p[i]))
			return false;
	return true;
}

/* True for a syslog "FACILITY.LEVEL" token ("LOCAL4.WARNING"). */
static bool
asa_is_facility(struct str t)
{
	static const char *const fac[] = { "kern", "user", "mail", "daemon",
	    "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv",
	    "ftp", "local0", "local1", "local2", "local3", "local4",
	    "local5", "local6", "local7" };
	const char *dot = memchr(t.p, '.', t.n);
	size_t fn;

	if (dot == NULL || dot == t.p + t.n - 1)
		return false;
	fn = (size_t)(dot - t.p);
	for (size_t i = 0; i < sizeof(fac) / sizeof(fac[0]); i++)
		if (strlen(fac[i]) == fn && strncasecmp(fac[i], t.p, fn) == 0)
			return true;
	return false;
}

/*
 * Reads a device time at p: "[*|.]Mmm dd [yyyy ]hh:mm:ss[.fff][ ZONE]:"
 * or an ISO 8601 time followed by ':'.  Returns the bytes read, 0 if
 * there is none.
 */
static size_t
asa_read_own_time(const char *p, const char *end, struct asa_prefix *pf)
{
	size_t skip = (*p == '*' || *p == '.') ? 1 : 0, k, z;
	const char *e;

	k = syslog_parse_bsd_time(p + skip, (size_t)(end - p) - skip,
	    &pf->own);
	if (k == 0) {
		for (e = p; e < end && *e != ' '; e++)
			;
		z = (size_t)(e - p);
		if (z > 1 && p[z - 1] == ':')
			z--;
		if (!asa_is_digit(*p) || !time_parse_iso(p, z, &pf->own))
			return 0;
		return pf->has_own = true, (size_t)(e - p);
	}
	pf->has_own = true;
	pf->own_unsynced = skip == 1;
	k += skip;
	if (p + k >= end || p[k] != ' ')
		return p + k < end && p[k] == ':' ? k + 1 : k;

	/* a zone word and the colon: "10:00:19.114 UTC:" */
	for (e = p + k + 1; e < end && *e != ' ' && *e != ':'; e++)
		;
	z = (size_t)(e - (p + k + 1));
	if (z == 0 || e == end || *e != ':')
		return k;
	pf->own.has_offset = time_parse_zone(p + k + 1, z, &pf->own.offset);
	return k + 1 + z + 1;
}

/*
 * Reads the text between the syslog header and the marker: sequence
 * numbers ("000123:"), a device time, "FACILITY.LEVEL:" tokens and the
 * device name ("fw01 :" or "fw01:"); the last name-like token is kept.
 */
static void
asa_scan_prefix(const char *p, const char *end, struct asa_prefix *pf,
    struct str *name)
{
	struct asa_cur c;
	struct str t;
	size_t k;

	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		if (!pf->has_own && (k = asa_read_own_time(p, end, pf)) > 0) {
			p += k;
			continue;
		}
		c = (struct asa_cur){ p, end };
		t = cur_next(&c);
		p = c.p;
		if (t.n > 0 && t.p[t.n - 1] == ':')
			t.n--;
		if (!asa_is_number(t) && !asa_is_facility(t) &&
		    asa_is_hostname(t))
			*name = t;
	}
}

/*
 * Reads everything before the marker: the syslog header (its time and
 * host), then the device's own time and name.  The device is the syslog
 * host, else a tag that is neither a number nor a zone ("dev01:"), else
 * the last name before the marker.
 */
static void
asa_read_prefix(const char *line, size_t n, struct asa_prefix *pf)
{
	struct syslog_hdr h;
	struct str name = STR_NULL;
	int off;

	memset(pf, 0, sizeof(*pf));
	syslog_parse(line, n, &h);
	pf->time = h.time;
	pf->has_time = h.has_time;
	pf->bad_time = h.bad_time;
	if (h.host.n > 0)
		pf->device = h.host;
	else if (h.tag.n > 0 && time_parse_zone(h.tag.p, h.tag.n, &off)) {
		if (h.has_time && !h.time.has_offset) {
			pf->time.offset = off;
			pf->time.has_offset = true;
		}
	} else if (!asa_is_number(h.tag) && asa_is_hostname(h.tag))
		pf->device = h.tag;
	if (h.msg < n)
		asa_scan_prefix(line + h.msg, line + n, pf, &name);
	if (pf->device.n == 0)
		pf->device = name;
}

/*
 * Sets the event time: the device's own time, unless it is marked as
 * not authoritative and the syslog header has one.  Returns the reason
 * when the chosen time is invalid, or when there is only the header's and
 * it is unreadable; else NULL.
 */
static const char *
asa_set_time(struct parse_ctx *ctx, const struct asa_prefix *pf,
    struct event *ev)
{
	const struct civil *c = NULL;

	if (pf->has_own && !(pf->own_unsynced && pf->has_time))
		c = &pf->own;
	else if (pf->has_time)
		c = &pf->time;
	if (c == NULL)
		return pf->bad_time ? SYSLOG_BAD_TIME : NULL;
	ev->has_time = time_ctx_resolve(&ctx->time, c, &ev->time);
	return ev->has_time ? NULL : "bad time";
}

static enum parse_status
asa_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	static const char *const product[] = { "ASA", "FTD", "PIX", "IOS" };
	struct asa_marker m;
	struct asa_prefix pf;
	struct asa_cur c;
	enum parse_status st;

	event_clear(ev);
	if (!asa_find_marker(line, n, &m))
		return PARSE_NOT_MINE;
	c = asa_body(line, n, &m);
	if (m.family == ASA_FAMILY_IOS)
		st = asa_read_ios(ctx, &m, &c, ev);
	else
		st = asa_read_asa(ctx, &m, &c, ev);
	if (st != PARSE_OK)
		return st;

	asa_read_prefix(line, m.start, &pf);
	if ((ctx->reason = asa_set_time(ctx, &pf, ev)) != NULL)
		return PARSE_MALFORMED;
	ev->vendor = (struct str){ "Cisco", 5 };
	ev->product = (struct str){ product[m.family], 3 };
	ev->device = pf.device;
	return PARSE_OK;
}

/*
 * A head scores by the share of its complete, non-empty lines that carry
 * a marker of this format; a syslog file that mixes them with other
 * messages still scores above zero.
 */
static int
asa_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n, *nl;
	unsigned lines = 0, good = 0;
	struct asa_marker m;

	while (p < end && lines < ASA_SNIFF_LINES) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			if (lines > 0)
				break;	/* a cut line; judge the rest */
			nl = end;
		}
		if (nl > p) {
			lines++;
			if (asa_find_marker(p, (size_t)(nl - p), &m))
				good++;
		}
		p = nl + 1;
	}
	if (good == 0)
		return 0;
	return (int)(30 + 65 * good / lines);
}

const struct format format_asa = {
	.name = "asa",
	.title = "Cisco ASA, FTD and PIX syslog messages; Cisco IOS "
	    "access-list log lines",
	.sniff = asa_sniff,
	.line_based = true,
	.parse = asa_parse,
};
