/*
 * detect.c - `scanspot detect`: the detection over files, end to end.
 *
 * Inputs are shared out to reader threads as units of work: a whole file,
 * which the thread aggregates into its own detection, or a piece of a large
 * plain file (see stream_split()), which gets a detection of its own so
 * that it can be thrown away.  When all units are read, the pieces of each
 * file are joined in order, a piece that depended on the part before it
 * being read again from that part's state; the relative period is fixed
 * from the newest event of all; the detections are merged, and every bin
 * is closed.  Ties are ordered by input order, not by which thread came
 * first, so the findings are the same bytes whatever the thread count.
 */
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/timeutil.h"
#include "../input/stream.h"
#include "commands.h"
#include "options.h"
#include "state.h"

struct findings {
	struct finding *v;
	size_t n, cap;
	bool nomem;
};

struct worker {
	struct detect *d;
	struct findings fs;	/* reported while reading (memory cap) */
	pthread_t tid;
	bool started;		/* tid is a thread to join */
	struct job *job;
};

/* What the summary says of the period. */
struct period {
	int64_t newest, end;	/* newest event; end of a relative period */
	bool has_newest, has_end;
};

/* A unit of work: a whole file, or one piece of a file read in pieces. */
struct unit {
	size_t file;		/* index in the paths */
	size_t k, n;		/* piece number and count; n 0: whole */
	struct stream_piece *pieces;	/* the file's, owned by piece 0 */
	const struct format *first;
	struct detect *d;	/* a piece's own detection */
	struct findings fs;
	struct stream_stats st;
	struct stream_part *part;
};

struct job {
	struct options *o;
	struct stream_opts sopts;
	char **paths;
	size_t npaths;
	struct unit *units;
	size_t nunits;
	atomic_size_t next;
};

/* Copies s; the copy is owned by the findings list. */
static struct str
str_copy(struct str s)
{
	char *p = malloc(s.n + 1);

	if (p == NULL)
		return STR_NULL;
	if (s.n > 0)
		memcpy(p, s.p, s.n);
	p[s.n] = '\0';
	return (struct str){ p, s.n };
}

/*
 * Keeps a finding.  Each reader thread has its own list, and the names are
 * copied: a thread's engine is freed when it is merged, and the memory cap
 * may close bins, and so report findings, while the threads still read.
 */
static void
collect(const struct finding *f, void *arg)
{
	struct findings *fs = arg;
	struct finding *c;

	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 64;
		void *v = realloc(fs->v, cap * sizeof(*fs->v));

		if (v == NULL) {
			fs->nomem = true;
			return;
		}
		fs->v = v;
		fs->cap = cap;
	}
	c = &fs->v[fs->n++];
	*c = *f;
	c->vendor = str_copy(f->vendor);
	c->product = str_copy(f->product);
}

static void
findings_free(struct findings *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		free((char *)fs->v[i].vendor.p);
		free((char *)fs->v[i].product.p);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

/* Moves every finding of src to the end of dst. */
static void
findings_move(struct findings *dst, struct findings *src)
{
	for (size_t i = 0; i < src->n; i++) {
		collect(&src->v[i], dst);
		free((char *)src->v[i].vendor.p);
		free((char *)src->v[i].product.p);
	}
	free(src->v);
	memset(src, 0, sizeof(*src));
}

static int
bin_src_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->bin != y->bin)
		return x->bin < y->bin ? -1 : 1;
	return addr_cmp(&x->src, &y->src);
}

/* Joins the ascending port lists of a and b into a, the lowest kept. */
static void
ports_join(struct finding *a, const struct finding *b)
{
	uint16_t out[FINDING_PORTS_MAX];
	uint32_t i = 0, j = 0, n = 0;

	while (n < FINDING_PORTS_MAX && (i < a->nport_list ||
	    j < b->nport_list)) {
		uint16_t p = j >= b->nport_list || (i < a->nport_list &&
		    a->port_list[i] <= b->port_list[j]) ? a->port_list[i] :
		    b->port_list[j];

		out[n++] = p;
		while (i < a->nport_list && a->port_list[i] == p)
			i++;
		while (j < b->nport_list && b->port_list[j] == p)
			j++;
	}
	memcpy(a->port_list, out, n * sizeof(*out));
	a->nport_list = n;
}

/*
 * Joins findings of the same (source, bin).  They arise only when the
 * memory cap closed a bin early in one reader thread while another still
 * held events of it: the attempts add up exactly (each thread read other
 * events), the distinct counts are known only to be at least the larger
 * of the two, so the row is marked as possibly undercounted.
 */
static void
findings_collapse(struct findings *fs)
{
	size_t out = 0;

	if (fs->n < 2)
		return;
	qsort(fs->v, fs->n, sizeof(*fs->v), bin_src_cmp);
	for (size_t i = 0; i < fs->n; i++) {
		struct finding *a = &fs->v[out], *b = &fs->v[i];
		int64_t minutes;

		if (i == 0 || bin_src_cmp(a, b) != 0) {
			fs->v[out + (i > 0)] = *b;
			out += i > 0;
			continue;
		}
		a->attempts += b->attempts;
		a->ports = a->ports > b->ports ? a->ports : b->ports;
		a->hosts = a->hosts > b->hosts ? a->hosts : b->hosts;
		if (b->first < a->first) {
			free((char *)a->vendor.p);
			free((char *)a->product.p);
			a->vendor = b->vendor, a->product = b->product;
			a->first = b->first;
		} else {
			free((char *)b->vendor.p);
			free((char *)b->product.p);
		}
		a->last = b->last > a->last ? b->last : a->last;
		ports_join(a, b);
		a->scan_type = engine_scan_type(a->ports, a->hosts);
		a->duration = (time_floor(a->last, USEC_PER_SEC) -
		    time_floor(a->first, USEC_PER_SEC)) / USEC_PER_SEC;
		minutes = (time_floor(a->last, USEC_PER_MIN) -
		    time_floor(a->first, USEC_PER_MIN)) / USEC_PER_MIN;
		a->per_minute = (uint32_t)(a->attempts /
		    (minutes > 1 ? minutes : 1));
		a->inexact = true;
	}
	fs->n = out + 1;
}

static void
sink_detect(void *arg, const struct event *ev, const struct format *fmt,
    const char *path, uint64_t line, uint64_t seq)
{
	detect_event(arg, ev, seq);
}

static void *
worker_run(void *arg)
{
	struct worker *w = arg;
	struct job *j = w->job;
	struct unit *u;
	size_t i;

	while ((i = atomic_fetch_add(&j->next, 1)) < j->nunits) {
		u = &j->units[i];
		if (u->n == 0)
			stream_read(j->paths[u->file], (uint32_t)u->file,
			    &j->sopts, sink_detect, w->d, &u->st);
		else if (u->d != NULL)
			u->part = stream_part_read(j->paths[u->file],
			    (uint32_t)u->file, &u->pieces[u->k], u->k,
			    u->first, &j->sopts, sink_detect, u->d, &u->st);
	}
	return NULL;
}

static int64_t
now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int
thread_count(const struct options *o)
{
	long n = o->threads > 0 ? o->threads : sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : (int)n;
}

/*
 * A detection grows at the top of its thread's glibc heap, and glibc makes
 * a thread heap writable only as far as each allocation needs: one
 * mprotect() per chunk of groups, ten thousand in a run over 10^7 events,
 * each taking the address-space lock that the other threads' page faults
 * wait on.  A top pad of a whole thread heap (64 MiB) makes a new heap
 * writable at once (memory is resident only once touched).  The pad is
 * also what each heap, the main thread's included, keeps when it is
 * trimmed, so it stays within a sixteenth of each one's share of the cap,
 * or is not asked for.
 */
static void
pad_heaps(const struct options *o, int nt)
{
	size_t pad = (size_t)64 << 20;

	if (o->detect.engine.max_bytes / ((size_t)nt + 1) / 16 >= pad)
		mallopt(M_TOP_PAD, (int)pad);
}

/*
 * Cuts the inputs into units for nt threads: with more than one thread, a
 * large plain file is read in up to four pieces per thread.  Returns -1
 * when memory is short.
 */
static int
plan_units(struct job *j, int nt)
{
	size_t cap = j->npaths, n = 0;
	struct stream_piece *pc = NULL;
	const struct format *first = NULL;
	size_t np;
	void *v;

	if ((j->units = calloc(cap ? cap : 1, sizeof(*j->units))) == NULL)
		return -1;
	for (size_t i = 0; i < j->npaths; i++) {
		np = nt > 1 ? stream_split(j->paths[i], &j->sopts,
		    (size_t)nt * 4, j->o->piece_size, &pc, &first) : 0;
		if (n + (np ? np : 1) > cap) {
			cap = (n + (np ? np : 1)) * 2;
			if ((v = realloc(j->units, cap * sizeof(*j->units))) ==
			    NULL) {
				free(pc);
				j->nunits = n;
				return -1;
			}
			j->units = v;
		}
		for (size_t k = 0; k < (np ? np : 1); k++)
			j->units[n++] = (struct unit){ .file = i, .k = k,
			    .n = np, .pieces = pc, .first = first };
	}
	j->nunits = n;
	return 0;
}

/* Units that hold a detection of their own, for sharing out the cap. */
static size_t
count_pieces(const struct job *j)
{
	size_t n = 0;

	for (size_t i = 0; i < j->nunits; i++)
		n += j->units[i].n > 0;
	return n;
}

static const char *const outcome_names[DETECT_NOUTCOMES] = {
	[DETECT_COUNTED] = "counted",
	[DETECT_NOT_DENY] = "not denied",
	[DETECT_NO_SOURCE] = "no source address",
	[DETECT_INTERNAL] = "internal source",
	[DETECT_TRUSTED] = "trusted source",
	[DETECT_NO_PORT] = "no destination port",
	[DETECT_PORT_ZERO] = "destination port 0",
	[DETECT_OUTSIDE_PERIOD] = "outside the period",
	[DETECT_NO_TIME] = "no time",
};

static void
print_time(FILE *fp, const char *label, int64_t t)
{
	char buf[TIME_STRLEN];

	time_format(t, TIME_FRAC_AUTO, buf);
	fprintf(fp, "%s%s", label, buf);
}

/*
 * Warns of events dated after the present, even with -q: one forged line
 * far in the future would otherwise move a relative period away from
 * every real event without a word.
 */
static void
warn_future(FILE *fp, const struct detect_opts *o, const struct period *pd)
{
	if (!pd->has_newest || pd->newest <= now_usec() + USEC_PER_DAY)
		return;
	print_time(fp, "scanspot detect: warning: the newest event, ",
	    pd->newest);
	fprintf(fp, ", is later than the present%s\n", o->has_last &&
	    !o->has_now ? "; the period counts back from it (set --now)" : "");
}

/* Says which period was applied. */
static void
print_period(FILE *fp, const struct detect_opts *o, const struct period *pd)
{
	if (!o->has_last && !o->has_since && !o->has_until)
		return;
	fputs("  period:", fp);
	if (o->has_last && pd->has_end) {
		print_time(fp, " after ", pd->end - o->last);
		print_time(fp, ", up to ", pd->end);
	}
	if (o->has_since)
		print_time(fp, " from ", o->since);
	if (o->has_until)
		print_time(fp, " before ", o->until);
	fputc('\n', fp);
}

static void
print_detect_summary(FILE *fp, const struct detect *d, size_t nfindings,
    size_t suppressed)
{
	const struct detect_counts *c = detect_counts(d);
	const struct engine_stats *es = detect_engine_stats(d);
	static const enum action_class order[] = { ACTION_DENY, ACTION_ALLOW,
	    ACTION_OTHER, ACTION_UNKNOWN, ACTION_NONE };

	fprintf(fp, "  events by verdict:");
	for (size_t i = 0; i < 5; i++)
		fprintf(fp, "%s %s %llu", i ? "," : "",
		    action_class_name(order[i]),
		    (unsigned long long)c->by_class[order[i]]);
	fprintf(fp, "\n  events counted: %llu; not counted:",
	    (unsigned long long)(c->outcome[DETECT_COUNTED] -
	    es->late - es->duplicates - es->nomem));
	for (int i = 1; i < DETECT_NOUTCOMES; i++)
		fprintf(fp, "%s %s %llu", i > 1 ? "," : "", outcome_names[i],
		    (unsigned long long)c->outcome[i]);
	fprintf(fp, ", late %llu, duplicate %llu\n",
	    (unsigned long long)es->late,
	    (unsigned long long)es->duplicates);
	if (c->stray_udp > 0 || c->portless > 0)
		fprintf(fp, "  counted without their port: %llu stray UDP "
		    "replies, %llu without a port\n",
		    (unsigned long long)c->stray_udp,
		    (unsigned long long)c->portless);
	if (es->nomem > 0)
		fprintf(fp, "  events lost to a memory shortage: %llu\n",
		    (unsigned long long)es->nomem);
	fprintf(fp, "  (source, bin) groups: %llu; findings: %zu",
	    (unsigned long long)es->groups, nfindings);
	if (suppressed > 0)
		fprintf(fp, " (%zu more already reported, see --state)",
		    suppressed);
	fputc('\n', fp);
}

/* Says what the memory cap did, and which findings it may have cut. */
static void
print_memory(FILE *fp, const struct detect *d, const struct options *o,
    const struct findings *fs)
{
	const struct engine_stats *es = detect_engine_stats(d);
	size_t shown = 0;

	fprintf(fp, "  detection state: peak %zu MiB of the %zu MiB cap\n",
	    es->bytes_peak >> 20, o->detect.engine.max_bytes >> 20);
	if (es->bins_forced == 0 && es->evicted_groups == 0)
		return;
	fprintf(fp, "  memory cap reached: %llu bins closed early; %llu "
	    "events of %llu (source, bin) groups left exact counting; %llu "
	    "later events landed on groups that may have been evicted\n",
	    (unsigned long long)es->bins_forced,
	    (unsigned long long)es->evicted_events,
	    (unsigned long long)es->evicted_groups,
	    (unsigned long long)es->inexact_events);
	for (size_t i = 0; i < fs->n; i++) {
		char a[ADDR_STRLEN], t[TIME_STRLEN];

		if (!fs->v[i].inexact)
			continue;
		if (shown++ == 0)
			fputs("  findings that may be undercounted:", fp);
		addr_format(&fs->v[i].src, a);
		time_format(fs->v[i].bin, TIME_FRAC_NONE, t);
		fprintf(fp, " %s at %s;", a, t);
	}
	if (shown > 0)
		fputc('\n', fp);
}

/* A detection for a piece of a file, under its share of the cap. */
static struct detect *
piece_detect(const struct job *j, struct unit *u, size_t share)
{
	u->d = detect_new(&j->o->detect, collect, &u->fs);
	if (u->d != NULL)
		detect_set_max_bytes(u->d, j->o->detect.engine.max_bytes /
		    share);
	return u->d;
}

/* True when the memory cap made a piece's detection leave exact
 * counting. */
static bool
pieces_evicted(const struct unit *u, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const struct engine_stats *es = detect_engine_stats(u[k].d);

		if (es->bins_forced > 0 || es->evicted_groups > 0)
			return true;
	}
	return false;
}

/* The bytes of state the threads' and the pieces' detections hold. */
static size_t
held_bytes(const struct job *j, const struct worker *w, int nt)
{
	size_t held = 0;

	for (int i = 0; i < nt; i++)
		held += detect_bytes(w[i].d);
	for (size_t i = 0; i < j->nunits; i++)
		if (j->units[i].d != NULL)
			held += detect_bytes(j->units[i].d);
	return held;
}

/*
 * Reads the file of the pieces at u again, whole, into one detection
 * under what the cap leaves once the pieces' results are dropped (at
 * least the pieces' shares together), as one thread would read it.
 * Returns -1 when memory is short.
 */
static int
reread_whole(struct job *j, const struct worker *w, int nt, struct unit *u,
    size_t share)
{
	size_t n = u[0].n, max = j->o->detect.engine.max_bytes, held, cap;
	struct stream_piece *whole = &u[0].pieces[0];

	whole->len = u[n - 1].pieces[n - 1].off + u[n - 1].pieces[n - 1].len;
	for (size_t k = 0; k < n; k++) {
		stream_part_free(u[k].part);
		u[k].part = NULL;
		detect_free(u[k].d);
		u[k].d = NULL;
		findings_free(&u[k].fs);
		stream_stats_free(&u[k].st);
	}
	if (piece_detect(j, &u[0], share) == NULL)
		return -1;
	held = held_bytes(j, w, nt);
	cap = held < max ? max - held : 0;
	detect_set_max_bytes(u[0].d, cap > max / share * n ? cap :
	    max / share * n);
	u[0].part = stream_part_read(j->paths[u[0].file], (uint32_t)u[0].file,
	    whole, 0, u[0].first, &j->sopts, sink_detect, u[0].d, &u[0].st);
	if (u[0].part == NULL)
		return -1;
	stream_part_end(u[0].part, &u[0].st);
	u[0].part = NULL;
	return 0;
}

/*
 * Joins the pieces of the file whose units start at u, in order: a piece
 * that depended on the state before it is read again, from that state,
 * into a new detection.  A piece cut short by the memory cap may have
 * lost a scan that reading the file whole keeps, so then the file is
 * read again whole.  Returns -1 when memory is short.
 */
static int
join_pieces(struct job *j, const struct worker *w, int nt, struct unit *u,
    size_t share)
{
	size_t n = u[0].n;

	for (size_t k = 0; k < n; k++)
		if (u[k].part == NULL)
			return -1;
	if (pieces_evicted(u, n))
		return reread_whole(j, w, nt, u, share);
	for (size_t k = 1; k < n; k++) {
		if (stream_part_join(u[k - 1].part, u[k].part, &u[k].st)) {
			u[k - 1].part = NULL;
			continue;
		}
		detect_free(u[k].d);
		findings_free(&u[k].fs);
		stream_stats_free(&u[k].st);
		if (piece_detect(j, &u[k], share) == NULL)
			return -1;
		stream_part_reread(u[k - 1].part, u[k].part, sink_detect,
		    u[k].d, &u[k].st);
		u[k - 1].part = NULL;
	}
	stream_part_end(u[n - 1].part, &u[n - 1].st);
	u[n - 1].part = NULL;
	/* a piece read again may have reached its share too */
	return pieces_evicted(u, n) ? reread_whole(j, w, nt, u, share) : 0;
}

static void
units_free(struct job *j)
{
	for (size_t i = 0; i < j->nunits; i++) {
		struct unit *u = &j->units[i];

		stream_part_free(u->part);
		detect_free(u->d);
		findings_free(&u->fs);
		stream_stats_free(&u->st);
		if (u->n > 0 && u->k == 0)
			free(u->pieces);
	}
	free(j->units);
	j->units = NULL;
}

/* Starts the threads' own detections and the pieces'; -1 on no memory. */
static int
start_detections(struct job *j, struct worker *w, int nt,
    struct findings *fs, size_t share)
{
	for (int i = 0; i < nt; i++) {
		w[i].job = j;
		/* thread 0's findings go straight to fs, which also takes
		 * those of the final flush */
		w[i].d = detect_new(&j->o->detect, collect,
		    i == 0 ? fs : &w[i].fs);
		if (w[i].d == NULL)
			return -1;
		/* the threads and pieces share one cap */
		detect_set_max_bytes(w[i].d, j->o->detect.engine.max_bytes /
		    share);
	}
	for (size_t i = 0; i < j->nunits; i++)
		if (j->units[i].n > 0 &&
		    piece_detect(j, &j->units[i], share) == NULL)
			return -1;
	return 0;
}

/* Ends the input of detection d and merges it into into. */
static void
merge_one(struct detect *into, struct detect *d, const struct period *pd)
{
	detect_end_input(d, pd->has_end, pd->end);
	if (d != into && detect_merge(into, d) < 0)
		fprintf(stderr, "scanspot detect: out of memory joining the "
		    "threads' results\n");
}

/* Fixes the period from the newest event of every detection. */
static void
fix_period(const struct job *j, const struct worker *w, int nt,
    struct period *pd)
{
	int64_t t;

	pd->newest = 0;
	pd->has_newest = false;
	for (int i = 0; i < nt; i++)
		if (detect_newest(w[i].d, &t) &&
		    (!pd->has_newest || t > pd->newest))
			pd->newest = t, pd->has_newest = true;
	for (size_t i = 0; i < j->nunits; i++)
		if (j->units[i].d != NULL &&
		    detect_newest(j->units[i].d, &t) &&
		    (!pd->has_newest || t > pd->newest))
			pd->newest = t, pd->has_newest = true;
	pd->end = pd->newest;
	pd->has_end = pd->has_newest;
	if (j->o->detect.has_now)
		pd->end = j->o->detect.now, pd->has_end = true;
}

/* Reads every input with the configured number of threads; the returned
 * detection holds everything, merged. */
static struct detect *
read_all(struct job *j, struct findings *fs, struct stream_stats *st,
    struct period *pd)
{
	int nt = thread_count(j->o);
	struct worker *w;
	struct detect *d;
	size_t share;

	if (plan_units(j, nt) < 0) {
		units_free(j);
		return NULL;
	}
	if ((size_t)nt > j->nunits)
		nt = j->nunits > 0 ? (int)j->nunits : 1;
	share = (size_t)nt + count_pieces(j);
	pad_heaps(j->o, nt);
	if ((w = calloc((size_t)nt, sizeof(*w))) == NULL ||
	    start_detections(j, w, nt, fs, share) < 0)
		goto fail;
	if (nt == 1)
		worker_run(&w[0]);
	/* a thread that cannot be started is run here: the others take
	 * what it leaves of the queue */
	for (int i = 0; nt > 1 && i < nt; i++)
		if (!(w[i].started = pthread_create(&w[i].tid, NULL,
		    worker_run, &w[i]) == 0))
			worker_run(&w[i]);
	for (int i = 0; nt > 1 && i < nt; i++)
		if (w[i].started)
			pthread_join(w[i].tid, NULL);
	for (size_t i = 0; i < j->nunits; i += j->units[i].n ?
	    j->units[i].n : 1)
		if (j->units[i].n > 0 &&
		    join_pieces(j, w, nt, &j->units[i], share) < 0)
			goto fail;
	fix_period(j, w, nt, pd);
	for (int i = 0; i < nt; i++) {
		merge_one(w[0].d, w[i].d, pd);
		if (i > 0) {
			detect_free(w[i].d);
			findings_move(fs, &w[i].fs);
		}
	}
	for (size_t i = 0; i < j->nunits; i++) {
		struct unit *u = &j->units[i];

		/* accounts in input order, as one thread keeps them */
		stream_stats_merge(st, &u->st);
		if (u->n == 0)
			continue;
		if (u->d != NULL)
			merge_one(w[0].d, u->d, pd);
		findings_move(fs, &u->fs);
	}
	units_free(j);
	d = w[0].d;
	free(w);
	return d;
fail:
	for (int i = 0; w != NULL && i < nt; i++) {
		detect_free(w[i].d);
		findings_free(&w[i].fs);
	}
	free(w);
	units_free(j);
	return NULL;
}

/*
 * Leaves out the findings --state has seen and records the new ones.  On a
 * state that cannot be read or written every finding is reported, and
 * *failed is set, so that the run ends with EXIT_STATE.
 */
static size_t
apply_state(const struct options *o, struct findings *fs, size_t *suppressed,
    bool *failed)
{
	char err[512];
	struct state *s;
	size_t n;

	*suppressed = 0;
	*failed = false;
	if (o->state_path == NULL)
		return fs->n;
	if ((s = state_load(o->state_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "scanspot detect: state: %s (left as it is; "
		    "every finding reported)\n", err);
		*failed = true;
		return fs->n;
	}
	n = state_filter(s, fs->v, fs->n);
	*suppressed = fs->n - n;
	for (size_t i = n; i < fs->n; i++) {
		free((char *)fs->v[i].vendor.p);
		free((char *)fs->v[i].product.p);
	}
	if (state_save(s, o->state_path, now_usec(), err, sizeof(err)) < 0) {
		fprintf(stderr, "scanspot detect: state: %s\n", err);
		*failed = true;
	}
	state_free(s);
	return n;
}

int
cmd_detect(int argc, char **argv)
{
	struct options o;
	struct job job = { 0 };
	struct findings fs = { 0 };
	struct stream_stats st = { 0 };
	const struct output *out;
	struct detect *d;
	char err[512];
	int first, r, status;
	size_t suppressed;
	bool state_failed;
	struct period pd;
	char *stdin_only[] = { "-", NULL };

	options_init(&o);
	r = options_parse_argv(&o, argc, argv, &first, "detect");
	if (r != 0) {
		options_free(&o);
		return r > 0 ? 0 : EXIT_USAGE;
	}
	if (options_finish(&o, err, sizeof(err)) < 0) {
		fprintf(stderr, "scanspot detect: %s\n", err);
		options_free(&o);
		return EXIT_USAGE;
	}
	job.o = &o;
	job.sopts.forced = o.format;
	job.sopts.parse = &o.parse;
	job.sopts.now = o.detect.has_now ? o.detect.now : now_usec();
	job.sopts.errors = stderr;
	job.sopts.untimed_skip = o.skip_untimed;
	job.npaths = first < argc ? stream_expand(argv + first,
	    (size_t)(argc - first), &job.paths, &st, stderr) :
	    stream_expand(stdin_only, 1, &job.paths, &st, stderr);
	d = read_all(&job, &fs, &st, &pd);
	if (d == NULL) {
		fprintf(stderr, "scanspot detect: out of memory\n");
		return EXIT_USAGE;
	}
	detect_flush(d);
	findings_collapse(&fs);
	output_sort(fs.v, fs.n);
	fs.n = apply_state(&o, &fs, &suppressed, &state_failed);
	out = o.output ? o.output :
	    isatty(STDOUT_FILENO) ? &output_table : &output_jsonl;
	out->write(stdout, fs.v, fs.n);
	fflush(stdout);
	warn_future(stderr, &o.detect, &pd);
	if (!o.quiet) {
		stream_stats_print(stderr, &st);
		print_period(stderr, &o.detect, &pd);
		print_detect_summary(stderr, d, fs.n, suppressed);
		print_memory(stderr, d, &o, &fs);
	}
	status = st.files_failed > 0 ? EXIT_INPUT_ERROR :
	    state_failed ? EXIT_STATE : fs.n > 0 ? EXIT_FINDINGS :
	    EXIT_NO_FINDINGS;
	detect_free(d);
	stream_stats_free(&st);
	stream_paths_free(job.paths);
	findings_free(&fs);
	options_free(&o);
	return status;
}
