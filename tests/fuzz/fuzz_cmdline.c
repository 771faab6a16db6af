/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the command line parser (cmdline.c)
 *
 * The input becomes a NUL-terminated command line.  After a successful
 * parse every string handed out must lie inside the buffer (or be a
 * constant empty string) and the module count must respect its limit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/options.h>

/**
 * Check that a string lies inside the command line, or is empty
 *
 * @v str		String, or NULL
 * @v buf		Command line buffer
 * @v len		Its size
 */
static void check_inside ( const char *str, const char *buf, size_t len ) {

	if ( str && *str && ( ( str < buf ) || ( str >= ( buf + len ) ) ) )
		abort ();
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static struct xenmb_options opts;
	char *line;
	char *start;
	unsigned int i;

	line = malloc ( size + 1 );
	if ( !line )
		return 0;
	memcpy ( line, data, size );
	line[size] = '\0';

	start = line;
	cmdline_skip_self ( &start );
	options_init ( &opts );
	if ( cmdline_parse ( start, &opts ) == 0 ) {
		if ( opts.module_count > XENMB_MAX_MODULES )
			abort ();
		check_inside ( opts.xen.name, line, size + 1 );
		check_inside ( opts.xen.args, line, size + 1 );
		for ( i = 0; i < opts.module_count; i++ ) {
			if ( ( !opts.modules[i].name ) ||
			     ( !*opts.modules[i].name ) ||
			     ( !opts.modules[i].args ) )
				abort ();
			check_inside ( opts.modules[i].name, line, size + 1 );
			check_inside ( opts.modules[i].args, line, size + 1 );
		}
	} else if ( opts.bad_word ) {
		check_inside ( opts.bad_word, line, size + 1 );
	}

	free ( line );
	return 0;
}
