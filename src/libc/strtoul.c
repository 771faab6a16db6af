/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Freestanding C library subset: string to number conversion
 *
 * As in C: leading white space, an optional sign, then digits in the
 * given base (0 picks 8, 10 or 16 from a "0" or "0x" prefix; 16 also
 * accepts "0x").  A value out of range saturates.  There is no errno.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <ctype.h>

/** Largest unsigned long long */
#define ULLONG_LIMIT ( ~0ULL )
/** Largest unsigned long */
#define ULONG_LIMIT ( ~0UL )
/** Largest long */
#define LONG_LIMIT ( ( long )( ULONG_LIMIT >> 1 ) )

/** A parsed number, before it is fitted to its type */
struct parsed_number {
	/** Magnitude (saturated at ULLONG_LIMIT) */
	unsigned long long value;
	/** The magnitude did not fit */
	int overflow;
	/** A '-' sign was given */
	int negative;
};

/**
 * Get the value of a digit
 *
 * @v c			Character
 * @ret digit		Value (0-35), or 36 if not a digit in any base
 */
static unsigned int strtoul_digit ( int c ) {
	if ( isdigit ( c ) )
		return ( c - '0' );
	if ( isalpha ( c ) )
		return ( tolower ( c ) - 'a' + 10 );
	return 36;
}

/**
 * Parse a number
 *
 * @v str		String
 * @v end		End of the number, on return (may be NULL)
 * @v base		Base (0, or 2 to 36)
 * @v number		Parsed number
 */
static void strtoul_parse ( const char *str, char **end, int base,
                            struct parsed_number *number ) {
	const char *pos = str;
	const char *digits;
	unsigned int digit;

	number->value = 0;
	number->overflow = 0;
	number->negative = 0;

	/* Skip white space and the sign */
	while ( isspace ( *pos ) )
		pos++;
	if ( ( *pos == '+' ) || ( *pos == '-' ) )
		number->negative = ( *( pos++ ) == '-' );

	/* Pick the base from the prefix; "0x" counts only if a hex digit
	 * follows it */
	if ( ( ( base == 0 ) || ( base == 16 ) ) && ( pos[0] == '0' ) &&
	     ( tolower ( pos[1] ) == 'x' ) &&
	     ( strtoul_digit ( pos[2] ) < 16 ) ) {
		pos += 2;
		base = 16;
	} else if ( base == 0 ) {
		base = ( ( pos[0] == '0' ) ? 8 : 10 );
	}

	/* Accumulate digits */
	digits = pos;
	if ( ( base >= 2 ) && ( base <= 36 ) ) {
		while ( ( digit = strtoul_digit ( *pos ) ) <
		        ( unsigned int )base ) {
			if ( number->value >
			     ( ( ULLONG_LIMIT - digit ) / base ) ) {
				number->overflow = 1;
				number->value = ULLONG_LIMIT;
			}
			if ( !number->overflow )
				number->value =
				        ( number->value * base + digit );
			pos++;
		}
	}

	/* No digits: nothing was converted */
	if ( pos == digits ) {
		number->value = 0;
		number->negative = 0;
		pos = str;
	}
	if ( end )
		*end = ( ( char * )pos );
}

/**
 * Convert a string to an unsigned long long
 *
 * @v str		String
 * @v end		End of the number, on return (may be NULL)
 * @v base		Base (0, or 2 to 36)
 * @ret value		Value (negated if '-' was given), or ULLONG_MAX
 */
unsigned long long strtoull ( const char *str, char **end, int base ) {
	struct parsed_number number;

	strtoul_parse ( str, end, base, &number );
	if ( number.overflow )
		return ULLONG_LIMIT;
	return ( number.negative ? -number.value : number.value );
}

/**
 * Convert a string to an unsigned long
 *
 * @v str		String
 * @v end		End of the number, on return (may be NULL)
 * @v base		Base (0, or 2 to 36)
 * @ret value		Value (negated if '-' was given), or ULONG_MAX
 */
unsigned long strtoul ( const char *str, char **end, int base ) {
	struct parsed_number number;

	strtoul_parse ( str, end, base, &number );
	if ( number.overflow || ( number.value > ULONG_LIMIT ) )
		return ULONG_LIMIT;
	return ( number.negative ? -( ( unsigned long )number.value )
	                         : ( ( unsigned long )number.value ) );
}

/**
 * Convert a string to a long
 *
 * @v str		String
 * @v end		End of the number, on return (may be NULL)
 * @v base		Base (0, or 2 to 36)
 * @ret value		Value, or LONG_MIN / LONG_MAX when out of range
 */
long strtol ( const char *str, char **end, int base ) {
	struct parsed_number number;
	unsigned long long limit;

	strtoul_parse ( str, end, base, &number );
	limit = ( ( unsigned long long )LONG_LIMIT + number.negative );
	if ( number.overflow || ( number.value > limit ) )
		return ( number.negative ? ( -LONG_LIMIT - 1 ) : LONG_LIMIT );
	if ( number.negative )
		return ( ( long )( 0UL - ( unsigned long )number.value ) );
	return ( ( long )number.value );
}
