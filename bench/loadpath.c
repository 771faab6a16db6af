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
#include <time.h>
#include <unistd.h>
#include <xenmb/errors.h>
#include <xenmb/load.h>
#include <xenmb/xenboot.h>
#include <xenmb/multiboot.h>
#include <xenmb/options.h>
#include "helper_platform.h"

/** Pool of fake physical memory: 1 MiB up to 513 MiB */
#define POOL_BASE 0x100000UL
#define POOL_SIZE ( 512UL * 1024 * 1024 )

/** Where the files start, as iPXE's initrd block high in memory */
#define FILES_BASE ( POOL_BASE + 256UL * 1024 * 1024 )

/** Most files */
#define BENCH_MAX_FILES 8
/** Most runs */
#define BENCH_MAX_RUNS 101

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
	/** The tests' fake platform (first, so that the pointers convert) */
	struct helper_plat hp;
	/** Where each file's data was laid out (before any slide) */
	uint64_t laid_phys[BENCH_MAX_FILES];
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
 * Stop on a misuse of the fake platform
 *
 * @v what		What the loader did wrong
 */
static void bench_misuse ( const char *what ) {
	fprintf ( stderr, "loadpath: %s\n", what );
	exit ( 1 );
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
			if ( index >= bench->hp.file_count ||
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
	struct xfile *file;
	size_t header;
	unsigned int i;

	helper_plat_reset ( &bench->hp, FILES_BASE );
	for ( i = 0; i < count; i++ ) {
		/* newc header (110 bytes) + name + NUL, padded to 4 */
		header = ( cpio ? ( ( 110 + strlen ( blobs[i].name ) + 1 + 3 ) &
		                    ~3UL )
		                : 0 );
		file = helper_plat_add_file ( &bench->hp, blobs[i].name,
		                              blobs[i].data, blobs[i].len,
		                              header );
		if ( !file )
			bench_misuse ( "the files do not fit in the pool" );
		file->region_free = cpio;
		bench->laid_phys[i] = file->phys;
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
	bench->hp.misuse = bench_misuse;
	helper_plat_init ( &bench->hp, name, POOL_BASE, POOL_SIZE, FILES_BASE );
	bench->hp.plat.boot = bench_boot;
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
		rc = load_and_boot ( &bench.hp.plat, &opts, NULL, NULL );
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
	pool = helper_pool_map ( POOL_BASE, POOL_SIZE );
	if ( !pool ) {
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
