/*
 * stream.c - the parse loop of one input and the account of its lines.
 *
 * A file's format is chosen once from its first 64 KiB (or forced with
 * --format).  A file-level format (CommonSecurityLog exports) then reads
 * every line.  For line-based formats the chosen one is only the first
 * guess: a line it does not recognise is offered to the other line-based
 * formats, and the one that takes it becomes the next first guess, so a
 * syslog stream that mixes devices is read line by line.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/timeutil.h"
#include "../output/output.h"
#include "reader.h"
#include "stream.h"

/* An event's order in the input: the file's index, then the offset of its
 * line in the file (files of up to a TiB are told apart exactly). */
#define SEQ_OFFSET_BITS 40
#define SEQ_OFFSET_MAX ((UINT64_C(1) << SEQ_OFFSET_BITS) - 1)

/*
 * A parser may yield several records from one line (ctx->again).  Each
 * record takes at least a byte of the line, or comes from a queue of at
 * most a few dozen lines replayed after a damaged record; more rounds than
 * that mean a parser that never ends, which must not hang the run.
 */
#define PARSE_AGAIN_SLACK 4096

/* The entry of a reason, created if new; NULL when the table is full. */
static struct stream_reason *
reason_get(struct stream_stats *st, const char *format, const char *reason,
    enum note_kind kind)
{
	struct stream_reason *r;

	for (size_t i = 0; i < st->nreasons; i++)
		if (st->reasons[i].reason == reason &&
		    st->reasons[i].format == format)
			return &st->reasons[i];
	if (st->nreasons == STREAM_REASONS_MAX)
		return NULL;
	r = &st->reasons[st->nreasons++];
	memset(r, 0, sizeof(*r));
	r->format = format;
	r->reason = reason;
	r->kind = kind;
	return r;
}

void
stream_note(struct stream_stats *st, const char *format, const char *reason,
    enum note_kind kind, const char *path, uint64_t line)
{
	struct stream_reason *r = reason_get(st, format, reason, kind);

	if (r == NULL) {
		st->reasons_dropped++;
		return;
	}
	if (r->count < STREAM_SAMPLES && path != NULL) {
		r->samples[r->count].where = strdup(path);
		r->samples[r->count].line = line;
	}
	r->count++;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct pathlist {
	char **v;
	size_t n, cap;
};

static void
pathlist_add(struct pathlist *pl, char *p)
{
	if (p == NULL)
		return;
	if (pl->n + 1 >= pl->cap) {
		size_t cap = pl->cap ? pl->cap * 2 : 16;
		char **v = realloc(pl->v, cap * sizeof(*v));

		if (v == NULL) {
			free(p);
			return;
		}
		pl->v = v;
		pl->cap = cap;
	}
	pl->v[pl->n++] = p;
	pl->v[pl->n] = NULL;
}

static char *
join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return p;
}

struct expand {
	struct pathlist pl;
	struct stream_stats *st;
	FILE *errors;
};

static void expand_one(const char *path, struct expand *x, int depth);
static void expand_entry(const char *full, struct expand *x, int depth);

/* Adds a directory's entries, sorted, recursing into subdirectories but
 * not into symbolic links to directories (which could loop). */
static void
expand_dir(const char *path, struct expand *x, int depth)
{
	struct pathlist names = { 0 };
	struct dirent *de;
	DIR *d = opendir(path);

	if (d == NULL) {
		if (x->errors != NULL)
			fprintf(x->errors, "scanspot: %s: %s\n", path,
			    strerror(errno));
		stream_note(x->st, NULL, "directory cannot be listed",
		    NOTE_ERROR, path, 0);
		x->st->files_failed++;
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			pathlist_add(&names, strdup(de->d_name));
	closedir(d);
	if (names.n > 0)
		qsort(names.v, names.n, sizeof(*names.v), cmp_names);
	for (size_t i = 0; i < names.n; i++) {
		char *full = join_path(path, names.v[i]);

		if (full != NULL)
			expand_entry(full, x, depth + 1);
		free(full);
		free(names.v[i]);
	}
	free(names.v);
}

/*
 * One entry found in a directory.  Only regular files are read from a
 * directory: a FIFO or a device there would block or never end, and a
 * symbolic link to a directory could loop.  What is passed over is said in
 * the summary; a name given on the command line is read whatever it is.
 */
static void
expand_entry(const char *full, struct expand *x, int depth)
{
	struct stat lst, st;

	if (lstat(full, &lst) == 0 && S_ISLNK(lst.st_mode) &&
	    stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
		stream_note(x->st, NULL, "symbolic link to a directory: not "
		    "followed", NOTE_SKIPPED, full, 0);
		return;
	}
	if (stat(full, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		stream_note(x->st, NULL, "not a regular file: not read",
		    NOTE_SKIPPED, full, 0);
		return;
	}
	expand_one(full, x, depth);
}

static void
expand_one(const char *path, struct expand *x, int depth)
{
	struct stat sb;

	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 &&
	    S_ISDIR(sb.st_mode)) {
		if (depth < 64)
			expand_dir(path, x, depth);
		return;
	}
	pathlist_add(&x->pl, strdup(path));
}

size_t
stream_expand(char *const *paths, size_t npaths, char ***out,
    struct stream_stats *st, FILE *errors)
{
	struct expand x = { { 0 }, st, errors };

	for (size_t i = 0; i < npaths; i++)
		expand_one(paths[i], &x, 0);
	if (x.pl.v == NULL)
		x.pl.v = calloc(1, sizeof(char *));
	*out = x.pl.v;
	return x.pl.n;
}

void
stream_paths_free(char **paths)
{
	if (paths == NULL)
		return;
	for (size_t i = 0; paths[i] != NULL; i++)
		free(paths[i]);
	free(paths);
}

struct stream_run {
	const char *path;
	uint32_t index;
	const struct stream_opts *o;
	struct parse_ctx ctx;
	void *states[FORMATS_MAX];
	const struct format *cur;	/* the first format tried */
	bool exclusive;		/* file-level or forced: no fallback */
	event_sink sink;
	void *arg;
	struct stream_stats *st;
	uint64_t line_off;	/* offset of the current line in the file */
	const struct format *last_f;	/* the format of the last record */
	size_t last_idx;	/* and its index in formats[] */
};

static size_t
format_index(const struct format *f)
{
	for (size_t i = 0; i < nformats; i++)
		if (formats[i] == f)
			return i;
	return 0;
}

/* format_index(f), remembered for the next record of the same format. */
static size_t
run_format_index(struct stream_run *run, const struct format *f)
{
	if (f != run->last_f) {
		run->last_idx = format_index(f);
		run->last_f = f;
	}
	return run->last_idx;
}

static void
deliver(struct stream_run *run, const struct format *f, size_t idx,
    struct event *ev)
{
	struct time_ctx *tc = &run->ctx.time;
	uint64_t line = run->ctx.record_line;

	if (!ev->has_time && !run->o->untimed_skip) {
		/* a record without a time is dated by arrival: the record
		 * before it, else the file's time, as a collector stamps
		 * what it receives */
		ev->time = tc->has_prev ? tc->prev : tc->ref_limit;
		tc->consulted |= tc->partial && !tc->has_prev;
		ev->has_time = true;
		run->st->no_own_time++;
		stream_note(run->st, f->name, tc->has_prev ?
		    "no time of its own: given the previous record's" :
		    "no time of its own: given the file's modification time",
		    NOTE_DATED, run->path, line);
	} else if (!ev->has_time) {
		stream_note(run->st, f->name, "no time of its own: not counted",
		    NOTE_SKIPPED, run->path, line);
	}
	if (ev->has_time && (ev->time < TIME_MIN || ev->time > TIME_MAX)) {
		stream_note(run->st, f->name, "time out of range", NOTE_ERROR,
		    run->path, line);
		return;
	}
	run->st->events++;
	run->st->events_by_format[idx]++;
	run->sink(run->arg, ev, f, run->path, line,
	    (uint64_t)run->index << SEQ_OFFSET_BITS |
	    (run->line_off < SEQ_OFFSET_MAX ? run->line_off : SEQ_OFFSET_MAX));
}

/* Runs one format on the line, handling every record it yields. */
static enum parse_status
parse_with(struct stream_run *run, const struct format *f, const char *line,
    size_t n)
{
	size_t idx = run_format_index(run, f);
	enum parse_status s;
	struct event ev;
	size_t rounds = 0;

	if (run->states[idx] == NULL && f->state_new != NULL)
		run->states[idx] = f->state_new();
	run->ctx.state = run->states[idx];
	do {
		run->ctx.again = false;
		run->ctx.scratch.n = 0;
		run->ctx.reason = NULL;
		run->ctx.record_line = run->ctx.line;
		event_clear(&ev);
		s = f->parse(&run->ctx, line, n, &ev);
		if (s == PARSE_OK)
			deliver(run, f, idx, &ev);
		else if (s == PARSE_SKIP || s == PARSE_MALFORMED)
			stream_note(run->st, f->name, run->ctx.reason ?
			    run->ctx.reason : "unreadable record",
			    s == PARSE_MALFORMED, run->path,
			    run->ctx.record_line);
	} while (run->ctx.again && s != PARSE_NOT_MINE &&
	    ++rounds <= n + PARSE_AGAIN_SLACK);
	return s;
}

static bool
is_blank(const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			return false;
	return true;
}

static void
handle_line(struct stream_run *run, const char *line, size_t n)
{
	if (run->exclusive) {
		if (parse_with(run, run->cur, line, n) == PARSE_NOT_MINE)
			stream_note(run->st, run->cur->name,
			    is_blank(line, n) ? "blank line" :
			    "not this format", is_blank(line, n) ?
			    NOTE_SKIPPED : NOTE_ERROR,
			    run->path, run->ctx.line);
		return;
	}
	if (is_blank(line, n)) {
		run->st->blank++;
		return;
	}
	if (run->cur != NULL &&
	    parse_with(run, run->cur, line, n) != PARSE_NOT_MINE)
		return;
	for (size_t i = 0; i < nformats; i++) {
		const struct format *f = formats[i];

		if (f == run->cur || !f->line_based)
			continue;
		if (parse_with(run, f, line, n) != PARSE_NOT_MINE) {
			run->cur = f;
			return;
		}
	}
	stream_note(run->st, NULL, "no known format", NOTE_ERROR, run->path,
	    run->ctx.line);
}

static const struct format *
sniff_best(const char *head, size_t n)
{
	const struct format *best = NULL;
	int best_score = 0;

	for (size_t i = 0; i < nformats; i++) {
		int s = formats[i]->sniff ? formats[i]->sniff(head, n) : 0;

		if (s > best_score) {
			best = formats[i];
			best_score = s;
		}
	}
	return best;
}

static void
run_finish(struct stream_run *run)
{
	for (size_t i = 0; i < nformats; i++) {
		const struct format *f = formats[i];

		if (run->states[i] == NULL)
			continue;
		if (f->finish != NULL) {
			run->ctx.state = run->states[i];
			run->ctx.reason = NULL;
			if (f->finish(&run->ctx) == PARSE_MALFORMED)
				stream_note(run->st, f->name,
				    run->ctx.reason ? run->ctx.reason :
				    "incomplete record at end of input",
				    NOTE_ERROR,
				    run->path, run->ctx.record_line);
		}
		if (f->state_free != NULL)
			f->state_free(run->states[i]);
	}
	free(run->ctx.scratch.p);
}

/* Notes a failure of the whole input, keeping its message in the sample. */
static void
note_input_error(struct stream_stats *st, const char *path, const char *msg,
    FILE *errors)
{
	size_t n = strlen(path) + strlen(msg) + 3;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s: %s", path, msg);
	if (errors != NULL)
		fprintf(errors, "scanspot: %s: %s\n", path, msg);
	stream_note(st, NULL, "input could not be read", NOTE_ERROR,
	    s ? s : path, 0);
	if (st->first_error == NULL && s != NULL)
		st->first_error = strdup(s);
	free(s);
	st->files_failed++;
}

static void
run_start(struct stream_run *run, const char *path, uint32_t index,
    const struct stream_opts *opts, event_sink sink, void *arg,
    struct stream_stats *st, int64_t mtime, bool has_mtime)
{
	memset(run, 0, sizeof(*run));
	run->path = path;
	run->index = index;
	run->o = opts;
	run->sink = sink;
	run->arg = arg;
	run->st = st;
	run->ctx.opts = opts->parse;
	time_ctx_init(&run->ctx.time, has_mtime ? mtime : opts->now, true);
}

static void
run_choose(struct stream_run *run, const struct format *f)
{
	run->cur = f;
	run->exclusive = f != NULL &&
	    (run->o->forced != NULL || !f->line_based);
	run->ctx.file_format = f;
}

/* Reads every line of r; returns how the input ended. */
static enum reader_result
run_lines(struct stream_run *run, struct reader *r)
{
	enum reader_result rr;
	const char *line;
	size_t n;

	while ((rr = reader_next(r, &line, &n)) != READER_EOF &&
	    rr != READER_ERROR) {
		run->ctx.line++;
		run->st->lines++;
		run->line_off = reader_line_offset(r);
		if (rr == READER_TOO_LONG)
			stream_note(run->st, NULL, "line longer than 64 MiB",
			    NOTE_ERROR, run->path, run->ctx.line);
		else
			handle_line(run, line, n);
	}
	run->st->bytes += reader_text_bytes(r);
	return rr;
}

int
stream_read(const char *path, uint32_t index, const struct stream_opts *opts,
    event_sink sink, void *arg, struct stream_stats *st)
{
	struct stream_run run;
	struct reader *r;
	char err[256];
	const char *head;
	size_t nhead;
	int64_t mtime = 0;
	bool has_mtime;
	enum reader_result rr;

	if ((r = reader_open(path, err, sizeof(err))) == NULL) {
		note_input_error(st, path, err, opts->errors);
		return -1;
	}
	has_mtime = reader_mtime(r, &mtime);
	run_start(&run, path, index, opts, sink, arg, st, mtime, has_mtime);
	nhead = reader_head(r, &head);
	run_choose(&run, opts->forced ? opts->forced :
	    sniff_best(head, nhead));
	st->files++;
	rr = run_lines(&run, r);
	run_finish(&run);
	if (rr == READER_ERROR) {
		/* its lines are counted, the input among those not read
		 * to the end */
		st->files--;
		note_input_error(st, path, reader_error(r), opts->errors);
	}
	reader_close(r);
	return rr == READER_ERROR ? -1 : 0;
}

struct stream_part {
	struct stream_run run;
	const struct format *start;	/* the first format at its start */
	const struct stream_piece *pc;
	size_t k;			/* its number in the file */
	char *error;			/* the piece could not be read */
};

/* The offset just past the first line end at or after off, or end. */
static uint64_t
next_line_start(int fd, uint64_t off, uint64_t end)
{
	char buf[64 << 10];
	ssize_t got;
	const char *nl;

	while (off < end) {
		size_t want = end - off < sizeof(buf) ? end - off :
		    sizeof(buf);

		if ((got = pread(fd, buf, want, (off_t)off)) <= 0)
			return end;
		if ((nl = memchr(buf, '\n', (size_t)got)) != NULL)
			return off + (uint64_t)(nl - buf) + 1;
		off += (uint64_t)got;
	}
	return end;
}

static bool like_primed(const char *path, uint32_t index,
    const struct stream_opts *o, const struct format *f, const void *a);

/*
 * True when a format read by the whole file may be read in pieces here:
 * the state its first line leaves is one a piece can start from (a CSV
 * export under its header), not one inside a record (a JSON export).
 */
static bool
split_whole_format(const char *path, const struct stream_opts *opts,
    const struct format *f)
{
	return f->state_like != NULL && like_primed(path, 0, opts, f, NULL);
}

/* Chooses the format of a file from its head, as stream_read() does;
 * false when the file is compressed or cannot be read. */
static bool
split_format(const char *path, const struct stream_opts *opts,
    const struct format **first)
{
	char err[256];
	const char *head;
	size_t n;
	struct reader *r = reader_open(path, err, sizeof(err));
	bool plain;

	if (r == NULL)
		return false;
	plain = strcmp(reader_compression(r), "plain") == 0;
	n = reader_head(r, &head);
	*first = opts->forced ? opts->forced : sniff_best(head, n);
	reader_close(r);
	return plain;
}

size_t
stream_split(const char *path, const struct stream_opts *opts, size_t max,
    uint64_t min_len, struct stream_piece **out, const struct format **first)
{
	struct stream_piece *v;
	struct stat sb;
	uint64_t size, at = 0;
	size_t n = 0, want;
	int fd;

	*out = NULL;
	if (min_len == 0)
		min_len = 1;
	if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 ||
	    !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size / 2 < min_len ||
	    max < 2)
		return 0;
	size = (uint64_t)sb.st_size;
	want = size / min_len < max ? (size_t)(size / min_len) : max;
	if (!split_format(path, opts, first) || *first == NULL ||
	    (!(*first)->line_based && !split_whole_format(path, opts, *first)))
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if ((v = calloc(want, sizeof(*v))) == NULL) {
		close(fd);
		return 0;
	}
	for (size_t k = 1; k <= want && at < size; k++) {
		uint64_t end = k == want ? size :
		    next_line_start(fd, size / want * k - 1, size);

		if (end <= at)
			continue;
		v[n].off = at;
		v[n].len = end - at;
		n++;
		at = end;
	}
	close(fd);
	*out = v;
	return n;
}

static void
sink_none(void *arg, const struct event *ev, const struct format *fmt,
    const char *path, uint64_t line, uint64_t seq)
{
}

/*
 * Reads the file's first line (its header) into the run's state, with
 * nothing counted: where a piece of a file of a format read by the whole
 * file starts from.  Without a first line the state stays as it is.
 */
static void
run_prime(struct stream_run *run)
{
	struct stream_stats *st = run->st, *scratch;
	event_sink sink = run->sink;
	struct reader *r;
	char err[256];
	const char *line;
	size_t n;

	if ((scratch = calloc(1, sizeof(*scratch))) == NULL)
		return;
	if ((r = reader_open(run->path, err, sizeof(err))) != NULL &&
	    reader_next(r, &line, &n) == READER_LINE) {
		run->st = scratch;
		run->sink = sink_none;
		run->ctx.line = 1;
		handle_line(run, line, n);
		run->ctx.line = 0;
		run->st = st;
		run->sink = sink;
	}
	reader_close(r);
	stream_stats_free(scratch);
	free(scratch);
}

struct stream_part *
stream_part_read(const char *path, uint32_t index,
    const struct stream_piece *pc, size_t k, const struct format *first,
    const struct stream_opts *opts, event_sink sink, void *arg,
    struct stream_stats *st)
{
	struct stream_part *p = calloc(1, sizeof(*p));
	struct reader *r;
	struct stat sb;
	bool has_mtime = stat(path, &sb) == 0;
	char err[256];

	if (p == NULL) {
		stream_note(st, NULL, "out of memory", NOTE_ERROR, path, 0);
		return NULL;
	}
	p->pc = pc;
	p->k = k;
	p->start = first;
	run_start(&p->run, path, index, opts, sink, arg, st, has_mtime ?
	    (int64_t)sb.st_mtim.tv_sec * 1000000 + sb.st_mtim.tv_nsec / 1000 :
	    0, has_mtime);
	run_choose(&p->run, first);
	if (k > 0 && !first->line_based)
		run_prime(&p->run);
	p->run.ctx.time.partial = k > 0;
	if ((r = reader_open_range(path, pc->off, pc->len, err,
	    sizeof(err))) == NULL) {
		p->error = strdup(err);
		return p;
	}
	if (run_lines(&p->run, r) == READER_ERROR)
		p->error = strdup(reader_error(r));
	reader_close(r);
	return p;
}

/* Frees a run's format states without ending their records. */
static void
run_drop(struct stream_run *run)
{
	for (size_t i = 0; i < nformats; i++)
		if (run->states[i] != NULL && formats[i]->state_free != NULL)
			formats[i]->state_free(run->states[i]);
	free(run->ctx.scratch.p);
}

static bool
run_idle(const struct stream_run *run, const struct format *except)
{
	for (size_t i = 0; i < nformats; i++)
		if (run->states[i] != NULL && formats[i] != except &&
		    (formats[i]->state_idle == NULL ||
		    !formats[i]->state_idle(run->states[i])))
			return false;
	return true;
}

/*
 * True when state a of format f, read by the whole file, is like the state
 * the first line of path leaves (state_like in struct format); a NULL a
 * stands for that state itself.
 */
static bool
like_primed(const char *path, uint32_t index, const struct stream_opts *o,
    const struct format *f, const void *a)
{
	struct stream_run primed;
	size_t i = format_index(f);
	bool like;

	run_start(&primed, path, index, o, sink_none, NULL, NULL, 0, false);
	run_choose(&primed, f);
	run_prime(&primed);
	like = primed.states[i] != NULL &&
	    f->state_like(a != NULL ? a : primed.states[i], primed.states[i]);
	run_drop(&primed);
	return like;
}

/*
 * True when the run before a piece ended in the state the piece started
 * from: every line format idle, and the state of a format read by the
 * whole file like the one its first line leaves.
 */
static bool
run_leads_to(const struct stream_run *before, const struct format *f)
{
	size_t i = format_index(f);

	if (f->line_based)
		return run_idle(before, NULL);
	if (!run_idle(before, f) || before->states[i] == NULL)
		return false;
	return like_primed(before->path, before->index, before->o, f,
	    before->states[i]);
}

bool
stream_part_join(struct stream_part *before, struct stream_part *p,
    struct stream_stats *st)
{
	uint64_t base = before->run.ctx.line;

	/* p must also end between records: a record left open would keep
	 * p's own line numbers in its format's state */
	if (p->run.ctx.time.consulted ||
	    !time_ctx_guess_holds(&p->run.ctx.time, &before->run.ctx.time) ||
	    before->run.cur != p->start ||
	    !run_leads_to(&before->run, p->start) ||
	    !run_leads_to(&p->run, p->start))
		return false;
	for (size_t i = 0; i < st->nreasons; i++)
		for (int k = 0; k < STREAM_SAMPLES; k++)
			if (st->reasons[i].samples[k].line > 0)
				st->reasons[i].samples[k].line += base;
	p->run.ctx.line += base;
	p->run.ctx.record_line += base;
	time_ctx_inherit(&p->run.ctx.time, &before->run.ctx.time);
	if (before->error != NULL) {
		/* the file's first error is the one reported */
		free(p->error);
		p->error = before->error;
	}
	run_drop(&before->run);
	free(before);
	return true;
}

void
stream_part_reread(struct stream_part *before, struct stream_part *p,
    event_sink sink, void *arg, struct stream_stats *st)
{
	struct reader *r;
	char err[256];
	char *error = before->error;

	run_drop(&p->run);
	p->run = before->run;
	p->run.sink = sink;
	p->run.arg = arg;
	p->run.st = st;
	free(before);
	free(p->error);
	p->error = NULL;
	if ((r = reader_open_range(p->run.path, p->pc->off, p->pc->len, err,
	    sizeof(err))) == NULL) {
		p->error = strdup(err);
	} else {
		if (run_lines(&p->run, r) == READER_ERROR)
			p->error = strdup(reader_error(r));
		reader_close(r);
	}
	if (error != NULL) {
		free(p->error);
		p->error = error;
	}
}

void
stream_part_end(struct stream_part *last, struct stream_stats *st)
{
	/* a piece that could not be read does not stop the pieces after
	 * it, but the file is among those not read to the end */
	if (last->error != NULL)
		note_input_error(st, last->run.path, last->error,
		    last->run.o->errors);
	else
		st->files++;
	last->run.st = st;
	run_finish(&last->run);
	free(last->error);
	free(last);
}

void
stream_part_free(struct stream_part *p)
{
	if (p == NULL)
		return;
	run_drop(&p->run);
	free(p->error);
	free(p);
}

void
stream_stats_merge(struct stream_stats *dst, const struct stream_stats *src)
{
	dst->files += src->files;
	dst->files_failed += src->files_failed;
	dst->lines += src->lines;
	dst->bytes += src->bytes;
	dst->blank += src->blank;
	dst->events += src->events;
	dst->no_own_time += src->no_own_time;
	dst->reasons_dropped += src->reasons_dropped;
	for (size_t i = 0; i < FORMATS_MAX; i++)
		dst->events_by_format[i] += src->events_by_format[i];
	for (size_t i = 0; i < src->nreasons; i++) {
		const struct stream_reason *r = &src->reasons[i];
		struct stream_reason *d = reason_get(dst, r->format,
		    r->reason, r->kind);

		if (d == NULL) {
			dst->reasons_dropped += r->count;
			continue;
		}
		for (uint64_t k = 0; k < r->count && k < STREAM_SAMPLES &&
		    d->count + k < STREAM_SAMPLES; k++) {
			const struct stream_sample *s = &r->samples[k];

			if (s->where != NULL) {
				d->samples[d->count + k].where =
				    strdup(s->where);
				d->samples[d->count + k].line = s->line;
			}
		}
		d->count += r->count;
	}
	if (dst->first_error == NULL && src->first_error != NULL)
		dst->first_error = strdup(src->first_error);
}

void
stream_stats_free(struct stream_stats *st)
{
	for (size_t i = 0; i < st->nreasons; i++)
		for (int k = 0; k < STREAM_SAMPLES; k++)
			free(st->reasons[i].samples[k].where);
	free(st->first_error);
	memset(st, 0, sizeof(*st));
}

static void
print_reasons(FILE *fp, const struct stream_stats *st, enum note_kind kind)
{
	static const char *const titles[] = {
		[NOTE_SKIPPED] = "lines skipped by design",
		[NOTE_ERROR] = "lines not understood",
		[NOTE_DATED] = "events dated without a time of their own",
	};
	bool any = false;

	for (size_t i = 0; i < st->nreasons; i++) {
		const struct stream_reason *r = &st->reasons[i];

		if (r->kind != kind)
			continue;
		if (!any)
			fprintf(fp, "  %s:\n", titles[kind]);
		any = true;
		fprintf(fp, "    %s%s%s: %llu", r->format ? r->format : "",
		    r->format ? ": " : "", r->reason,
		    (unsigned long long)r->count);
		for (int k = 0; k < STREAM_SAMPLES && r->samples[k].where;
		    k++) {
			const struct stream_sample *sm = &r->samples[k];

			fputs(k ? ", " : " (", fp);
			output_text_escaped(fp, (struct str){ sm->where,
			    strlen(sm->where) });
			if (sm->line > 0)
				fprintf(fp, ":%llu",
				    (unsigned long long)sm->line);
		}
		fprintf(fp, "%s\n", r->samples[0].where ?
		    (r->count > STREAM_SAMPLES ? ", ...)" : ")") : "");
	}
}

void
stream_stats_print(FILE *fp, const struct stream_stats *st)
{
	bool first = true;

	fprintf(fp, "scanspot: %llu input%s", (unsigned long long)st->files,
	    st->files == 1 ? "" : "s");
	if (st->files_failed > 0)
		fprintf(fp, " (%llu more could not be read)",
		    (unsigned long long)st->files_failed);
	fprintf(fp, ", %llu lines, %llu bytes, %llu events\n",
	    (unsigned long long)st->lines, (unsigned long long)st->bytes,
	    (unsigned long long)st->events);
	fprintf(fp, "  events by format:");
	for (size_t i = 0; i < nformats; i++) {
		if (st->events_by_format[i] == 0)
			continue;
		fprintf(fp, "%s %s %llu", first ? "" : ",", formats[i]->name,
		    (unsigned long long)st->events_by_format[i]);
		first = false;
	}
	fprintf(fp, "%s\n", first ? " none" : "");
	if (st->blank > 0)
		fprintf(fp, "  blank lines: %llu\n",
		    (unsigned long long)st->blank);
	print_reasons(fp, st, NOTE_ERROR);
	print_reasons(fp, st, NOTE_DATED);
	print_reasons(fp, st, NOTE_SKIPPED);
	if (st->reasons_dropped > 0)
		fprintf(fp, "  lines of further kinds: %llu\n",
		    (unsigned long long)st->reasons_dropped);
}
