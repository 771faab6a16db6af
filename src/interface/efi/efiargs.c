/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The UEFI command line: LoadOptions (UCS-2) to an ASCII string
 *
 * Kept free of firmware calls so that the host unit tests exercise it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/efiargs.h>
#include <xenmb/le.h>

/**
 * Read one UCS-2 character
 *
 * @v options		LoadOptions
 * @v index		Character index
 * @ret ch		Character (little-endian; the buffer may be unaligned)
 */
static unsigned int efi_ucs2_at ( const void *options, size_t index ) {
	const uint8_t *bytes = options;

	return le_get16 ( bytes + 2 * index );
}

/**
 * Drop the first word (and the spaces around it) of a string
 *
 * @v buf		String, modified in place
 */
static void efi_drop_first_word ( char *buf ) {
	const char *rest = buf;

	while ( *rest == ' ' )
		rest++;
	while ( *rest && ( *rest != ' ' ) )
		rest++;
	while ( *rest == ' ' )
		rest++;
	memmove ( buf, rest, strlen ( rest ) + 1 );
}

/**
 * Turn LoadOptions into xenmb's command line, without the image's name
 *
 * @v options		LoadOptions (UCS-2 little-endian), or NULL
 * @v size		LoadOptionsSize in bytes
 * @v buf		Output buffer
 * @v max		Size of the output buffer (at least 1)
 * @v bad		Index of the offending character, on -XEINVAL
 * @ret rc		0, -XEINVAL, -XENOSPC
 */
int efi_cmdline_from_options ( const void *options, size_t size, char *buf,
                               size_t max, size_t *bad ) {
	size_t chars = ( options ? ( size / 2 ) : 0 );
	size_t len = 0;
	unsigned int ch;
	size_t i;

	buf[0] = '\0';
	for ( i = 0; i < chars; i++ ) {
		ch = efi_ucs2_at ( options, i );
		if ( ch == 0 )
			break;

		/* Whitespace of any kind separates words */
		if ( ( ch == '\t' ) || ( ch == '\r' ) || ( ch == '\n' ) )
			ch = ' ';
		if ( ( ch < ' ' ) || ( ch > '~' ) ) {
			*bad = i;
			return -XEINVAL;
		}

		/* Keep room for the terminating NUL */
		if ( ( len + 1 ) >= max )
			return -XENOSPC;
		buf[len++] = ch;
		buf[len] = '\0';
	}

	efi_drop_first_word ( buf );
	return 0;
}
