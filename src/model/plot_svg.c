/* plot_svg.c: the decay plot as a standalone SVG 1.1 document for a paper. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/plot.h"
#include "benchtop/utf8.h"

#define SVG_W 640
#define SVG_H 400
#define AREA_L 70.0   /* plot area */
#define AREA_R 470.0
#define AREA_T 50.0
#define AREA_B 340.0
#define AREA_PAD 24.0 /* levels 0 and 3 sit this far inside the area */
#define LEGEND_X 490.0
#define LEGEND_Y 60.0
#define LEGEND_DY 20.0

/* Okabe & Ito (2008), by the framework's index in task_frameworks. */
static const char *const palette[8] = {
	"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
};

/* A fixed two-decimal number, independent of LC_NUMERIC (printf's %.2f
 * would write "1,50" under a German locale and break the document). */
static const char *
num(char *out, double v)
{
	long long c = llround(v * 100.0);
	long long a = c < 0 ? -c : c;

	snprintf(out, 24, "%s%lld.%02lld", c < 0 ? "-" : "", a / 100, a % 100);
	return out;
}
#define N(v) num((char[24]){0}, (v))

/* XML text: markup characters as entities; control characters, stray bytes
 * and non-characters (not allowed in XML) as U+FFFD. */
static void
svg_text(FILE *out, const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		char g[8];

		i += utf8_decode(s + i, len - i, &cp);
		switch (cp) {
		case '&': fputs("&amp;", out); continue;
		case '<': fputs("&lt;", out); continue;
		case '>': fputs("&gt;", out); continue;
		case '"': fputs("&quot;", out); continue;
		case '\'': fputs("&apos;", out); continue;
		default: break;
		}
		if ((cp & UTF8_INVALID_BYTE) || (cp < 0x20 && cp != '\t') || cp == 0x7F ||
		    cp == 0xFFFE || cp == 0xFFFF)
			cp = UTF8_REPLACEMENT;
		fwrite(g, 1, utf8_encode(cp, g), out);
	}
}

static double
clamp01(double v)
{
	return v >= 0 ? (v <= 1 ? v : 1) : 0;
}

static double
px(int level)
{
	return AREA_L + AREA_PAD + level * (AREA_R - AREA_L - 2 * AREA_PAD) / (PLOT_LEVELS - 1);
}

static double
py(double v)
{
	return AREA_B - clamp01(v) * (AREA_B - AREA_T);
}

/* A line; the enclosing group sets its stroke. */
static void
svg_line(FILE *out, double x1, double y1, double x2, double y2)
{
	fprintf(out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>", N(x1), N(y1), N(x2),
		N(y2));
}

/* Unit star (5 points, outer radius 1, inner 0.4), from the top clockwise. */
static const double star[10][2] = {
	{0, -1},           {0.2351, -0.3236}, {0.9511, -0.3090}, {0.3804, 0.1236},
	{0.5878, 0.8090},  {0, 0.4},          {-0.5878, 0.8090}, {-0.3804, 0.1236},
	{-0.9511, -0.3090}, {-0.2351, -0.3236},
};

/* The marker of colour index `shape` at (x, y); the enclosing group sets
 * fill and stroke. */
static void
svg_marker(FILE *out, int shape, double x, double y)
{
	switch (shape) {
	case 0:
		fprintf(out, "<circle cx=\"%s\" cy=\"%s\" r=\"4.50\"/>", N(x), N(y));
		break;
	case 1:
		fprintf(out, "<rect x=\"%s\" y=\"%s\" width=\"8.00\" height=\"8.00\"/>", N(x - 4),
			N(y - 4));
		break;
	case 2:
		fprintf(out, "<polygon points=\"%s,%s %s,%s %s,%s\"/>", N(x), N(y - 5.5), N(x + 5),
			N(y + 3.5), N(x - 5), N(y + 3.5));
		break;
	case 3:
		fprintf(out, "<polygon points=\"%s,%s %s,%s %s,%s %s,%s\"/>", N(x), N(y - 5.5),
			N(x + 5.5), N(y), N(x), N(y + 5.5), N(x - 5.5), N(y));
		break;
	case 4:
		fprintf(out, "<path d=\"M%s %sH%sM%s %sV%s\" fill=\"none\" stroke-width=\"2.50\"/>",
			N(x - 5), N(y), N(x + 5), N(x), N(y - 5), N(y + 5));
		break;
	case 5:
		fprintf(out, "<path d=\"M%s %sL%s %sM%s %sL%s %s\" fill=\"none\" "
			"stroke-width=\"2.50\"/>", N(x - 4), N(y - 4), N(x + 4), N(y + 4), N(x - 4),
			N(y + 4), N(x + 4), N(y - 4));
		break;
	case 6:
		fputs("<polygon points=\"", out);
		for (int i = 0; i < 10; i++)
			fprintf(out, "%s%s,%s", i ? " " : "", N(x + 6 * star[i][0]),
				N(y + 6 * star[i][1]));
		fputs("\"/>", out);
		break;
	default:
		fprintf(out, "<polygon points=\"%s,%s %s,%s %s,%s\"/>", N(x), N(y + 5.5), N(x + 5),
			N(y - 3.5), N(x - 5), N(y - 3.5));
		break;
	}
}

/* Stroke, fill and dashes of a series: style 1 is dashed and hollow. */
static void
svg_series_style(FILE *out, const struct plot_series *s, bool line)
{
	const char *col = palette[(unsigned)s->color % 8];

	fprintf(out, " stroke=\"%s\" fill=\"%s\"", col,
		line ? "none" : s->style == 1 ? "#FFFFFF" : col);
	if (line)
		fprintf(out, " stroke-width=\"2.00\"%s",
			s->style == 1 ? " stroke-dasharray=\"6.00 4.00\"" : "");
	else
		fputs(" stroke-width=\"1.50\"", out);
}

static void
svg_series(FILE *out, const struct plot_series *s, bool error_bars)
{
	int npts = 0;

	fputs("<g>\n", out);
	for (int l = 0; l < PLOT_LEVELS; l++)
		npts += s->have[l];
	if (npts >= 2) {
		fputs("<polyline points=\"", out);
		for (int l = 0, k = 0; l < PLOT_LEVELS; l++)
			if (s->have[l])
				fprintf(out, "%s%s,%s", k++ ? " " : "", N(px(l)), N(py(s->y[l])));
		fputc('"', out);
		svg_series_style(out, s, true);
		fputs("/>\n", out);
	}
	if (error_bars) {
		fprintf(out, "<g stroke=\"%s\" stroke-width=\"1.20\">",
			palette[(unsigned)s->color % 8]);
		for (int l = 0; l < PLOT_LEVELS; l++) {
			double x = px(l), hi, lo;
			if (!s->have[l] || !(s->sem[l] > 0))
				continue;
			hi = py(s->y[l] + s->sem[l]);
			lo = py(s->y[l] - s->sem[l]);
			svg_line(out, x, hi, x, lo);
			svg_line(out, x - 4, hi, x + 4, hi);
			svg_line(out, x - 4, lo, x + 4, lo);
		}
		fputs("</g>\n", out);
	}
	fputs("<g", out);
	svg_series_style(out, s, false);
	fputc('>', out);
	for (int l = 0; l < PLOT_LEVELS; l++)
		if (s->have[l])
			svg_marker(out, (int)((unsigned)s->color % 8), px(l), py(s->y[l]));
	fputs("</g>\n</g>\n", out);
}

static void
svg_legend(FILE *out, const struct plot_data *d)
{
	for (int i = 0; i < d->n; i++) {
		const struct plot_series *s = &d->s[i];
		double y = LEGEND_Y + i * LEGEND_DY;

		fprintf(out, "<g><line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"", N(LEGEND_X), N(y),
			N(LEGEND_X + 28), N(y));
		svg_series_style(out, s, true);
		fputs("/><g", out);
		svg_series_style(out, s, false);
		fputc('>', out);
		svg_marker(out, (int)((unsigned)s->color % 8), LEGEND_X + 14, y);
		fprintf(out, "</g><text x=\"%s\" y=\"%s\">", N(LEGEND_X + 36), N(y + 4));
		svg_text(out, s->label);
		fputs("</text></g>\n", out);
	}
}

/* The document's start: the prolog, the title (escaped) as <title> and on top. */
static void
svg_begin(FILE *out, const char *title)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n", out);
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" "
		"font-size=\"12\">\n", SVG_W, SVG_H, SVG_W, SVG_H);
	fputs("<title>", out);
	svg_text(out, title);
	fputs("</title>\n", out);
	fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#FFFFFF\"/>\n", SVG_W, SVG_H);
	fprintf(out, "<text x=\"%s\" y=\"28.00\" text-anchor=\"middle\" font-size=\"15\" "
		"font-weight=\"bold\">", N(SVG_W / 2.0));
	svg_text(out, title);
	fputs("</text>\n", out);
}

/* Gridlines (every 25%, and at the x positions xs[0..nx)), the axes over
 * them, their ticks and the y labels; the caller labels x. */
static void
svg_axes(FILE *out, const double *xs, int nx)
{
	fputs("<g stroke=\"#DDDDDD\" stroke-width=\"1.00\">", out);
	for (int p = 0; p <= 100; p += 25)
		svg_line(out, AREA_L, py(p / 100.0), AREA_R, py(p / 100.0));
	for (int i = 0; i < nx; i++)
		svg_line(out, xs[i], AREA_T, xs[i], AREA_B);
	fputs("</g>\n", out);
	fprintf(out, "<path d=\"M%s %sV%sH%s\" fill=\"none\" stroke=\"#000000\" "
		"stroke-width=\"1.00\"/>\n", N(AREA_L), N(AREA_T), N(AREA_B), N(AREA_R));
	fputs("<g stroke=\"#000000\" stroke-width=\"1.00\">", out);
	for (int p = 0; p <= 100; p += 25)
		svg_line(out, AREA_L - 5, py(p / 100.0), AREA_L, py(p / 100.0));
	for (int i = 0; i < nx; i++)
		svg_line(out, xs[i], AREA_B, xs[i], AREA_B + 5);
	fputs("</g>\n<g text-anchor=\"end\">", out);
	for (int p = 0; p <= 100; p += 25)
		fprintf(out, "<text x=\"%s\" y=\"%s\">%d</text>", N(AREA_L - 8),
			N(py(p / 100.0) + 4), p);
	fputs("</g>\n", out);
}

/* The rotated y-axis title; the ticks are percent: say so unless the
 * metric's name already does. */
static void
svg_y_label(FILE *out, const char *metric)
{
	size_t ml = strlen(metric);

	fprintf(out, "<text transform=\"rotate(-90 %s %s)\" x=\"%s\" y=\"%s\" "
		"text-anchor=\"middle\" font-size=\"13\">", N(24), N((AREA_T + AREA_B) / 2), N(24),
		N((AREA_T + AREA_B) / 2));
	svg_text(out, metric);
	fputs(ml && metric[ml - 1] == '%' ? "" : " (%)", out);
	fputs("</text>\n", out);
}

void
plot_svg(const struct plot_data *d, bool error_bars, FILE *out)
{
	const char *metric = plot_metric_name(d->metric);
	char title[200];

	if (d->title[0])
		snprintf(title, sizeof(title), "%s", d->title);
	else
		snprintf(title, sizeof(title), "%s by number of constraints", metric);
	double xs[PLOT_LEVELS];

	for (int l = 0; l < PLOT_LEVELS; l++)
		xs[l] = px(l);
	svg_begin(out, title);
	svg_axes(out, xs, PLOT_LEVELS);
	fputs("<g text-anchor=\"middle\">", out);
	for (int l = 0; l < PLOT_LEVELS; l++)
		fprintf(out, "<text x=\"%s\" y=\"%s\">%d</text>", N(px(l)), N(AREA_B + 20), l);
	fputs("</g>\n", out);
	fprintf(out, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"13\">Number of "
		"constraints</text>\n", N((AREA_L + AREA_R) / 2), N(AREA_B + 42));
	svg_y_label(out, metric);
	for (int i = 0; i < d->n; i++)
		svg_series(out, &d->s[i], error_bars);
	svg_legend(out, d);
	fputs("</svg>\n", out);
}

/* ---------------------------------------------------------------- RQ2 */

void
plot_svg_sensitivity(const struct sens_plot *p, FILE *out)
{
	double xs[TASK_N_FRAMEWORKS], band = (AREA_R - AREA_L) / (p->n_fw > 0 ? p->n_fw : 1);

	for (int f = 0; f < p->n_fw; f++)
		xs[f] = AREA_L + band * (f + 0.5);
	svg_begin(out, p->title);
	svg_axes(out, xs, p->n_fw);
	fputs("<g text-anchor=\"middle\">", out);
	for (int f = 0; f < p->n_fw; f++) {
		fprintf(out, "<text x=\"%s\" y=\"%s\">", N(xs[f]), N(AREA_B + 20));
		svg_text(out, p->fw[f]);
		fputs("</text>", out);
	}
	fputs("</g>\n", out);
	fprintf(out, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"13\">"
		"Framework</text>\n", N((AREA_L + AREA_R) / 2), N(AREA_B + 42));
	svg_y_label(out, "run-level strict A% (mean ± SEM)");
	for (int k = 0; k < p->n_cfg; k++) {
		const char *col = palette[k % 8];
		/* the configurations side by side inside each framework's band */
		double dx = p->n_cfg > 1 ? band * 0.6 / (p->n_cfg - 1) : 0;

		fprintf(out, "<g stroke=\"%s\" fill=\"%s\" stroke-width=\"1.20\">", col, col);
		for (int f = 0; f < p->n_fw; f++) {
			const struct sens_cell *c = &p->c[f][k];
			double x = xs[f] - band * 0.3 * (p->n_cfg > 1) + dx * k;
			if (!c->have)
				continue;
			if (c->sem > 0) {
				svg_line(out, x, py(c->mean + c->sem), x, py(c->mean - c->sem));
				svg_line(out, x - 3, py(c->mean + c->sem), x + 3, py(c->mean + c->sem));
				svg_line(out, x - 3, py(c->mean - c->sem), x + 3, py(c->mean - c->sem));
			}
			svg_marker(out, k % 8, x, py(c->mean));
		}
		fputs("</g>\n", out);
		fprintf(out, "<g stroke=\"%s\" fill=\"%s\" stroke-width=\"1.50\">", col, col);
		svg_marker(out, k % 8, LEGEND_X + 14, LEGEND_Y + k * LEGEND_DY);
		fprintf(out, "</g><text x=\"%s\" y=\"%s\">", N(LEGEND_X + 28),
			N(LEGEND_Y + k * LEGEND_DY + 4));
		svg_text(out, p->cfg[k]);
		fputs("</text>\n", out);
	}
	fputs("</svg>\n", out);
}
