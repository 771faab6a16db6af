/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the whole load path (load.c) on a fake platform
 *
 * "Physical" memory is a pool mapped at a low fixed address of this
 * process, as on the firmware carriers.  The whole pool is poisoned for
 * AddressSanitizer; only the files and what the loader allocates are
 * unpoisoned, so any read or write outside them stops the run.
 *
 * The input describes one boot:
 *
 *   byte		flags: 1 UEFI platform, 2 quiet, 4 an RSDP
 *   36 bytes		the RSDP image (only with flag 4)
 *   byte		number of module files (0-7)
 *   per file		u16 length, u8 cpio header bytes, then the contents
 *   string		the command line (NUL-terminated)
 *   rest		the hypervisor image, served as "xen.gz"
 *
 * Module files are named m0, m1, ...  boot() is the judge: it is only
 * reached if the hypervisor independently decodes (gzip_inflate when
 * gzipped), parses as ELF and has a multiboot header; the information
 * structure it is handed must decode and name every module with its
 * exact bytes, page aligned, and carry the RSDP (ACPI 1.0 or 2.0 tag, as
 * its revision says, its length clamped to 20..36) when there is one.
 * After load_and_boot() returns, everything the loader allocated must
 * have been freed.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sanitizer/asan_interface.h>
#include <xenmb/elf.h>
#include <xenmb/errors.h>
#include <xenmb/inflate.h>
#include <xenmb/load.h>
#include <xenmb/xenboot.h>
#include <xenmb/multiboot.h>
#include <xenmb/options.h>
#include "fuzz_input.h"
#include "helper_platform.h"

/** The fake physical pool */
#define POOL_BASE 0x100000ULL
#define POOL_SIZE ( 64ULL * 1024 * 1024 )

/** Where the files go (iPXE puts its initrd block high) */
#define FILES_BASE ( POOL_BASE + 48ULL * 1024 * 1024 )

/** Where the fake firmware's RSDP lives (outside the pool) */
#define FUZZ_RSDP_ADDR 0xf5a40ULL

/** Bytes of RSDP image given (ACPI 2.0 size) */
#define FUZZ_RSDP_LEN 36

/** Most module files */
#define FUZZ_MAX_FILES 8

/** Longest command line */
#define FUZZ_CMDLINE_MAX 512

/** The fake platform */
struct fuzz_plat {
	/** The shared fake platform (files: xen.gz first, then the
	 * modules; first, so that the pointers convert) */
	struct helper_plat hp;
	/** The RSDP image, when plat.rsdp is set */
	uint8_t rsdp[FUZZ_RSDP_LEN];
	/** The parsed options (for the judge) */
	const struct xenmb_options *opts;
	/** Calls to boot() */
	unsigned int booted;
};

/**
 * Map the pool once and silence the loader's messages
 *
 * @v argc		Argument count
 * @v argv		Arguments
 * @ret rc		0
 */
int LLVMFuzzerInitialize ( int *argc, char ***argv ) {
	void *pool;

	( void )argc;
	( void )argv;
	pool = helper_pool_map ( POOL_BASE, POOL_SIZE );
	if ( !pool ) {
		fprintf ( stderr, "fuzz_load: cannot map the pool at 0x%llx\n",
		          POOL_BASE );
		abort ();
	}
	ASAN_POISON_MEMORY_REGION ( pool, POOL_SIZE );
	if ( !getenv ( "FUZZ_VERBOSE" ) &&
	     !freopen ( "/dev/null", "w", stdout ) )
		abort ();
	return 0;
}

/**
 * Poison a range of the pool that becomes free, unpoison one taken
 *
 * @v hp		Fake platform
 * @v start		Start
 * @v size		Size
 * @v owner		New owner
 */
static void fuzz_mark ( struct helper_plat *hp, uint64_t start, uint64_t size,
                        enum helper_owner owner ) {
	void *ptr = phys_to_virt ( start );

	( void )hp;
	if ( owner != HELPER_FREE )
		ASAN_UNPOISON_MEMORY_REGION ( ptr, size );
	else
		ASAN_POISON_MEMORY_REGION ( ptr, size );
}

/**
 * Stop on a misuse of the platform (the sanitizers report where)
 *
 * @v what		What was wrong
 */
static void fuzz_misuse ( const char *what ) {
	( void )what;
	abort ();
}

/**
 * Check that the hypervisor file is a kernel that should be started
 *
 * @v fake		Fake platform
 * @v mb2		Nonzero if it is handed over with multiboot2
 *
 * Multiboot2 is used when the kernel has its header, unless --mb1 asks
 * for multiboot1, which then needs a multiboot1 header.
 */
static void fuzz_judge_kernel ( struct fuzz_plat *fake, int mb2 ) {
	const uint8_t *image = fake->hp.orig[0];
	size_t len = fake->hp.orig_len[0];
	struct mb_kernel kernel;
	struct elf_image elf;
	uint8_t *unpacked = NULL;
	uint32_t declared;
	size_t out_len;
	size_t bound;

	if ( gzip_detect ( image, len ) ) {
		/*
		 * Room for anything deflate can produce from this input: the
		 * trailer's size is not trusted (data after the gzip member,
		 * which gzip ignores, makes the last four bytes something
		 * else), as the loader does not trust it either
		 */
		bound = ( len * 1032 ) + 64;
		if ( ( gzip_declared_size ( image, len, &declared ) != 0 ) ||
		     !( unpacked = malloc ( bound ) ) ||
		     ( gzip_inflate ( image, len, unpacked, bound, &out_len ) !=
		       0 ) )
			abort ();
		image = unpacked;
		len = out_len;
	}
	if ( ( elf_parse ( image, len, &elf ) != 0 ) ||
	     ( mb_parse_headers ( image, len, &kernel ) != 0 ) )
		abort ();
	if ( mb2 ? ( fake->opts->mb1 || !kernel.has_mb2 )
	         : ( !kernel.has_mb1 ||
	             ( kernel.has_mb2 && !fake->opts->mb1 ) ) )
		abort ();
	free ( unpacked );
}

/**
 * Check one module handed over against the file it came from
 *
 * @v fake		Fake platform
 * @v index		Module index
 * @v start		Start address given to the kernel
 * @v end		End address given to the kernel
 * @v string		Module string given to the kernel
 */
static void fuzz_judge_module ( struct fuzz_plat *fake, unsigned int index,
                                uint32_t start, uint32_t end,
                                const char *string ) {
	const struct image_spec *spec = &fake->opts->modules[index];
	struct xfile *file;
	size_t name_len = strlen ( spec->name );

	if ( ( index >= fake->opts->module_count ) ||
	     !( file = helper_plat_file_find ( &fake->hp.plat, spec->name ) ) )
		abort ();
	if ( ( start & ( PAGE_SIZE - 1 ) ) || ( end < start ) ||
	     ( ( end - start ) != fake->hp.orig_len[file - fake->hp.files] ) )
		abort ();
	if ( memcmp ( phys_to_virt ( start ),
	              fake->hp.orig[file - fake->hp.files],
	              ( end - start ) ) != 0 )
		abort ();
	/* The module string starts with the module's name */
	if ( ( strncmp ( string, spec->name, name_len ) != 0 ) ||
	     ( ( string[name_len] != '\0' ) && ( string[name_len] != ' ' ) ) )
		abort ();
}

/**
 * Read the fake firmware's memory (only the RSDP is there)
 *
 * @v plat		Platform
 * @v addr		Address
 * @v buf		Buffer
 * @v len		Length
 * @ret rc		0, or -XEINVAL outside the RSDP image
 */
static int fuzz_phys_read ( struct platform *plat, uint64_t addr, void *buf,
                            size_t len ) {
	struct fuzz_plat *fake = ( struct fuzz_plat * )plat;

	if ( ( addr < FUZZ_RSDP_ADDR ) || ( len > FUZZ_RSDP_LEN ) ||
	     ( ( addr - FUZZ_RSDP_ADDR ) > ( FUZZ_RSDP_LEN - len ) ) )
		return -XEINVAL;
	memcpy ( buf, ( fake->rsdp + ( addr - FUZZ_RSDP_ADDR ) ), len );
	return 0;
}

/**
 * Check a multiboot2 ACPI tag against the RSDP image
 *
 * @v fake		Fake platform
 * @v type		MB2_TAG_ACPI_OLD or MB2_TAG_ACPI_NEW
 * @v tag		The tag
 * @v size		Its size
 */
static void fuzz_judge_acpi ( struct fuzz_plat *fake, uint32_t type,
                              const uint8_t *tag, uint32_t size ) {
	const uint8_t *rsdp = fake->rsdp;
	uint32_t len = fuzz_get_le ( ( rsdp + 20 ), 4 );

	if ( !fake->hp.plat.rsdp )
		abort ();
	if ( rsdp[15] < 2 ) {
		/* ACPI 1.0: the 20-byte RSDP */
		len = 20;
		if ( type != MB2_TAG_ACPI_OLD )
			abort ();
	} else {
		/* ACPI 2.0 and later: the length it gives, if sane */
		if ( ( len < 20 ) || ( len > FUZZ_RSDP_LEN ) )
			len = FUZZ_RSDP_LEN;
		if ( type != MB2_TAG_ACPI_NEW )
			abort ();
	}
	if ( ( size != ( 8 + len ) ) || ( memcmp ( ( tag + 8 ), rsdp, len ) ) )
		abort ();
}

/**
 * Decode a multiboot2 information structure and check every module
 *
 * @v fake		Fake platform
 * @v mbi		Information structure
 */
static void fuzz_judge_mb2 ( struct fuzz_plat *fake, const uint8_t *mbi ) {
	uint32_t total;
	uint32_t offset = 8;
	unsigned int mods = 0;
	unsigned int acpi = 0;
	uint32_t type;
	uint32_t size;
	uint32_t range[2];
	int ended = 0;

	memcpy ( &total, mbi, 4 );
	while ( ( !ended ) && ( ( offset + 8 ) <= total ) ) {
		memcpy ( &type, ( mbi + offset ), 4 );
		memcpy ( &size, ( mbi + offset + 4 ), 4 );
		if ( ( size < 8 ) || ( size > ( total - offset ) ) )
			abort ();
		if ( type == MB2_TAG_MODULE ) {
			if ( ( size < 17 ) ||
			     ( mbi[offset + size - 1] != '\0' ) )
				abort ();
			memcpy ( range, ( mbi + offset + 8 ), 8 );
			fuzz_judge_module (
			        fake, mods++, range[0], range[1],
			        ( const char * )( mbi + offset + 16 ) );
		} else if ( ( type == MB2_TAG_ACPI_OLD ) ||
		            ( type == MB2_TAG_ACPI_NEW ) ) {
			fuzz_judge_acpi ( fake, type, ( mbi + offset ), size );
			acpi++;
		} else if ( type == MB2_TAG_END ) {
			ended = 1;
		}
		offset += ( ( size + 7 ) & ~7U );
	}
	if ( ( !ended ) || ( mods != fake->opts->module_count ) ||
	     ( acpi != ( fake->hp.plat.rsdp ? 1 : 0 ) ) )
		abort ();
}

/**
 * Decode a multiboot1 information structure and check every module
 *
 * @v fake		Fake platform
 * @v info		Information structure
 */
static void fuzz_judge_mb1 ( struct fuzz_plat *fake,
                             const struct mb1_info *info ) {
	const struct mb1_module *mods;
	unsigned int i;

	if ( ( !( info->flags & MB1_INFO_MODS ) ) ||
	     ( info->mods_count != fake->opts->module_count ) )
		abort ();
	mods = phys_to_virt ( info->mods_addr );
	for ( i = 0; i < info->mods_count; i++ ) {
		fuzz_judge_module ( fake, i, mods[i].mod_start, mods[i].mod_end,
		                    phys_to_virt ( mods[i].string ) );
	}
}

/**
 * The judge: called where a carrier would jump into the kernel
 *
 * @v plat		Platform
 * @v handoff		Handoff
 * @ret rc		Always fails, so that the loader cleans up
 */
static int fuzz_boot ( struct platform *plat, const struct handoff *handoff ) {
	struct fuzz_plat *fake = ( ( struct fuzz_plat * )plat );

	fake->booted++;
	fuzz_judge_kernel ( fake, ( handoff->magic == MB2_BOOT_MAGIC ) );
	if ( ( !helper_plat_allocated ( &fake->hp, handoff->info, 8 ) ) ||
	     ( !helper_plat_allocated ( &fake->hp, handoff->entry, 1 ) ) )
		abort ();
	if ( handoff->magic != MB2_BOOT_MAGIC ) {
		if ( ( handoff->magic != MB1_BOOT_MAGIC ) ||
		     ( handoff->mode != HANDOFF_I386 ) )
			abort ();
		fuzz_judge_mb1 ( fake, phys_to_virt ( handoff->info ) );
	} else {
		if ( handoff->info & 7 )
			abort ();
		fuzz_judge_mb2 ( fake, phys_to_virt ( handoff->info ) );
	}
	return -XENOTSUP;
}

/**
 * Add a file the way iPXE lays out its initrd area; its place may be
 * given back
 *
 * @v fake		Fake platform
 * @v name		Name
 * @v data		Contents
 * @v len		Length
 * @v header		Bytes of cpio header before the data
 */
static void fuzz_add_file ( struct fuzz_plat *fake, const char *name,
                            const uint8_t *data, size_t len, size_t header ) {
	struct xfile *file;

	file = helper_plat_add_file ( &fake->hp, name, data, len, header );
	if ( file )
		file->region_free = 1;
}

/**
 * Set up the fake platform
 *
 * @v fake		Fake platform
 * @v efi		Nonzero for a UEFI platform
 */
static void fuzz_plat_init ( struct fuzz_plat *fake, int efi ) {
	memset ( fake, 0, sizeof ( *fake ) );
	fake->hp.mark = fuzz_mark;
	fake->hp.misuse = fuzz_misuse;
	helper_plat_init ( &fake->hp, ( efi ? "efi" : "bios" ), POOL_BASE,
	                   POOL_SIZE, FILES_BASE );
	fake->hp.plat.boot = fuzz_boot;
	fake->hp.plat.phys_read = fuzz_phys_read;
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static struct fuzz_plat fake;
	static struct xenmb_options opts;
	static char cmdline[FUZZ_CMDLINE_MAX];
	struct fuzz_input in;
	const uint8_t *contents;
	unsigned int flags;
	unsigned int count;
	unsigned int i;
	size_t header;
	size_t len;
	char name[8];
	int rc;

	fuzz_input_init ( &in, data, size );
	flags = fuzz_take ( &in, 1 );
	fuzz_plat_init ( &fake, ( flags & 1 ) );
	if ( flags & 4 ) {
		for ( i = 0; i < FUZZ_RSDP_LEN; i++ )
			fake.rsdp[i] = fuzz_take ( &in, 1 );
		fake.hp.plat.rsdp = FUZZ_RSDP_ADDR;
	}
	count = ( fuzz_take ( &in, 1 ) % FUZZ_MAX_FILES );
	fake.hp.file_count = 1;
	for ( i = 0; i < count; i++ ) {
		len = fuzz_take ( &in, 2 );
		header = ( fuzz_take ( &in, 1 ) * 4 );
		if ( len > in.size )
			len = in.size;
		contents = in.data;
		in.data += len;
		in.size -= len;
		snprintf ( name, sizeof ( name ), "m%u", i );
		fuzz_add_file ( &fake, name, contents, len, header );
	}
	fuzz_take_string ( &in, cmdline, sizeof ( cmdline ) );
	contents = fuzz_take_rest ( &in, &len );
	/* xen.gz is file 0, placed after the modules */
	count = fake.hp.file_count;
	fake.hp.file_count = 0;
	fuzz_add_file ( &fake, "xen.gz", contents, len, 112 );
	fake.hp.file_count = count;

	options_init ( &opts );
	if ( cmdline_parse ( cmdline, &opts ) != 0 )
		goto out;
	opts.quiet = ( flags & 2 );
	fake.opts = &opts;
	rc = load_and_boot ( &fake.hp.plat, &opts, NULL, NULL );

	/* It only returns on failure, and frees all it took */
	if ( ( rc == 0 ) || ( fake.booted > 1 ) ||
	     ( helper_plat_allocs ( &fake.hp ) != 0 ) )
		abort ();
out:
	helper_plat_clear ( &fake.hp );
	return 0;
}
