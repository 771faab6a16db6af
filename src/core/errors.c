/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Error sentences
 *
 * Turns the negative codes of errors.h into the sentences the user reads.
 */
#include <xenmb/errors.h>

/** The sentences, indexed by error number */
static const char *const xenmb_error_text[XENMB_EMAX] = {
        [XENMB_EOK] = "no error",
#define XENMB_ERROR_TEXT( name, text ) [X##name] = text,
        XENMB_ERRORS ( XENMB_ERROR_TEXT )
#undef XENMB_ERROR_TEXT
};

/**
 * Describe an error
 *
 * @v rc		Return status code (negative) or 0
 * @ret text		The sentence for the user (never NULL)
 */
const char *xenmb_strerror ( int rc ) {
	int err = ( rc < 0 ) ? -rc : rc;

	if ( err >= XENMB_EMAX )
		return "unknown error";
	return xenmb_error_text[err];
}
