/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * 64-bit division helpers for the i386 build
 *
 * On i386 the compiler turns 64-bit division and remainder into calls to
 * these functions.  The BIOS carrier is linked without libgcc (Debian's
 * gcc has no 32-bit libgcc unless gcc-multilib is installed), so they are
 * provided here: binary long division, at most 64 steps.
 */
#include <stddef.h>
#include <stdint.h>

uint64_t __udivmoddi4 ( uint64_t num, uint64_t den, uint64_t *rem );
uint64_t __udivdi3 ( uint64_t num, uint64_t den );
uint64_t __umoddi3 ( uint64_t num, uint64_t den );
int64_t __divdi3 ( int64_t num, int64_t den );
int64_t __moddi3 ( int64_t num, int64_t den );

/**
 * Divide unsigned 64-bit numbers
 *
 * @v num		Dividend
 * @v den		Divisor (nonzero)
 * @v rem		Remainder, on return (may be NULL)
 * @ret quot		Quotient
 */
uint64_t __udivmoddi4 ( uint64_t num, uint64_t den, uint64_t *rem ) {
	uint64_t quot = 0;
	uint64_t bit = 1;

	/* Line the divisor up under the dividend's top bit (a zero
	 * divisor stops when the bit runs out) */
	while ( ( den < num ) && !( den & ( 1ULL << 63 ) ) &&
	        !( bit & ( 1ULL << 63 ) ) ) {
		den <<= 1;
		bit <<= 1;
	}

	/* Subtract it back down */
	while ( bit ) {
		if ( num >= den ) {
			num -= den;
			quot |= bit;
		}
		den >>= 1;
		bit >>= 1;
	}
	if ( rem )
		*rem = num;
	return quot;
}

/**
 * Divide unsigned 64-bit numbers
 *
 * @v num		Dividend
 * @v den		Divisor
 * @ret quot		Quotient
 */
uint64_t __udivdi3 ( uint64_t num, uint64_t den ) {
	return __udivmoddi4 ( num, den, NULL );
}

/**
 * Get the remainder of unsigned 64-bit division
 *
 * @v num		Dividend
 * @v den		Divisor
 * @ret rem		Remainder
 */
uint64_t __umoddi3 ( uint64_t num, uint64_t den ) {
	uint64_t rem;

	__udivmoddi4 ( num, den, &rem );
	return rem;
}

/**
 * Get the magnitude of a signed 64-bit number
 *
 * @v value		Value
 * @ret magnitude	Absolute value, as unsigned
 */
static uint64_t libgcc_magnitude ( int64_t value ) {
	return ( ( value < 0 ) ? ( 0ULL - ( uint64_t )value )
	                       : ( uint64_t )value );
}

/**
 * Divide signed 64-bit numbers (rounding towards zero)
 *
 * @v num		Dividend
 * @v den		Divisor
 * @ret quot		Quotient
 */
int64_t __divdi3 ( int64_t num, int64_t den ) {
	uint64_t quot;

	quot = __udivmoddi4 ( libgcc_magnitude ( num ),
	                      libgcc_magnitude ( den ), NULL );
	return ( ( ( num < 0 ) != ( den < 0 ) ) ? ( int64_t )( 0ULL - quot )
	                                        : ( int64_t )quot );
}

/**
 * Get the remainder of signed 64-bit division (sign of the dividend)
 *
 * @v num		Dividend
 * @v den		Divisor
 * @ret rem		Remainder
 */
int64_t __moddi3 ( int64_t num, int64_t den ) {
	uint64_t rem;

	__udivmoddi4 ( libgcc_magnitude ( num ), libgcc_magnitude ( den ),
	               &rem );
	return ( ( num < 0 ) ? ( int64_t )( 0ULL - rem ) : ( int64_t )rem );
}
