/* tools/options-check.c - faultline's own option parser and checks, built for the host: the harness refuses bad option words before anything boots. No Linux twin (the kernel checks its command line only once it runs). */
#include <stdio.h>
#include "../boot/options.h"

/*
 * options-check 'key=value ...': exit 0 if faultline would accept the
 * words, else print faultline's one-line reason and exit 1. The parser
 * and the checks are the very files faultline.efi runs (boot/options.c,
 * boot/options_check.c), so the two can never disagree.
 */
int main(int argc, char **argv)
{
	static struct fl_options opts;
	char err[160];

	if (argc != 2) {
		fprintf(stderr, "usage: options-check 'key=value ...'\n");
		return 2;
	}
	fl_options_defaults(&opts);
	if (fl_options_parse(&opts, argv[1], err, sizeof(err)) ||
	    fl_options_check(&opts, err, sizeof(err))) {
		printf("%s\n", err);
		return 1;
	}
	return 0;
}
