/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Freestanding C library subset: character classes (ASCII only)
 */
#include <ctype.h>

/**
 * Check for white space
 *
 * @v c			Character
 * @ret is_space	Nonzero for space, \\t, \\n, \\v, \\f, \\r
 */
int isspace ( int c ) {
	return ( ( c == ' ' ) || ( ( c >= '\t' ) && ( c <= '\r' ) ) );
}

/**
 * Check for a decimal digit
 *
 * @v c			Character
 * @ret is_digit	Nonzero for 0-9
 */
int isdigit ( int c ) {
	return ( ( c >= '0' ) && ( c <= '9' ) );
}

/**
 * Check for an upper-case letter
 *
 * @v c			Character
 * @ret is_upper	Nonzero for A-Z
 */
int isupper ( int c ) {
	return ( ( c >= 'A' ) && ( c <= 'Z' ) );
}

/**
 * Check for a lower-case letter
 *
 * @v c			Character
 * @ret is_lower	Nonzero for a-z
 */
int islower ( int c ) {
	return ( ( c >= 'a' ) && ( c <= 'z' ) );
}

/**
 * Check for a letter
 *
 * @v c			Character
 * @ret is_alpha	Nonzero for A-Z and a-z
 */
int isalpha ( int c ) {
	return ( isupper ( c ) || islower ( c ) );
}

/**
 * Check for a letter or a digit
 *
 * @v c			Character
 * @ret is_alnum	Nonzero for A-Z, a-z and 0-9
 */
int isalnum ( int c ) {
	return ( isalpha ( c ) || isdigit ( c ) );
}

/**
 * Check for a hexadecimal digit
 *
 * @v c			Character
 * @ret is_xdigit	Nonzero for 0-9, A-F and a-f
 */
int isxdigit ( int c ) {
	return ( isdigit ( c ) || ( ( c >= 'A' ) && ( c <= 'F' ) ) ||
	         ( ( c >= 'a' ) && ( c <= 'f' ) ) );
}

/**
 * Check for a printable character
 *
 * @v c			Character
 * @ret is_print	Nonzero for space to '~'
 */
int isprint ( int c ) {
	return ( ( c >= ' ' ) && ( c <= '~' ) );
}

/**
 * Check for punctuation
 *
 * @v c			Character
 * @ret is_punct	Nonzero for printable characters other than space,
 *			letters and digits
 */
int ispunct ( int c ) {
	return ( isprint ( c ) && ( c != ' ' ) && ( !isalnum ( c ) ) );
}

/**
 * Convert to upper case
 *
 * @v c			Character
 * @ret upper		Upper-case equivalent, or @c c
 */
int toupper ( int c ) {
	return ( islower ( c ) ? ( c - 'a' + 'A' ) : c );
}

/**
 * Convert to lower case
 *
 * @v c			Character
 * @ret lower		Lower-case equivalent, or @c c
 */
int tolower ( int c ) {
	return ( isupper ( c ) ? ( c - 'A' + 'a' ) : c );
}
