/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Freestanding C library subset: formatted output
 *
 * One formatter writes through a sink: a bounded buffer for vsnprintf(),
 * the carrier's putchar() for printf().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/** Where formatted characters go */
struct printf_sink {
	/**
	 * Take one character
	 *
	 * @v sink		Sink
	 * @v c			Character
	 */
	void ( *emit ) ( struct printf_sink *sink, char c );
	/** Buffer (vsnprintf) */
	char *buf;
	/** Size of the buffer */
	size_t size;
	/** Characters produced so far (including any not stored) */
	size_t len;
};

/** A conversion specification */
struct printf_spec {
	/** '-' flag: pad on the right */
	int left;
	/** '0' flag: pad numbers with zeros */
	int zero;
	/** '#' flag: 0x prefix on nonzero hex numbers */
	int alt;
	/** '+' or ' ' flag: what to show before a positive number, or 0 */
	char plus;
	/** Minimum field width */
	unsigned int width;
	/** Precision, or -1 if none was given */
	int precision;
	/** Length modifier, as the size of the argument in bytes */
	unsigned int size;
};

/** Largest number of digits a 64-bit value needs (octal would be 22) */
#define PRINTF_DIGITS_MAX 24

/**
 * Send a character to the sink
 *
 * @v sink		Sink
 * @v c			Character
 */
static void printf_put ( struct printf_sink *sink, char c ) {
	sink->emit ( sink, c );
	sink->len++;
}

/**
 * Send a character to the sink several times
 *
 * @v sink		Sink
 * @v c			Character
 * @v count		Number of times (negative counts as zero)
 */
static void printf_repeat ( struct printf_sink *sink, char c, int count ) {
	while ( count-- > 0 )
		printf_put ( sink, c );
}

/**
 * Format characters, padded to the field width
 *
 * @v sink		Sink
 * @v spec		Conversion specification
 * @v chars		Characters
 * @v len		Number of characters
 */
static void printf_chars ( struct printf_sink *sink,
                           const struct printf_spec *spec, const char *chars,
                           size_t len ) {
	int pad = ( ( int )spec->width - ( int )len );

	if ( !spec->left )
		printf_repeat ( sink, ' ', pad );
	while ( len-- )
		printf_put ( sink, *( chars++ ) );
	if ( spec->left )
		printf_repeat ( sink, ' ', pad );
}

/**
 * Format a string
 *
 * @v sink		Sink
 * @v spec		Conversion specification
 * @v str		String (NULL prints "(null)")
 */
static void printf_string ( struct printf_sink *sink,
                            const struct printf_spec *spec, const char *str ) {
	size_t max = ( ( spec->precision < 0 ) ? ~( ( size_t )0 )
	                                       : ( size_t )spec->precision );

	if ( !str )
		str = ( ( max >= 6 ) ? "(null)" : "" );
	printf_chars ( sink, spec, str, strnlen ( str, max ) );
}

/**
 * Format a number
 *
 * @v sink		Sink
 * @v spec		Conversion specification
 * @v value		Magnitude
 * @v negative		Value is negative
 * @v base		10 or 16
 * @v upper		Use upper-case hex digits
 */
static void printf_number ( struct printf_sink *sink,
                            const struct printf_spec *spec,
                            unsigned long long value, int negative,
                            unsigned int base, int upper ) {
	static const char hex[] = "0123456789abcdef0123456789ABCDEF";
	const char *digit_chars = ( upper ? ( hex + 16 ) : hex );
	char digits[PRINTF_DIGITS_MAX];
	const char *prefix = "";
	int nonzero = ( value != 0 );
	unsigned int ndigits = 0;
	int zeros;
	int pad;

	/* Digits, least significant first; precision 0 prints nothing
	 * for zero */
	while ( value || ( ( ndigits == 0 ) && ( spec->precision != 0 ) ) ) {
		digits[ndigits++] = digit_chars[value % base];
		value /= base;
	}

	/* Sign or prefix */
	if ( negative ) {
		prefix = "-";
	} else if ( spec->plus ) {
		prefix = ( ( spec->plus == '+' ) ? "+" : " " );
	} else if ( spec->alt && ( base == 16 ) && nonzero ) {
		prefix = ( upper ? "0X" : "0x" );
	}

	/* Leading zeros from the precision, or from the '0' flag */
	zeros = ( spec->precision - ( int )ndigits );
	pad = ( ( int )spec->width - ( int )strlen ( prefix ) - ( int )ndigits -
	        ( ( zeros > 0 ) ? zeros : 0 ) );
	if ( spec->zero && ( !spec->left ) && ( spec->precision < 0 ) ) {
		zeros = pad;
		pad = 0;
	}

	if ( !spec->left )
		printf_repeat ( sink, ' ', pad );
	while ( *prefix )
		printf_put ( sink, *( prefix++ ) );
	printf_repeat ( sink, '0', zeros );
	while ( ndigits )
		printf_put ( sink, digits[--ndigits] );
	if ( spec->left )
		printf_repeat ( sink, ' ', pad );
}

/**
 * Read an integer argument of the size a length modifier gives
 *
 * @v spec		Conversion specification
 * @v args		Arguments
 * @v is_signed		Argument is signed
 * @v negative		Set if the value is negative
 * @ret value		Magnitude
 */
static unsigned long long printf_int_arg ( const struct printf_spec *spec,
                                           va_list *args, int is_signed,
                                           int *negative ) {
	unsigned long long value;
	long long svalue;

	*negative = 0;
	if ( !is_signed ) {
		if ( spec->size == sizeof ( long long ) )
			value = va_arg ( *args, unsigned long long );
		else if ( spec->size == sizeof ( long ) )
			value = va_arg ( *args, unsigned long );
		else
			value = va_arg ( *args, unsigned int );
		if ( spec->size == sizeof ( short ) )
			value = ( unsigned short )value;
		else if ( spec->size == sizeof ( char ) )
			value = ( unsigned char )value;
		return value;
	}
	if ( spec->size == sizeof ( long long ) )
		svalue = va_arg ( *args, long long );
	else if ( spec->size == sizeof ( long ) )
		svalue = va_arg ( *args, long );
	else
		svalue = va_arg ( *args, int );
	if ( spec->size == sizeof ( short ) )
		svalue = ( short )svalue;
	else if ( spec->size == sizeof ( char ) )
		svalue = ( signed char )svalue;
	if ( svalue < 0 ) {
		*negative = 1;
		return ( 0ULL - ( unsigned long long )svalue );
	}
	return svalue;
}

/**
 * Read a width or precision (a number, or '*' taking an argument)
 *
 * @v fmt		Format position, updated
 * @v args		Arguments
 * @ret value		Value
 */
static int printf_field ( const char **fmt, va_list *args ) {
	int value = 0;

	if ( **fmt == '*' ) {
		( *fmt )++;
		return va_arg ( *args, int );
	}
	while ( ( **fmt >= '0' ) && ( **fmt <= '9' ) )
		value = ( value * 10 + ( *( ( *fmt )++ ) - '0' ) );
	return value;
}

/**
 * Parse flags, width, precision and length modifier
 *
 * @v fmt		Format position (after '%'), updated
 * @v args		Arguments
 * @v spec		Conversion specification to fill
 */
static void printf_parse_spec ( const char **fmt, va_list *args,
                                struct printf_spec *spec ) {
	unsigned int shorts = 0;
	unsigned int longs = 0;
	int width;

	memset ( spec, 0, sizeof ( *spec ) );
	spec->precision = -1;
	spec->size = sizeof ( int );

	/* Flags */
	for ( ;; ( *fmt )++ ) {
		if ( **fmt == '-' )
			spec->left = 1;
		else if ( **fmt == '0' )
			spec->zero = 1;
		else if ( **fmt == '#' )
			spec->alt = 1;
		else if ( **fmt == '+' )
			spec->plus = '+';
		else if ( ( **fmt == ' ' ) && ( spec->plus != '+' ) )
			spec->plus = ' ';
		else if ( **fmt != ' ' )
			break;
	}

	/* Width (a negative '*' width means left alignment) */
	width = printf_field ( fmt, args );
	if ( width < 0 ) {
		spec->left = 1;
		width = -width;
	}
	spec->width = width;

	/* Precision (a negative '*' precision counts as none) */
	if ( **fmt == '.' ) {
		( *fmt )++;
		spec->precision = printf_field ( fmt, args );
		if ( spec->precision < 0 )
			spec->precision = -1;
	}

	/* Length modifier: "l" and "ll" are counted, not sized, because
	 * long and int have the same size on i386 */
	for ( ;; ( *fmt )++ ) {
		if ( **fmt == 'h' )
			shorts++;
		else if ( **fmt == 'l' )
			longs++;
		else if ( ( **fmt == 'z' ) || ( **fmt == 't' ) )
			spec->size = sizeof ( size_t );
		else if ( **fmt == 'j' )
			spec->size = sizeof ( intmax_t );
		else
			break;
	}
	if ( longs )
		spec->size = ( ( longs > 1 ) ? sizeof ( long long )
		                             : sizeof ( long ) );
	else if ( shorts )
		spec->size =
		        ( ( shorts > 1 ) ? sizeof ( char ) : sizeof ( short ) );
}

/**
 * Format into a sink
 *
 * @v sink		Sink
 * @v fmt		Format
 * @v args		Arguments
 */
static void printf_format ( struct printf_sink *sink, const char *fmt,
                            va_list args ) {
	struct printf_spec spec;
	unsigned long long value;
	va_list ap;
	int negative;
	char conv;
	char c;

	va_copy ( ap, args );
	while ( *fmt ) {
		if ( *fmt != '%' ) {
			printf_put ( sink, *( fmt++ ) );
			continue;
		}
		fmt++;
		printf_parse_spec ( &fmt, &ap, &spec );
		conv = *fmt;
		if ( conv )
			fmt++;
		switch ( conv ) {
		case 's':
			printf_string ( sink, &spec,
			                va_arg ( ap, const char * ) );
			break;
		case 'c':
			c = ( char )va_arg ( ap, int );
			printf_chars ( sink, &spec, &c, 1 );
			break;
		case 'd':
		case 'i':
			value = printf_int_arg ( &spec, &ap, 1, &negative );
			printf_number ( sink, &spec, value, negative, 10, 0 );
			break;
		case 'u':
		case 'x':
		case 'X':
			value = printf_int_arg ( &spec, &ap, 0, &negative );
			spec.plus = 0;
			printf_number ( sink, &spec, value, 0,
			                ( ( conv == 'u' ) ? 10 : 16 ),
			                ( conv == 'X' ) );
			break;
		case 'p':
			value = ( uintptr_t )va_arg ( ap, void * );
			if ( !value ) {
				spec.precision = -1;
				printf_string ( sink, &spec, "(nil)" );
				break;
			}
			spec.alt = 1;
			spec.plus = 0;
			printf_number ( sink, &spec, value, 0, 16, 0 );
			break;
		case '%':
			printf_put ( sink, '%' );
			break;
		default:
			/* Unknown conversion: show it as written */
			printf_put ( sink, '%' );
			if ( conv )
				printf_put ( sink, conv );
			break;
		}
	}
	va_end ( ap );
}

/**
 * Store a character into a bounded buffer, leaving room for the NUL
 *
 * @v sink		Sink
 * @v c			Character
 */
static void printf_emit_buffer ( struct printf_sink *sink, char c ) {
	if ( ( sink->len + 1 ) < sink->size )
		sink->buf[sink->len] = c;
}

/**
 * Write a character to the console
 *
 * @v sink		Sink
 * @v c			Character
 */
static void printf_emit_console ( struct printf_sink *sink
                                  __attribute__ ( ( unused ) ),
                                  char c ) {
	putchar ( ( unsigned char )c );
}

/**
 * Format into a buffer
 *
 * @v buf		Buffer (may be NULL if @c size is 0)
 * @v size		Size of the buffer, including the NUL
 * @v fmt		Format
 * @v args		Arguments
 * @ret len		Length of the full result, even if it was cut
 */
int vsnprintf ( char *buf, size_t size, const char *fmt, va_list args ) {
	struct printf_sink sink = {
	        .emit = printf_emit_buffer,
	        .buf = buf,
	        .size = size,
	};

	printf_format ( &sink, fmt, args );
	if ( size )
		buf[( sink.len < size ) ? sink.len : ( size - 1 )] = '\0';
	return sink.len;
}

/**
 * Format into a buffer
 *
 * @v buf		Buffer (may be NULL if @c size is 0)
 * @v size		Size of the buffer, including the NUL
 * @v fmt		Format
 * @v ...		Arguments
 * @ret len		Length of the full result, even if it was cut
 */
int snprintf ( char *buf, size_t size, const char *fmt, ... ) {
	va_list args;
	int len;

	va_start ( args, fmt );
	len = vsnprintf ( buf, size, fmt, args );
	va_end ( args );
	return len;
}

/**
 * Format to the console
 *
 * @v fmt		Format
 * @v args		Arguments
 * @ret len		Number of characters written
 */
int vprintf ( const char *fmt, va_list args ) {
	struct printf_sink sink = {
	        .emit = printf_emit_console,
	};

	printf_format ( &sink, fmt, args );
	return sink.len;
}

/**
 * Format to the console
 *
 * @v fmt		Format
 * @v ...		Arguments
 * @ret len		Number of characters written
 */
int printf ( const char *fmt, ... ) {
	va_list args;
	int len;

	va_start ( args, fmt );
	len = vprintf ( fmt, args );
	va_end ( args );
	return len;
}

/**
 * Write a string and a newline to the console
 *
 * @v str		String
 * @ret rc		Nonnegative
 */
int puts ( const char *str ) {
	while ( *str )
		putchar ( ( unsigned char )*( str++ ) );
	putchar ( '\n' );
	return 0;
}
