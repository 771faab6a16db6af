/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of gzip decompression and CRC-32
 *
 * zlib is the oracle: data compressed by zlib's deflate (every level and
 * strategy, with and without optional header fields) must come back
 * byte for byte, our CRC-32 must equal zlib's crc32(), and Debian's
 * xen.gz must inflate to Debian's xen.  Damaged streams (bit flips,
 * truncation at every length, too small an output buffer, hand-built
 * invalid deflate blocks) must give the right error and never crash;
 * the ASan+UBSan build of this test checks the "never read or write out
 * of bounds" part.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>
#include <xenmb/errors.h>
#include <xenmb/inflate.h>
#include <xenmb/crc32.h>

/** Debian's compressed Xen and its uncompressed ELF */
#define XEN_GZ_PATH  "/var/cache/xenmb/xen-4.17-amd64.gz"
#define XEN_ELF_PATH "/var/cache/xenmb/xen-4.17-amd64"

/** Kinds of test data */
enum sample_kind {
	SAMPLE_RANDOM,
	SAMPLE_TEXT,
	SAMPLE_ZEROS,
	SAMPLE_MIXED,
	SAMPLE_KINDS,
};

/**
 * Next pseudo-random number (xorshift32)
 *
 * @v state		Generator state (nonzero)
 * @ret value		Next value
 */
static uint32_t prng_next ( uint32_t *state ) {
	uint32_t x = *state;

	x ^= ( x << 13 );
	x ^= ( x >> 17 );
	x ^= ( x << 5 );
	*state = x;
	return x;
}

/**
 * Fill a buffer with sample data
 *
 * @v buf		Buffer
 * @v len		Length
 * @v kind		Kind of data
 * @v seed		Seed (nonzero)
 */
static void sample_fill ( uint8_t *buf, size_t len, enum sample_kind kind,
                          uint32_t seed ) {
	static const char *const words[] = {
	        "xen",       "hypervisor ", "dom0_mem=", "iommu", "the ",
	        "multiboot", "module",      "\n",        "of ",   "console=",
	        "com1 ",     "42 ",         "efi",       "pci ",  "and ",
	};
	size_t pos = 0;
	const char *word;
	size_t word_len;

	while ( pos < len ) {
		switch ( kind ) {
		case SAMPLE_RANDOM:
			buf[pos++] = prng_next ( &seed );
			break;
		case SAMPLE_ZEROS:
			buf[pos++] = 0;
			break;
		case SAMPLE_TEXT:
			word = words[prng_next ( &seed ) %
			             ( sizeof ( words ) /
			               sizeof ( words[0] ) )];
			word_len = strlen ( word );
			if ( word_len > ( len - pos ) )
				word_len = ( len - pos );
			memcpy ( ( buf + pos ), word, word_len );
			pos += word_len;
			break;
		default:
			/* Runs of random, repeated and short-period bytes */
			buf[pos] = ( ( ( pos / 997 ) % 3 == 0 )
			                     ? prng_next ( &seed )
			             : ( ( pos / 997 ) % 3 == 1 )
			                     ? ( pos % 3 )
			                     : ( uint8_t )( pos % 7 + 'a' ) );
			pos++;
			break;
		}
	}
}

/**
 * Compress with zlib's deflate into a gzip member
 *
 * @v data		Data
 * @v len		Length
 * @v level		Compression level
 * @v strategy		zlib strategy
 * @v header		gzip header fields, or NULL
 * @v gz_len		Compressed length
 * @ret gz		Compressed data (free() it)
 */
static uint8_t *zlib_gzip ( const void *data, size_t len, int level,
                            int strategy, gz_header *header, size_t *gz_len ) {
	z_stream stream;
	uint8_t *gz;
	size_t bound;

	memset ( &stream, 0, sizeof ( stream ) );
	assert_int_equal ( deflateInit2 ( &stream, level, Z_DEFLATED,
	                                  ( 16 + 15 ), 8, strategy ),
	                   Z_OK );
	if ( header )
		assert_int_equal ( deflateSetHeader ( &stream, header ), Z_OK );
	bound = ( deflateBound ( &stream, len ) + 1024 );
	gz = malloc ( bound );
	assert_non_null ( gz );
	stream.next_in = ( Bytef * )data;
	stream.avail_in = len;
	stream.next_out = gz;
	stream.avail_out = bound;
	assert_int_equal ( deflate ( &stream, Z_FINISH ), Z_STREAM_END );
	*gz_len = stream.total_out;
	deflateEnd ( &stream );
	return gz;
}

/**
 * Inflate and expect the original data back
 *
 * @v gz		gzip member
 * @v gz_len		Its length
 * @v data		Expected data
 * @v len		Expected length
 */
static void expect_inflates_to ( const uint8_t *gz, size_t gz_len,
                                 const uint8_t *data, size_t len ) {
	uint8_t *out = malloc ( len + 1 );
	size_t out_len = 12345;

	assert_non_null ( out );
	assert_int_equal ( gzip_inflate ( gz, gz_len, out, len, &out_len ), 0 );
	assert_int_equal ( out_len, len );
	assert_memory_equal ( out, data, len );
	free ( out );
}

/**
 * Inflate and return the error
 *
 * @v gz		gzip member
 * @v gz_len		Its length
 * @v dst_max		Output buffer size
 * @ret rc		Return status of gzip_inflate()
 */
static int inflate_rc ( const uint8_t *gz, size_t gz_len, size_t dst_max ) {
	/* An exact-size heap copy, so ASan sees any read past the end */
	uint8_t *copy = malloc ( gz_len ? gz_len : 1 );
	uint8_t *out = malloc ( dst_max ? dst_max : 1 );
	size_t out_len;
	int rc;

	assert_non_null ( copy );
	assert_non_null ( out );
	memcpy ( copy, gz, gz_len );
	rc = gzip_inflate ( copy, gz_len, out, dst_max, &out_len );
	free ( out );
	free ( copy );
	return rc;
}

/**
 * Round trips of every level, strategy, kind of data and size
 *
 * @v state		Unused
 */
static void test_roundtrip_zlib ( void **state ) {
	static const int levels[] = { 0, 1, 6, 9 };
	static const int strategies[] = { Z_DEFAULT_STRATEGY, Z_FILTERED,
	                                  Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED };
	static const size_t sizes[] = { 0,     1,     2,     3,     7,    8,
	                                9,     100,   258,   1000,  4095, 32767,
	                                32768, 32769, 65535, 65536, 70000 };
	uint8_t *data = malloc ( 70000 );
	unsigned int level, strategy, kind, size;
	uint8_t *gz;
	size_t gz_len;

	( void )state;
	assert_non_null ( data );
	for ( kind = 0; kind < SAMPLE_KINDS; kind++ ) {
		for ( size = 0;
		      size < ( sizeof ( sizes ) / sizeof ( sizes[0] ) );
		      size++ ) {
			sample_fill ( data, sizes[size], kind,
			              ( 1 + kind * 100 + size ) );
			for ( level = 0; level < 4; level++ ) {
				for ( strategy = 0; strategy < 5; strategy++ ) {
					gz = zlib_gzip ( data, sizes[size],
					                 levels[level],
					                 strategies[strategy],
					                 NULL, &gz_len );
					expect_inflates_to ( gz, gz_len, data,
					                     sizes[size] );
					free ( gz );
				}
			}
		}
	}
	free ( data );
}

/**
 * Read a whole file
 *
 * @v path		File name
 * @v len		Length read
 * @ret data		Contents (free() it), or NULL if absent
 */
static uint8_t *read_file ( const char *path, size_t *len ) {
	FILE *file = fopen ( path, "rb" );
	uint8_t *data;
	long size;

	if ( !file )
		return NULL;
	assert_int_equal ( fseek ( file, 0, SEEK_END ), 0 );
	size = ftell ( file );
	assert_true ( size >= 0 );
	rewind ( file );
	data = malloc ( size ? size : 1 );
	assert_non_null ( data );
	assert_int_equal ( fread ( data, 1, size, file ), ( size_t )size );
	fclose ( file );
	*len = size;
	return data;
}

/**
 * Debian's xen.gz inflates to Debian's xen
 *
 * @v state		Unused
 */
static void test_debian_xen ( void **state ) {
	uint8_t *gz;
	uint8_t *elf;
	uint8_t *out;
	size_t gz_len;
	size_t elf_len;
	size_t out_len;
	uint32_t declared;

	( void )state;
	gz = read_file ( XEN_GZ_PATH, &gz_len );
	elf = read_file ( XEN_ELF_PATH, &elf_len );
	if ( !( gz && elf ) ) {
		print_message ( "skipped: %s or %s absent\n", XEN_GZ_PATH,
		                XEN_ELF_PATH );
		free ( gz );
		free ( elf );
		skip ();
	}
	assert_true ( gzip_detect ( gz, gz_len ) );
	assert_int_equal ( gzip_declared_size ( gz, gz_len, &declared ), 0 );
	assert_int_equal ( declared, elf_len );
	out = malloc ( elf_len );
	assert_non_null ( out );
	assert_int_equal ( gzip_inflate ( gz, gz_len, out, elf_len, &out_len ),
	                   0 );
	assert_int_equal ( out_len, elf_len );
	assert_memory_equal ( out, elf, elf_len );

	/* One byte less room is refused */
	assert_int_equal (
	        gzip_inflate ( gz, gz_len, out, ( elf_len - 1 ), &out_len ),
	        -XEGZTOOBIG );
	free ( out );
	free ( elf );
	free ( gz );
}

/**
 * CRC-32 equals zlib's, whole and in pieces, at every alignment
 *
 * @v state		Unused
 */
static void test_crc32_vs_zlib ( void **state ) {
	uint8_t data[4096 + 16];
	unsigned int offset;
	size_t len;
	size_t split;
	uint32_t crc;

	( void )state;
	sample_fill ( data, sizeof ( data ), SAMPLE_RANDOM, 77 );
	assert_int_equal ( crc32_update ( 0, data, 0 ), 0 );
	/* The check value of CRC-32/ISO-HDLC */
	assert_int_equal ( crc32_update ( 0, "123456789", 9 ), 0xcbf43926 );
	for ( offset = 0; offset < 16; offset++ ) {
		for ( len = 0; len < 300; len += ( 1 + offset ) ) {
			assert_int_equal (
			        crc32_update ( 0, ( data + offset ), len ),
			        crc32 ( 0, ( data + offset ), len ) );
		}
	}
	for ( split = 0; split <= 4096; split += 37 ) {
		crc = crc32_update ( 0, data, split );
		crc = crc32_update ( crc, ( data + split ), ( 4096 - split ) );
		assert_int_equal ( crc, crc32 ( 0, data, 4096 ) );
	}
}

/** A small test stream: text compressed by zlib at level 6 */
struct small_stream {
	/** Original data */
	uint8_t data[3000];
	/** gzip member */
	uint8_t *gz;
	/** Its length */
	size_t gz_len;
};

/**
 * Make the small test stream
 *
 * @v stream		Stream to fill
 * @v level		Compression level
 * @v strategy		zlib strategy
 * @v header		gzip header fields, or NULL
 */
static void small_stream_make ( struct small_stream *stream, int level,
                                int strategy, gz_header *header ) {
	sample_fill ( stream->data, sizeof ( stream->data ), SAMPLE_TEXT, 5 );
	stream->gz = zlib_gzip ( stream->data, sizeof ( stream->data ), level,
	                         strategy, header, &stream->gz_len );
}

/**
 * Header damage gives the header errors
 *
 * @v state		Unused
 */
static void test_bad_header ( void **state ) {
	struct small_stream stream;
	uint8_t *gz;
	unsigned int flag;

	( void )state;
	small_stream_make ( &stream, 6, Z_DEFAULT_STRATEGY, NULL );
	gz = stream.gz;
	expect_inflates_to ( gz, stream.gz_len, stream.data,
	                     sizeof ( stream.data ) );

	gz[0] ^= 0x01;
	assert_false ( gzip_detect ( gz, stream.gz_len ) );
	assert_int_equal ( inflate_rc ( gz, stream.gz_len, 4096 ), -XEGZMAGIC );
	gz[0] ^= 0x01;
	gz[1] ^= 0x80;
	assert_int_equal ( inflate_rc ( gz, stream.gz_len, 4096 ), -XEGZMAGIC );
	gz[1] ^= 0x80;
	gz[2] = 7;
	assert_false ( gzip_detect ( gz, stream.gz_len ) );
	assert_int_equal ( inflate_rc ( gz, stream.gz_len, 4096 ),
	                   -XEGZMETHOD );
	gz[2] = 8;
	for ( flag = 0x20; flag <= 0x80; flag <<= 1 ) {
		gz[3] ^= flag;
		assert_int_equal ( inflate_rc ( gz, stream.gz_len, 4096 ),
		                   -XEGZHEADER );
		gz[3] ^= flag;
	}

	/* MTIME, XFL and OS are not checked */
	gz[4] ^= 0xff;
	gz[9] = 3;
	expect_inflates_to ( gz, stream.gz_len, stream.data,
	                     sizeof ( stream.data ) );

	/* Too short to be anything */
	assert_int_equal ( inflate_rc ( gz, 0, 4096 ), -XEGZTRUNC );
	assert_int_equal ( inflate_rc ( ( const uint8_t * )"PK", 2, 4096 ),
	                   -XEGZMAGIC );
	assert_false ( gzip_detect ( gz, 2 ) );
	free ( gz );
}

/**
 * Every bit flip of the trailer gives the CRC or size error; every bit
 * flip of the data gives an error or (in unused padding bits) the same
 * output
 *
 * @v state		Unused
 */
static void test_bit_flips ( void **state ) {
	struct small_stream stream;
	uint8_t out[sizeof ( stream.data )];
	size_t bit;
	size_t byte;
	size_t out_len;
	int rc;

	( void )state;
	small_stream_make ( &stream, 6, Z_DEFAULT_STRATEGY, NULL );
	for ( bit = 0; bit < ( 8 * stream.gz_len ); bit++ ) {
		byte = ( bit / 8 );
		if ( byte < 10 )
			continue;
		stream.gz[byte] ^= ( 1 << ( bit % 8 ) );
		rc = gzip_inflate ( stream.gz, stream.gz_len, out,
		                    sizeof ( out ), &out_len );
		if ( byte >= ( stream.gz_len - 4 ) ) {
			assert_int_equal ( rc, -XEGZSIZE );
		} else if ( byte >= ( stream.gz_len - 8 ) ) {
			assert_int_equal ( rc, -XEGZCRC );
		} else if ( rc == 0 ) {
			assert_int_equal ( out_len, sizeof ( out ) );
			assert_memory_equal ( out, stream.data,
			                      sizeof ( out ) );
		} else {
			assert_true (
			        ( rc == -XEGZDATA ) || ( rc == -XEGZCRC ) ||
			        ( rc == -XEGZSIZE ) || ( rc == -XEGZTRUNC ) ||
			        ( rc == -XEGZTOOBIG ) );
		}
		stream.gz[byte] ^= ( 1 << ( bit % 8 ) );
	}
	free ( stream.gz );
}

/**
 * Every truncation of streams of each block type is -XEGZTRUNC, and
 * trailing data after a member is ignored
 *
 * @v state		Unused
 */
static void test_truncation ( void **state ) {
	static const int levels[] = { 0, 1, 6, 9, 6 };
	static const int strategies[] = { Z_DEFAULT_STRATEGY,
	                                  Z_DEFAULT_STRATEGY,
	                                  Z_DEFAULT_STRATEGY, Z_FIXED, Z_RLE };
	static char name[] = "xen.gz";
	static char comment[] = "a comment";
	static uint8_t extra[] = { 'X', 'M', 2, 0, 1, 2 };
	struct small_stream stream;
	gz_header header;
	uint8_t *padded;
	unsigned int variant;
	size_t len;

	( void )state;
	memset ( &header, 0, sizeof ( header ) );
	header.name = ( Bytef * )name;
	header.comment = ( Bytef * )comment;
	header.extra = extra;
	header.extra_len = sizeof ( extra );
	header.hcrc = 1;
	for ( variant = 0; variant < 6; variant++ ) {
		small_stream_make ( &stream, levels[variant % 5],
		                    strategies[variant % 5],
		                    ( ( variant == 5 ) ? &header : NULL ) );
		for ( len = 0; len < stream.gz_len; len++ ) {
			assert_int_equal ( inflate_rc ( stream.gz, len, 4096 ),
			                   -XEGZTRUNC );
		}

		/* Trailing bytes after the member do not matter */
		padded = malloc ( stream.gz_len + 100 );
		assert_non_null ( padded );
		memcpy ( padded, stream.gz, stream.gz_len );
		memset ( ( padded + stream.gz_len ), 0xa5, 100 );
		expect_inflates_to ( padded, ( stream.gz_len + 100 ),
		                     stream.data, sizeof ( stream.data ) );
		free ( padded );
		free ( stream.gz );
	}
}

/**
 * Output that does not fit is -XEGZTOOBIG, for every block type and
 * every smaller output size
 *
 * @v state		Unused
 */
static void test_too_big ( void **state ) {
	static const int levels[] = { 0, 6, 6, 9 };
	static const int strategies[] = { Z_DEFAULT_STRATEGY, Z_FIXED,
	                                  Z_HUFFMAN_ONLY, Z_DEFAULT_STRATEGY };
	struct small_stream stream;
	unsigned int variant;
	size_t dst_max;
	size_t out_len;

	( void )state;
	for ( variant = 0; variant < 4; variant++ ) {
		small_stream_make ( &stream, levels[variant],
		                    strategies[variant], NULL );
		for ( dst_max = 0; dst_max < sizeof ( stream.data );
		      dst_max++ ) {
			assert_int_equal ( inflate_rc ( stream.gz,
			                                stream.gz_len,
			                                dst_max ),
			                   -XEGZTOOBIG );
		}
		assert_int_equal ( inflate_rc ( stream.gz, stream.gz_len,
		                                sizeof ( stream.data ) ),
		                   0 );
		free ( stream.gz );
	}

	/* No output buffer at all */
	small_stream_make ( &stream, 6, Z_DEFAULT_STRATEGY, NULL );
	assert_int_equal (
	        gzip_inflate ( stream.gz, stream.gz_len, NULL, 0, &out_len ),
	        -XEGZTOOBIG );
	free ( stream.gz );
}

/**
 * Optional header fields are skipped, and FHCRC is checked
 *
 * @v state		Unused
 */
static void test_header_fields ( void **state ) {
	static char name[] = "vmlinuz-6.1";
	static char comment[] = "dom0 kernel";
	static uint8_t extra[] = { 'A', 'b', 3, 0, 9, 8, 7, 'C', 'd', 0, 0 };
	struct small_stream stream;
	gz_header header;
	unsigned int fields;
	size_t hcrc_offset;
	uint32_t declared;

	( void )state;
	for ( fields = 0; fields < 16; fields++ ) {
		memset ( &header, 0, sizeof ( header ) );
		header.extra = ( ( fields & 1 ) ? extra : NULL );
		header.extra_len = sizeof ( extra );
		header.name = ( Bytef * )( ( fields & 2 ) ? name : NULL );
		header.comment = ( Bytef * )( ( fields & 4 ) ? comment : NULL );
		header.hcrc = ( ( fields & 8 ) ? 1 : 0 );
		small_stream_make ( &stream, 6, Z_DEFAULT_STRATEGY, &header );
		assert_int_equal ( stream.gz[3],
		                   ( ( ( fields & 1 ) ? 0x04 : 0 ) |
		                     ( ( fields & 2 ) ? 0x08 : 0 ) |
		                     ( ( fields & 4 ) ? 0x10 : 0 ) |
		                     ( ( fields & 8 ) ? 0x02 : 0 ) ) );
		expect_inflates_to ( stream.gz, stream.gz_len, stream.data,
		                     sizeof ( stream.data ) );
		assert_int_equal ( gzip_declared_size ( stream.gz,
		                                        stream.gz_len,
		                                        &declared ),
		                   0 );
		assert_int_equal ( declared, sizeof ( stream.data ) );

		/* A wrong header CRC is a header error */
		if ( fields & 8 ) {
			hcrc_offset =
			        ( 10 +
			          ( ( fields & 1 ) ? ( 2 + sizeof ( extra ) )
			                           : 0 ) +
			          ( ( fields & 2 ) ? sizeof ( name ) : 0 ) +
			          ( ( fields & 4 ) ? sizeof ( comment ) : 0 ) );
			stream.gz[hcrc_offset] ^= 0x10;
			assert_int_equal (
			        inflate_rc ( stream.gz, stream.gz_len, 4096 ),
			        -XEGZHEADER );
		}
		free ( stream.gz );
	}

	/* An extra field longer than the file */
	small_stream_make ( &stream, 6, Z_DEFAULT_STRATEGY, NULL );
	stream.gz[3] = 0x04;
	stream.gz[10] = 0xff;
	stream.gz[11] = 0xff;
	assert_int_equal ( inflate_rc ( stream.gz, stream.gz_len, 4096 ),
	                   -XEGZTRUNC );
	/* A name with no terminator */
	stream.gz[3] = 0x08;
	memset ( ( stream.gz + 10 ), 'n', ( stream.gz_len - 10 ) );
	assert_int_equal ( inflate_rc ( stream.gz, stream.gz_len, 4096 ),
	                   -XEGZTRUNC );
	assert_int_equal ( gzip_declared_size ( stream.gz, 17, &declared ),
	                   -XEGZTRUNC );
	free ( stream.gz );
}

/** A bit writer for hand-built deflate streams */
struct bit_writer {
	/** Bytes written (gzip header included) */
	uint8_t bytes[512];
	/** Bits written */
	size_t bits;
};

/**
 * Start a gzip member with a plain header
 *
 * @v writer		Bit writer
 */
static void writer_start ( struct bit_writer *writer ) {
	static const uint8_t header[10] = { 0x1f, 0x8b, 8, 0, 0,
	                                    0,    0,    0, 0, 3 };

	memset ( writer, 0, sizeof ( *writer ) );
	memcpy ( writer->bytes, header, sizeof ( header ) );
	writer->bits = ( 8 * sizeof ( header ) );
}

/**
 * Write bits, least significant first
 *
 * @v writer		Bit writer
 * @v value		Value
 * @v count		Number of bits
 */
static void writer_put ( struct bit_writer *writer, unsigned int value,
                         unsigned int count ) {
	while ( count-- ) {
		assert_true ( writer->bits < ( 8 * sizeof ( writer->bytes ) ) );
		if ( value & 1 )
			writer->bytes[writer->bits / 8] |=
			        ( 1 << ( writer->bits % 8 ) );
		writer->bits++;
		value >>= 1;
	}
}

/**
 * Write a Huffman code, most significant bit first
 *
 * @v writer		Bit writer
 * @v code		Code
 * @v len		Code length
 */
static void writer_code ( struct bit_writer *writer, unsigned int code,
                          unsigned int len ) {
	while ( len-- )
		writer_put ( writer, ( code >> len ), 1 );
}

/**
 * Start a gzip member whose first and final block has the given type
 *
 * @v writer		Bit writer
 * @v type		Block type (BTYPE)
 */
static void writer_start_block ( struct bit_writer *writer,
                                 unsigned int type ) {
	writer_start ( writer );
	writer_put ( writer, 1, 1 );
	writer_put ( writer, type, 2 );
}

/**
 * Finish a gzip member with a trailer for the given output
 *
 * @v writer		Bit writer
 * @v data		Data the stream should produce
 * @v len		Its length
 * @ret gz_len		Length of the gzip member
 */
static size_t writer_finish ( struct bit_writer *writer, const void *data,
                              size_t len ) {
	uint32_t crc = crc32 ( 0, data, len );

	writer->bits = ( ( writer->bits + 7 ) & ~7UL );
	writer_put ( writer, ( crc & 0xffff ), 16 );
	writer_put ( writer, ( crc >> 16 ), 16 );
	writer_put ( writer, ( len & 0xffff ), 16 );
	writer_put ( writer, ( len >> 16 ), 16 );
	return ( writer->bits / 8 );
}

/**
 * Write the rest of a dynamic block header whose code length code gives symbols
 * 0, 1, 2 and 18 two-bit codes (00, 01, 10, 11), then code lengths
 *
 * @v writer		Bit writer
 * @v hlit		HLIT field
 * @v hdist		HDIST field
 * @v lens		Literal/length then distance code lengths (each 0-2)
 * @v count		Number of code lengths to write
 *
 * Runs of eleven or more zeros are written with symbol 18.
 */
static void writer_dynamic ( struct bit_writer *writer, unsigned int hlit,
                             unsigned int hdist, const uint8_t *lens,
                             unsigned int count ) {
	/* Code length code lengths in the RFC's order: 16 17 18 0 8 7 9 6
	 * 10 5 11 4 12 3 13 2 14 1
	 */
	static const uint8_t order_lens[18] = { 0, 0, 2, 2, 0, 0, 0, 0, 0,
	                                        0, 0, 0, 0, 0, 0, 2, 0, 2 };
	unsigned int index;
	unsigned int run;

	writer_put ( writer, hlit, 5 );
	writer_put ( writer, hdist, 5 );
	writer_put ( writer, ( 18 - 4 ), 4 );
	for ( index = 0; index < 18; index++ )
		writer_put ( writer, order_lens[index], 3 );
	for ( index = 0; index < count; index += run ) {
		for ( run = 0; ( ( index + run ) < count ) &&
		               ( lens[index + run] == 0 ) && ( run < 138 );
		      run++ )
			;
		if ( run >= 11 ) {
			writer_code ( writer, 3, 2 );
			writer_put ( writer, ( run - 11 ), 7 );
		} else {
			run = 1;
			writer_code ( writer, lens[index], 2 );
		}
	}
}

/**
 * Hand-built invalid deflate streams give -XEGZDATA; the valid controls
 * built the same way succeed
 *
 * @v state		Unused
 */
static void test_invalid_blocks ( void **state ) {
	struct bit_writer writer;
	uint8_t lens[257 + 1];
	uint8_t out[16];
	unsigned int literals;
	size_t gz_len;
	size_t out_len;

	( void )state;

	/* Control: a fixed block with 'a', a match of 3 at distance 1, EOB */
	writer_start_block ( &writer, 1 );
	writer_code ( &writer, ( 0x30 + 'a' ), 8 );
	writer_code ( &writer, 1, 7 );
	writer_code ( &writer, 0, 5 );
	writer_code ( &writer, 0, 7 );
	gz_len = writer_finish ( &writer, "aaaa", 4 );
	assert_int_equal ( gzip_inflate ( writer.bytes, gz_len, out,
	                                  sizeof ( out ), &out_len ),
	                   0 );
	assert_int_equal ( out_len, 4 );
	assert_memory_equal ( out, "aaaa", 4 );

	/* A match before any output: distance too far back */
	writer_start_block ( &writer, 1 );
	writer_code ( &writer, 1, 7 );
	writer_code ( &writer, 0, 5 );
	writer_code ( &writer, 0, 7 );
	gz_len = writer_finish ( &writer, "", 0 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), -XEGZDATA );

	/* The same, followed by enough literals that the fast loop sees it */
	writer_start_block ( &writer, 1 );
	writer_code ( &writer, 1, 7 );
	writer_code ( &writer, 0, 5 );
	for ( literals = 0; literals < 64; literals++ )
		writer_code ( &writer, ( 0x30 + 'b' ), 8 );
	writer_code ( &writer, 0, 7 );
	gz_len = writer_finish ( &writer, "", 0 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 1024 ),
	                   -XEGZDATA );

	/* Distance symbol 30 does not exist */
	writer_start_block ( &writer, 1 );
	writer_code ( &writer, ( 0x30 + 'a' ), 8 );
	writer_code ( &writer, 1, 7 );
	writer_code ( &writer, 30, 5 );
	writer_code ( &writer, 0, 7 );
	gz_len = writer_finish ( &writer, "", 0 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), -XEGZDATA );

	/* Length symbol 286 does not exist (fixed code 11000110) */
	writer_start_block ( &writer, 1 );
	writer_code ( &writer, ( 0x30 + 'a' ), 8 );
	writer_code ( &writer, 0xc6, 8 );
	writer_code ( &writer, 0, 5 );
	writer_code ( &writer, 0, 7 );
	gz_len = writer_finish ( &writer, "", 0 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), -XEGZDATA );

	/* Block type 3 */
	writer_start_block ( &writer, 3 );
	gz_len = writer_finish ( &writer, "", 0 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), -XEGZDATA );

	/* Stored block whose NLEN is not the complement of LEN */
	writer_start_block ( &writer, 0 );
	writer.bits = ( ( writer.bits + 7 ) & ~7UL );
	writer_put ( &writer, 2, 16 );
	writer_put ( &writer, 0xfffd, 16 );
	writer_put ( &writer, 0x4242, 16 );
	gz_len = writer_finish ( &writer, "BB", 2 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), 0 );
	writer.bytes[13] ^= 0x01;
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), -XEGZDATA );

	/* Control: dynamic block, symbols 0 and 256 one bit each (0 is
	 * '0', 256 is '1'), one distance code of one bit; data "\0\0" EOB
	 */
	memset ( lens, 0, sizeof ( lens ) );
	lens[0] = 1;
	lens[256] = 1;
	lens[257] = 1;
	writer_start_block ( &writer, 2 );
	writer_dynamic ( &writer, 0, 0, lens, sizeof ( lens ) );
	writer_code ( &writer, 0, 1 );
	writer_code ( &writer, 0, 1 );
	writer_code ( &writer, 1, 1 );
	gz_len = writer_finish ( &writer, "\0\0", 2 );
	assert_int_equal ( gzip_inflate ( writer.bytes, gz_len, out,
	                                  sizeof ( out ), &out_len ),
	                   0 );
	assert_int_equal ( out_len, 2 );
	assert_memory_equal ( out, "\0\0", 2 );

	/* Incomplete literal/length code (lengths 1 and 2) */
	lens[256] = 2;
	writer_start_block ( &writer, 2 );
	writer_dynamic ( &writer, 0, 0, lens, sizeof ( lens ) );
	writer_code ( &writer, 2, 2 );
	gz_len = writer_finish ( &writer, "", 0 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), -XEGZDATA );

	/* Over-subscribed literal/length code (three one-bit codes) */
	lens[1] = 1;
	lens[256] = 1;
	writer_start_block ( &writer, 2 );
	writer_dynamic ( &writer, 0, 0, lens, sizeof ( lens ) );
	writer_code ( &writer, 1, 1 );
	gz_len = writer_finish ( &writer, "", 0 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), -XEGZDATA );

	/* No end-of-block code */
	lens[256] = 0;
	writer_start_block ( &writer, 2 );
	writer_dynamic ( &writer, 0, 0, lens, sizeof ( lens ) );
	gz_len = writer_finish ( &writer, "", 0 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), -XEGZDATA );

	/* HLIT 30 (287 literal/length codes) is more than deflate has */
	writer_start_block ( &writer, 2 );
	writer_put ( &writer, 30, 5 );
	writer_put ( &writer, 0, 5 );
	writer_put ( &writer, 0, 4 );
	writer_put ( &writer, 0, 12 );
	gz_len = writer_finish ( &writer, "", 0 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), -XEGZDATA );

	/* Repeat code 16 with no previous length (code length code: 16
	 * and 17 have one bit each)
	 */
	writer_start_block ( &writer, 2 );
	writer_put ( &writer, 0, 5 );
	writer_put ( &writer, 0, 5 );
	writer_put ( &writer, 0, 4 );
	writer_put ( &writer, 1, 3 );
	writer_put ( &writer, 1, 3 );
	writer_put ( &writer, 0, 3 );
	writer_put ( &writer, 0, 3 );
	writer_code ( &writer, 0, 1 );
	writer_put ( &writer, 0, 2 );
	gz_len = writer_finish ( &writer, "", 0 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), -XEGZDATA );

	/* A zero run longer than the lengths left: 258 lengths declared,
	 * 200 given, then a run of 138 zeros
	 */
	memset ( lens, 0, sizeof ( lens ) );
	lens[0] = 1;
	lens[1] = 1;
	writer_start_block ( &writer, 2 );
	writer_dynamic ( &writer, 0, 0, lens, 200 );
	writer_code ( &writer, 3, 2 );
	writer_put ( &writer, 127, 7 );
	gz_len = writer_finish ( &writer, "", 0 );
	assert_int_equal ( inflate_rc ( writer.bytes, gz_len, 16 ), -XEGZDATA );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_crc32_vs_zlib ),
	        cmocka_unit_test ( test_roundtrip_zlib ),
	        cmocka_unit_test ( test_debian_xen ),
	        cmocka_unit_test ( test_bad_header ),
	        cmocka_unit_test ( test_bit_flips ),
	        cmocka_unit_test ( test_truncation ),
	        cmocka_unit_test ( test_too_big ),
	        cmocka_unit_test ( test_header_fields ),
	        cmocka_unit_test ( test_invalid_blocks ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
