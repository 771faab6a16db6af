/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Defaults for xenmb's options, and helpers the command-line and xen.cfg
 * parsers share
 *
 * Image names may carry an expected checksum: "NAME@sha256:HEX" with 64
 * hex digits.  The name part is the file iPXE handed over; the checksum is
 * what the loader compares the file against before it uses it, so that an
 * image swapped or damaged on the boot server is refused (-XESHA256)
 * instead of booted.  The same syntax works on the command line and in
 * the values of a xen.cfg.
 */
#include <stddef.h>
#include <string.h>
#include <ctype.h>
#include <xenmb/options.h>
#include <xenmb/errors.h>

/** What separates a name from its checksum */
#define SHA256_TAG "@sha256:"

/** Number of hex digits in a SHA-256 digest */
#define SHA256_HEX_LEN 64

/** Default --timeout, in seconds */
#define DEFAULT_TIMEOUT 30

/**
 * Set the defaults
 *
 * @v opts		Options to fill
 */
void options_init ( struct xenmb_options *opts ) {

	memset ( opts, 0, sizeof ( *opts ) );
	opts->timeout = DEFAULT_TIMEOUT;
}

/**
 * Check and normalise a SHA-256 digest written in hex
 *
 * @v hex		Digest text, NUL-terminated; lowered in place
 * @ret rc		0, or -XEOPTVAL unless exactly 64 hex digits
 */
static int sha256_hex_check ( char *hex ) {
	size_t i;

	for ( i = 0; hex[i]; i++ ) {
		if ( !isxdigit ( ( unsigned char )hex[i] ) )
			return -XEOPTVAL;
		hex[i] = tolower ( ( unsigned char )hex[i] );
	}
	if ( i != SHA256_HEX_LEN )
		return -XEOPTVAL;
	return 0;
}

/**
 * Set an image's name from a word, taking an optional "@sha256:HEX"
 *
 * @v spec		Image to fill (name and sha256; args untouched)
 * @v word		NAME or NAME@sha256:HEX, NUL-terminated; modified
 * @ret rc		0, or -XEOPTVAL if the checksum part is malformed
 */
int image_spec_set_name ( struct image_spec *spec, char *word ) {
	char *tag;
	int rc;

	spec->name = word;
	spec->sha256 = NULL;

	/* Plain name */
	tag = strstr ( word, SHA256_TAG );
	if ( !tag )
		return 0;

	/* A checksum needs a name in front of it */
	if ( tag == word )
		return -XEOPTVAL;
	if ( ( rc = sha256_hex_check ( tag + strlen ( SHA256_TAG ) ) ) != 0 )
		return rc;

	/* Cut the name off the checksum */
	spec->sha256 = ( tag + strlen ( SHA256_TAG ) );
	*tag = '\0';
	return 0;
}
