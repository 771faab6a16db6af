/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests for xenmb's command line (cmdline.c, options.c)
 *
 * Each case writes a command line, parses it, and compares every field
 * with what the case wrote.  Error cases also check that bad_word names
 * the offending word and points into the command line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <cmocka.h>
#include <xenmb/options.h>
#include <xenmb/errors.h>

/** Room for one command line */
#define LINE_MAX_LEN 8192

/** One parse: the buffer it cut and the result */
struct parsed {
	/** Command line, cut in place */
	char line[LINE_MAX_LEN];
	/** Options */
	struct xenmb_options opts;
	/** Return status */
	int rc;
};

/**
 * Parse a command line
 *
 * @v p			Parse state to fill
 * @v text		Command line
 * @ret rc		Return status of cmdline_parse()
 */
static int parse ( struct parsed *p, const char *text ) {

	assert_true ( strlen ( text ) < sizeof ( p->line ) );
	strcpy ( p->line, text );
	options_init ( &p->opts );
	p->rc = cmdline_parse ( p->line, &p->opts );
	return p->rc;
}

/**
 * Check that a parse failed naming a word inside the command line
 *
 * @v p			Parse state
 * @v rc		Expected status
 * @v word		Expected bad word
 */
static void check_error ( struct parsed *p, int rc, const char *word ) {

	assert_int_equal ( p->rc, rc );
	assert_non_null ( p->opts.bad_word );
	assert_string_equal ( p->opts.bad_word, word );
	assert_true ( p->opts.bad_word >= p->line );
	assert_true ( p->opts.bad_word < ( p->line + sizeof ( p->line ) ) );
}

/** An empty command line gives the defaults */
static void test_defaults ( void **state ) {
	static struct parsed p;

	( void )state;
	assert_int_equal ( parse ( &p, "" ), 0 );
	assert_int_equal ( p.opts.probe, 0 );
	assert_int_equal ( p.opts.json, 0 );
	assert_int_equal ( p.opts.mb1, 0 );
	assert_int_equal ( p.opts.quiet, 0 );
	assert_int_equal ( p.opts.verbose, 0 );
	assert_int_equal ( p.opts.require, 0 );
	assert_int_equal ( p.opts.timeout, 30 );
	assert_null ( p.opts.cfg );
	assert_null ( p.opts.section );
	assert_null ( p.opts.xen.name );
	assert_int_equal ( p.opts.module_count, 0 );

	/* Whitespace only is the same */
	assert_int_equal ( parse ( &p, " \t \n " ), 0 );
	assert_null ( p.opts.xen.name );
}

/** Every option, each set */
static void test_all_options ( void **state ) {
	static struct parsed p;

	( void )state;
	assert_int_equal ( parse ( &p, "--probe --json --mb1 --quiet --verbose "
	                               "--require=iommu,sriov --cfg=boot.cfg "
	                               "--section=debug --timeout=7" ),
	                   0 );
	assert_int_equal ( p.opts.probe, 1 );
	assert_int_equal ( p.opts.json, 1 );
	assert_int_equal ( p.opts.mb1, 1 );
	assert_int_equal ( p.opts.quiet, 1 );
	assert_int_equal ( p.opts.verbose, 1 );
	assert_int_equal ( p.opts.require, REQUIRE_IOMMU | REQUIRE_SRIOV );
	assert_string_equal ( p.opts.cfg, "boot.cfg" );
	assert_string_equal ( p.opts.section, "debug" );
	assert_int_equal ( p.opts.timeout, 7 );
	assert_null ( p.opts.xen.name );

	/* All three --require words; a later --require adds to it */
	assert_int_equal ( parse ( &p, "--require=intremap "
	                               "--require=sriov,iommu" ),
	                   0 );
	assert_int_equal ( p.opts.require,
	                   REQUIRE_IOMMU | REQUIRE_INTREMAP | REQUIRE_SRIOV );

	/* --timeout=0 reboots at once */
	assert_int_equal ( parse ( &p, "--probe --timeout=0" ), 0 );
	assert_int_equal ( p.opts.timeout, 0 );
}

/** Unknown options are refused by name */
static void test_unknown_option ( void **state ) {
	static struct parsed p;

	( void )state;
	parse ( &p, "--probe --frobnicate xen.gz --- k" );
	check_error ( &p, -XEOPTION, "--frobnicate" );
	parse ( &p, "--colour=red" );
	check_error ( &p, -XEOPTION, "--colour" );
	parse ( &p, "--" );
	check_error ( &p, -XEOPTION, "--" );
	/* Options are exact words */
	parse ( &p, "--probes" );
	check_error ( &p, -XEOPTION, "--probes" );
	parse ( &p, "--PROBE" );
	check_error ( &p, -XEOPTION, "--PROBE" );
}

/** Option values: missing, empty, wrong */
static void test_option_values ( void **state ) {
	static struct parsed p;

	( void )state;
	parse ( &p, "--require=iommu,bogus,sriov" );
	check_error ( &p, -XEOPTVAL, "bogus" );
	parse ( &p, "--require=iommu," );
	check_error ( &p, -XEOPTVAL, "" );
	parse ( &p, "--require=IOMMU" );
	check_error ( &p, -XEOPTVAL, "IOMMU" );
	parse ( &p, "--require" );
	check_error ( &p, -XEOPTARG, "--require" );
	parse ( &p, "--require=" );
	check_error ( &p, -XEOPTARG, "--require" );
	parse ( &p, "--cfg" );
	check_error ( &p, -XEOPTARG, "--cfg" );
	parse ( &p, "--section= xen --- k" );
	check_error ( &p, -XEOPTARG, "--section" );
	parse ( &p, "--timeout=abc" );
	check_error ( &p, -XEOPTVAL, "abc" );
	parse ( &p, "--timeout=-1" );
	check_error ( &p, -XEOPTVAL, "-1" );
	parse ( &p, "--timeout=5s" );
	check_error ( &p, -XEOPTVAL, "5s" );
	parse ( &p, "--timeout=99999999999999999999" );
	check_error ( &p, -XEOPTVAL, "99999999999999999999" );
	parse ( &p, "--timeout" );
	check_error ( &p, -XEOPTARG, "--timeout" );
	parse ( &p, "--probe=1" );
	check_error ( &p, -XEOPTVAL, "--probe" );
	parse ( &p, "--json=" );
	check_error ( &p, -XEOPTVAL, "--json" );
}

/** Images: names and arguments exactly as written, spacing kept */
static void test_images_spacing ( void **state ) {
	static struct parsed p;

	( void )state;
	assert_int_equal (
	        parse ( &p, "  --mb1  xen.gz   console=com1  com1=115200,8n1"
	                    "   dom0_mem=1G,max:1G  ---  vmlinuz  "
	                    "root=/dev/sda1   ro\tquiet  --- initrd.img   " ),
	        0 );
	assert_int_equal ( p.opts.mb1, 1 );
	assert_string_equal ( p.opts.xen.name, "xen.gz" );
	assert_string_equal ( p.opts.xen.args, "console=com1  com1=115200,8n1"
	                                       "   dom0_mem=1G,max:1G" );
	assert_null ( p.opts.xen.sha256 );
	assert_int_equal ( p.opts.module_count, 2 );
	assert_string_equal ( p.opts.modules[0].name, "vmlinuz" );
	assert_string_equal ( p.opts.modules[0].args,
	                      "root=/dev/sda1   ro\tquiet" );
	assert_string_equal ( p.opts.modules[1].name, "initrd.img" );
	assert_string_equal ( p.opts.modules[1].args, "" );
	assert_null ( p.opts.modules[1].sha256 );

	/* No arguments anywhere, single spaces */
	assert_int_equal ( parse ( &p, "xen --- k --- i --- x" ), 0 );
	assert_string_equal ( p.opts.xen.name, "xen" );
	assert_string_equal ( p.opts.xen.args, "" );
	assert_int_equal ( p.opts.module_count, 3 );
	assert_string_equal ( p.opts.modules[0].name, "k" );
	assert_string_equal ( p.opts.modules[0].args, "" );
	assert_string_equal ( p.opts.modules[2].name, "x" );
	assert_string_equal ( p.opts.modules[2].args, "" );
}

/** Only a whole "---" word separates; "--" words after XEN are args */
static void test_separator_words ( void **state ) {
	static struct parsed p;

	( void )state;
	assert_int_equal (
	        parse ( &p, "xen a---b ---- --probe -- --- k x=--- ---y" ), 0 );
	assert_int_equal ( p.opts.probe, 0 );
	assert_string_equal ( p.opts.xen.args, "a---b ---- --probe --" );
	assert_int_equal ( p.opts.module_count, 1 );
	assert_string_equal ( p.opts.modules[0].name, "k" );
	assert_string_equal ( p.opts.modules[0].args, "x=--- ---y" );

	/* Tabs and newlines separate words too */
	assert_int_equal ( parse ( &p, "xen\targ\n---\tk\targ2\r\n" ), 0 );
	assert_string_equal ( p.opts.xen.args, "arg" );
	assert_string_equal ( p.opts.modules[0].name, "k" );
	assert_string_equal ( p.opts.modules[0].args, "arg2" );
}

/** Structural errors: missing modules, no Xen, no dom0 */
static void test_structure_errors ( void **state ) {
	static struct parsed p;

	( void )state;

	/* Empty module between two separators */
	parse ( &p, "xen --- --- k" );
	check_error ( &p, -XENOMODULE, "---" );
	assert_true ( p.opts.bad_word == ( p.line + 4 ) );
	parse ( &p, "xen a --- k b --- --- i" );
	check_error ( &p, -XENOMODULE, "---" );
	assert_true ( p.opts.bad_word == ( p.line + 14 ) );

	/* Trailing separator */
	parse ( &p, "xen --- k ---" );
	check_error ( &p, -XENOMODULE, "---" );
	parse ( &p, "xen ---   " );
	check_error ( &p, -XENOMODULE, "---" );

	/* Modules without a Xen image */
	parse ( &p, "--- vmlinuz" );
	check_error ( &p, -XENOXEN, "---" );
	parse ( &p, "--probe --- vmlinuz --- initrd" );
	check_error ( &p, -XENOXEN, "---" );

	/* Xen without a dom0 kernel and without --cfg */
	parse ( &p, "xen.gz console=vga" );
	check_error ( &p, -XENODOM0, "xen.gz" );

	/* ... is fine with --probe, which boots nothing */
	assert_int_equal ( parse ( &p, "--probe xen.gz" ), 0 );
	assert_int_equal ( p.opts.module_count, 0 );

	/* ... is fine with --cfg: the config supplies it */
	assert_int_equal ( parse ( &p, "--cfg=xen.cfg xen.gz console=vga" ),
	                   0 );
	assert_string_equal ( p.opts.xen.name, "xen.gz" );
	assert_string_equal ( p.opts.xen.args, "console=vga" );
	assert_int_equal ( p.opts.module_count, 0 );
}

/** 64 modules are accepted, the 65th is refused by name */
static void test_module_limit ( void **state ) {
	static struct parsed p;
	static char line[LINE_MAX_LEN];
	char name[16];
	size_t len;
	unsigned int i;

	( void )state;

	/* Exactly XENMB_MAX_MODULES */
	len = snprintf ( line, sizeof ( line ), "xen.gz loglvl=all" );
	for ( i = 0; i < XENMB_MAX_MODULES; i++ ) {
		len += snprintf ( ( line + len ), ( sizeof ( line ) - len ),
		                  " --- mod%u arg%u", i, i );
	}
	assert_int_equal ( parse ( &p, line ), 0 );
	assert_int_equal ( p.opts.module_count, XENMB_MAX_MODULES );
	for ( i = 0; i < XENMB_MAX_MODULES; i++ ) {
		snprintf ( name, sizeof ( name ), "mod%u", i );
		assert_string_equal ( p.opts.modules[i].name, name );
		snprintf ( name, sizeof ( name ), "arg%u", i );
		assert_string_equal ( p.opts.modules[i].args, name );
	}

	/* One more */
	snprintf ( ( line + len ), ( sizeof ( line ) - len ),
	           " --- extra arg" );
	parse ( &p, line );
	check_error ( &p, -XETOOMANY, "extra" );
}

/** NAME@sha256:HEX sets the expected checksum */
static void test_sha256 ( void **state ) {
	static const char hex[] = "9F86D081884C7D659A2FEAA0C55AD015"
	                          "A3BF4F1B2B0B822CD15D6C15B0F00A08";
	static struct parsed p;
	static char line[LINE_MAX_LEN];
	char lower[sizeof ( hex )];
	char word[128];
	unsigned int i;

	( void )state;
	for ( i = 0; i < sizeof ( hex ); i++ )
		lower[i] = ( char )tolower ( ( unsigned char )hex[i] );

	/* On Xen and on a module; lowered; args unaffected */
	snprintf ( line, sizeof ( line ),
	           "xen.gz@sha256:%s loglvl=all --- vmlinuz@sha256:%s ro "
	           "--- initrd",
	           hex, lower );
	assert_int_equal ( parse ( &p, line ), 0 );
	assert_string_equal ( p.opts.xen.name, "xen.gz" );
	assert_string_equal ( p.opts.xen.sha256, lower );
	assert_string_equal ( p.opts.xen.args, "loglvl=all" );
	assert_string_equal ( p.opts.modules[0].name, "vmlinuz" );
	assert_string_equal ( p.opts.modules[0].sha256, lower );
	assert_string_equal ( p.opts.modules[0].args, "ro" );
	assert_null ( p.opts.modules[1].sha256 );

	/* One digit short */
	snprintf ( line, sizeof ( line ), "xen@sha256:%.63s --- k", lower );
	parse ( &p, line );
	snprintf ( word, sizeof ( word ), "xen@sha256:%.63s", lower );
	check_error ( &p, -XEOPTVAL, word );

	/* One digit long */
	snprintf ( line, sizeof ( line ), "xen --- k@sha256:%s0", lower );
	parse ( &p, line );
	snprintf ( word, sizeof ( word ), "k@sha256:%s0", lower );
	check_error ( &p, -XEOPTVAL, word );

	/* Not hex */
	snprintf ( line, sizeof ( line ), "xen@sha256:%.63sg --- k", lower );
	parse ( &p, line );
	assert_int_equal ( p.rc, -XEOPTVAL );

	/* Empty digest, empty name */
	parse ( &p, "xen@sha256: --- k" );
	assert_int_equal ( p.rc, -XEOPTVAL );
	snprintf ( line, sizeof ( line ), "@sha256:%s --- k", lower );
	parse ( &p, line );
	assert_int_equal ( p.rc, -XEOPTVAL );

	/* A name with '@' but no tag is just a name */
	assert_int_equal ( parse ( &p, "xen@4.17 --- k@home" ), 0 );
	assert_string_equal ( p.opts.xen.name, "xen@4.17" );
	assert_null ( p.opts.xen.sha256 );
	assert_string_equal ( p.opts.modules[0].name, "k@home" );
}

/** The carrier's own name is dropped only when it looks like one */
static void test_skip_self ( void **state ) {
	static const struct {
		const char *line;
		int skipped;
		const char *rest;
	} cases[] = {
	        { "xenmb.efi --probe", 1, "--probe" },
	        { "  XENMB.EFI   xen.gz --- k", 1, "xen.gz --- k" },
	        { "bootx64.Efi", 1, "" },
	        { "xenmb --json", 1, "--json" },
	        { "xen.gz --- k", 0, "xen.gz --- k" },
	        { "--probe", 0, "--probe" },
	        { "--x.efi", 0, "--x.efi" },
	        { ".efi xen", 0, ".efi xen" },
	        { "xenmb.lkrn --probe", 0, "xenmb.lkrn --probe" },
	        { "xenmbx --probe", 0, "xenmbx --probe" },
	        { "", 0, "" },
	};
	char buf[64];
	char *line;
	unsigned int i;

	( void )state;
	for ( i = 0; i < ( sizeof ( cases ) / sizeof ( cases[0] ) ); i++ ) {
		strcpy ( buf, cases[i].line );
		line = buf;
		assert_int_equal ( cmdline_skip_self ( &line ),
		                   cases[i].skipped );
		if ( !cases[i].skipped )
			assert_true ( line == buf );
		/* Leading space is left to cmdline_parse() when not skipped */
		while ( ( !cases[i].skipped ) && ( *line == ' ' ) )
			line++;
		assert_string_equal ( line, cases[i].rest );
	}
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_defaults ),
	        cmocka_unit_test ( test_all_options ),
	        cmocka_unit_test ( test_unknown_option ),
	        cmocka_unit_test ( test_option_values ),
	        cmocka_unit_test ( test_images_spacing ),
	        cmocka_unit_test ( test_separator_words ),
	        cmocka_unit_test ( test_structure_errors ),
	        cmocka_unit_test ( test_module_limit ),
	        cmocka_unit_test ( test_sha256 ),
	        cmocka_unit_test ( test_skip_self ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
