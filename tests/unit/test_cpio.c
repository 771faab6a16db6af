/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests for the initrd-area walker (cpio.c)
 *
 * The tests build initrd areas the way iPXE's bzimage loader does: each
 * image at a 4 KiB boundary, a newc header naming it when it had a command
 * line, raw when it had none, zeros between.  The walker's output is then
 * compared with what was built (names, offsets, lengths, contents).  Each
 * area is walked from a buffer of exactly its length, so that ASan
 * catches any read past its end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <cmocka.h>
#include <xenmb/cpio.h>
#include <xenmb/errors.h>

/** Largest area a test builds */
#define AREA_MAX ( 64 * 1024 )

/** Physical address the tests pretend the area is at */
#define AREA_PHYS 0x7f000000ULL

/** newc mode of a regular file */
#define MODE_FILE 0100644

/** newc mode of a directory */
#define MODE_DIR 040755

/** An area being built */
struct area {
	/** Contents */
	uint8_t buf[AREA_MAX];
	/** Length used */
	size_t len;
};

/** What the builder placed, to compare the walk against */
struct placed {
	/** Name ("" for raw) */
	char name[200];
	/** Offset of the data */
	size_t data;
	/** Length of the data */
	size_t len;
	/** Offset of the header (or raw data) */
	size_t start;
};

/**
 * Round up
 *
 * @v value		Value
 * @v align		Alignment
 * @ret value		Rounded value
 */
static size_t round_up ( size_t value, size_t align ) {

	return ( ( value + align - 1 ) / align * align );
}

/**
 * Write a newc header and name at an offset
 *
 * @v area		Area
 * @v offset		Offset of the header
 * @v magic		"070701" or "070702"
 * @v mode		File mode
 * @v name		Name
 * @v filesize		File size
 * @ret data		Offset of the data
 */
static size_t put_header ( struct area *area, size_t offset, const char *magic,
                           unsigned int mode, const char *name,
                           size_t filesize ) {
	size_t namesize = ( strlen ( name ) + 1 );
	char header[128];

	snprintf ( header, sizeof ( header ),
	           "%s%08x%08x%08x%08x%08x%08x%08zx%08x%08x%08x%08x%08zx%08x",
	           magic, 0x1234, mode, 0, 0, 1, 0x5c000000, filesize, 0, 0, 0,
	           0, namesize, 0 );
	assert_int_equal ( strlen ( header ), 110 );
	assert_true ( ( offset + 110 + namesize ) <= AREA_MAX );
	memcpy ( ( area->buf + offset ), header, 110 );
	memcpy ( ( area->buf + offset + 110 ), name, namesize );
	return round_up ( ( offset + 110 + namesize ), 4 );
}

/**
 * Add an image with a command line (a named newc entry), as iPXE does
 *
 * @v area		Area
 * @v name		Name (first word of the image's command line)
 * @v data		Contents
 * @v len		Length
 * @v placed		What was placed, to fill
 */
static void add_named ( struct area *area, const char *name, const void *data,
                        size_t len, struct placed *placed ) {
	size_t start = round_up ( area->len, CPIO_IMAGE_ALIGN );
	size_t offset;

	offset = put_header ( area, start, "070701", MODE_FILE, name, len );
	assert_true ( ( offset + len ) <= AREA_MAX );
	memcpy ( ( area->buf + offset ), data, len );
	area->len = ( offset + len );
	snprintf ( placed->name, sizeof ( placed->name ), "%s", name );
	placed->start = start;
	placed->data = offset;
	placed->len = len;
}

/**
 * Add an image without a command line (raw), as iPXE does
 *
 * @v area		Area
 * @v data		Contents
 * @v len		Length
 * @v placed		What was placed, to fill
 */
static void add_raw ( struct area *area, const void *data, size_t len,
                      struct placed *placed ) {
	size_t start = round_up ( area->len, CPIO_IMAGE_ALIGN );

	assert_true ( ( start + len ) <= AREA_MAX );
	memcpy ( ( area->buf + start ), data, len );
	area->len = ( start + len );
	placed->name[0] = '\0';
	placed->start = start;
	placed->data = start;
	placed->len = len;
}

/**
 * Fill a buffer with a pattern that has no zero byte
 *
 * @v buf		Buffer
 * @v len		Length
 * @v seed		Pattern seed
 */
static void fill ( uint8_t *buf, size_t len, unsigned int seed ) {
	size_t i;

	for ( i = 0; i < len; i++ )
		buf[i] = ( uint8_t )( ( ( i * 7 ) + seed ) % 255 + 1 );
}

/**
 * Walk an area from a copy of exactly its length
 *
 * @v area		Area
 * @v len		Length to walk
 * @v files		Files to fill
 * @v max		Room
 * @v count		Files found
 * @v copy		Copy walked (to free, and to compare pointers)
 * @ret rc		Return status of cpio_walk()
 */
static int walk ( const struct area *area, size_t len, struct xfile *files,
                  unsigned int max, unsigned int *count, uint8_t **copy ) {
	int rc;

	*copy = malloc ( len ? len : 1 );
	assert_non_null ( *copy );
	memcpy ( *copy, area->buf, len );
	*count = 0xdead;
	rc = cpio_walk ( *copy, AREA_PHYS, len, files, max, count );
	assert_true ( *count <= max );
	return rc;
}

/**
 * Compare walked files with what was placed
 *
 * @v files		Files walked
 * @v placed		Files placed
 * @v count		Number of files
 * @v copy		Area walked
 * @v len		Its length
 */
static void check_files ( const struct xfile *files,
                          const struct placed *placed, unsigned int count,
                          const uint8_t *copy, size_t len ) {
	size_t end;
	unsigned int i;

	for ( i = 0; i < count; i++ ) {
		assert_string_equal ( files[i].name, placed[i].name );
		assert_ptr_equal ( files[i].data, ( copy + placed[i].data ) );
		assert_true ( files[i].phys == ( AREA_PHYS + placed[i].data ) );
		assert_int_equal ( files[i].len, placed[i].len );
		assert_true ( files[i].region ==
		              ( AREA_PHYS + placed[i].start ) );
		end = ( ( i + 1 ) < count ) ? placed[i + 1].start : len;
		assert_int_equal ( files[i].region_len,
		                   ( end - placed[i].start ) );
		assert_int_equal ( files[i].index, i );
		assert_null ( files[i].priv );
	}
}

/** Named images, one per page, as "initrd -n NAME URI NAME" gives */
static void test_named ( void **state ) {
	static struct area area;
	static uint8_t data[3][9000];
	static const size_t lens[3] = { 5000, 4096, 1 };
	static const char *names[3] = { "xen.gz", "vmlinuz", "initrd.img" };
	struct placed placed[3];
	struct xfile files[8];
	unsigned int count;
	uint8_t *copy;
	unsigned int i;

	( void )state;
	memset ( &area, 0, sizeof ( area ) );
	for ( i = 0; i < 3; i++ ) {
		fill ( data[i], lens[i], i );
		add_named ( &area, names[i], data[i], lens[i], &placed[i] );
	}

	/* iPXE's ramdisk_size ends at the last byte, or at the page end */
	assert_int_equal ( walk ( &area, area.len, files, 8, &count, &copy ),
	                   0 );
	assert_int_equal ( count, 3 );
	check_files ( files, placed, 3, copy, area.len );
	for ( i = 0; i < 3; i++ )
		assert_memory_equal ( files[i].data, data[i], lens[i] );
	assert_true ( files[0].region == AREA_PHYS );
	assert_true ( files[1].region == ( AREA_PHYS + 8192 ) );
	free ( copy );

	assert_int_equal ( walk ( &area, round_up ( area.len, 4096 ), files, 8,
	                          &count, &copy ),
	                   0 );
	assert_int_equal ( count, 3 );
	check_files ( files, placed, 3, copy, round_up ( area.len, 4096 ) );
	free ( copy );
}

/** Raw images (no command line) get an empty name */
static void test_raw ( void **state ) {
	static struct area area;
	static uint8_t data[3][5000];
	struct placed placed[4];
	struct xfile files[8];
	unsigned int count;
	uint8_t *copy;

	( void )state;
	memset ( &area, 0, sizeof ( area ) );
	fill ( data[0], 3000, 1 );
	fill ( data[1], 5000, 2 );
	fill ( data[2], 4096, 3 );
	/* A raw image whose first bytes are zero keeps them */
	memset ( data[1], 0, 12 );

	add_raw ( &area, data[0], 3000, &placed[0] );
	add_named ( &area, "xen.gz", data[2], 100, &placed[1] );
	add_raw ( &area, data[1], 5000, &placed[2] );
	add_named ( &area, "last", data[2], 4096, &placed[3] );

	assert_int_equal ( walk ( &area, area.len, files, 8, &count, &copy ),
	                   0 );
	assert_int_equal ( count, 4 );
	check_files ( files, placed, 4, copy, area.len );
	assert_memory_equal ( files[2].data, data[1], 5000 );
	free ( copy );
}

/** A raw image at the end: its length stops at its last non-zero byte */
static void test_raw_tail ( void **state ) {
	static struct area area;
	static uint8_t data[6000];
	struct placed placed[2];
	struct xfile files[4];
	unsigned int count;
	uint8_t *copy;

	( void )state;
	memset ( &area, 0, sizeof ( area ) );
	fill ( data, sizeof ( data ), 9 );
	add_named ( &area, "xen", data, 10, &placed[0] );
	add_raw ( &area, data, 6000, &placed[1] );

	/* Area padded with zeros well past the image */
	assert_int_equal ( walk ( &area, ( placed[1].start + 12288 ), files, 4,
	                          &count, &copy ),
	                   0 );
	assert_int_equal ( count, 2 );
	check_files ( files, placed, 2, copy, ( placed[1].start + 12288 ) );
	free ( copy );

	/* The documented limit: zeros ending an image are not counted */
	area.buf[placed[1].start + 5999] = 0;
	area.buf[placed[1].start + 5998] = 0;
	assert_int_equal ( walk ( &area, area.len, files, 4, &count, &copy ),
	                   0 );
	assert_int_equal ( files[1].len, 5998 );
	free ( copy );
}

/** A raw image that is itself a cpio archive; images after its trailer count */
static void test_archive_trailer ( void **state ) {
	static struct area area;
	static uint8_t data[64];
	struct placed placed[4];
	struct xfile files[8];
	unsigned int count;
	uint8_t *copy;
	size_t offset;

	( void )state;
	memset ( &area, 0, sizeof ( area ) );
	fill ( data, sizeof ( data ), 5 );

	/* Entries at 4-byte boundaries, a directory, an empty file */
	offset = put_header ( &area, 0, "070701", MODE_DIR, "kernel", 0 );
	placed[0] = ( struct placed ){ "kernel", offset, 0, 0 };
	placed[1].start = offset;
	offset = put_header ( &area, offset, "070701", MODE_FILE,
	                      "kernel/ucode.bin", 13 );
	memcpy ( ( area.buf + offset ), data, 13 );
	snprintf ( placed[1].name, sizeof ( placed[1].name ),
	           "kernel/ucode.bin" );
	placed[1].data = offset;
	placed[1].len = 13;
	placed[2].start = round_up ( ( offset + 13 ), 4 );
	offset = put_header ( &area, placed[2].start, "070701", MODE_FILE,
	                      "empty", 0 );
	snprintf ( placed[2].name, sizeof ( placed[2].name ), "empty" );
	placed[2].data = offset;
	placed[2].len = 0;
	offset = put_header ( &area, offset, "070701", MODE_FILE, "TRAILER!!!",
	                      0 );
	area.len = offset;

	/* A named image iPXE placed after the archive is walked too */
	add_named ( &area, "after", data, 10, &placed[3] );

	assert_int_equal ( walk ( &area, area.len, files, 8, &count, &copy ),
	                   0 );
	assert_int_equal ( count, 4 );
	check_files ( files, placed, 4, copy, area.len );
	assert_string_equal ( files[3].name, "after" );
	assert_memory_equal ( files[3].data, data, 10 );
	assert_memory_equal ( files[1].data, data, 13 );
	free ( copy );
}

/** "070702" headers and upper-case hex digits are accepted */
static void test_crc_magic ( void **state ) {
	static struct area area;
	struct xfile files[2];
	unsigned int count;
	uint8_t *copy;
	size_t offset;
	size_t i;

	( void )state;
	memset ( &area, 0, sizeof ( area ) );
	offset = put_header ( &area, 0, "070702", MODE_FILE, "ucode", 0xab );
	for ( i = 6; i < 110; i++ )
		area.buf[i] = toupper ( area.buf[i] );
	memset ( ( area.buf + offset ), 0x5a, 0xab );
	area.len = ( offset + 0xab );

	assert_int_equal ( walk ( &area, area.len, files, 2, &count, &copy ),
	                   0 );
	assert_int_equal ( count, 1 );
	assert_string_equal ( files[0].name, "ucode" );
	assert_int_equal ( files[0].len, 0xab );
	free ( copy );
}

/** Empty and all-zero areas hold no files */
static void test_empty ( void **state ) {
	static struct area area;
	struct xfile files[2];
	unsigned int count;
	uint8_t *copy;
	size_t len;

	( void )state;
	memset ( &area, 0, sizeof ( area ) );
	for ( len = 0; len < 9; len++ ) {
		assert_int_equal ( walk ( &area, len, files, 2, &count, &copy ),
		                   0 );
		assert_int_equal ( count, 0 );
		free ( copy );
	}
	assert_int_equal ( walk ( &area, 8192, files, 2, &count, &copy ), 0 );
	assert_int_equal ( count, 0 );
	free ( copy );

	/* A non-zero byte in the short tail: a raw image from the start
	 * (the zeros before it may be its own)
	 */
	area.buf[8190] = 1;
	assert_int_equal ( walk ( &area, 8191, files, 2, &count, &copy ), 0 );
	assert_int_equal ( count, 1 );
	assert_true ( files[0].region == AREA_PHYS );
	assert_int_equal ( files[0].len, 8191 );
	assert_int_equal ( files[0].region_len, 8191 );
	free ( copy );
}

/** Damaged headers are refused */
static void test_bad_headers ( void **state ) {
	static struct area good;
	static struct area area;
	static uint8_t data[100];
	struct placed placed[2];
	struct xfile files[4];
	unsigned int count;
	uint8_t *copy;
	size_t second;
	size_t field;

	( void )state;
	memset ( &good, 0, sizeof ( good ) );
	fill ( data, sizeof ( data ), 7 );
	add_named ( &good, "first", data, 100, &placed[0] );
	add_named ( &good, "second", data, 100, &placed[1] );
	second = placed[1].start;

	/* Truncated header */
	assert_int_equal (
	        walk ( &good, ( second + 109 ), files, 4, &count, &copy ),
	        -XECPIOBOUNDS );
	assert_int_equal ( count, 1 );
	free ( copy );

	/* Name past the end */
	assert_int_equal (
	        walk ( &good, ( second + 112 ), files, 4, &count, &copy ),
	        -XECPIOBOUNDS );
	free ( copy );

	/* Data past the end */
	assert_int_equal (
	        walk ( &good, ( good.len - 1 ), files, 4, &count, &copy ),
	        -XECPIOBOUNDS );
	assert_int_equal ( count, 1 );
	free ( copy );

	/* Garbage hex in each field */
	for ( field = 0; field < 13; field++ ) {
		memcpy ( &area, &good, sizeof ( area ) );
		area.buf[second + 6 + ( field * 8 ) + 3] = 'g';
		assert_int_equal (
		        walk ( &area, area.len, files, 4, &count, &copy ),
		        -XECPIOHDR );
		free ( copy );
	}

	/* A space or sign inside a field is not a digit */
	memcpy ( &area, &good, sizeof ( area ) );
	area.buf[second + 6 + ( 6 * 8 )] = ' ';
	assert_int_equal ( walk ( &area, area.len, files, 4, &count, &copy ),
	                   -XECPIOHDR );
	free ( copy );

	/* namesize 0 */
	memcpy ( &area, &good, sizeof ( area ) );
	memcpy ( ( area.buf + second + 6 + ( 11 * 8 ) ), "00000000", 8 );
	assert_int_equal ( walk ( &area, area.len, files, 4, &count, &copy ),
	                   -XECPIOHDR );
	free ( copy );

	/* Name not ending in its NUL (namesize one short) */
	memcpy ( &area, &good, sizeof ( area ) );
	memcpy ( ( area.buf + second + 6 + ( 11 * 8 ) ), "00000006", 8 );
	assert_int_equal ( walk ( &area, area.len, files, 4, &count, &copy ),
	                   -XECPIOHDR );
	free ( copy );

	/* Huge filesize and namesize do not wrap around */
	memcpy ( &area, &good, sizeof ( area ) );
	memcpy ( ( area.buf + second + 6 + ( 6 * 8 ) ), "ffffffff", 8 );
	assert_int_equal ( walk ( &area, area.len, files, 4, &count, &copy ),
	                   -XECPIOBOUNDS );
	free ( copy );
	memcpy ( &area, &good, sizeof ( area ) );
	memcpy ( ( area.buf + second + 6 + ( 11 * 8 ) ), "fffffff0", 8 );
	assert_int_equal ( walk ( &area, area.len, files, 4, &count, &copy ),
	                   -XECPIOBOUNDS );
	free ( copy );

	/* Garbage after an entry, before the next page boundary */
	memcpy ( &area, &good, sizeof ( area ) );
	area.buf[placed[0].data + 100 + 8] = 0x55;
	assert_int_equal ( walk ( &area, area.len, files, 4, &count, &copy ),
	                   -XECPIOMAGIC );
	assert_int_equal ( count, 1 );
	free ( copy );
}

/** A name longer than struct xfile holds is refused, not cut */
static void test_long_name ( void **state ) {
	static struct area area;
	struct placed placed;
	struct xfile files[2];
	unsigned int count;
	uint8_t *copy;
	char name[200];

	( void )state;
	memset ( &area, 0, sizeof ( area ) );
	memset ( name, 'n', sizeof ( files[0].name ) - 1 );
	name[sizeof ( files[0].name ) - 1] = '\0';
	add_named ( &area, name, "x", 1, &placed );
	assert_int_equal ( walk ( &area, area.len, files, 2, &count, &copy ),
	                   0 );
	assert_string_equal ( files[0].name, name );
	free ( copy );

	memset ( &area, 0, sizeof ( area ) );
	memset ( name, 'n', sizeof ( files[0].name ) );
	name[sizeof ( files[0].name )] = '\0';
	add_named ( &area, name, "x", 1, &placed );
	assert_int_equal ( walk ( &area, area.len, files, 2, &count, &copy ),
	                   -XECPIOHDR );
	free ( copy );
}

/** More files than room */
static void test_too_many ( void **state ) {
	static struct area area;
	struct placed placed[3];
	struct xfile files[2];
	unsigned int count;
	uint8_t *copy;

	( void )state;
	memset ( &area, 0, sizeof ( area ) );
	add_named ( &area, "a", "1", 1, &placed[0] );
	add_raw ( &area, "2", 1, &placed[1] );
	add_named ( &area, "c", "3", 1, &placed[2] );
	assert_int_equal ( walk ( &area, area.len, files, 2, &count, &copy ),
	                   -XETOOMANY );
	assert_int_equal ( count, 2 );
	free ( copy );
	assert_int_equal ( walk ( &area, area.len, files, 0, &count, &copy ),
	                   -XETOOMANY );
	assert_int_equal ( count, 0 );
	free ( copy );
}

/** Every cut of a valid area is walked safely, and cuts at the end of an
 * entry give exactly the entries before it
 */
static void test_every_cut ( void **state ) {
	static struct area area;
	static uint8_t data[5000];
	struct placed placed[3];
	struct placed expect[3];
	struct xfile files[4];
	unsigned int count;
	uint8_t *copy;
	size_t len;
	int rc;

	( void )state;
	memset ( &area, 0, sizeof ( area ) );
	fill ( data, sizeof ( data ), 3 );
	add_named ( &area, "xen.gz", data, 5000, &placed[0] );
	add_raw ( &area, data, 333, &placed[1] );
	add_named ( &area, "vmlinuz", data, 77, &placed[2] );

	for ( len = 0; len <= area.len; len++ ) {
		rc = walk ( &area, len, files, 4, &count, &copy );
		if ( ( len == ( placed[0].data + 5000 ) ) ||
		     ( len == area.len ) ) {
			assert_int_equal ( rc, 0 );
		}
		if ( ( rc == 0 ) && ( len > 0 ) && ( len < 6 ) ) {
			/* Less than a magic: only a raw image can be there */
			assert_int_equal ( count, 1 );
			assert_string_equal ( files[0].name, "" );
			assert_int_equal ( files[0].len, len );
		} else if ( rc == 0 ) {
			/* A cut raw image is as long as what is left */
			memcpy ( expect, placed, sizeof ( expect ) );
			if ( len < ( placed[1].data + placed[1].len ) )
				expect[1].len = ( len - placed[1].data );
			/* ... and so is one followed by a partial magic */
			if ( ( len > placed[2].start ) &&
			     ( len < ( placed[2].start + 6 ) ) )
				expect[1].len = ( len - placed[1].data );
			assert_true ( count <= 3 );
			check_files ( files, expect, count, copy, len );
		}
		free ( copy );
	}
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_named ),
	        cmocka_unit_test ( test_raw ),
	        cmocka_unit_test ( test_raw_tail ),
	        cmocka_unit_test ( test_archive_trailer ),
	        cmocka_unit_test ( test_crc_magic ),
	        cmocka_unit_test ( test_empty ),
	        cmocka_unit_test ( test_bad_headers ),
	        cmocka_unit_test ( test_long_name ),
	        cmocka_unit_test ( test_too_many ),
	        cmocka_unit_test ( test_every_cut ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
