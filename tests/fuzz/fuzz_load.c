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
#include <sys/mman.h>
#include <xenmb/elf.h>
#include <xenmb/errors.h>
#include <xenmb/inflate.h>
#include <xenmb/load.h>
#include <xenmb/xenboot.h>
#include <xenmb/multiboot.h>
#include <xenmb/options.h>
#include "fuzz_input.h"

/** The fake physical pool */
#define POOL_BASE  0x100000ULL
#define POOL_SIZE  ( 64ULL * 1024 * 1024 )
#define POOL_PAGES ( POOL_SIZE / PAGE_SIZE )

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

/** Most allocations tracked */
#define FUZZ_MAX_ALLOCS 64

/** One allocation */
struct fuzz_alloc {
	uint64_t start;
	uint64_t size;
};

/** The fake platform */
struct fuzz_plat {
	struct platform plat;
	/** Page owner: 0 free, 1 file, 2 allocated */
	uint8_t page[POOL_PAGES];
	/** Live allocations */
	struct fuzz_alloc alloc[FUZZ_MAX_ALLOCS];
	unsigned int alloc_count;
	/** Files: xen.gz first, then the modules */
	struct xfile files[FUZZ_MAX_FILES + 1];
	unsigned int file_count;
	/** Original contents of each file, to compare with what is handed over */
	const uint8_t *orig[FUZZ_MAX_FILES + 1];
	size_t orig_len[FUZZ_MAX_FILES + 1];
	/** Next free address for files */
	uint64_t file_next;
	/** Memory map */
	struct memmap_entry map[3];
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
	pool = mmap ( ( void * )( uintptr_t )POOL_BASE, POOL_SIZE,
	              ( PROT_READ | PROT_WRITE ),
	              ( MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE ), -1,
	              0 );
	if ( pool != ( void * )( uintptr_t )POOL_BASE ) {
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
 * Mark pages of the pool as owned or free
 *
 * @v fake		Fake platform
 * @v start		Start (page aligned)
 * @v size		Size (page multiple)
 * @v owner		0 free, 1 file, 2 allocated
 */
static void fuzz_mark ( struct fuzz_plat *fake, uint64_t start, uint64_t size,
                        uint8_t owner ) {
	void *ptr = phys_to_virt ( start );

	memset ( &fake->page[( start - POOL_BASE ) / PAGE_SIZE], owner,
	         ( size / PAGE_SIZE ) );
	if ( owner )
		ASAN_UNPOISON_MEMORY_REGION ( ptr, size );
	else
		ASAN_POISON_MEMORY_REGION ( ptr, size );
}

/**
 * Find the first owned page in a range of the pool
 *
 * @v fake		Fake platform
 * @v start		Start (page aligned, inside the pool)
 * @v size		Size (page multiple, inside the pool)
 * @ret used		Address of the first owned page, or 0 if all free
 */
static uint64_t fuzz_first_used ( struct fuzz_plat *fake, uint64_t start,
                                  uint64_t size ) {
	uint64_t page = ( ( start - POOL_BASE ) / PAGE_SIZE );
	uint64_t end = ( page + ( size / PAGE_SIZE ) );

	for ( ; page < end; page++ ) {
		if ( fake->page[page] )
			return ( POOL_BASE + ( page * PAGE_SIZE ) );
	}
	return 0;
}

/**
 * Search the pool for a free aligned range
 *
 * @v fake		Fake platform
 * @v req		Request
 * @v size		Size (page multiple)
 * @ret phys		Start, or 0 if nothing fits
 */
static uint64_t fuzz_search ( struct fuzz_plat *fake,
                              const struct mem_request *req, uint64_t size ) {
	uint64_t lo = ( ( req->min > POOL_BASE ) ? req->min : POOL_BASE );
	uint64_t hi = ( POOL_BASE + POOL_SIZE );
	uint64_t mask = ( req->align - 1 );
	uint64_t addr;
	uint64_t used;

	if ( req->max < hi )
		hi = req->max;
	if ( ( hi < lo ) || ( ( hi - lo ) < size ) )
		return 0;
	if ( req->high ) {
		addr = ( ( hi - size ) & ~mask );
		while ( addr >= lo ) {
			if ( !( used = fuzz_first_used ( fake, addr, size ) ) )
				return addr;
			/* The next candidate must end below the page in the way */
			if ( used < ( lo + size ) )
				break;
			addr = ( ( used - size ) & ~mask );
		}
	} else {
		addr = ( ( lo + mask ) & ~mask );
		while ( ( addr >= lo ) && ( addr <= ( hi - size ) ) ) {
			if ( !( used = fuzz_first_used ( fake, addr, size ) ) )
				return addr;
			/* Skip past the page in the way */
			addr = ( ( used + PAGE_SIZE + mask ) & ~mask );
		}
	}
	return 0;
}

/**
 * Allocate from the pool
 *
 * @v plat		Platform
 * @v req		Request
 * @v phys		Start, on success
 * @ret rc		0 or -XENOROOM
 */
static int fuzz_alloc ( struct platform *plat, const struct mem_request *req,
                        uint64_t *phys ) {
	struct fuzz_plat *fake = ( ( struct fuzz_plat * )plat );
	uint64_t size = ( ( req->size + PAGE_SIZE - 1 ) & ~( PAGE_SIZE - 1 ) );
	uint64_t addr;

	/* The loader must ask for something sensible */
	if ( ( req->align < PAGE_SIZE ) ||
	     ( req->align & ( req->align - 1 ) ) || ( req->size == 0 ) ||
	     ( !req->what ) || ( fake->alloc_count == FUZZ_MAX_ALLOCS ) )
		abort ();
	if ( size > POOL_SIZE )
		return -XENOROOM;
	if ( req->fixed ) {
		addr = req->min;
		if ( ( addr & ( PAGE_SIZE - 1 ) ) || ( addr < POOL_BASE ) ||
		     ( addr > ( POOL_BASE + POOL_SIZE - size ) ) ||
		     ( ( addr + size ) > req->max ) ||
		     fuzz_first_used ( fake, addr, size ) )
			return -XENOROOM;
	} else if ( !( addr = fuzz_search ( fake, req, size ) ) ) {
		return -XENOROOM;
	}
	fuzz_mark ( fake, addr, size, 2 );
	fake->alloc[fake->alloc_count].start = addr;
	fake->alloc[fake->alloc_count].size = size;
	fake->alloc_count++;
	*phys = addr;
	return 0;
}

/**
 * Free to the pool: an allocation, or a file region given back
 *
 * @v plat		Platform
 * @v phys		Start
 * @v size		Size as requested
 */
static void fuzz_free ( struct platform *plat, uint64_t phys, uint64_t size ) {
	struct fuzz_plat *fake = ( ( struct fuzz_plat * )plat );
	uint64_t pages = ( ( size + PAGE_SIZE - 1 ) & ~( PAGE_SIZE - 1 ) );
	unsigned int i;

	for ( i = 0; i < fake->alloc_count; i++ ) {
		if ( fake->alloc[i].start != phys )
			continue;
		if ( fake->alloc[i].size != pages )
			abort ();
		fuzz_mark ( fake, phys, pages, 0 );
		fake->alloc[i] = fake->alloc[--fake->alloc_count];
		return;
	}
	for ( i = 0; i < fake->file_count; i++ ) {
		if ( ( fake->files[i].region == phys ) &&
		     fake->files[i].region_free ) {
			fuzz_mark ( fake, phys, pages, 0 );
			return;
		}
	}
	/* Freeing what was never allocated */
	abort ();
}

/**
 * Find a file by name
 *
 * @v plat		Platform
 * @v name		Name
 * @ret file		File, or NULL
 */
static struct xfile *fuzz_file_find ( struct platform *plat,
                                      const char *name ) {
	struct fuzz_plat *fake = ( ( struct fuzz_plat * )plat );
	unsigned int i;

	for ( i = 0; i < fake->file_count; i++ ) {
		if ( strcasecmp ( fake->files[i].name, name ) == 0 )
			return &fake->files[i];
	}
	return NULL;
}

/**
 * Name a file
 *
 * @v plat		Platform
 * @v index		Index
 * @ret name		Name, or NULL past the end
 */
static const char *fuzz_file_name ( struct platform *plat,
                                    unsigned int index ) {
	struct fuzz_plat *fake = ( ( struct fuzz_plat * )plat );

	return ( ( index < fake->file_count ) ? fake->files[index].name
	                                      : NULL );
}

/**
 * Give the memory map
 *
 * @v plat		Platform
 * @v count		Number of entries, on return
 * @ret map		Entries
 */
static const struct memmap_entry *fuzz_memmap ( struct platform *plat,
                                                unsigned int *count ) {
	struct fuzz_plat *fake = ( ( struct fuzz_plat * )plat );

	*count = ( sizeof ( fake->map ) / sizeof ( fake->map[0] ) );
	return fake->map;
}

/**
 * Tell whether a range lies inside one live allocation
 *
 * @v fake		Fake platform
 * @v start		Start
 * @v len		Length
 * @ret inside		Nonzero if it does
 */
static int fuzz_allocated ( struct fuzz_plat *fake, uint64_t start,
                            uint64_t len ) {
	unsigned int i;

	for ( i = 0; i < fake->alloc_count; i++ ) {
		if ( ( start >= fake->alloc[i].start ) &&
		     ( len <= fake->alloc[i].size ) &&
		     ( ( start - fake->alloc[i].start ) <=
		       ( fake->alloc[i].size - len ) ) )
			return 1;
	}
	return 0;
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
	const uint8_t *image = fake->orig[0];
	size_t len = fake->orig_len[0];
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
	     !( file = fuzz_file_find ( &fake->plat, spec->name ) ) )
		abort ();
	if ( ( start & ( PAGE_SIZE - 1 ) ) || ( end < start ) ||
	     ( ( end - start ) != fake->orig_len[file - fake->files] ) )
		abort ();
	if ( memcmp ( phys_to_virt ( start ), fake->orig[file - fake->files],
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

	if ( !fake->plat.rsdp )
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
	     ( acpi != ( fake->plat.rsdp ? 1 : 0 ) ) )
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
	if ( ( !fuzz_allocated ( fake, handoff->info, 8 ) ) ||
	     ( !fuzz_allocated ( fake, handoff->entry, 1 ) ) )
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
 * Add a file the way iPXE lays out its initrd area
 *
 * @v fake		Fake platform
 * @v name		Name
 * @v data		Contents
 * @v len		Length
 * @v header		Bytes of cpio header before the data
 */
static void fuzz_add_file ( struct fuzz_plat *fake, const char *name,
                            const uint8_t *data, size_t len, size_t header ) {
	struct xfile *file = &fake->files[fake->file_count];
	uint64_t region = fake->file_next;
	uint64_t room =
	        ( ( header + len + PAGE_SIZE - 1 ) & ~( PAGE_SIZE - 1 ) );

	/* Whatever does not fit in the pool is cut off */
	if ( room > ( POOL_BASE + POOL_SIZE - region ) ) {
		room = ( POOL_BASE + POOL_SIZE - region );
		header = 0;
		len = room;
	}
	if ( room == 0 )
		return;
	fuzz_mark ( fake, region, room, 1 );
	memset ( phys_to_virt ( region ), 0x5a, header );
	memset ( file, 0, sizeof ( *file ) );
	snprintf ( file->name, sizeof ( file->name ), "%s", name );
	file->phys = ( region + header );
	file->data = phys_to_virt ( file->phys );
	memcpy ( file->data, data, len );
	file->len = len;
	file->region = region;
	file->region_len = room;
	file->region_free = 1;
	file->index = fake->file_count;
	fake->orig[fake->file_count] = data;
	fake->orig_len[fake->file_count] = len;
	fake->file_count++;
	fake->file_next += room;
}

/**
 * Set up the fake platform
 *
 * @v fake		Fake platform
 * @v efi		Nonzero for a UEFI platform
 */
static void fuzz_plat_init ( struct fuzz_plat *fake, int efi ) {
	memset ( fake, 0, sizeof ( *fake ) );
	fake->plat.name = ( efi ? "efi" : "bios" );
	fake->plat.keeps_boot_services = efi;
	fake->plat.file_find = fuzz_file_find;
	fake->plat.file_name = fuzz_file_name;
	fake->plat.alloc = fuzz_alloc;
	fake->plat.free = fuzz_free;
	fake->plat.memmap = fuzz_memmap;
	fake->plat.boot = fuzz_boot;
	fake->plat.phys_read = fuzz_phys_read;
	fake->plat.efi_system_table = 0x7e000000;
	fake->plat.efi_image_handle = 0x7e001000;
	fake->file_next = FILES_BASE;
	fake->map[0] = ( struct memmap_entry ){ 0, 0x9fc00, MEMMAP_RAM };
	fake->map[1] =
	        ( struct memmap_entry ){ POOL_BASE, POOL_SIZE, MEMMAP_RAM };
	fake->map[2] =
	        ( struct memmap_entry ){ 0xfffc0000, 0x40000, MEMMAP_RESERVED };
}

/**
 * Give every page of the pool back to ASan's poison
 *
 * @v fake		Fake platform
 */
static void fuzz_plat_clear ( struct fuzz_plat *fake ) {
	unsigned int i;

	for ( i = 0; i < fake->file_count; i++ ) {
		if ( fake->files[i].region_len )
			fuzz_mark ( fake, fake->files[i].region,
			            fake->files[i].region_len, 0 );
	}
	for ( i = 0; i < fake->alloc_count; i++ )
		fuzz_mark ( fake, fake->alloc[i].start, fake->alloc[i].size,
		            0 );
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
		fake.plat.rsdp = FUZZ_RSDP_ADDR;
	}
	count = ( fuzz_take ( &in, 1 ) % FUZZ_MAX_FILES );
	fake.file_count = 1;
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
	count = fake.file_count;
	fake.file_count = 0;
	fuzz_add_file ( &fake, "xen.gz", contents, len, 112 );
	fake.file_count = count;

	options_init ( &opts );
	if ( cmdline_parse ( cmdline, &opts ) != 0 )
		goto out;
	opts.quiet = ( flags & 2 );
	fake.opts = &opts;
	rc = load_and_boot ( &fake.plat, &opts, NULL, NULL );

	/* It only returns on failure, and frees all it took */
	if ( ( rc == 0 ) || ( fake.booted > 1 ) || ( fake.alloc_count != 0 ) )
		abort ();
out:
	fuzz_plat_clear ( &fake );
	return 0;
}
