/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests: multiboot header parsing and the ELF loader
 *
 * Debian's Xen 4.17 is the real input: its headers are checked against
 * what Xen's head.S declares (relocatable 2 MiB..4 GiB, 2 MiB aligned,
 * preferring high memory, EFI boot services, an EFI amd64 entry) and its
 * segments against readelf's view of the same file.  Crafted headers
 * cover every error path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "helper_files.h"
#include <xenmb/elf.h>
#include <xenmb/errors.h>
#include <xenmb/multiboot.h>

/** The uncompressed Xen that scripts/setup unpacks */
#define XEN_ELF "/var/cache/xenmb/xen-4.17-amd64"

/**
 * Put a little-endian 32-bit value
 *
 * @v p			Destination
 * @v v			Value
 */
static void put32 ( uint8_t *p, uint32_t v ) {
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/** Xen 4.17's multiboot headers say what its head.S declares */
static void test_xen_headers ( void **state ) {
	struct mb_kernel k;
	size_t len;
	uint8_t *xen = helper_read_file ( XEN_ELF, &len );

	( void )state;
	if ( !xen )
		skip ();
	assert_int_equal ( mb_parse_headers ( xen, len, &k ), 0 );
	assert_true ( k.has_mb1 );
	assert_true ( k.has_mb2 );
	assert_int_equal ( k.mb1_flags,
	                   MB1_FLAG_PAGE_ALIGN | MB1_FLAG_MEMORY_INFO );
	assert_true ( k.mb2_relocatable );
	assert_int_equal ( k.mb2_reloc_min, 0x200000 );
	assert_int_equal ( k.mb2_reloc_max, 0xffffffff );
	assert_int_equal ( k.mb2_reloc_align, 0x200000 );
	assert_int_equal ( k.mb2_reloc_pref, MB2_RELOC_HIGH );
	assert_true ( k.mb2_efi_bs );
	assert_true ( k.mb2_module_align );
	assert_true ( k.mb2_has_efi64_entry );
	assert_false ( k.mb2_has_entry );
	assert_false ( k.mb2_has_address );
	/* Xen requires basic meminfo and the memory map */
	assert_true ( k.mb2_required & ( 1U << MB2_TAG_BASIC_MEMINFO ) );
	assert_true ( k.mb2_required & ( 1U << MB2_TAG_MMAP ) );
	free ( xen );
}

/** Xen's segments equal what readelf reports for the same file */
static void test_xen_elf_vs_readelf ( void **state ) {
	struct elf_image elf;
	unsigned long long off, va, pa, fsz, msz;
	char line[256], type[32];
	unsigned int loads = 0;
	size_t len;
	uint8_t *xen = helper_read_file ( XEN_ELF, &len );
	FILE *p;

	( void )state;
	if ( !xen )
		skip ();
	assert_int_equal ( elf_parse ( xen, len, &elf ), 0 );
	assert_int_equal ( elf.bits, 32 );
	p = popen ( "readelf -lW " XEN_ELF, "r" );
	assert_non_null ( p );
	while ( fgets ( line, sizeof ( line ), p ) ) {
		if ( sscanf ( line, " %31s %llx %llx %llx %llx %llx", type,
		              &off, &va, &pa, &fsz, &msz ) != 6 ||
		     strcmp ( type, "LOAD" ) != 0 )
			continue;
		assert_true ( loads < elf.count );
		assert_int_equal ( elf.segments[loads].offset, off );
		assert_int_equal ( elf.segments[loads].paddr, pa );
		assert_int_equal ( elf.segments[loads].filesz, fsz );
		assert_int_equal ( elf.segments[loads].memsz, msz );
		loads++;
	}
	pclose ( p );
	assert_int_equal ( loads, elf.count );
	assert_true ( elf_contains ( &elf, elf.entry ) );
	free ( xen );
}

/**
 * Build an image with a multiboot2 header
 *
 * @v buf		Buffer (at least 4096 bytes, zeroed)
 * @v offset		Header offset
 * @v tags		Tag bytes after the 16-byte header
 * @v tags_len		Their length
 */
static void make_mb2 ( uint8_t *buf, size_t offset, const uint8_t *tags,
                       size_t tags_len ) {
	uint32_t len = 16 + tags_len;

	put32 ( buf + offset, MB2_HEADER_MAGIC );
	put32 ( buf + offset + 4, 0 );
	put32 ( buf + offset + 8, len );
	put32 ( buf + offset + 12, ( uint32_t ) - ( MB2_HEADER_MAGIC + len ) );
	memcpy ( buf + offset + 16, tags, tags_len );
}

/** END tag */
static const uint8_t tag_end[] = { 0, 0, 0, 0, 8, 0, 0, 0 };

/** A minimal multiboot2 header is found at an 8-aligned offset */
static void test_mb2_minimal ( void **state ) {
	uint8_t buf[4096] = { 0 };
	struct mb_kernel k;

	( void )state;
	make_mb2 ( buf, 1024, tag_end, sizeof ( tag_end ) );
	assert_int_equal ( mb_parse_headers ( buf, sizeof ( buf ), &k ), 0 );
	assert_true ( k.has_mb2 );
	assert_int_equal ( k.mb2_offset, 1024 );
	assert_false ( k.has_mb1 );
}

/** Headers at unaligned offsets or with bad checksums are not headers */
static void test_mb_not_found ( void **state ) {
	uint8_t buf[4096] = { 0 };
	struct mb_kernel k;

	( void )state;
	make_mb2 ( buf, 1028, tag_end, sizeof ( tag_end ) );
	assert_int_equal ( mb_parse_headers ( buf, sizeof ( buf ), &k ),
	                   -XENOEXEC );
	memset ( buf, 0, sizeof ( buf ) );
	make_mb2 ( buf, 1024, tag_end, sizeof ( tag_end ) );
	buf[1024 + 12] ^= 1;
	assert_int_equal ( mb_parse_headers ( buf, sizeof ( buf ), &k ),
	                   -XENOEXEC );
	/* An MB1 header must lie wholly in the first 8 KiB */
	{
		static uint8_t big[16384];

		put32 ( big + 8192, MB1_HEADER_MAGIC );
		put32 ( big + 8196, 0 );
		put32 ( big + 8200, ( uint32_t )-MB1_HEADER_MAGIC );
		assert_int_equal ( mb_parse_headers ( big, sizeof ( big ), &k ),
		                   -XENOEXEC );
		put32 ( big + 8180, MB1_HEADER_MAGIC );
		put32 ( big + 8184, 0 );
		put32 ( big + 8188, ( uint32_t )-MB1_HEADER_MAGIC );
		assert_int_equal ( mb_parse_headers ( big, sizeof ( big ), &k ),
		                   0 );
		assert_int_equal ( k.mb1_offset, 8180 );
	}
}

/** Damaged or unsupported multiboot2 tags are refused */
static void test_mb2_bad_tags ( void **state ) {
	uint8_t buf[4096];
	struct mb_kernel k;
	/* A required framebuffer tag: cannot be honoured */
	static const uint8_t fb[] = { 5, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0,
	                              0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0,
	                              0, 0, 0, 0, 0,  0, 8, 0, 0, 0 };
	/* The same tag, optional: fine */
	static const uint8_t fb_opt[] = { 5, 0, 1, 0, 20, 0, 0, 0, 0, 0, 0,
	                                  0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0,
	                                  0, 0, 0, 0, 0,  0, 8, 0, 0, 0 };
	/* A tag whose size runs past the header */
	static const uint8_t huge[] = { 3, 0, 0, 0, 0, 1, 0, 0,
	                                0, 0, 0, 0, 8, 0, 0, 0 };
	/* No END tag */
	static const uint8_t noend[] = { 6, 0, 0, 0, 8, 0, 0, 0 };
	/* Relocatable with a non-power-of-two alignment */
	static const uint8_t reloc[] = { 10, 0, 0,    0, 24,   0,    0,    0,
	                                 0,  0, 0x20, 0, 0xff, 0xff, 0xff, 0xff,
	                                 0,  0, 0x30, 0, 2,    0,    0,    0,
	                                 0,  0, 0,    0, 8,    0,    0,    0 };
	/* An unknown required information type */
	static const uint8_t info[] = { 1, 0, 0, 0, 12, 0, 0, 0, 99, 0, 0, 0,
	                                0, 0, 0, 0, 0,  0, 0, 0, 8,  0, 0, 0 };

	( void )state;
	memset ( buf, 0, sizeof ( buf ) );
	make_mb2 ( buf, 0, fb, sizeof ( fb ) );
	assert_int_equal ( mb_parse_headers ( buf, sizeof ( buf ), &k ),
	                   -XEMBTAG );
	memset ( buf, 0, sizeof ( buf ) );
	make_mb2 ( buf, 0, fb_opt, sizeof ( fb_opt ) );
	assert_int_equal ( mb_parse_headers ( buf, sizeof ( buf ), &k ), 0 );
	assert_true ( k.mb2_has_framebuffer );
	memset ( buf, 0, sizeof ( buf ) );
	make_mb2 ( buf, 0, huge, sizeof ( huge ) );
	assert_int_equal ( mb_parse_headers ( buf, sizeof ( buf ), &k ),
	                   -XEMBHDR );
	memset ( buf, 0, sizeof ( buf ) );
	make_mb2 ( buf, 0, noend, sizeof ( noend ) );
	assert_int_equal ( mb_parse_headers ( buf, sizeof ( buf ), &k ),
	                   -XEMBHDR );
	memset ( buf, 0, sizeof ( buf ) );
	make_mb2 ( buf, 0, reloc, sizeof ( reloc ) );
	assert_int_equal ( mb_parse_headers ( buf, sizeof ( buf ), &k ),
	                   -XEMBHDR );
	memset ( buf, 0, sizeof ( buf ) );
	make_mb2 ( buf, 0, info, sizeof ( info ) );
	assert_int_equal ( mb_parse_headers ( buf, sizeof ( buf ), &k ),
	                   -XEMBTAG );
	/* A header longer than the file */
	memset ( buf, 0, sizeof ( buf ) );
	make_mb2 ( buf, 4096 - 16, tag_end, 0 );
	put32 ( buf + 4096 - 8, 64 );
	put32 ( buf + 4096 - 4, ( uint32_t ) - ( MB2_HEADER_MAGIC + 64 ) );
	assert_int_equal ( mb_parse_headers ( buf, sizeof ( buf ), &k ),
	                   -XEMBHDR );
}

/**
 * Build a minimal ELF32 executable with one segment
 *
 * @v buf		Buffer (zeroed, at least 256 bytes)
 * @v paddr		Segment load address
 * @v filesz		Bytes in the file
 * @v memsz		Bytes in memory
 */
static void make_elf32 ( uint8_t *buf, uint32_t paddr, uint32_t filesz,
                         uint32_t memsz ) {
	memcpy ( buf, "\177ELF\1\1\1", 7 );
	buf[16] = 2; /* ET_EXEC */
	buf[18] = 3; /* EM_386 */
	put32 ( buf + 24, paddr );
	put32 ( buf + 28, 52 ); /* e_phoff */
	buf[42] = 32;           /* e_phentsize */
	buf[44] = 1;            /* e_phnum */
	put32 ( buf + 52, 1 );  /* PT_LOAD */
	put32 ( buf + 56, 128 );
	put32 ( buf + 64, paddr );
	put32 ( buf + 68, filesz );
	put32 ( buf + 72, memsz );
}

/** Crafted ELF files: loaded exactly, and every bad field refused */
static void test_elf_crafted ( void **state ) {
	uint8_t buf[256], dest[512];
	struct elf_image elf;
	unsigned int i;

	( void )state;
	memset ( buf, 0, sizeof ( buf ) );
	make_elf32 ( buf, 0x300000, 64, 300 );
	for ( i = 0; i < 64; i++ )
		buf[128 + i] = i + 1;
	assert_int_equal ( elf_parse ( buf, sizeof ( buf ), &elf ), 0 );
	assert_int_equal ( elf.low, 0x300000 );
	assert_int_equal ( elf.high, 0x300000 + 300 );
	memset ( dest, 0xaa, sizeof ( dest ) );
	elf_load ( &elf, buf, dest );
	for ( i = 0; i < 64; i++ )
		assert_int_equal ( dest[i], i + 1 );
	for ( ; i < 300; i++ )
		assert_int_equal ( dest[i], 0 );
	assert_int_equal ( dest[300], 0xaa );

	/* Segment past the end of the file */
	make_elf32 ( buf, 0x300000, 200, 300 );
	assert_int_equal ( elf_parse ( buf, sizeof ( buf ), &elf ), -XEELFSEG );
	/* Below 1 MiB */
	make_elf32 ( buf, 0x8000, 64, 64 );
	assert_int_equal ( elf_parse ( buf, sizeof ( buf ), &elf ), -XEELFSEG );
	/* Crossing 4 GiB */
	make_elf32 ( buf, 0xfffff000, 64, 0x2000 );
	assert_int_equal ( elf_parse ( buf, sizeof ( buf ), &elf ), -XEELFSEG );
	/* filesz > memsz */
	make_elf32 ( buf, 0x300000, 64, 32 );
	assert_int_equal ( elf_parse ( buf, sizeof ( buf ), &elf ), -XEELFSEG );
	/* Program headers past the end */
	make_elf32 ( buf, 0x300000, 64, 64 );
	buf[44] = 200;
	assert_int_equal ( elf_parse ( buf, sizeof ( buf ), &elf ),
	                   -XEELFPHDR );
	/* Not an executable, wrong machine, not ELF, truncated */
	make_elf32 ( buf, 0x300000, 64, 64 );
	buf[16] = 3;
	assert_int_equal ( elf_parse ( buf, sizeof ( buf ), &elf ), -XEELFHDR );
	buf[16] = 2;
	buf[18] = 40;
	assert_int_equal ( elf_parse ( buf, sizeof ( buf ), &elf ), -XEELFHDR );
	assert_int_equal ( elf_parse ( "MZ", 2, &elf ), -XEELFHDR );
	buf[18] = 3;
	assert_int_equal ( elf_parse ( buf, 40, &elf ), -XEELFHDR );
}

/**
 * Main entry
 *
 * @ret status		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_xen_headers ),
	        cmocka_unit_test ( test_xen_elf_vs_readelf ),
	        cmocka_unit_test ( test_mb2_minimal ),
	        cmocka_unit_test ( test_mb_not_found ),
	        cmocka_unit_test ( test_mb2_bad_tags ),
	        cmocka_unit_test ( test_elf_crafted ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
