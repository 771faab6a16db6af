/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit-test helper: read a whole file into memory
 */
#include <stdio.h>
#include <stdlib.h>
#include "helper_files.h"

/**
 * Read a whole file
 *
 * @v path		Path
 * @v len		Length, on success
 * @ret data		Contents (malloc'd; the caller frees), or NULL
 */
uint8_t *helper_read_file ( const char *path, size_t *len ) {
	FILE *f = fopen ( path, "rb" );
	uint8_t *data = NULL;
	long size;

	if ( !f )
		return NULL;
	if ( fseek ( f, 0, SEEK_END ) != 0 || ( size = ftell ( f ) ) < 0 ||
	     fseek ( f, 0, SEEK_SET ) != 0 )
		goto out;
	data = malloc ( size ? size : 1 );
	if ( data && fread ( data, 1, size, f ) != ( size_t )size ) {
		free ( data );
		data = NULL;
	}
	*len = size;
out:
	fclose ( f );
	return data;
}
