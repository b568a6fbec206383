/*
 * table.c - findings as an aligned table for people.
 *
 * The columns are the same as in every other output.  Runs of three or
 * more consecutive ports are shown as "1000-1049" so a wide scan stays
 * readable; the machine outputs always list each port.  Text from logs is
 * escaped so it cannot drive the terminal.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "output.h"

#define NCOLS 13
#define CELL 64

/* Widest port cell; a longer list ends in ",..." (the other outputs have
 * every port). */
#define PORTS_CELL_MAX 40

/* Writes the port list with runs folded; returns its length. */
static size_t
ports_compact(const struct finding *f, char *buf, size_t cap)
{
	size_t n = 0, keep = 0;

	buf[0] = '\0';
	for (uint32_t i = 0; i < f->nport_list;) {
		uint32_t j = i;

		while (j + 1 < f->nport_list &&
		    f->port_list[j + 1] == f->port_list[j] + 1)
			j++;
		if (j - i >= 2)
			n += (size_t)snprintf(buf + n, cap - n, "%s%u-%u",
			    n ? "," : "", f->port_list[i], f->port_list[j]);
		else
			for (uint32_t k = i; k <= j; k++)
				n += (size_t)snprintf(buf + n, cap - n, "%s%u",
				    n ? "," : "", f->port_list[k]);
		i = j + 1;
		if (n <= PORTS_CELL_MAX - 4)
			keep = n;
	}
	if (n > PORTS_CELL_MAX || f->ports > f->nport_list) {
		n = n > PORTS_CELL_MAX ? keep : n;
		n += (size_t)snprintf(buf + n, cap - n, ",...");
	}
	return n;
}

/* The text of every cell but the last two (log text), per row. */
struct cells {
	char c[NCOLS - 2][CELL];
	char ports[FINDING_PORTS_MAX * 12 + 8];
};

static void
cells_fill(const struct finding *f, struct cells *x)
{
	time_format(f->bin, TIME_FRAC_NONE, x->c[0]);
	addr_format(&f->src, x->c[1]);
	snprintf(x->c[2], CELL, "%s", f->scan_type);
	snprintf(x->c[3], CELL, "%u", f->ports);
	snprintf(x->c[4], CELL, "%u", f->hosts);
	snprintf(x->c[5], CELL, "%u", f->attempts);
	snprintf(x->c[6], CELL, "%u", f->per_minute);
	ports_compact(f, x->ports, sizeof(x->ports));
	x->c[7][0] = '\0';
	snprintf(x->c[8], CELL, "%lld", (long long)f->duration);
	time_format(f->first, TIME_FRAC_AUTO, x->c[9]);
	time_format(f->last, TIME_FRAC_AUTO, x->c[10]);
}

static const char *
cell(const struct cells *x, int col)
{
	return col == 7 ? x->ports : x->c[col];
}

static bool
numeric(int col)
{
	return (col >= 3 && col <= 6) || col == 8;
}

static void
pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		fputc(' ', fp);
}

static void
table_write(FILE *fp, const struct finding *rows, size_t n)
{
	struct cells *x = calloc(n ? n : 1, sizeof(*x));
	size_t w[NCOLS];

	if (x == NULL)
		return;
	for (int c = 0; c < NCOLS; c++)
		w[c] = strlen(output_columns[c]);
	for (size_t i = 0; i < n; i++) {
		cells_fill(&rows[i], &x[i]);
		for (int c = 0; c < NCOLS - 2; c++)
			if (strlen(cell(&x[i], c)) > w[c])
				w[c] = strlen(cell(&x[i], c));
		if (output_text_escaped(NULL, rows[i].vendor) > w[11])
			w[11] = output_text_escaped(NULL, rows[i].vendor);
	}
	for (int c = 0; c < NCOLS; c++) {
		fputs(output_columns[c], fp);
		if (c < NCOLS - 1)
			pad(fp, w[c] - strlen(output_columns[c]) + 2);
	}
	fputc('\n', fp);
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < NCOLS - 2; c++) {
			const char *s = cell(&x[i], c);
			size_t len = strlen(s);

			if (numeric(c))
				pad(fp, w[c] - len);
			fputs(s, fp);
			pad(fp, (numeric(c) ? 0 : w[c] - len) + 2);
		}
		pad(fp, w[11] - output_text_escaped(fp, rows[i].vendor) + 2);
		output_text_escaped(fp, rows[i].product);
		fputc('\n', fp);
	}
	free(x);
}

const struct output output_table = { "table", table_write };
