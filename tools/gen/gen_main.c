/* gen_main.c: benchtop-gen's command line.
 *
 *   benchtop-gen tree DIR [options]    a results tree in the benchmark's layout
 *   benchtop-gen jsonl FILE [options]  the same attempts as benchtop JSONL
 *
 * Everything it writes is SYNTHETIC and says so.
 */
#include "config.h"

#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
usage(FILE *f)
{
	fputs("usage: benchtop-gen tree DIR [options]\n"
	      "       benchtop-gen jsonl FILE [options]     (FILE may be -)\n\n"
	      "Writes SYNTHETIC Constraint Decay benchmark results (not real measurements).\n\n"
	      "options:\n"
	      "  --seed N            random seed (default 20260507); same seed, same bytes\n"
	      "  --runs SPEC         agent/model:skill,... (skill 0..1, or strong/weak);\n"
	      "                      a model named NAME-vN is a re-run of NAME\n"
	      "  --tasks all|subset  80 generation tasks, or the 16-task pipeline subset\n"
	      "  --attempts N        attempts (run_N folders) per task (default 3)\n"
	      "  --features          include the 20 feature tasks (default)\n"
	      "  --no-features       generation tasks only\n"
	      "  --patch-kb N        patch size in KB (default: realistic 8-30 KB)\n"
	      "  --log-kb N          server logs of N KB at least: health probes after the\n"
	      "                      requests (default: the requests' lines only)\n"
	      "  --scale N           repeat the run list N times with distinct model names\n"
	      "  --label TEXT        run label (default \"" GEN_DEFAULT_LABEL "\")\n"
	      "  --truth FILE        write the ground-truth manifest (JSON) to FILE\n"
	      "  --quirks LIST       tree only: superseded,two-csv,no-csv,truncated-csv or all\n"
	      "  --lean              jsonl only: reports and patches, no logs or trajectories\n"
	      "                      (for list-scale benchmarks: many attempts, little disk)\n"
	      "  --quiet             no summary on stderr\n",
	      f);
}

static bool
parse_long(const char *s, long lo, long hi, long *out)
{
	return str_to_long(s, out) && *out >= lo && *out <= hi;
}

static bool
parse_runs(const char *spec, uint64_t seed, struct gen_run **runs, size_t *n)
{
	char *copy = xstrdup(spec), *save = NULL;
	size_t cap = 0;

	*runs = NULL;
	*n = 0;
	for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *slash = strchr(item, '/'), *colon = strrchr(item, ':');
		double skill = 0.75;
		if (!slash || slash == item || !slash[1] || (colon && colon < slash)) {
			free(copy);
			return false;
		}
		if (colon) {
			*colon = '\0';
			if (strcmp(colon + 1, "strong") == 0)
				skill = 0.86;
			else if (strcmp(colon + 1, "weak") == 0)
				skill = 0.58;
			else if (!str_to_double(colon + 1, &skill) || skill < 0 || skill > 1) {
				free(copy);
				return false;
			}
		}
		*slash = '\0';
		if (strlen(item) >= 48 || strlen(slash + 1) >= 80 || strchr(slash + 1, '/')) {
			free(copy);
			return false;
		}
		BT_GROW(*runs, cap, *n + 1);
		gen_run_init(&(*runs)[(*n)++], item, slash + 1, skill, seed);
	}
	free(copy);
	return *n > 0;
}

static bool
parse_quirks(const char *list, unsigned *out)
{
	char *copy = xstrdup(list), *save = NULL;
	bool ok = true;

	*out = 0;
	for (char *q = strtok_r(copy, ",", &save); q && ok; q = strtok_r(NULL, ",", &save)) {
		if (strcmp(q, "all") == 0)
			*out |= GQ_SUPERSEDED | GQ_TWO_CSV | GQ_NO_CSV | GQ_TRUNCATED;
		else if (strcmp(q, "superseded") == 0)
			*out |= GQ_SUPERSEDED;
		else if (strcmp(q, "two-csv") == 0)
			*out |= GQ_TWO_CSV;
		else if (strcmp(q, "no-csv") == 0)
			*out |= GQ_NO_CSV;
		else if (strcmp(q, "truncated-csv") == 0)
			*out |= GQ_TRUNCATED;
		else
			ok = false;
	}
	free(copy);
	return ok;
}

int
main(int argc, char **argv)
{
	struct gen_opts o = {.seed = GEN_DEFAULT_SEED, .attempts = 3, .features = true,
			     .label = GEN_DEFAULT_LABEL};
	const char *runs_spec = "mini_swe_sdk/synthetic-large:0.86,openhands_sdk/synthetic-small:0.58,"
				"mini_swe_sdk/synthetic-large-v2:0.87";
	const char *mode, *target, *truth = NULL;
	long scale = 1, v;
	bool quiet = false;
	struct gen_stats st = {0};
	struct bt_error err = {0};
	double t0, secs;
	int rc;

	/* --help anywhere wins, so "benchtop-gen tree --help" never makes a directory */
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		puts("benchtop-gen " PACKAGE_VERSION);
		return 0;
	}
	if (argc < 3 || (strcmp(argv[1], "tree") != 0 && strcmp(argv[1], "jsonl") != 0)) {
		usage(stderr);
		return BT_EUSAGE;
	}
	mode = argv[1];
	target = argv[2];
	if (target[0] == '-' && target[1]) {
		fprintf(stderr, "benchtop-gen: the output comes before the options, got '%s'\n", target);
		return BT_EUSAGE;
	}
	for (int i = 3; i < argc; i++) {
		const char *opt = argv[i], *arg = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes = strcmp(opt, "--features") != 0 && strcmp(opt, "--no-features") != 0 &&
			     strcmp(opt, "--quiet") != 0 && strcmp(opt, "--lean") != 0;
		if (takes && !arg) {
			fprintf(stderr, "benchtop-gen: %s needs a value\n", opt);
			return BT_EUSAGE;
		}
		if (strcmp(opt, "--seed") == 0) {
			unsigned long long s;
			char *end;
			s = strtoull(arg, &end, 10);
			if (!*arg || *end) {
				fprintf(stderr, "benchtop-gen: --seed wants a number, got '%s'\n", arg);
				return BT_EUSAGE;
			}
			o.seed = s;
		} else if (strcmp(opt, "--runs") == 0) {
			runs_spec = arg;
		} else if (strcmp(opt, "--tasks") == 0) {
			if (strcmp(arg, "all") != 0 && strcmp(arg, "subset") != 0) {
				fprintf(stderr, "benchtop-gen: --tasks wants all or subset\n");
				return BT_EUSAGE;
			}
			o.subset = strcmp(arg, "subset") == 0;
		} else if (strcmp(opt, "--attempts") == 0) {
			if (!parse_long(arg, 1, 1000, &v)) {
				fprintf(stderr, "benchtop-gen: --attempts wants 1..1000\n");
				return BT_EUSAGE;
			}
			o.attempts = (int)v;
		} else if (strcmp(opt, "--features") == 0) {
			o.features = true;
		} else if (strcmp(opt, "--no-features") == 0) {
			o.features = false;
		} else if (strcmp(opt, "--patch-kb") == 0) {
			if (!parse_long(arg, 1, 1 << 20, &v)) {
				fprintf(stderr, "benchtop-gen: --patch-kb wants 1..1048576\n");
				return BT_EUSAGE;
			}
			o.patch_kb = (int)v;
		} else if (strcmp(opt, "--log-kb") == 0) {
			if (!parse_long(arg, 1, 1 << 20, &v)) {
				fprintf(stderr, "benchtop-gen: --log-kb wants 1..1048576\n");
				return BT_EUSAGE;
			}
			o.log_kb = (int)v;
		} else if (strcmp(opt, "--scale") == 0) {
			if (!parse_long(arg, 1, 100000, &scale)) {
				fprintf(stderr, "benchtop-gen: --scale wants 1..100000\n");
				return BT_EUSAGE;
			}
		} else if (strcmp(opt, "--label") == 0) {
			o.label = arg;
		} else if (strcmp(opt, "--truth") == 0) {
			truth = arg;
		} else if (strcmp(opt, "--quirks") == 0) {
			if (!parse_quirks(arg, &o.quirks)) {
				fprintf(stderr, "benchtop-gen: --quirks wants superseded,two-csv,no-csv,truncated-csv or all\n");
				return BT_EUSAGE;
			}
		} else if (strcmp(opt, "--quiet") == 0) {
			quiet = true;
		} else if (strcmp(opt, "--lean") == 0) {
			o.lean = true;
		} else {
			fprintf(stderr, "benchtop-gen: unknown option '%s'\n", opt);
			usage(stderr);
			return BT_EUSAGE;
		}
		if (takes)
			i++;
	}
	if (o.quirks && strcmp(mode, "tree") != 0) {
		fprintf(stderr, "benchtop-gen: --quirks only applies to tree output\n");
		return BT_EUSAGE;
	}
	if (o.lean && strcmp(mode, "jsonl") != 0) {
		fprintf(stderr, "benchtop-gen: --lean only applies to JSONL output\n");
		return BT_EUSAGE;
	}
	if (!parse_runs(runs_spec, o.seed, &o.runs, &o.n_runs)) {
		fprintf(stderr, "benchtop-gen: --runs wants agent/model[:skill],... (skill 0..1, strong or weak)\n");
		return BT_EUSAGE;
	}
	if (scale > 1) {
		size_t base = o.n_runs, cap = base;
		for (long k = 1; k < scale; k++) {
			for (size_t r = 0; r < base; r++) {
				char model[112];
				struct gen_run *src;
				BT_GROW(o.runs, cap, o.n_runs + 1);
				src = &o.runs[r];
				snprintf(model, sizeof(model), "%.80s-x%ld", src->model, k);
				gen_run_init(&o.runs[o.n_runs++], src->agent, model, src->skill, o.seed);
			}
		}
	}
	t0 = clock_now();
	if (strcmp(mode, "tree") == 0) {
		rc = gen_tree_write(target, &o, truth, &st, &err);
	} else {
		rc = gen_jsonl_write(target, &o, truth, &st, &err);
	}
	secs = clock_now() - t0;
	free(o.runs);
	if (rc != BT_OK) {
		fprintf(stderr, "benchtop-gen: %s\n", err.msg);
		return rc;
	}
	if (!quiet)
		fprintf(stderr, "benchtop-gen: SYNTHETIC data: %zu attempts, %zu files, %.1f MB in %.2f s "
				"(%.0f attempts/s, %.1f MB/s)\n",
			st.attempts, st.files, (double)st.bytes / 1e6, secs,
			secs > 0 ? (double)st.attempts / secs : 0.0,
			secs > 0 ? (double)st.bytes / 1e6 / secs : 0.0);
	return 0;
}
