/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Benchmark: xenmb's whole load path on the host, and the bytes it moves
 *
 * Usage: loadpath [--runs N] XEN.GZ VMLINUZ INITRD
 *
 * Runs load_and_boot() (parse the command line, find the files, inflate
 * Xen, place its segments and the modules, build the multiboot2
 * information) on a fake platform whose "physical" memory is a pool
 * mapped at a low fixed address, so that physical addresses are pointers
 * as on the firmware carriers.  The fake boot() refuses the jump, so the
 * loader frees everything and the next run starts clean.
 *
 * Scenarios: the typical boot (Xen, dom0 kernel, dom0 initramfs) laid
 * out as BIOS iPXE lays out its initrd area (a cpio header before each
 * file, each on a 4 KiB boundary) and as UEFI iPXE hands files over
 * (page aligned, no header); then the BIOS layout with an extra module
 * of 16 and 64 MiB, for the cost per megabyte of modules.
 *
 * Times are the CPU time of the run (CLOCK_THREAD_CPUTIME_ID).
 *
 * Bytes moved are found from the information structure handed to boot():
 * a module that does not start where its file's data was has been copied
 * (slid onto its page or moved elsewhere) once, its length in bytes.
 *
 * Each scenario runs once more than asked, first, as a warm-up.
 *
 * Prints one JSON object on standard output; the loader's own messages
 * go to /dev/null.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <xenmb/errors.h>
#include <xenmb/load.h>
#include <xenmb/xenboot.h>
#include <xenmb/multiboot.h>
#include <xenmb/options.h>

/** Pool of fake physical memory: 1 MiB up to 513 MiB */
#define POOL_BASE 0x100000UL
#define POOL_SIZE ( 512UL * 1024 * 1024 )

/** Where the files start, as iPXE's initrd block high in memory */
#define FILES_BASE ( POOL_BASE + 256UL * 1024 * 1024 )

/** Most allocations tracked */
#define BENCH_MAX_USED 64
/** Most files */
#define BENCH_MAX_FILES 8
/** Most runs */
#define BENCH_MAX_RUNS 101

/** Page mask */
#define BENCH_PAGE_MASK 4095ULL

/** One input file as read from disk */
struct bench_blob {
	/** Name the loader knows it by */
	const char *name;
	/** Contents */
	uint8_t *data;
	/** Length */
	size_t len;
};

/** The fake platform */
struct bench_plat {
	/** Platform interface (first, so that the pointers convert) */
	struct platform plat;
	/** Allocated ranges */
	struct {
		uint64_t start;
		uint64_t size;
	} used[BENCH_MAX_USED];
	/** Number of allocated ranges */
	unsigned int used_count;
	/** Files */
	struct xfile files[BENCH_MAX_FILES];
	/** Where each file's data was laid out (before any slide) */
	uint64_t laid_phys[BENCH_MAX_FILES];
	/** Number of files */
	unsigned int file_count;
	/** Memory map */
	struct memmap_entry map[3];
	/** Bytes of module data copied, as seen at boot() */
	uint64_t moved_bytes;
	/** Modules copied, as seen at boot() */
	unsigned int moved_modules;
	/** Modules handed over */
	unsigned int modules;
	/** Nonzero once boot() was reached */
	int booted;
};

/**
 * Read this thread's CPU time (less disturbed by other work on the
 * machine than the wall clock)
 *
 * @ret seconds		Seconds
 */
static double bench_now ( void ) {
	struct timespec now;

	clock_gettime ( CLOCK_THREAD_CPUTIME_ID, &now );
	return now.tv_sec + now.tv_nsec / 1e9;
}

/**
 * Read a whole file
 *
 * @v path		Path
 * @v blob		Filled with contents and length
 * @ret rc		0, or -1 (message printed)
 */
static int bench_read ( const char *path, struct bench_blob *blob ) {
	FILE *file = fopen ( path, "rb" );
	long size;

	if ( !file ) {
		perror ( path );
		return -1;
	}
	if ( fseek ( file, 0, SEEK_END ) != 0 ||
	     ( size = ftell ( file ) ) < 0 ||
	     fseek ( file, 0, SEEK_SET ) != 0 ) {
		perror ( path );
		fclose ( file );
		return -1;
	}
	blob->len = size;
	blob->data = malloc ( size ? size : 1 );
	if ( !blob->data ||
	     fread ( blob->data, 1, blob->len, file ) != blob->len ) {
		fprintf ( stderr, "%s: cannot read\n", path );
		fclose ( file );
		return -1;
	}
	fclose ( file );
	return 0;
}

/**
 * Tell whether a range of the pool is free
 *
 * @v bench		Fake platform
 * @v start		Start
 * @v size		Size
 * @ret free		Nonzero if free
 */
static int bench_range_free ( struct bench_plat *bench, uint64_t start,
                              uint64_t size ) {
	unsigned int i;

	if ( start < POOL_BASE || start + size > POOL_BASE + POOL_SIZE )
		return 0;
	for ( i = 0; i < bench->used_count; i++ ) {
		if ( start < bench->used[i].start + bench->used[i].size &&
		     bench->used[i].start < start + size )
			return 0;
	}
	return 1;
}

/**
 * Record an allocated range
 *
 * @v bench		Fake platform
 * @v start		Start
 * @v size		Size
 * @ret rc		0, or -XENOROOM if the table is full
 */
static int bench_use ( struct bench_plat *bench, uint64_t start,
                       uint64_t size ) {
	if ( bench->used_count >= BENCH_MAX_USED )
		return -XENOROOM;
	bench->used[bench->used_count].start = start;
	bench->used[bench->used_count].size = size;
	bench->used_count++;
	return 0;
}

/**
 * Allocate from the pool (first or last fit, aligned)
 *
 * @v plat		Platform
 * @v req		Request
 * @v phys		Start, on success
 * @ret rc		0, or -XENOROOM
 */
static int bench_alloc ( struct platform *plat, const struct mem_request *req,
                         uint64_t *phys ) {
	struct bench_plat *bench = ( struct bench_plat * )plat;
	uint64_t size = ( req->size + BENCH_PAGE_MASK ) & ~BENCH_PAGE_MASK;
	uint64_t align = req->align ? req->align : 4096;
	uint64_t top = req->max, addr;

	if ( req->fixed ) {
		if ( !bench_range_free ( bench, req->min, size ) )
			return -XENOROOM;
		*phys = req->min;
		return bench_use ( bench, req->min, size );
	}
	if ( top > POOL_BASE + POOL_SIZE )
		top = POOL_BASE + POOL_SIZE;
	if ( top < size + req->min )
		return -XENOROOM;
	if ( req->high ) {
		for ( addr = ( top - size ) & ~( align - 1 ); addr >= req->min;
		      addr -= align ) {
			if ( bench_range_free ( bench, addr, size ) )
				goto found;
			if ( addr < align )
				break;
		}
		return -XENOROOM;
	}
	for ( addr = ( req->min + align - 1 ) & ~( align - 1 );
	      addr + size <= top; addr += align ) {
		if ( bench_range_free ( bench, addr, size ) )
			goto found;
	}
	return -XENOROOM;
found:
	*phys = addr;
	return bench_use ( bench, addr, size );
}

/**
 * Free to the pool
 *
 * @v plat		Platform
 * @v phys		Start
 * @v size		Size as requested
 */
static void bench_free ( struct platform *plat, uint64_t phys, uint64_t size ) {
	struct bench_plat *bench = ( struct bench_plat * )plat;
	unsigned int i;

	( void )size;
	for ( i = 0; i < bench->used_count; i++ ) {
		if ( bench->used[i].start == phys ) {
			bench->used[i] = bench->used[--bench->used_count];
			return;
		}
	}
	fprintf ( stderr, "loadpath: free of 0x%llx never allocated\n",
	          ( unsigned long long )phys );
	exit ( 1 );
}

/**
 * Find a file by name
 *
 * @v plat		Platform
 * @v name		Name
 * @ret file		File, or NULL
 */
static struct xfile *bench_file_find ( struct platform *plat,
                                       const char *name ) {
	struct bench_plat *bench = ( struct bench_plat * )plat;
	unsigned int i;

	for ( i = 0; i < bench->file_count; i++ ) {
		if ( strcasecmp ( bench->files[i].name, name ) == 0 )
			return &bench->files[i];
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
static const char *bench_file_name ( struct platform *plat,
                                     unsigned int index ) {
	struct bench_plat *bench = ( struct bench_plat * )plat;

	return index < bench->file_count ? bench->files[index].name : NULL;
}

/**
 * Give the memory map
 *
 * @v plat		Platform
 * @v count		Number of entries, on return
 * @ret map		Entries
 */
static const struct memmap_entry *bench_memmap ( struct platform *plat,
                                                 unsigned int *count ) {
	struct bench_plat *bench = ( struct bench_plat * )plat;

	*count = sizeof ( bench->map ) / sizeof ( bench->map[0] );
	return bench->map;
}

/**
 * Count the module bytes copied, from the multiboot2 information
 *
 * @v plat		Platform
 * @v handoff		Handoff
 * @ret rc		Always -XENOTSUP, so that the loader frees everything
 */
static int bench_boot ( struct platform *plat, const struct handoff *handoff ) {
	struct bench_plat *bench = ( struct bench_plat * )plat;
	const uint8_t *mbi = phys_to_virt ( handoff->info );
	const struct mb2_info_header *hdr = ( const void * )mbi;
	uint32_t offset = sizeof ( *hdr );

	bench->booted = 1;
	bench->moved_bytes = 0;
	bench->moved_modules = 0;
	bench->modules = 0;
	while ( offset + sizeof ( struct mb2_tag ) <= hdr->total_size ) {
		const struct mb2_tag *tag = ( const void * )( mbi + offset );
		uint32_t start, end;
		unsigned int index = bench->modules + 1;

		if ( tag->type == MB2_TAG_END || tag->size < sizeof ( *tag ) )
			break;
		if ( tag->type == MB2_TAG_MODULE ) {
			memcpy ( &start, mbi + offset + sizeof ( *tag ), 4 );
			memcpy ( &end, mbi + offset + sizeof ( *tag ) + 4, 4 );
			/* Modules follow Xen in file order */
			if ( index >= bench->file_count ||
			     start != bench->laid_phys[index] ) {
				bench->moved_bytes += end - start;
				bench->moved_modules++;
			}
			bench->modules++;
		}
		offset += ( tag->size + 7 ) & ~7U;
	}
	return -XENOTSUP;
}

/**
 * Lay out the files afresh, as iPXE would
 *
 * @v bench		Fake platform (files and allocations reset)
 * @v blobs		Files to lay out
 * @v count		Number of files
 * @v cpio		Nonzero: a newc header before each file (BIOS iPXE)
 */
static void bench_layout ( struct bench_plat *bench,
                           const struct bench_blob *blobs, unsigned int count,
                           int cpio ) {
	uint64_t next = FILES_BASE;
	unsigned int i;

	bench->used_count = 0;
	bench->file_count = 0;
	for ( i = 0; i < count; i++ ) {
		struct xfile *file = &bench->files[bench->file_count++];
		/* newc header (110 bytes) + name + NUL, padded to 4 */
		size_t header =
		        cpio ? ( ( 110 + strlen ( blobs[i].name ) + 1 + 3 ) &
		                 ~3UL )
		             : 0;
		size_t room = ( header + blobs[i].len + BENCH_PAGE_MASK ) &
		              ~BENCH_PAGE_MASK;

		memset ( file, 0, sizeof ( *file ) );
		snprintf ( file->name, sizeof ( file->name ), "%s",
		           blobs[i].name );
		file->region = next;
		file->region_len = room;
		file->region_free = cpio;
		file->phys = next + header;
		bench->laid_phys[i] = file->phys;
		file->data = phys_to_virt ( file->phys );
		file->len = blobs[i].len;
		file->index = i;
		memcpy ( file->data, blobs[i].data, blobs[i].len );
		bench_use ( bench, next, room );
		next += room;
	}
}

/**
 * Set up the fake platform
 *
 * @v bench		Fake platform
 * @v name		"bios" or "efi"
 */
static void bench_init ( struct bench_plat *bench, const char *name ) {
	memset ( bench, 0, sizeof ( *bench ) );
	bench->plat.name = name;
	bench->plat.keeps_boot_services = ( strcmp ( name, "efi" ) == 0 );
	bench->plat.file_find = bench_file_find;
	bench->plat.file_name = bench_file_name;
	bench->plat.alloc = bench_alloc;
	bench->plat.free = bench_free;
	bench->plat.memmap = bench_memmap;
	bench->plat.boot = bench_boot;
	if ( strcmp ( name, "efi" ) == 0 ) {
		bench->plat.efi_system_table = 0x7e000000;
		bench->plat.efi_image_handle = 0x7e001000;
	}
	bench->map[0] = ( struct memmap_entry ){ 0, 0x9fc00, MEMMAP_RAM };
	bench->map[1] =
	        ( struct memmap_entry ){ 0x9fc00, 0x400, MEMMAP_RESERVED };
	bench->map[2] =
	        ( struct memmap_entry ){ POOL_BASE, POOL_SIZE, MEMMAP_RAM };
}

/** What one scenario measured */
struct bench_result {
	/** Seconds per run, sorted */
	double seconds[BENCH_MAX_RUNS];
	/** Runs */
	unsigned int runs;
	/** Bytes of module data copied */
	uint64_t moved_bytes;
	/** Modules copied */
	unsigned int moved_modules;
	/** Modules handed over */
	unsigned int modules;
	/** Bytes of modules */
	uint64_t module_bytes;
};

/**
 * Compare two doubles for qsort
 *
 * @v a			First
 * @v b			Second
 * @ret order		Negative, zero or positive
 */
static int bench_cmp ( const void *a, const void *b ) {
	double x = *( const double * )a, y = *( const double * )b;

	return ( x > y ) - ( x < y );
}

/**
 * Run one scenario
 *
 * @v name		Platform name ("bios" or "efi")
 * @v blobs		Xen, then the modules
 * @v count		Number of files
 * @v cpio		Lay files out with cpio headers
 * @v runs		Number of runs
 * @v result		Filled in
 * @ret rc		0, or -1 if the loader did not reach boot()
 */
static int bench_scenario ( const char *name, const struct bench_blob *blobs,
                            unsigned int count, int cpio, unsigned int runs,
                            struct bench_result *result ) {
	static struct bench_plat bench;
	static struct xenmb_options opts;
	char cmdline[1024];
	size_t used;
	unsigned int i;
	int devnull, saved, rc;
	double start;

	memset ( result, 0, sizeof ( *result ) );
	used = snprintf ( cmdline, sizeof ( cmdline ),
	                  "%s console=com1 dom0_mem=512M", blobs[0].name );
	for ( i = 1; i < count && used < sizeof ( cmdline ); i++ ) {
		used += snprintf ( cmdline + used, sizeof ( cmdline ) - used,
		                   " --- %s%s", blobs[i].name,
		                   i == 1 ? " console=hvc0" : "" );
		result->module_bytes += blobs[i].len;
	}
	fflush ( stdout );
	devnull = open ( "/dev/null", O_WRONLY );
	saved = dup ( STDOUT_FILENO );
	/* One more run than asked: the first (pool pages touched for the
	 * first time) is a warm-up and is not counted */
	for ( i = 0; i <= runs; i++ ) {
		char line[sizeof ( cmdline )];

		bench_init ( &bench, name );
		bench_layout ( &bench, blobs, count, cpio );
		memcpy ( line, cmdline, sizeof ( line ) );
		options_init ( &opts );
		if ( cmdline_parse ( line, &opts ) != 0 ) {
			fprintf ( stderr, "loadpath: bad command line\n" );
			break;
		}
		dup2 ( devnull, STDOUT_FILENO );
		start = bench_now ();
		rc = load_and_boot ( &bench.plat, &opts, NULL, NULL );
		if ( i )
			result->seconds[i - 1] = bench_now () - start;
		fflush ( stdout );
		dup2 ( saved, STDOUT_FILENO );
		if ( !bench.booted || rc != -XENOTSUP ) {
			fprintf ( stderr, "loadpath: %s: loader failed: %s\n",
			          name, xenmb_strerror ( rc ) );
			break;
		}
		if ( i )
			result->runs++;
	}
	close ( saved );
	close ( devnull );
	result->moved_bytes = bench.moved_bytes;
	result->moved_modules = bench.moved_modules;
	result->modules = bench.modules;
	qsort ( result->seconds, result->runs, sizeof ( double ), bench_cmp );
	return result->runs == runs ? 0 : -1;
}

/**
 * Print one scenario as a JSON member
 *
 * @v key		Member name
 * @v result		Result
 * @v last		Nonzero for the last member
 */
static void bench_print ( const char *key, const struct bench_result *result,
                          int last ) {
	printf ( "  \"%s\": { \"runs\": %u, \"median_ms\": %.3f, "
	         "\"min_ms\": %.3f, \"max_ms\": %.3f, \"modules\": %u, "
	         "\"module_bytes\": %llu, \"moved_modules\": %u, "
	         "\"moved_bytes\": %llu }%s\n",
	         key, result->runs, result->seconds[result->runs / 2] * 1e3,
	         result->seconds[0] * 1e3,
	         result->seconds[result->runs - 1] * 1e3, result->modules,
	         ( unsigned long long )result->module_bytes,
	         result->moved_modules,
	         ( unsigned long long )result->moved_bytes, last ? "" : "," );
}

/**
 * Main entry
 *
 * @v argc		Argument count
 * @v argv		Arguments
 * @ret status		0 on success
 */
int main ( int argc, char **argv ) {
	static const size_t extra_mib[] = { 16, 64 };
	static struct bench_result result;
	struct bench_blob blobs[4];
	unsigned int runs = 5, i;
	char key[32];
	void *pool;
	int argi = 1;

	if ( argc > 2 && strcmp ( argv[1], "--runs" ) == 0 ) {
		runs = atoi ( argv[2] );
		argi = 3;
	}
	if ( argc - argi != 3 || runs < 1 || runs > BENCH_MAX_RUNS ) {
		fprintf ( stderr, "usage: loadpath [--runs N] XEN.GZ VMLINUZ "
		                  "INITRD\n" );
		return 2;
	}
	pool = mmap ( ( void * )POOL_BASE, POOL_SIZE, PROT_READ | PROT_WRITE,
	              MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1,
	              0 );
	if ( pool != ( void * )POOL_BASE ) {
		fprintf ( stderr, "loadpath: cannot map the pool at 0x%lx\n",
		          POOL_BASE );
		return 1;
	}
	blobs[0].name = "xen.gz";
	blobs[1].name = "vmlinuz";
	blobs[2].name = "initrd.gz";
	for ( i = 0; i < 3; i++ ) {
		if ( bench_read ( argv[argi + i], &blobs[i] ) != 0 )
			return 1;
	}
	printf ( "{\n" );
	if ( bench_scenario ( "bios", blobs, 3, 1, runs, &result ) != 0 )
		return 1;
	bench_print ( "typical_bios", &result, 0 );
	if ( bench_scenario ( "efi", blobs, 3, 0, runs, &result ) != 0 )
		return 1;
	bench_print ( "typical_efi", &result, 0 );
	blobs[3].name = "extra";
	for ( i = 0; i < sizeof ( extra_mib ) / sizeof ( extra_mib[0] ); i++ ) {
		blobs[3].len = extra_mib[i] << 20;
		blobs[3].data = malloc ( blobs[3].len );
		if ( !blobs[3].data )
			return 1;
		memset ( blobs[3].data, 0xa5, blobs[3].len );
		if ( bench_scenario ( "bios", blobs, 4, 1, runs, &result ) !=
		     0 )
			return 1;
		snprintf ( key, sizeof ( key ), "bios_plus_%zu_mib",
		           extra_mib[i] );
		bench_print ( key, &result,
		              i + 1 == sizeof ( extra_mib ) /
		                               sizeof ( extra_mib[0] ) );
		free ( blobs[3].data );
	}
	printf ( "}\n" );
	return 0;
}
