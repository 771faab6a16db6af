/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Benchmark: xenmb's gzip_inflate() against zlib's inflate()
 *
 * Usage: inflate [--runs N] [--only xenmb|zlib] FILE.gz [LABEL]
 *
 * Decompresses FILE.gz N times (default 5) with each decoder into one
 * preallocated buffer, checks that both produce the same bytes, and
 * prints one Markdown table row per decoder: median, min and max wall
 * time, throughput, and the speed of xenmb relative to zlib.  With
 * --only, only that decoder runs, once per run (for callgrind).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>
#include <xenmb/errors.h>
#include <xenmb/inflate.h>

/** Most runs a benchmark makes */
#define BENCH_MAX_RUNS 101

/** Which decoders to run */
enum bench_decoders {
	BENCH_BOTH,
	BENCH_XENMB,
	BENCH_ZLIB,
};

/** One benchmark input */
struct bench_input {
	/** Compressed data */
	uint8_t *gz;
	/** Compressed length */
	size_t gz_len;
	/** Output buffer */
	uint8_t *out;
	/** Declared output length */
	size_t out_len;
};

/** Timings of one decoder, in seconds */
struct bench_timing {
	/** One time per run */
	double seconds[BENCH_MAX_RUNS];
	/** Number of runs */
	unsigned int runs;
};

/**
 * Read the monotonic clock
 *
 * @ret seconds		Seconds
 */
static double bench_now ( void ) {
	struct timespec now;

	clock_gettime ( CLOCK_MONOTONIC, &now );
	return ( now.tv_sec + ( now.tv_nsec / 1e9 ) );
}

/**
 * Read a whole file
 *
 * @v path		File name
 * @v input		Input to fill (compressed data and output buffer)
 * @ret rc		0 or -1
 */
static int bench_read ( const char *path, struct bench_input *input ) {
	FILE *file;
	long size;
	uint32_t declared;
	int rc = -1;

	if ( !( file = fopen ( path, "rb" ) ) ) {
		perror ( path );
		return -1;
	}
	if ( ( fseek ( file, 0, SEEK_END ) != 0 ) ||
	     ( ( size = ftell ( file ) ) < 0 ) ||
	     ( fseek ( file, 0, SEEK_SET ) != 0 ) )
		goto err_size;
	input->gz_len = size;
	if ( !( input->gz = malloc ( input->gz_len ) ) )
		goto err_alloc;
	if ( fread ( input->gz, 1, input->gz_len, file ) != input->gz_len )
		goto err_read;
	if ( gzip_declared_size ( input->gz, input->gz_len, &declared ) != 0 )
		goto err_read;
	input->out_len = declared;
	if ( !( input->out = malloc ( input->out_len + 1 ) ) )
		goto err_read;
	fclose ( file );
	return 0;

err_read:
	free ( input->gz );
err_alloc:
err_size:
	fprintf ( stderr, "%s: cannot read\n", path );
	fclose ( file );
	return rc;
}

/**
 * Decompress once with xenmb
 *
 * @v input		Benchmark input
 * @ret rc		0 or -1
 */
static int bench_xenmb ( struct bench_input *input ) {
	size_t len;
	int rc;

	rc = gzip_inflate ( input->gz, input->gz_len, input->out,
	                    input->out_len, &len );
	if ( ( rc != 0 ) || ( len != input->out_len ) ) {
		fprintf ( stderr, "xenmb: %s\n", xenmb_strerror ( rc ) );
		return -1;
	}
	return 0;
}

/**
 * Decompress once with zlib (gzip wrapper, 32 KiB window)
 *
 * @v input		Benchmark input
 * @ret rc		0 or -1
 */
static int bench_zlib ( struct bench_input *input ) {
	z_stream stream;
	int zrc;

	memset ( &stream, 0, sizeof ( stream ) );
	if ( inflateInit2 ( &stream, ( 16 + 15 ) ) != Z_OK )
		return -1;
	stream.next_in = input->gz;
	stream.avail_in = input->gz_len;
	stream.next_out = input->out;
	stream.avail_out = input->out_len;
	zrc = inflate ( &stream, Z_FINISH );
	inflateEnd ( &stream );
	if ( ( zrc != Z_STREAM_END ) ||
	     ( stream.total_out != input->out_len ) ) {
		fprintf ( stderr, "zlib: inflate returned %d\n", zrc );
		return -1;
	}
	return 0;
}

/**
 * Time a decoder
 *
 * @v input		Benchmark input
 * @v decode		Decoder
 * @v runs		Number of runs
 * @v timing		Timings to fill
 * @ret rc		0 or -1
 */
static int bench_time ( struct bench_input *input,
                        int ( *decode ) ( struct bench_input *input ),
                        unsigned int runs, struct bench_timing *timing ) {
	double start;

	for ( timing->runs = 0; timing->runs < runs; timing->runs++ ) {
		start = bench_now ();
		if ( decode ( input ) != 0 )
			return -1;
		timing->seconds[timing->runs] = ( bench_now () - start );
	}
	return 0;
}

/**
 * Order two times
 *
 * @v a			First time
 * @v b			Second time
 * @ret order		Negative, zero or positive
 */
static int bench_compare ( const void *a, const void *b ) {
	double x = *( const double * )a;
	double y = *( const double * )b;

	return ( ( x > y ) - ( x < y ) );
}

/**
 * Median of the timings (sorting them)
 *
 * @v timing		Timings
 * @ret seconds		Median
 */
static double bench_median ( struct bench_timing *timing ) {
	qsort ( timing->seconds, timing->runs, sizeof ( timing->seconds[0] ),
	        bench_compare );
	return timing->seconds[timing->runs / 2];
}

/**
 * Print one table row
 *
 * @v label		Input label
 * @v decoder		Decoder name
 * @v input		Benchmark input
 * @v timing		Timings
 * @v zlib_median	zlib's median, for the ratio
 */
static void bench_row ( const char *label, const char *decoder,
                        const struct bench_input *input,
                        struct bench_timing *timing, double zlib_median ) {
	double median = bench_median ( timing );

	printf ( "| %s | %s | %.2f | %.2f | %.2f | %.0f | %.2f |\n", label,
	         decoder, ( median * 1e3 ), ( timing->seconds[0] * 1e3 ),
	         ( timing->seconds[timing->runs - 1] * 1e3 ),
	         ( input->out_len / median / 1e6 ), ( zlib_median / median ) );
}

/**
 * Main program
 *
 * @v argc		Argument count
 * @v argv		Arguments
 * @ret rc		Exit status
 */
int main ( int argc, char **argv ) {
	static struct bench_timing xenmb_timing;
	static struct bench_timing zlib_timing;
	struct bench_input input;
	enum bench_decoders decoders = BENCH_BOTH;
	unsigned int runs = 5;
	const char *path;
	const char *label;
	uint8_t *zlib_out;
	double zlib_median;
	int arg = 1;
	int rc = 1;

	/* Options */
	while ( ( arg + 1 ) < argc ) {
		if ( strcmp ( argv[arg], "--runs" ) == 0 ) {
			runs = atoi ( argv[arg + 1] );
		} else if ( strcmp ( argv[arg], "--only" ) == 0 ) {
			decoders = ( ( strcmp ( argv[arg + 1], "zlib" ) == 0 )
			                     ? BENCH_ZLIB
			                     : BENCH_XENMB );
		} else {
			break;
		}
		arg += 2;
	}
	if ( ( arg >= argc ) || ( runs < 1 ) || ( runs > BENCH_MAX_RUNS ) ) {
		fprintf ( stderr,
		          "usage: %s [--runs N] [--only xenmb|zlib] "
		          "FILE.gz [LABEL]\n",
		          argv[0] );
		return 2;
	}
	path = argv[arg];
	label = ( ( ( arg + 1 ) < argc ) ? argv[arg + 1] : path );
	if ( bench_read ( path, &input ) != 0 )
		return 1;

	/* One decoder only, for instruction counting */
	if ( decoders != BENCH_BOTH ) {
		rc = bench_time ( &input,
		                  ( ( decoders == BENCH_ZLIB ) ? bench_zlib
		                                               : bench_xenmb ),
		                  runs, &xenmb_timing );
		goto out;
	}

	/* zlib first; keep its output to compare with ours */
	if ( ( bench_time ( &input, bench_zlib, runs, &zlib_timing ) != 0 ) ||
	     ( !( zlib_out = malloc ( input.out_len ) ) ) )
		goto out;
	memcpy ( zlib_out, input.out, input.out_len );
	memset ( input.out, 0, input.out_len );
	if ( bench_time ( &input, bench_xenmb, runs, &xenmb_timing ) != 0 )
		goto out_free;
	if ( memcmp ( zlib_out, input.out, input.out_len ) != 0 ) {
		fprintf ( stderr, "%s: outputs differ\n", path );
		goto out_free;
	}

	zlib_median = bench_median ( &zlib_timing );
	bench_row ( label, "zlib", &input, &zlib_timing, zlib_median );
	bench_row ( label, "xenmb", &input, &xenmb_timing, zlib_median );
	rc = 0;

out_free:
	free ( zlib_out );
out:
	free ( input.out );
	free ( input.gz );
	return ( rc ? 1 : 0 );
}
