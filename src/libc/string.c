/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Freestanding C library subset: memory and string functions
 *
 * The block operations use the x86 string instructions so that the
 * compiler cannot turn their loops back into calls to themselves.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

/**
 * Copy memory (regions must not overlap)
 *
 * @v dest		Destination
 * @v src		Source
 * @v len		Length
 * @ret dest		Destination
 */
void *memcpy ( void *dest, const void *src, size_t len ) {
	void *edi = dest;
	const void *esi = src;
	size_t ecx = len;

	__asm__ __volatile__( "rep movsb"
	                      : "+D"( edi ), "+S"( esi ), "+c"( ecx )
	                      :
	                      : "memory" );
	return dest;
}

/**
 * Copy memory (regions may overlap)
 *
 * @v dest		Destination
 * @v src		Source
 * @v len		Length
 * @ret dest		Destination
 */
void *memmove ( void *dest, const void *src, size_t len ) {
	uint8_t *edi;
	const uint8_t *esi;
	size_t ecx = len;

	/* A forward copy is safe unless the destination starts inside
	 * the source */
	if ( ( ( uintptr_t )dest <= ( uintptr_t )src ) ||
	     ( ( uintptr_t )dest >= ( ( uintptr_t )src + len ) ) )
		return memcpy ( dest, src, len );
	if ( !len )
		return dest;

	/* Copy backwards, from the last byte */
	edi = ( ( uint8_t * )dest + len - 1 );
	esi = ( ( const uint8_t * )src + len - 1 );
	__asm__ __volatile__( "std\n\t"
	                      "rep movsb\n\t"
	                      "cld"
	                      : "+D"( edi ), "+S"( esi ), "+c"( ecx )
	                      :
	                      : "memory" );
	return dest;
}

/**
 * Fill memory
 *
 * @v dest		Destination
 * @v c			Byte value
 * @v len		Length
 * @ret dest		Destination
 */
void *memset ( void *dest, int c, size_t len ) {
	void *edi = dest;
	size_t ecx = len;

	__asm__ __volatile__( "rep stosb"
	                      : "+D"( edi ), "+c"( ecx )
	                      : "a"( c )
	                      : "memory" );
	return dest;
}

/**
 * Compare memory
 *
 * @v first		First region
 * @v second		Second region
 * @v len		Length
 * @ret diff		Difference of the first differing bytes, or 0
 */
int memcmp ( const void *first, const void *second, size_t len ) {
	const uint8_t *a = first;
	const uint8_t *b = second;
	size_t i;

	for ( i = 0; i < len; i++ ) {
		if ( a[i] != b[i] )
			return ( a[i] - b[i] );
	}
	return 0;
}

/**
 * Find a byte in memory
 *
 * @v src		Region
 * @v c			Byte value
 * @v len		Length
 * @ret found		First matching byte, or NULL
 */
void *memchr ( const void *src, int c, size_t len ) {
	const uint8_t *bytes = src;
	size_t i;

	for ( i = 0; i < len; i++ ) {
		if ( bytes[i] == ( uint8_t )c )
			return ( ( void * )&bytes[i] );
	}
	return NULL;
}

/**
 * Get the length of a string
 *
 * @v str		String
 * @ret len		Length, without the NUL
 */
size_t strlen ( const char *str ) {
	const char *end = str;

	while ( *end )
		end++;
	return ( end - str );
}

/**
 * Get the length of a string, up to a limit
 *
 * @v str		String
 * @v max		Most bytes to examine
 * @ret len		Length, without the NUL, at most @c max
 */
size_t strnlen ( const char *str, size_t max ) {
	size_t len = 0;

	while ( ( len < max ) && str[len] )
		len++;
	return len;
}

/**
 * Compare strings, up to a limit
 *
 * @v first		First string
 * @v second		Second string
 * @v max		Most characters to compare
 * @ret diff		Difference of the first differing characters, or 0
 */
int strncmp ( const char *first, const char *second, size_t max ) {
	const uint8_t *a = ( const uint8_t * )first;
	const uint8_t *b = ( const uint8_t * )second;
	size_t i;

	for ( i = 0; i < max; i++ ) {
		if ( ( a[i] != b[i] ) || ( !a[i] ) )
			return ( a[i] - b[i] );
	}
	return 0;
}

/**
 * Compare strings
 *
 * @v first		First string
 * @v second		Second string
 * @ret diff		Difference of the first differing characters, or 0
 */
int strcmp ( const char *first, const char *second ) {
	return strncmp ( first, second, ~( ( size_t )0 ) );
}

/**
 * Compare strings ignoring case, up to a limit
 *
 * @v first		First string
 * @v second		Second string
 * @v max		Most characters to compare
 * @ret diff		Difference of the first differing characters (lower
 *			case), or 0
 */
int strncasecmp ( const char *first, const char *second, size_t max ) {
	const uint8_t *a = ( const uint8_t * )first;
	const uint8_t *b = ( const uint8_t * )second;
	int diff;
	size_t i;

	for ( i = 0; i < max; i++ ) {
		diff = ( tolower ( a[i] ) - tolower ( b[i] ) );
		if ( diff || ( !a[i] ) )
			return diff;
	}
	return 0;
}

/**
 * Compare strings ignoring case
 *
 * @v first		First string
 * @v second		Second string
 * @ret diff		Difference of the first differing characters (lower
 *			case), or 0
 */
int strcasecmp ( const char *first, const char *second ) {
	return strncasecmp ( first, second, ~( ( size_t )0 ) );
}

/**
 * Find the first occurrence of a character
 *
 * @v str		String
 * @v c			Character (NUL finds the terminator)
 * @ret found		Pointer to it, or NULL
 */
char *strchr ( const char *str, int c ) {
	for ( ;; str++ ) {
		if ( *str == ( char )c )
			return ( ( char * )str );
		if ( !*str )
			return NULL;
	}
}

/**
 * Find the last occurrence of a character
 *
 * @v str		String
 * @v c			Character (NUL finds the terminator)
 * @ret found		Pointer to it, or NULL
 */
char *strrchr ( const char *str, int c ) {
	const char *found = NULL;

	for ( ;; str++ ) {
		if ( *str == ( char )c )
			found = str;
		if ( !*str )
			return ( ( char * )found );
	}
}

/**
 * Find a substring
 *
 * @v haystack		String to search
 * @v needle		String to find
 * @ret found		First occurrence, or NULL
 */
char *strstr ( const char *haystack, const char *needle ) {
	size_t len = strlen ( needle );

	for ( ;; haystack++ ) {
		if ( strncmp ( haystack, needle, len ) == 0 )
			return ( ( char * )haystack );
		if ( !*haystack )
			return NULL;
	}
}

/**
 * Copy a string into a fixed-size field
 *
 * @v dest		Destination
 * @v src		Source
 * @v max		Size of the destination
 * @ret dest		Destination
 *
 * As in C, the rest of the field is zero filled, and the result is not
 * terminated when the source is @c max characters or longer.
 */
char *strncpy ( char *dest, const char *src, size_t max ) {
	size_t len = strnlen ( src, max );

	memcpy ( dest, src, len );
	memset ( ( dest + len ), 0, ( max - len ) );
	return dest;
}
