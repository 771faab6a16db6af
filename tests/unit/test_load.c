/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests: the whole load path on a fake platform
 *
 * A fake platform keeps "physical" memory in a pool mapped at a low fixed
 * address of this process, so that physical addresses are pointers below
 * 4 GiB as on the firmware carriers.  Debian's xen.gz is loaded with
 * modules laid out as iPXE lays out the initrd area; the fake boot()
 * then decodes the information structure that was built and checks it
 * against what was asked for: every tag, every module's bytes and
 * alignment, the kernel's bytes at its load address, the entry point.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>
#include "helper_files.h"
#include "helper_platform.h"
#include <xenmb/elf.h>
#include <xenmb/errors.h>
#include <xenmb/load.h>
#include <xenmb/xenboot.h>
#include <xenmb/multiboot.h>
#include <xenmb/options.h>

/** Pool of fake physical memory */
#define POOL_BASE 0x100000UL
#define POOL_SIZE ( 256UL * 1024 * 1024 )

/** Files start at 64 MiB, like iPXE's initrd block high in memory */
#define FILES_BASE ( POOL_BASE + 64UL * 1024 * 1024 )

/** The fake platform */
struct fake_plat {
	/** The shared fake platform (first, so that the pointers convert) */
	struct helper_plat hp;
	/** What boot() saw and checked */
	struct handoff handoff;
	int booted;
	/** Test hook run inside boot() */
	void ( *check ) ( struct fake_plat *fake );
};

/** The uncompressed Xen, for comparing the loaded image */
static uint8_t *xen_elf;
static size_t xen_elf_len;
static uint8_t *xen_gz;
static size_t xen_gz_len;

/**
 * Fail the test on a misuse of the platform
 *
 * @v what		What the loader did wrong
 */
static void fake_misuse ( const char *what ) {
	fail_msg ( "%s", what );
}

/**
 * Capture the handoff and run the test's checks
 *
 * @v plat		Platform
 * @v handoff		Handoff
 * @ret rc		Always fails (so that the loader cleans up)
 */
static int fake_boot ( struct platform *plat, const struct handoff *handoff ) {
	struct fake_plat *fake = ( struct fake_plat * )plat;

	fake->handoff = *handoff;
	fake->booted = 1;
	if ( fake->check )
		fake->check ( fake );
	return -XENOTSUP;
}

/**
 * Add a file the way iPXE lays out its initrd area
 *
 * @v fake		Fake platform
 * @v name		Name
 * @v data		Contents
 * @v len		Length
 * @v header		Bytes of cpio header before the data (0: raw)
 * @ret file		The file
 */
static struct xfile *fake_add_file ( struct fake_plat *fake, const char *name,
                                     const void *data, size_t len,
                                     size_t header ) {
	struct xfile *file;

	file = helper_plat_add_file ( &fake->hp, name, data, len, header );
	assert_non_null ( file );
	return file;
}

/**
 * Set up a fake platform
 *
 * @v fake		Fake platform
 * @v name		"bios" or "efi"
 */
static void fake_init ( struct fake_plat *fake, const char *name ) {
	memset ( fake, 0, sizeof ( *fake ) );
	fake->hp.misuse = fake_misuse;
	helper_plat_init ( &fake->hp, name, POOL_BASE, POOL_SIZE, FILES_BASE );
	fake->hp.plat.boot = fake_boot;
}

/** Contents of the fake modules */
static uint8_t mod_data[10][20000];

/** The command line of the current test, and the expected strings */
static char cmdline[4096];
static const char *expect_xen_args;
static const char *expect_mod_args[10];
static unsigned int expect_mods;
static unsigned int expect_released;

/**
 * Fill the fake modules with recognisable bytes
 */
static void fill_modules ( void ) {
	unsigned int i, j;

	for ( i = 0; i < 10; i++ )
		for ( j = 0; j < sizeof ( mod_data[i] ); j++ )
			mod_data[i][j] = ( uint8_t )( i * 31 + j * 7 );
}

/**
 * Check that the kernel image is in place
 *
 * @v fake		Fake platform
 * @v load_phys		Where the kernel should be
 */
static void check_kernel_bytes ( uint64_t load_phys ) {
	struct elf_image elf;
	unsigned int i;

	assert_int_equal ( elf_parse ( xen_elf, xen_elf_len, &elf ), 0 );
	for ( i = 0; i < elf.count; i++ ) {
		const struct elf_segment *seg = &elf.segments[i];
		uint8_t *dest =
		        ( uint8_t * )( uintptr_t )( load_phys + seg->paddr -
		                                    elf.low );

		assert_memory_equal ( dest, xen_elf + seg->offset,
		                      seg->filesz );
	}
}

/**
 * Check a module string "NAME ARGS"
 *
 * @v str		String found
 * @v index		Module index
 */
static void check_module_string ( const char *str, unsigned int index ) {
	char expect[2048];

	if ( expect_mod_args[index] && *expect_mod_args[index] )
		snprintf ( expect, sizeof ( expect ), "mod%u %s", index,
		           expect_mod_args[index] );
	else
		snprintf ( expect, sizeof ( expect ), "mod%u", index );
	assert_string_equal ( str, expect );
}

/**
 * Decode and check a multiboot2 information structure
 *
 * @v fake		Fake platform
 */
static void check_mb2 ( struct fake_plat *fake ) {
	const uint8_t *mbi = ( const uint8_t * )( uintptr_t )fake->handoff.info;
	const struct mb2_info_header *hdr = ( const void * )mbi;
	int efi = ( strcmp ( fake->hp.plat.name, "efi" ) == 0 );
	uint32_t offset = sizeof ( *hdr ), load_base = 0;
	unsigned int mods = 0, seen_end = 0, seen_mmap = 0, seen_efi = 0;
	char expect[2048];

	assert_int_equal ( fake->handoff.magic, MB2_BOOT_MAGIC );
	assert_int_equal ( fake->handoff.info & 7, 0 );
	assert_int_equal ( fake->handoff.mode,
	                   efi ? HANDOFF_EFI64 : HANDOFF_I386 );
	while ( offset < hdr->total_size ) {
		const struct mb2_tag *tag = ( const void * )( mbi + offset );
		const uint8_t *body = mbi + offset + sizeof ( *tag );

		assert_true ( tag->size >= 8 );
		assert_true ( offset + tag->size <= hdr->total_size );
		switch ( tag->type ) {
		case MB2_TAG_CMDLINE:
			snprintf ( expect, sizeof ( expect ), "xen.gz%s%s",
			           *expect_xen_args ? " " : "",
			           expect_xen_args );
			assert_string_equal ( ( const char * )body, expect );
			break;
		case MB2_TAG_BOOT_LOADER_NAME:
			assert_memory_equal ( body, "xenmb", 5 );
			/* Xen must not take us for GRUB 2 */
			assert_null ( strstr ( ( const char * )body, "GRUB" ) );
			break;
		case MB2_TAG_MODULE: {
			uint32_t start, end;

			memcpy ( &start, body, 4 );
			memcpy ( &end, body + 4, 4 );
			assert_int_equal ( start & 4095, 0 );
			assert_int_equal ( end - start,
			                   sizeof ( mod_data[0] ) );
			assert_memory_equal ( ( void * )( uintptr_t )start,
			                      mod_data[mods],
			                      sizeof ( mod_data[0] ) );
			check_module_string ( ( const char * )body + 8, mods );
			mods++;
			break;
		}
		case MB2_TAG_MMAP: {
			const struct mb2_mmap_entry *e =
			        ( const void * )( body + 8 );
			uint32_t entry_size;

			memcpy ( &entry_size, body, 4 );
			assert_int_equal ( entry_size, 24 );
			assert_int_equal ( ( tag->size - 16 ) / 24, 4 );
			assert_int_equal ( e[2].base_addr, 0x100000 );
			assert_int_equal ( e[2].length, POOL_SIZE );
			assert_int_equal ( e[1].type, 2 );
			seen_mmap = 1;
			break;
		}
		case MB2_TAG_BASIC_MEMINFO: {
			uint32_t v[2];

			memcpy ( v, body, 8 );
			assert_int_equal ( v[0], 0x9fc00 / 1024 );
			assert_int_equal ( v[1], POOL_SIZE / 1024 );
			break;
		}
		case MB2_TAG_LOAD_BASE_ADDR:
			memcpy ( &load_base, body, 4 );
			break;
		case MB2_TAG_EFI64: {
			uint64_t v;

			memcpy ( &v, body, 8 );
			assert_int_equal ( v, fake->hp.plat.efi_system_table );
			seen_efi |= 1;
			break;
		}
		case MB2_TAG_EFI64_IH: {
			uint64_t v;

			memcpy ( &v, body, 8 );
			assert_int_equal ( v, fake->hp.plat.efi_image_handle );
			seen_efi |= 2;
			break;
		}
		case MB2_TAG_EFI_BS:
			seen_efi |= 4;
			break;
		case MB2_TAG_END:
			seen_end = 1;
			break;
		default:
			fail_msg ( "unexpected tag %u", tag->type );
		}
		offset += ( tag->size + 7 ) & ~7U;
	}
	assert_true ( seen_end );
	assert_int_equal ( mods, expect_mods );
	/* With boot services kept there is no memory map; else there is */
	assert_int_equal ( seen_mmap, !efi );
	assert_int_equal ( seen_efi, efi ? 7 : 0 );
	/* Relocated to a 2 MiB boundary, high, and the entry follows */
	assert_true ( load_base != 0 );
	assert_int_equal ( load_base & 0x1fffff, 0 );
	assert_true ( load_base > 0x200000 );
	check_kernel_bytes ( load_base );
	if ( !efi )
		assert_int_equal ( fake->handoff.entry, load_base );
	else
		assert_true ( fake->handoff.entry > load_base );
}

/**
 * Decode and check a multiboot1 information structure
 *
 * @v fake		Fake platform
 */
static void check_mb1 ( struct fake_plat *fake ) {
	const struct mb1_info *info =
	        ( const void * )( uintptr_t )fake->handoff.info;
	const struct mb1_module *mods;
	const struct mb1_mmap_entry *mmap;
	char expect[2048];
	unsigned int i;

	assert_int_equal ( fake->handoff.magic, MB1_BOOT_MAGIC );
	assert_int_equal ( fake->handoff.mode, HANDOFF_I386 );
	assert_int_equal ( fake->handoff.entry, 0x200000 );
	assert_int_equal ( info->flags & 0x24d, 0x24d );
	snprintf ( expect, sizeof ( expect ), "xen.gz%s%s",
	           *expect_xen_args ? " " : "", expect_xen_args );
	assert_string_equal ( ( const char * )( uintptr_t )info->cmdline,
	                      expect );
	assert_memory_equal (
	        ( const char * )( uintptr_t )info->boot_loader_name, "xenmb",
	        5 );
	assert_int_equal ( info->mem_lower, 0x9fc00 / 1024 );
	assert_int_equal ( info->mem_upper, POOL_SIZE / 1024 );
	assert_int_equal ( info->mods_count, expect_mods );
	mods = ( const void * )( uintptr_t )info->mods_addr;
	for ( i = 0; i < info->mods_count; i++ ) {
		assert_int_equal ( mods[i].mod_start & 4095, 0 );
		assert_memory_equal ( ( void * )( uintptr_t )mods[i].mod_start,
		                      mod_data[i], sizeof ( mod_data[i] ) );
		check_module_string (
		        ( const char * )( uintptr_t )mods[i].string, i );
	}
	assert_int_equal ( info->mmap_length, 4 * sizeof ( *mmap ) );
	mmap = ( const void * )( uintptr_t )info->mmap_addr;
	assert_int_equal ( mmap[0].size, 20 );
	assert_int_equal ( mmap[3].base_addr, 0xfffc0000 );
	check_kernel_bytes ( 0x200000 );
}

/**
 * Run the loader with a command line over the fake platform
 *
 * @v fake		Fake platform (files added)
 * @v line		Command line
 * @ret rc		What load_and_boot() returned
 */
static int run_loader ( struct fake_plat *fake, const char *line ) {
	static struct xenmb_options opts;
	unsigned int before = fake->hp.file_count;
	int rc;

	snprintf ( cmdline, sizeof ( cmdline ), "%s", line );
	options_init ( &opts );
	assert_int_equal ( cmdline_parse ( cmdline, &opts ), 0 );
	rc = load_and_boot ( &fake->hp.plat, &opts, NULL, NULL );
	/* Everything the loader allocated was given back, and the places
	 * of modules it moved out of the kernel's way were released */
	assert_int_equal ( fake->hp.used_count, before - expect_released );
	expect_released = 0;
	return rc;
}

/**
 * Set up the pool and the standard files
 *
 * @v fake		Fake platform
 * @v name		Platform name
 * @v count		Modules to add
 */
static void setup_files ( struct fake_plat *fake, const char *name,
                          unsigned int count ) {
	char modname[16];
	unsigned int i;

	fake_init ( fake, name );
	memset ( ( void * )POOL_BASE, 0, 64UL * 1024 * 1024 );
	fake_add_file ( fake, "xen.gz", xen_gz, xen_gz_len, 112 );
	for ( i = 0; i < count; i++ ) {
		snprintf ( modname, sizeof ( modname ), "mod%u", i );
		/* Alternate cpio-wrapped and raw page-aligned modules */
		fake_add_file ( fake, modname, mod_data[i],
		                sizeof ( mod_data[i] ),
		                ( i & 1 ) ? 0 : 112 + 4 * i );
	}
}

/** Multiboot2 on BIOS: relocated Xen, modules aligned in place */
static void test_load_mb2_bios ( void **state ) {
	static struct fake_plat fake;

	( void )state;
	if ( !xen_gz || !xen_elf )
		skip ();
	setup_files ( &fake, "bios", 2 );
	expect_xen_args = "console=com1 com1=115200,8n1 dom0_mem=512M";
	expect_mod_args[0] = "console=hvc0  root=/dev/ram0  x=\"y z\"";
	expect_mod_args[1] = "";
	expect_mods = 2;
	fake.check = check_mb2;
	assert_int_equal ( run_loader ( &fake,
	                                "xen.gz console=com1 com1=115200,8n1 "
	                                "dom0_mem=512M --- mod0 console=hvc0  "
	                                "root=/dev/ram0  x=\"y z\" --- mod1" ),
	                   -XENOTSUP );
	assert_true ( fake.booted );
	/* The cpio-wrapped module slid down onto its page, not moved */
	assert_int_equal ( fake.hp.files[1].phys, fake.hp.files[1].region );
}

/** Multiboot1: Xen at its fixed address, ten modules, long lines */
static void test_load_mb1_ten_modules ( void **state ) {
	static struct fake_plat fake;
	static char line[3000], xen_args[700], dom0_args[700];
	unsigned int i;
	size_t n;

	( void )state;
	if ( !xen_gz || !xen_elf )
		skip ();
	setup_files ( &fake, "bios", 10 );
	for ( i = 0, n = 0; n < 620; i++ )
		n += snprintf ( xen_args + n, sizeof ( xen_args ) - n,
		                "%sopt%u=%u", i ? " " : "", i, i * 7 );
	for ( i = 0, n = 0; n < 640; i++ )
		n += snprintf ( dom0_args + n, sizeof ( dom0_args ) - n,
		                "%sarg%u=v%u", i ? " " : "", i, i );
	n = snprintf ( line, sizeof ( line ), "--mb1 xen.gz %s --- mod0 %s",
	               xen_args, dom0_args );
	for ( i = 1; i < 10; i++ )
		n += snprintf ( line + n, sizeof ( line ) - n, " --- mod%u",
		                i );
	expect_xen_args = xen_args;
	expect_mod_args[0] = dom0_args;
	for ( i = 1; i < 10; i++ )
		expect_mod_args[i] = "";
	expect_mods = 10;
	fake.check = check_mb1;
	assert_int_equal ( run_loader ( &fake, line ), -XENOTSUP );
	assert_true ( fake.booted );
}

/** A module lying where a fixed-address Xen goes is moved, once */
static void test_load_mb1_overlap ( void **state ) {
	static struct fake_plat fake;
	struct xfile *victim;

	( void )state;
	if ( !xen_gz || !xen_elf )
		skip ();
	setup_files ( &fake, "bios", 1 );
	/* mod1 sits inside Xen's fixed place (0x200000 onwards) */
	fake.hp.file_next = 0x300000;
	victim = fake_add_file ( &fake, "mod1", mod_data[1],
	                         sizeof ( mod_data[1] ), 112 );
	victim->region_free = 1;
	expect_xen_args = "";
	expect_mod_args[0] = "";
	expect_mod_args[1] = "";
	expect_mods = 2;
	fake.check = check_mb1;
	expect_released = 1;
	assert_int_equal (
	        run_loader ( &fake, "--mb1 xen.gz --- mod0 --- mod1" ),
	        -XENOTSUP );
	assert_true ( fake.booted );
	/* Without permission to free its place, it is refused instead */
	setup_files ( &fake, "bios", 1 );
	fake.hp.file_next = 0x300000;
	fake_add_file ( &fake, "mod1", mod_data[1], sizeof ( mod_data[1] ),
	                112 );
	fake.booted = 0;
	assert_int_equal (
	        run_loader ( &fake, "--mb1 xen.gz --- mod0 --- mod1" ),
	        -XEOVERLAP );
	assert_false ( fake.booted );
}

/** UEFI: the EFI amd64 entry with boot services kept */
static void test_load_mb2_efi ( void **state ) {
	static struct fake_plat fake;

	( void )state;
	if ( !xen_gz || !xen_elf )
		skip ();
	setup_files ( &fake, "efi", 2 );
	expect_xen_args = "";
	expect_mod_args[0] = "console=hvc0";
	expect_mod_args[1] = "";
	expect_mods = 2;
	fake.check = check_mb2;
	assert_int_equal ( run_loader ( &fake, "xen.gz --- mod0 console=hvc0 "
	                                       "--- mod1" ),
	                   -XENOTSUP );
	assert_true ( fake.booted );
}

/** Data after the gzip member is ignored, as gzip ignores it */
static void test_load_gzip_trailing ( void **state ) {
	static struct fake_plat fake;
	uint8_t *padded;

	( void )state;
	if ( !xen_gz || !xen_elf )
		skip ();
	setup_files ( &fake, "bios", 2 );
	padded = malloc ( xen_gz_len + 4096 );
	memcpy ( padded, xen_gz, xen_gz_len );
	/* The last four bytes no longer give the size */
	memset ( padded + xen_gz_len, 0xa5, 4096 );
	fake_add_file ( &fake, "padded.gz", padded, xen_gz_len + 4096, 0 );
	fake.check = NULL;
	fake.booted = 0;
	assert_int_equal ( run_loader ( &fake, "padded.gz --- mod0" ),
	                   -XENOTSUP );
	assert_true ( fake.booted );
	free ( padded );
}

/** Bad input never reaches boot(), and nothing stays allocated */
static void test_load_errors ( void **state ) {
	static struct fake_plat fake;
	static uint8_t bad[200000];
	uint8_t *copy;

	( void )state;
	if ( !xen_gz || !xen_elf )
		skip ();
	/* A missing module */
	setup_files ( &fake, "bios", 1 );
	assert_int_equal ( run_loader ( &fake, "xen.gz --- mod0 --- nope" ),
	                   -XENOENT );
	assert_false ( fake.booted );
	/* The same file twice */
	assert_int_equal ( run_loader ( &fake, "xen.gz --- mod0 --- mod0" ),
	                   -XEDUPNAME );
	/* A module given as Xen: not a multiboot kernel */
	memset ( bad, 0x11, sizeof ( bad ) );
	fake_add_file ( &fake, "notmb", bad, sizeof ( bad ), 0 );
	assert_int_equal ( run_loader ( &fake, "notmb --- mod0" ), -XENOEXEC );
	/* A corrupted xen.gz: one bit flipped in the middle */
	copy = malloc ( xen_gz_len );
	memcpy ( copy, xen_gz, xen_gz_len );
	copy[xen_gz_len / 2] ^= 0x10;
	fake_add_file ( &fake, "bad.gz", copy, xen_gz_len, 0 );
	{
		int rc = run_loader ( &fake, "bad.gz --- mod0" );

		assert_true ( rc == -XEGZDATA || rc == -XEGZCRC ||
		              rc == -XEGZSIZE );
	}
	/* A truncated xen.gz */
	fake_add_file ( &fake, "cut.gz", xen_gz, xen_gz_len / 3, 0 );
	{
		/* Cut short: the trailer's size is then garbage too */
		int rc = run_loader ( &fake, "cut.gz --- mod0" );

		assert_true ( rc == -XEGZTRUNC || rc == -XEGZSIZE );
	}
	/* A dom0 bzImage cut short */
	{
		static uint8_t bz[10752];

		memset ( bz, 0, sizeof ( bz ) );
		bz[0x1f1] = 4;
		bz[0x1f4] = 0x00;
		bz[0x1f5] = 0x02; /* 0x200 paragraphs: 8 KiB */
		bz[0x1fe] = 0x55;
		bz[0x1ff] = 0xaa;
		memcpy ( bz + 0x202, "HdrS", 4 );
		fake_add_file ( &fake, "bzcut", bz, 8192, 0 );
		assert_int_equal ( run_loader ( &fake, "xen.gz --- bzcut" ),
		                   -XETRUNC );
		/* Whole, the same header passes the check and boots */
		fake.check = NULL;
		fake_add_file ( &fake, "bzwhole", bz, sizeof ( bz ), 0 );
		assert_int_equal ( run_loader ( &fake, "xen.gz --- bzwhole" ),
		                   -XENOTSUP );
		assert_true ( fake.booted );
		fake.booted = 0;
	}
	/* --mb1 on UEFI is refused */
	setup_files ( &fake, "efi", 1 );
	assert_int_equal ( run_loader ( &fake, "--mb1 xen.gz --- mod0" ),
	                   -XENOTSUP );
	/* A checksum that does not match */
	assert_int_equal (
	        run_loader ( &fake,
	                     "xen.gz@sha256:"
	                     "00000000000000000000000000000000"
	                     "00000000000000000000000000000000 --- mod0" ),
	        -XESHA256 );
	assert_false ( fake.booted );
	free ( copy );
}

/**
 * Map the fake physical pool
 *
 * @v state		Unused
 * @ret rc		0
 */
static int setup_pool ( void **state ) {
	void *pool;

	( void )state;
	pool = helper_pool_map ( POOL_BASE, POOL_SIZE );
	if ( !pool ) {
		print_message ( "cannot map the fake pool; skipping\n" );
		xen_gz = NULL;
		return 0;
	}
	xen_gz = helper_read_file ( "/var/cache/xenmb/xen-4.17-amd64.gz",
	                            &xen_gz_len );
	xen_elf = helper_read_file ( "/var/cache/xenmb/xen-4.17-amd64",
	                             &xen_elf_len );
	fill_modules ();
	return 0;
}

/**
 * Free the files read at setup
 *
 * @v state		Unused
 * @ret rc		0
 */
static int teardown_pool ( void **state ) {
	( void )state;
	free ( xen_gz );
	free ( xen_elf );
	return 0;
}

/**
 * Main entry
 *
 * @ret status		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_load_mb2_bios ),
	        cmocka_unit_test ( test_load_mb1_ten_modules ),
	        cmocka_unit_test ( test_load_mb1_overlap ),
	        cmocka_unit_test ( test_load_mb2_efi ),
	        cmocka_unit_test ( test_load_gzip_trailing ),
	        cmocka_unit_test ( test_load_errors ),
	};

	return cmocka_run_group_tests ( tests, setup_pool, teardown_pool );
}
