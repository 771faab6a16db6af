/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the xen.cfg parser (xencfg.c)
 *
 * The first input byte picks the section (none, or one of a few names);
 * the rest is the config text, parsed from a buffer of exactly its length
 * (a NUL-terminated copy is kept alongside, as the carriers have one).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/options.h>
#include <xenmb/xencfg.h>

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static const char *const sections[] = { NULL, "global", "s", "xen" };
	static struct xenmb_options opts;
	const char *section;
	char *text;
	size_t len;
	unsigned int i;

	if ( size < 1 )
		return 0;
	section = sections[data[0] %
	                   ( sizeof ( sections ) / sizeof ( sections[0] ) )];
	len = ( size - 1 );

	/* Exactly the text, so that reads past it are caught */
	text = malloc ( len ? len : 1 );
	if ( !text )
		return 0;
	memcpy ( text, ( data + 1 ), len );

	options_init ( &opts );
	if ( xencfg_parse ( text, len, section, &opts ) == 0 ) {
		if ( ( opts.module_count < 1 ) ||
		     ( opts.module_count > XENMB_MAX_MODULES ) )
			abort ();
		/* Extended arguments must fit their buffer */
		if ( ( !opts.xen.args ) ||
		     ( ( opts.xen.args == opts.xen_args_buf ) &&
		       ( strlen ( opts.xen.args ) >= XENMB_XEN_ARGS_MAX ) ) )
			abort ();
		for ( i = 0; i < opts.module_count; i++ ) {
			if ( ( !opts.modules[i].name ) ||
			     ( !*opts.modules[i].name ) ||
			     ( !opts.modules[i].args ) )
				abort ();
			( void )strlen ( opts.modules[i].name );
			( void )strlen ( opts.modules[i].args );
		}
	}

	free ( text );
	return 0;
}
