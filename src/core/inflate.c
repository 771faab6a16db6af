/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * gzip decompression (RFC 1951 inflate inside an RFC 1952 gzip member)
 *
 * The whole output lives in one flat buffer, so no sliding window is kept:
 * a match copies from earlier output directly.  Huffman codes are decoded
 * through lookup tables: a root table indexed by the next 10 (literal and
 * length) or 9 (distance) input bits, whose entries either give the symbol
 * at once or point to a second-level table for the longer codes.  Input
 * bits come through a bit buffer as wide as a machine word.
 *
 * Decoding runs in two gears.  The fast loop runs while enough input and
 * output room remain that no symbol can run off either end, so it needs
 * no bounds checks per bit and may copy matches a word at a time.  Near
 * the ends, a careful step decodes one symbol at a time: input past the
 * end reads as zero bits that are counted, and consuming any of them is
 * a truncation (-XEGZTRUNC).
 *
 * Everything lives in one context on the stack (about 8 KiB); nothing is
 * allocated, nothing is global, nothing recurses.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/inflate.h>
#include <xenmb/crc32.h>
#include <xenmb/le.h>

/** The bit buffer: one machine word (32 bits on i386, 64 on x86_64) */
typedef size_t inflate_bitbuf_t;

/** Width of the bit buffer in bits */
#define BITBUF_BITS ( 8 * sizeof ( inflate_bitbuf_t ) )

/** Longest Huffman code in deflate */
#define HUFF_MAX_LEN 15

/** Root table bits for literal/length codes */
#define LITLEN_ROOT 10

/** Root table bits for distance codes */
#define DIST_ROOT 9

/** Root table bits for the code length code (its codes are at most 7) */
#define CODELEN_ROOT 7

/**
 * Table entries needed for any complete literal/length code with a 10-bit
 * root (the bound computed by zlib's examples/enough.c: "enough 286 10 15")
 */
#define LITLEN_ENOUGH 1332

/** Table entries needed for any distance code with a 9-bit root */
#define DIST_ENOUGH 592

/** Literal/length symbols a dynamic block may declare */
#define LITLEN_MAX_CODES 286

/** Distance symbols a dynamic block may declare */
#define DIST_MAX_CODES 30

/** Symbols of the fixed literal/length code (two of them unused) */
#define LITLEN_FIXED_CODES 288

/** Symbols of the fixed distance code (two of them unused) */
#define DIST_FIXED_CODES 32

/** Symbols of the code length code */
#define CODELEN_CODES 19

/** End-of-block symbol */
#define SYM_END_OF_BLOCK 256

/** First length symbol */
#define SYM_FIRST_LENGTH 257

/** Longest match */
#define MATCH_MAX_LEN 258

/**
 * A decoding table entry (32 bits):
 *
 * bits 0-7	code length in bits (what to consume)
 * bits 8-11	kind flags below (none: a length or distance base)
 * bits 12-15	extra bits that follow the code, or the index bits of a
 *		second-level table
 * bits 16-31	literal byte, length or distance base, code length code
 *		symbol, or offset of the second-level table
 */
#define ENTRY_LEN_MASK    0xffU
#define ENTRY_LITERAL     0x100U
#define ENTRY_END         0x200U
#define ENTRY_LINK        0x400U
#define ENTRY_INVALID     0x800U
#define ENTRY_EXTRA_SHIFT 12
#define ENTRY_VALUE_SHIFT 16

/**
 * Make a table entry
 *
 * @v flags		Kind flags
 * @v extra		Extra bits (or second-level index bits)
 * @v value		Value
 * @ret entry		Entry, with a zero code length
 */
#define ENTRY( flags, extra, value )                                           \
	( ( flags ) | ( ( uint32_t )( extra ) << ENTRY_EXTRA_SHIFT ) |         \
	  ( ( uint32_t )( value ) << ENTRY_VALUE_SHIFT ) )

/** Which alphabet a table decodes */
enum huff_alphabet {
	/** Code lengths of a dynamic block header (symbols 0-18) */
	HUFF_CODELEN,
	/** Literals, end of block and lengths (symbols 0-287) */
	HUFF_LITLEN,
	/** Distances (symbols 0-31) */
	HUFF_DIST,
};

/** Fast loop: input bytes that must remain (three refills of a word) */
#define FAST_IN_MARGIN ( 3 * sizeof ( inflate_bitbuf_t ) )

/** Fast loop: output room that must remain (a match and a copy word) */
#define FAST_OUT_MARGIN ( MATCH_MAX_LEN + 2 * sizeof ( uint64_t ) )

/** A Huffman block finished (returned by the decoding steps) */
#define INFLATE_BLOCK_END 1

/** Decompression state */
struct inflate_context {
	/** Next input byte not yet in the bit buffer */
	const uint8_t *in;
	/** End of the input */
	const uint8_t *in_end;
	/** Bit buffer: the next input bits, least significant first */
	inflate_bitbuf_t bitbuf;
	/** Valid bits in the bit buffer */
	unsigned int bitcount;
	/** Zero bits in the bit buffer that lie past the end of the input */
	unsigned int padbits;
	/** Start of the output */
	uint8_t *out_start;
	/** Next output byte */
	uint8_t *out;
	/** End of the output buffer */
	uint8_t *out_end;
	/** Nonzero while the tables hold the fixed codes */
	int fixed_tables;
	/** Literal/length decoding table */
	uint32_t litlen[LITLEN_ENOUGH];
	/** Distance decoding table */
	uint32_t dist[DIST_ENOUGH];
};

/**
 * Read a little-endian machine word
 *
 * @v bytes		Bytes (sizeof ( inflate_bitbuf_t ) of them)
 * @ret word		Word
 *
 * On a little-endian machine this is one unaligned load (the compiler
 * expands the fixed-size copy inline, even when freestanding).
 */
static inline inflate_bitbuf_t load_le_word ( const uint8_t *bytes ) {
	inflate_bitbuf_t word = 0;
#if defined( __BYTE_ORDER__ ) && ( __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ )
	__builtin_memcpy ( &word, bytes, sizeof ( word ) );
#else
	unsigned int i;

	for ( i = 0; i < sizeof ( word ); i++ )
		word |= ( ( inflate_bitbuf_t )bytes[i] << ( 8 * i ) );
#endif
	return word;
}

/**
 * Mask of the low bits of the bit buffer
 *
 * @v bits		Number of bits (less than BITBUF_BITS)
 * @ret mask		Mask
 */
static inline inflate_bitbuf_t bit_mask ( unsigned int bits ) {
	return ( ( ( inflate_bitbuf_t )1 << bits ) - 1 );
}

/**
 * Look a code up in a decoding table
 *
 * @v table		Decoding table
 * @v root		Root table bits
 * @v bitbuf		Bit buffer (holding at least the longest code)
 * @ret entry		Table entry
 */
static inline uint32_t huff_lookup ( const uint32_t *table, unsigned int root,
                                     inflate_bitbuf_t bitbuf ) {
	uint32_t entry = table[bitbuf & bit_mask ( root )];
	unsigned int index_bits;

	if ( entry & ENTRY_LINK ) {
		index_bits = ( ( entry >> ENTRY_EXTRA_SHIFT ) & 0xf );
		entry = table[( entry >> ENTRY_VALUE_SHIFT ) +
		              ( ( bitbuf >> root ) & bit_mask ( index_bits ) )];
	}
	return entry;
}

/**
 * Describe what a symbol decodes to
 *
 * @v alphabet		Alphabet
 * @v sym		Symbol
 * @ret entry		Table entry without code length
 */
static uint32_t huff_symbol_entry ( enum huff_alphabet alphabet,
                                    unsigned int sym ) {
	unsigned int index;
	unsigned int extra;

	switch ( alphabet ) {
	case HUFF_CODELEN:
		return ENTRY ( 0, 0, sym );
	case HUFF_LITLEN:
		if ( sym < SYM_END_OF_BLOCK )
			return ENTRY ( ENTRY_LITERAL, 0, sym );
		if ( sym == SYM_END_OF_BLOCK )
			return ENTRY ( ENTRY_END, 0, 0 );
		/* Lengths 3-10 one apiece, then four per extra bit, then 258 */
		index = ( sym - SYM_FIRST_LENGTH );
		if ( index < 8 )
			return ENTRY ( 0, 0, ( 3 + index ) );
		if ( index < 28 ) {
			extra = ( ( index - 4 ) / 4 );
			return ENTRY (
			        0, extra,
			        ( ( ( 4 + ( index & 3 ) ) << extra ) + 3 ) );
		}
		if ( index == 28 )
			return ENTRY ( 0, 0, MATCH_MAX_LEN );
		return ENTRY ( ENTRY_INVALID, 0, 0 );
	case HUFF_DIST:
		/* Distances 1-4 one apiece, then two per extra bit */
		if ( sym < 4 )
			return ENTRY ( 0, 0, ( 1 + sym ) );
		if ( sym < 30 ) {
			extra = ( ( sym - 2 ) / 2 );
			return ENTRY (
			        0, extra,
			        ( ( ( 2 + ( sym & 1 ) ) << extra ) + 1 ) );
		}
		return ENTRY ( ENTRY_INVALID, 0, 0 );
	}
	return ENTRY ( ENTRY_INVALID, 0, 0 );
}

/**
 * Reverse the low bits of a code
 *
 * @v code		Code, most significant bit first
 * @v len		Code length
 * @ret reversed	Code in input bit order
 */
static inline unsigned int huff_reverse ( unsigned int code,
                                          unsigned int len ) {
	unsigned int reversed = 0;

	while ( len-- ) {
		reversed = ( ( reversed << 1 ) | ( code & 1 ) );
		code >>= 1;
	}
	return reversed;
}

/**
 * Size a second-level table
 *
 * @v remaining		Codes not yet placed, by length
 * @v len		Length of the first code under this root prefix
 * @v root		Root table bits
 * @v max_len		Longest code
 * @ret index_bits	Index bits of the second-level table
 *
 * The table must hold every code that shares the root prefix; as codes
 * are placed in canonical order, those are the next ones, so grow the
 * table until the remaining codes would fill it.
 */
static unsigned int huff_subtable_bits ( const uint16_t *remaining,
                                         unsigned int len, unsigned int root,
                                         unsigned int max_len ) {
	unsigned int index_bits = ( len - root );
	int free_slots = ( 1 << index_bits );

	while ( ( index_bits + root ) < max_len ) {
		free_slots -= remaining[index_bits + root];
		if ( free_slots <= 0 )
			break;
		index_bits++;
		free_slots <<= 1;
	}
	return index_bits;
}

/**
 * Fill table slots for one code
 *
 * @v slots		First slot
 * @v first		Index of the code's first slot
 * @v step		Distance between the code's slots
 * @v size		Number of slots in the table
 * @v entry		Entry to store
 */
static void huff_fill ( uint32_t *slots, unsigned int first, unsigned int step,
                        unsigned int size, uint32_t entry ) {
	unsigned int index;

	for ( index = first; index < size; index += step )
		slots[index] = entry;
}

/**
 * Build a decoding table from code lengths
 *
 * @v table		Table to fill
 * @v capacity		Entries the table can hold
 * @v root		Root table bits
 * @v lens		Code length of each symbol (0: unused)
 * @v count		Number of symbols
 * @v alphabet		Alphabet
 * @ret rc		0, or -XEGZDATA for an impossible code
 *
 * A code must be complete, except that a literal/length or distance code
 * may consist of a single one-bit code (or, for distances, no code at
 * all), as zlib's deflate writes; the unused slots then decode as
 * invalid.
 */
static int huff_build ( uint32_t *table, unsigned int capacity,
                        unsigned int root, const uint8_t *lens,
                        unsigned int count, enum huff_alphabet alphabet ) {
	uint16_t sorted[LITLEN_FIXED_CODES];
	uint16_t offset[HUFF_MAX_LEN + 1];
	uint16_t remaining[HUFF_MAX_LEN + 1];
	unsigned int next_code[HUFF_MAX_LEN + 1];
	unsigned int root_size = ( 1U << root );
	unsigned int sub_prefix = root_size;
	unsigned int sub_offset = 0;
	unsigned int sub_bits = 0;
	unsigned int next_free = root_size;
	unsigned int max_len = 0;
	unsigned int sym;
	unsigned int len;
	unsigned int code;
	unsigned int index;
	uint32_t entry;
	int unused = 1;

	/* Count the codes of each length */
	memset ( remaining, 0, sizeof ( remaining ) );
	for ( sym = 0; sym < count; sym++ )
		remaining[lens[sym]]++;
	remaining[0] = 0;
	for ( len = 1; len <= HUFF_MAX_LEN; len++ ) {
		if ( remaining[len] )
			max_len = len;
	}

	/* Refuse an over-subscribed code, and an incomplete one unless it
	 * is a lone one-bit code (or an empty distance code).
	 */
	for ( len = 1; len <= HUFF_MAX_LEN; len++ ) {
		unused = ( ( unused << 1 ) - remaining[len] );
		if ( unused < 0 )
			return -XEGZDATA;
	}
	if ( unused && ( ( alphabet == HUFF_CODELEN ) || ( max_len > 1 ) ||
	                 ( ( max_len == 0 ) && ( alphabet != HUFF_DIST ) ) ) )
		return -XEGZDATA;
	if ( root_size > capacity )
		return -XEGZDATA;

	/* Sort the symbols by code length, keeping symbol order within a
	 * length, and work out each length's first canonical code.
	 */
	offset[1] = 0;
	next_code[1] = 0;
	for ( len = 1; len < HUFF_MAX_LEN; len++ ) {
		offset[len + 1] = ( offset[len] + remaining[len] );
		next_code[len + 1] =
		        ( ( next_code[len] + remaining[len] ) << 1 );
	}
	for ( sym = 0; sym < count; sym++ ) {
		if ( lens[sym] )
			sorted[offset[lens[sym]]++] = sym;
	}

	/* Unused slots of an incomplete code decode as invalid */
	if ( unused )
		huff_fill ( table, 0, 1, root_size,
		            ENTRY ( ENTRY_INVALID, 0, 0 ) );

	/* Place the codes in canonical order: short ones fill every root
	 * slot they prefix, long ones go to a second-level table per root
	 * prefix.
	 */
	index = 0;
	for ( len = 1; len <= max_len; len++ ) {
		for ( ; remaining[len]; remaining[len]-- ) {
			sym = sorted[index++];
			code = huff_reverse ( next_code[len]++, len );
			entry = ( huff_symbol_entry ( alphabet, sym ) | len );
			if ( len <= root ) {
				huff_fill ( table, code, ( 1U << len ),
				            root_size, entry );
				continue;
			}
			if ( ( code & ( root_size - 1 ) ) != sub_prefix ) {
				/* Start a second-level table */
				sub_prefix = ( code & ( root_size - 1 ) );
				sub_bits = huff_subtable_bits ( remaining, len,
				                                root, max_len );
				sub_offset = next_free;
				next_free += ( 1U << sub_bits );
				if ( next_free > capacity )
					return -XEGZDATA;
				huff_fill ( table, sub_offset, 1,
				            ( sub_offset + ( 1U << sub_bits ) ),
				            ENTRY ( ENTRY_INVALID, 0, 0 ) );
				table[sub_prefix] =
				        ( ENTRY ( ENTRY_LINK, sub_bits,
				                  sub_offset ) |
				          root );
			}
			huff_fill ( table + sub_offset, ( code >> root ),
			            ( 1U << ( len - root ) ),
			            ( 1U << sub_bits ), entry );
		}
	}
	return 0;
}

/**
 * Fill the bit buffer from the input, past the end as zero bits
 *
 * @v ctx		Decompression state
 *
 * Leaves at least BITBUF_BITS - 8 bits (and at most BITBUF_BITS - 1, so
 * that shifts stay defined) in the buffer.
 */
static void bits_refill_careful ( struct inflate_context *ctx ) {
	inflate_bitbuf_t byte;

	/* Drop what a fast refill may have left above the valid bits */
	ctx->bitbuf &= bit_mask ( ctx->bitcount );
	while ( ( ctx->bitcount + 8 ) < BITBUF_BITS ) {
		if ( ctx->in < ctx->in_end ) {
			byte = *( ctx->in++ );
		} else {
			byte = 0;
			ctx->padbits += 8;
		}
		ctx->bitbuf |= ( byte << ctx->bitcount );
		ctx->bitcount += 8;
	}
}

/**
 * Consume bits from the bit buffer, checking for the end of the input
 *
 * @v ctx		Decompression state
 * @v bits		Number of bits
 * @ret rc		0, or -XEGZTRUNC if that used bits past the end
 */
static int bits_consume_careful ( struct inflate_context *ctx,
                                  unsigned int bits ) {
	ctx->bitbuf >>= bits;
	ctx->bitcount -= bits;
	return ( ( ctx->bitcount < ctx->padbits ) ? -XEGZTRUNC : 0 );
}

/**
 * Read bits from the input, checking for its end
 *
 * @v ctx		Decompression state
 * @v bits		Number of bits (at most 16)
 * @v value		Value read
 * @ret rc		0, or -XEGZTRUNC
 */
static int bits_get_careful ( struct inflate_context *ctx, unsigned int bits,
                              unsigned int *value ) {
	if ( ctx->bitcount < bits )
		bits_refill_careful ( ctx );
	*value = ( ctx->bitbuf & bit_mask ( bits ) );
	return bits_consume_careful ( ctx, bits );
}

/**
 * Decode one Huffman code, checking for the end of the input
 *
 * @v ctx		Decompression state
 * @v table		Decoding table
 * @v root		Root table bits
 * @v entry		Table entry of the code
 * @ret rc		0, -XEGZDATA or -XEGZTRUNC
 */
static int huff_decode_careful ( struct inflate_context *ctx,
                                 const uint32_t *table, unsigned int root,
                                 uint32_t *entry ) {
	if ( ctx->bitcount < HUFF_MAX_LEN )
		bits_refill_careful ( ctx );
	*entry = huff_lookup ( table, root, ctx->bitbuf );
	if ( *entry & ENTRY_INVALID )
		return ( ctx->padbits ? -XEGZTRUNC : -XEGZDATA );
	return bits_consume_careful ( ctx, ( *entry & ENTRY_LEN_MASK ) );
}

/**
 * Go to the next byte boundary and give unused whole bytes back
 *
 * @v ctx		Decompression state
 *
 * Afterwards ctx->in points to the next unread input byte and the bit
 * buffer is empty.
 */
static void bits_align_to_bytes ( struct inflate_context *ctx ) {
	unsigned int unused_bytes;

	ctx->bitcount -= ( ctx->bitcount & 7 );
	unused_bytes = ( ( ctx->bitcount - ctx->padbits ) / 8 );
	ctx->in -= unused_bytes;
	ctx->bitbuf = 0;
	ctx->bitcount = 0;
	ctx->padbits = 0;
}

/**
 * Copy a match, a word at a time where that is safe
 *
 * @v out		Output position
 * @v distance		Distance back (at most the output so far)
 * @v length		Length
 * @ret out		Output position after the match
 *
 * May write up to 15 bytes past the match: the caller leaves room.
 */
static inline uint8_t *copy_match_fast ( uint8_t *out, unsigned int distance,
                                         unsigned int length ) {
	const uint8_t *from = ( out - distance );
	uint8_t *end = ( out + length );
	uint64_t pattern;

	if ( distance >= sizeof ( pattern ) ) {
		/* Source stays a word ahead of the destination */
		do {
			__builtin_memcpy ( out, from, sizeof ( pattern ) );
			out += sizeof ( pattern );
			from += sizeof ( pattern );
		} while ( out < end );
	} else if ( distance == 1 ) {
		/* A run of one byte */
		pattern = ( from[0] * 0x0101010101010101ULL );
		do {
			__builtin_memcpy ( out, &pattern, sizeof ( pattern ) );
			out += sizeof ( pattern );
		} while ( out < end );
	} else {
		/* A short repeating pattern: byte by byte */
		do {
			*( out++ ) = *( from++ );
		} while ( out < end );
	}
	return end;
}

/**
 * Decode Huffman symbols while no bounds can be reached
 *
 * @v ctx		Decompression state
 * @ret rc		0 when near an end, INFLATE_BLOCK_END, or -XEGZDATA
 *
 * Each step needs at most three word refills of input and one longest
 * match plus a copy word of output room, so the loop only checks those
 * margins once per symbol.
 */
static int inflate_codes_fast ( struct inflate_context *ctx ) {
	const uint32_t *litlen = ctx->litlen;
	const uint32_t *dist = ctx->dist;
	const uint8_t *in = ctx->in;
	const uint8_t *in_fast_end;
	inflate_bitbuf_t bitbuf = ctx->bitbuf;
	unsigned int bitcount = ctx->bitcount;
	uint8_t *out_start = ctx->out_start;
	uint8_t *out = ctx->out;
	uint8_t *out_fast_end;
	unsigned int extra;
	unsigned int length;
	unsigned int distance;
	uint32_t entry;
	int rc = 0;

	/* Nothing to do if either end is already near */
	if ( ( ( size_t )( ctx->in_end - in ) < FAST_IN_MARGIN ) ||
	     ( ( size_t )( ctx->out_end - out ) < FAST_OUT_MARGIN ) ||
	     ctx->padbits )
		return 0;
	in_fast_end = ( ctx->in_end - FAST_IN_MARGIN );
	out_fast_end = ( ctx->out_end - FAST_OUT_MARGIN );

/** Refill the bit buffer from at least BITBUF_BITS - 8 bits */
#define FAST_REFILL()                                                          \
	do {                                                                   \
		bitbuf |= ( load_le_word ( in ) << bitcount );                 \
		in += ( ( BITBUF_BITS - 1 - bitcount ) >> 3 );                 \
		bitcount |= ( BITBUF_BITS - 8 );                               \
	} while ( 0 )

/** Consume bits */
#define FAST_CONSUME( bits )                                                   \
	do {                                                                   \
		bitbuf >>= ( bits );                                           \
		bitcount -= ( bits );                                          \
	} while ( 0 )

	while ( ( in <= in_fast_end ) && ( out <= out_fast_end ) ) {
		FAST_REFILL ();
		entry = huff_lookup ( litlen, LITLEN_ROOT, bitbuf );
		FAST_CONSUME ( entry & ENTRY_LEN_MASK );
		if ( entry & ENTRY_LITERAL ) {
			*( out++ ) = ( entry >> ENTRY_VALUE_SHIFT );
			/* A 64-bit buffer still holds another code */
			if ( BITBUF_BITS < 64 )
				continue;
			entry = huff_lookup ( litlen, LITLEN_ROOT, bitbuf );
			if ( !( entry & ENTRY_LITERAL ) )
				continue;
			FAST_CONSUME ( entry & ENTRY_LEN_MASK );
			*( out++ ) = ( entry >> ENTRY_VALUE_SHIFT );
			continue;
		}
		if ( entry & ( ENTRY_END | ENTRY_INVALID ) ) {
			rc = ( ( entry & ENTRY_END ) ? INFLATE_BLOCK_END
			                             : -XEGZDATA );
			break;
		}

		/* A match: length extra bits, then the distance */
		extra = ( ( entry >> ENTRY_EXTRA_SHIFT ) & 0xf );
		length = ( ( entry >> ENTRY_VALUE_SHIFT ) +
		           ( bitbuf & bit_mask ( extra ) ) );
		FAST_CONSUME ( extra );
		if ( BITBUF_BITS < 64 )
			FAST_REFILL ();
		entry = huff_lookup ( dist, DIST_ROOT, bitbuf );
		FAST_CONSUME ( entry & ENTRY_LEN_MASK );
		if ( entry & ENTRY_INVALID ) {
			rc = -XEGZDATA;
			break;
		}
		extra = ( ( entry >> ENTRY_EXTRA_SHIFT ) & 0xf );
		if ( BITBUF_BITS < 64 )
			FAST_REFILL ();
		distance = ( ( entry >> ENTRY_VALUE_SHIFT ) +
		             ( bitbuf & bit_mask ( extra ) ) );
		FAST_CONSUME ( extra );
		if ( distance > ( size_t )( out - out_start ) ) {
			rc = -XEGZDATA;
			break;
		}
		out = copy_match_fast ( out, distance, length );
	}
#undef FAST_REFILL
#undef FAST_CONSUME

	ctx->in = in;
	ctx->bitbuf = bitbuf;
	ctx->bitcount = bitcount;
	ctx->out = out;
	return rc;
}

/**
 * Decode one Huffman symbol with every bound checked
 *
 * @v ctx		Decompression state
 * @ret rc		0, INFLATE_BLOCK_END, or a negative error
 */
static int inflate_code_careful ( struct inflate_context *ctx ) {
	unsigned int length;
	unsigned int distance;
	unsigned int extra;
	uint32_t entry;
	int rc;

	if ( ( rc = huff_decode_careful ( ctx, ctx->litlen, LITLEN_ROOT,
	                                  &entry ) ) != 0 )
		return rc;
	if ( entry & ENTRY_LITERAL ) {
		if ( ctx->out == ctx->out_end )
			return -XEGZTOOBIG;
		*( ctx->out++ ) = ( entry >> ENTRY_VALUE_SHIFT );
		return 0;
	}
	if ( entry & ENTRY_END )
		return INFLATE_BLOCK_END;

	/* A match: length, distance, then the copy */
	if ( ( rc = bits_get_careful ( ctx,
	                               ( ( entry >> ENTRY_EXTRA_SHIFT ) & 0xf ),
	                               &extra ) ) != 0 )
		return rc;
	length = ( ( entry >> ENTRY_VALUE_SHIFT ) + extra );
	if ( ( rc = huff_decode_careful ( ctx, ctx->dist, DIST_ROOT,
	                                  &entry ) ) != 0 )
		return rc;
	if ( ( rc = bits_get_careful ( ctx,
	                               ( ( entry >> ENTRY_EXTRA_SHIFT ) & 0xf ),
	                               &extra ) ) != 0 )
		return rc;
	distance = ( ( entry >> ENTRY_VALUE_SHIFT ) + extra );
	if ( distance > ( size_t )( ctx->out - ctx->out_start ) )
		return -XEGZDATA;
	if ( length > ( size_t )( ctx->out_end - ctx->out ) )
		return -XEGZTOOBIG;
	for ( ; length; length-- ) {
		*ctx->out = *( ctx->out - distance );
		ctx->out++;
	}
	return 0;
}

/**
 * Decode the symbols of a Huffman block up to its end
 *
 * @v ctx		Decompression state
 * @ret rc		0 or a negative error
 */
static int inflate_codes ( struct inflate_context *ctx ) {
	int rc;

	do {
		rc = inflate_codes_fast ( ctx );
		if ( rc == 0 )
			rc = inflate_code_careful ( ctx );
	} while ( rc == 0 );
	return ( ( rc == INFLATE_BLOCK_END ) ? 0 : rc );
}

/**
 * Copy a stored block
 *
 * @v ctx		Decompression state
 * @ret rc		0 or a negative error
 */
static int inflate_stored ( struct inflate_context *ctx ) {
	uint16_t len;
	uint16_t nlen;

	/* LEN and its complement start at the next byte boundary */
	bits_align_to_bytes ( ctx );
	if ( ( ctx->in_end - ctx->in ) < 4 )
		return -XEGZTRUNC;
	len = le_get16 ( ctx->in );
	nlen = le_get16 ( ctx->in + 2 );
	ctx->in += 4;
	if ( ( len ^ nlen ) != 0xffff )
		return -XEGZDATA;
	if ( len > ( ctx->in_end - ctx->in ) )
		return -XEGZTRUNC;
	if ( len > ( ctx->out_end - ctx->out ) )
		return -XEGZTOOBIG;
	memcpy ( ctx->out, ctx->in, len );
	ctx->out += len;
	ctx->in += len;
	return 0;
}

/**
 * Build the tables of the fixed Huffman codes
 *
 * @v ctx		Decompression state
 * @ret rc		0 (or -XEGZDATA, which cannot happen)
 */
static int inflate_fixed_tables ( struct inflate_context *ctx ) {
	uint8_t lens[LITLEN_FIXED_CODES];
	int rc;

	if ( ctx->fixed_tables )
		return 0;
	memset ( lens, 8, 144 );
	memset ( ( lens + 144 ), 9, ( 256 - 144 ) );
	memset ( ( lens + 256 ), 7, ( 280 - 256 ) );
	memset ( ( lens + 280 ), 8, ( LITLEN_FIXED_CODES - 280 ) );
	if ( ( rc = huff_build ( ctx->litlen, LITLEN_ENOUGH, LITLEN_ROOT, lens,
	                         LITLEN_FIXED_CODES, HUFF_LITLEN ) ) != 0 )
		return rc;
	memset ( lens, 5, DIST_FIXED_CODES );
	if ( ( rc = huff_build ( ctx->dist, DIST_ENOUGH, DIST_ROOT, lens,
	                         DIST_FIXED_CODES, HUFF_DIST ) ) != 0 )
		return rc;
	ctx->fixed_tables = 1;
	return 0;
}

/**
 * Read the code lengths of a dynamic block
 *
 * @v ctx		Decompression state
 * @v codelen		Code length code decoding table
 * @v lens		Code lengths to fill
 * @v count		Number of code lengths
 * @ret rc		0 or a negative error
 */
static int inflate_code_lengths ( struct inflate_context *ctx,
                                  const uint32_t *codelen, uint8_t *lens,
                                  unsigned int count ) {
	unsigned int index = 0;
	unsigned int repeat;
	unsigned int sym;
	uint8_t value;
	uint32_t entry;
	int rc;

	while ( index < count ) {
		if ( ( rc = huff_decode_careful ( ctx, codelen, CODELEN_ROOT,
		                                  &entry ) ) != 0 )
			return rc;
		sym = ( entry >> ENTRY_VALUE_SHIFT );
		if ( sym < 16 ) {
			lens[index++] = sym;
			continue;
		}

		/* 16: repeat the previous length 3-6 times; 17: 3-10 zeros;
		 * 18: 11-138 zeros
		 */
		if ( sym == 16 ) {
			if ( index == 0 )
				return -XEGZDATA;
			value = lens[index - 1];
			rc = bits_get_careful ( ctx, 2, &repeat );
			repeat += 3;
		} else if ( sym == 17 ) {
			value = 0;
			rc = bits_get_careful ( ctx, 3, &repeat );
			repeat += 3;
		} else {
			value = 0;
			rc = bits_get_careful ( ctx, 7, &repeat );
			repeat += 11;
		}
		if ( rc != 0 )
			return rc;
		if ( repeat > ( count - index ) )
			return -XEGZDATA;
		memset ( ( lens + index ), value, repeat );
		index += repeat;
	}
	return 0;
}

/**
 * Read the code descriptions of a dynamic block and build its tables
 *
 * @v ctx		Decompression state
 * @ret rc		0 or a negative error
 */
static int inflate_dynamic_tables ( struct inflate_context *ctx ) {
	static const uint8_t codelen_order[CODELEN_CODES] = {
	        16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
	        11, 4,  12, 3, 13, 2, 14, 1, 15 };
	uint32_t codelen[1U << CODELEN_ROOT];
	uint8_t codelen_lens[CODELEN_CODES];
	uint8_t lens[LITLEN_MAX_CODES + DIST_MAX_CODES];
	unsigned int litlen_count;
	unsigned int dist_count;
	unsigned int codelen_count;
	unsigned int value;
	unsigned int index;
	int rc;

	/* The tables are about to change */
	ctx->fixed_tables = 0;

	/* HLIT, HDIST, HCLEN */
	if ( ( rc = bits_get_careful ( ctx, 14, &value ) ) != 0 )
		return rc;
	litlen_count = ( 257 + ( value & 0x1f ) );
	dist_count = ( 1 + ( ( value >> 5 ) & 0x1f ) );
	codelen_count = ( 4 + ( value >> 10 ) );
	if ( ( litlen_count > LITLEN_MAX_CODES ) ||
	     ( dist_count > DIST_MAX_CODES ) )
		return -XEGZDATA;

	/* The code length code, three bits per length in a fixed order */
	memset ( codelen_lens, 0, sizeof ( codelen_lens ) );
	for ( index = 0; index < codelen_count; index++ ) {
		if ( ( rc = bits_get_careful ( ctx, 3, &value ) ) != 0 )
			return rc;
		codelen_lens[codelen_order[index]] = value;
	}
	if ( ( rc = huff_build ( codelen, ( 1U << CODELEN_ROOT ), CODELEN_ROOT,
	                         codelen_lens, CODELEN_CODES,
	                         HUFF_CODELEN ) ) != 0 )
		return rc;

	/* Literal/length and distance code lengths, as one sequence */
	if ( ( rc = inflate_code_lengths ( ctx, codelen, lens,
	                                   ( litlen_count + dist_count ) ) ) !=
	     0 )
		return rc;
	if ( lens[SYM_END_OF_BLOCK] == 0 )
		return -XEGZDATA;
	if ( ( rc = huff_build ( ctx->litlen, LITLEN_ENOUGH, LITLEN_ROOT, lens,
	                         litlen_count, HUFF_LITLEN ) ) != 0 )
		return rc;
	if ( ( rc = huff_build ( ctx->dist, DIST_ENOUGH, DIST_ROOT,
	                         ( lens + litlen_count ), dist_count,
	                         HUFF_DIST ) ) != 0 )
		return rc;
	return 0;
}

/**
 * Decompress a deflate stream
 *
 * @v ctx		Decompression state, at the start of the stream
 * @ret rc		0 or a negative error
 *
 * On success ctx->in points just past the stream.
 */
static int inflate_blocks ( struct inflate_context *ctx ) {
	unsigned int header;
	int rc;

	do {
		/* BFINAL and BTYPE */
		if ( ( rc = bits_get_careful ( ctx, 3, &header ) ) != 0 )
			return rc;
		switch ( header >> 1 ) {
		case 0:
			rc = inflate_stored ( ctx );
			break;
		case 1:
			if ( ( rc = inflate_fixed_tables ( ctx ) ) == 0 )
				rc = inflate_codes ( ctx );
			break;
		case 2:
			if ( ( rc = inflate_dynamic_tables ( ctx ) ) == 0 )
				rc = inflate_codes ( ctx );
			break;
		default:
			rc = -XEGZDATA;
			break;
		}
		if ( rc != 0 )
			return rc;
	} while ( !( header & 1 ) );

	bits_align_to_bytes ( ctx );
	return 0;
}

/** gzip header flags */
#define GZIP_FHCRC     0x02
#define GZIP_FEXTRA    0x04
#define GZIP_FNAME     0x08
#define GZIP_FCOMMENT  0x10
#define GZIP_FRESERVED 0xe0

/** Length of the fixed part of the gzip header */
#define GZIP_HEADER_LEN 10

/** Length of the gzip trailer (CRC-32 and ISIZE) */
#define GZIP_TRAILER_LEN 8

/** The deflate compression method */
#define GZIP_METHOD_DEFLATE 8

/**
 * Skip a zero-terminated header field
 *
 * @v data		gzip file
 * @v len		Length
 * @v offset		Offset of the field, updated past its terminator
 * @ret rc		0, or -XEGZTRUNC if no terminator
 */
static int gzip_skip_string ( const uint8_t *data, size_t len,
                              size_t *offset ) {
	const uint8_t *nul;

	nul = memchr ( ( data + *offset ), 0, ( len - *offset ) );
	if ( !nul )
		return -XEGZTRUNC;
	*offset = ( ( size_t )( nul - data ) + 1 );
	return 0;
}

/**
 * Parse a gzip member header
 *
 * @v data		gzip file
 * @v len		Length
 * @v offset		Offset of the deflate stream, on success
 * @ret rc		0, or -XEGZMAGIC, -XEGZMETHOD, -XEGZHEADER, -XEGZTRUNC
 */
static int gzip_parse_header ( const uint8_t *data, size_t len,
                               size_t *offset ) {
	size_t pos = GZIP_HEADER_LEN;
	uint8_t flags;
	uint16_t extra_len;
	int rc;

	/* Magic (as much of it as there is), method, flags */
	if ( ( ( len >= 1 ) && ( data[0] != 0x1f ) ) ||
	     ( ( len >= 2 ) && ( data[1] != 0x8b ) ) )
		return -XEGZMAGIC;
	if ( len < GZIP_HEADER_LEN )
		return -XEGZTRUNC;
	if ( data[2] != GZIP_METHOD_DEFLATE )
		return -XEGZMETHOD;
	flags = data[3];
	if ( flags & GZIP_FRESERVED )
		return -XEGZHEADER;

	/* Optional fields, in this order */
	if ( flags & GZIP_FEXTRA ) {
		if ( ( len - pos ) < 2 )
			return -XEGZTRUNC;
		extra_len = le_get16 ( data + pos );
		pos += 2;
		if ( ( len - pos ) < extra_len )
			return -XEGZTRUNC;
		pos += extra_len;
	}
	if ( ( flags & GZIP_FNAME ) &&
	     ( ( rc = gzip_skip_string ( data, len, &pos ) ) != 0 ) )
		return rc;
	if ( ( flags & GZIP_FCOMMENT ) &&
	     ( ( rc = gzip_skip_string ( data, len, &pos ) ) != 0 ) )
		return rc;
	if ( flags & GZIP_FHCRC ) {
		if ( ( len - pos ) < 2 )
			return -XEGZTRUNC;
		if ( le_get16 ( data + pos ) !=
		     ( crc32_update ( 0, data, pos ) & 0xffff ) )
			return -XEGZHEADER;
		pos += 2;
	}

	*offset = pos;
	return 0;
}

/**
 * Tell whether data starts like a gzip file
 *
 * @v data		Data
 * @v len		Length
 * @ret is_gzip		Nonzero if the gzip magic and method 8 are present
 */
int gzip_detect ( const void *data, size_t len ) {
	const uint8_t *bytes = data;

	return ( ( len >= 3 ) && ( bytes[0] == 0x1f ) && ( bytes[1] == 0x8b ) &&
	         ( bytes[2] == GZIP_METHOD_DEFLATE ) );
}

/**
 * Read the uncompressed size a gzip file declares (ISIZE, mod 2^32)
 *
 * @v data		gzip file
 * @v len		Length
 * @v size		Declared size, on success
 * @ret rc		0, or -XEGZMAGIC / -XEGZTRUNC
 *
 * ISIZE is the last four bytes of the file, so trailing data after the
 * member makes this wrong; gzip_inflate() then reports -XEGZTOOBIG or
 * succeeds with a different length, never overruns.
 */
int gzip_declared_size ( const void *data, size_t len, uint32_t *size ) {
	const uint8_t *bytes = data;

	if ( ( ( len >= 1 ) && ( bytes[0] != 0x1f ) ) ||
	     ( ( len >= 2 ) && ( bytes[1] != 0x8b ) ) )
		return -XEGZMAGIC;
	if ( len < ( GZIP_HEADER_LEN + GZIP_TRAILER_LEN ) )
		return -XEGZTRUNC;
	*size = le_get32 ( bytes + len - 4 );
	return 0;
}

/**
 * Decompress a gzip file
 *
 * @v src		gzip file (header, deflate stream, CRC32, ISIZE)
 * @v src_len		Length
 * @v dst		Output buffer
 * @v dst_max		Output buffer size: more output is -XEGZTOOBIG
 * @v out_len		Bytes produced, on success
 * @ret rc		0, or -XEGZMAGIC, -XEGZMETHOD, -XEGZHEADER,
 *			-XEGZDATA, -XEGZTRUNC, -XEGZTOOBIG, -XEGZCRC,
 *			-XEGZSIZE
 *
 * Only the first member is decompressed; trailing data after it is
 * ignored (as gzip does with trailing zeros).
 */
int gzip_inflate ( const void *src, size_t src_len, void *dst, size_t dst_max,
                   size_t *out_len ) {
	struct inflate_context ctx;
	const uint8_t *data = src;
	uint8_t no_output;
	size_t offset;
	size_t produced;
	int rc;

	*out_len = 0;
	if ( ( rc = gzip_parse_header ( data, src_len, &offset ) ) != 0 )
		return rc;

	/* Never form a pointer from a null output buffer */
	if ( !dst ) {
		dst = &no_output;
		dst_max = 0;
	}

	memset ( &ctx, 0, offsetof ( struct inflate_context, litlen ) );
	ctx.in = ( data + offset );
	ctx.in_end = ( data + src_len );
	ctx.out_start = dst;
	ctx.out = dst;
	ctx.out_end = ( ctx.out_start + dst_max );
	if ( ( rc = inflate_blocks ( &ctx ) ) != 0 )
		return rc;

	/* Trailer: CRC-32 and length of the uncompressed data */
	if ( ( ctx.in_end - ctx.in ) < GZIP_TRAILER_LEN )
		return -XEGZTRUNC;
	produced = ( size_t )( ctx.out - ctx.out_start );
	if ( le_get32 ( ctx.in ) !=
	     crc32_update ( 0, ctx.out_start, produced ) )
		return -XEGZCRC;
	if ( le_get32 ( ctx.in + 4 ) != ( uint32_t )produced )
		return -XEGZSIZE;

	*out_len = produced;
	return 0;
}
