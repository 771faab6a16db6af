/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests for the xen.cfg parser (xencfg.c)
 *
 * Each case writes a config in Xen's EFI format, parses it from a buffer
 * of exactly its length (no NUL after it, so ASan catches any read past
 * the end) and compares the images with what the case wrote.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <xenmb/options.h>
#include <xenmb/errors.h>
#include <xenmb/xencfg.h>

/** One parse */
struct parsed {
	/** Config text (exactly its length, no NUL), cut in place */
	char *text;
	/** Length */
	size_t len;
	/** Options */
	struct xenmb_options opts;
	/** Return status */
	int rc;
};

/**
 * Parse a config
 *
 * @v p			Parse state; free p->text afterwards with done()
 * @v text		Config text
 * @v section		Section, or NULL
 * @ret rc		Return status of xencfg_parse()
 */
static int parse ( struct parsed *p, const char *text, const char *section ) {

	p->len = strlen ( text );
	p->text = malloc ( p->len ? p->len : 1 );
	assert_non_null ( p->text );
	memcpy ( p->text, text, p->len );
	options_init ( &p->opts );
	p->rc = xencfg_parse ( p->text, p->len, section, &p->opts );
	return p->rc;
}

/**
 * Free a parse
 *
 * @v p			Parse state
 */
static void done ( struct parsed *p ) {

	free ( p->text );
	p->text = NULL;
}

/**
 * Turn LF line ends into CRLF
 *
 * @v text		Text with LF line ends
 * @ret crlf		Same text with CRLF (malloc'd)
 */
static char *to_crlf ( const char *text ) {
	char *crlf = malloc ( ( 2 * strlen ( text ) ) + 1 );
	char *out = crlf;

	assert_non_null ( crlf );
	for ( ; *text; text++ ) {
		if ( *text == '\n' )
			*( out++ ) = '\r';
		*( out++ ) = *text;
	}
	*out = '\0';
	return crlf;
}

/**
 * Check an image
 *
 * @v spec		Image
 * @v name		Expected name
 * @v args		Expected arguments
 */
static void check_image ( const struct image_spec *spec, const char *name,
                          const char *args ) {

	assert_non_null ( spec->name );
	assert_string_equal ( spec->name, name );
	assert_non_null ( spec->args );
	assert_string_equal ( spec->args, args );
}

/**
 * Check an error and the word it names
 *
 * @v p			Parse state
 * @v rc		Expected status
 * @v word		Expected bad word
 */
static void check_error ( struct parsed *p, int rc, const char *word ) {

	assert_int_equal ( p->rc, rc );
	assert_non_null ( p->opts.bad_word );
	assert_string_equal ( p->opts.bad_word, word );
}

/** A typical config, with comments, blank lines and spacing */
static const char typical_cfg[] =
        "# Xen boot configuration\n"
        "\n"
        "[global]\n"
        "default=test\n"
        "\n"
        "[test]\n"
        "options=console=com1 com1=115200   loglvl=all  # serial\n"
        "   kernel=vmlinuz   root=/dev/sda1   ro quiet\n"
        "; an old ramdisk\n"
        "ramdisk= initrd.img\n"
        "\n"
        "[other]\n"
        "options=console=vga\n"
        "kernel=vmlinuz-old\n";

/**
 * Check the result of parsing typical_cfg
 *
 * @v p			Parse state
 */
static void check_typical ( struct parsed *p ) {

	assert_int_equal ( p->rc, 0 );
	assert_null ( p->opts.xen.name );
	assert_string_equal ( p->opts.xen.args,
	                      "console=com1 com1=115200   loglvl=all" );
	assert_int_equal ( p->opts.module_count, 2 );
	check_image ( &p->opts.modules[0], "vmlinuz",
	              "root=/dev/sda1   ro quiet" );
	check_image ( &p->opts.modules[1], "initrd.img", "" );
	assert_null ( p->opts.modules[0].sha256 );
}

/** The default section, LF line ends */
static void test_typical_lf ( void **state ) {
	struct parsed p;

	( void )state;
	parse ( &p, typical_cfg, NULL );
	check_typical ( &p );
	done ( &p );
}

/** The same config with CRLF line ends reads the same */
static void test_typical_crlf ( void **state ) {
	struct parsed p;
	char *crlf = to_crlf ( typical_cfg );

	( void )state;
	parse ( &p, crlf, NULL );
	check_typical ( &p );
	done ( &p );
	free ( crlf );
}

/** --section picks another section; [global] default= is then unused */
static void test_section_choice ( void **state ) {
	struct parsed p;

	( void )state;
	parse ( &p, typical_cfg, "other" );
	assert_int_equal ( p.rc, 0 );
	assert_string_equal ( p.opts.xen.args, "console=vga" );
	assert_int_equal ( p.opts.module_count, 1 );
	check_image ( &p.opts.modules[0], "vmlinuz-old", "" );
	done ( &p );

	/* Names are case-sensitive, as in Xen */
	parse ( &p, typical_cfg, "Other" );
	check_error ( &p, -XECFGSECTION, "Other" );
	done ( &p );

	/* A missing default section is named */
	parse ( &p, "[global]\ndefault=nosuch\n[test]\nkernel=k\n", NULL );
	check_error ( &p, -XECFGSECTION, "nosuch" );
	done ( &p );
}

/** Without default= or --section, Xen takes the first key in the file */
static void test_whole_file ( void **state ) {
	struct parsed p;

	( void )state;
	parse ( &p,
	        "[a]\noptions=first\n[b]\nkernel=kb b-arg\noptions=second\n"
	        "[c]\nkernel=kc\n",
	        NULL );
	assert_int_equal ( p.rc, 0 );
	assert_string_equal ( p.opts.xen.args, "first" );
	check_image ( &p.opts.modules[0], "kb", "b-arg" );
	done ( &p );
}

/** Only the first section of a name counts */
static void test_first_section_only ( void **state ) {
	struct parsed p;

	( void )state;
	parse ( &p, "[s]\noptions=one\n[t]\nkernel=kt\n[s]\nkernel=ks2\n",
	        "s" );
	check_error ( &p, -XENODOM0, "s" );
	done ( &p );

	/* Header junk after ']' is ignored; "[ss]" is not "[s]" */
	parse ( &p, "[ss]\nkernel=wrong\n[s] # mine\nkernel=right\n", "s" );
	assert_int_equal ( p.rc, 0 );
	check_image ( &p.opts.modules[0], "right", "" );
	done ( &p );
}

/** No kernel=, and [global] chain= that Xen would follow */
static void test_no_kernel ( void **state ) {
	struct parsed p;

	( void )state;
	parse ( &p, "[global]\ndefault=s\n[s]\noptions=x\n", NULL );
	check_error ( &p, -XENODOM0, "s" );
	done ( &p );

	parse ( &p, "", NULL );
	assert_int_equal ( p.rc, -XENODOM0 );
	done ( &p );

	/* chain= is followed by Xen only without kernel=: refuse it */
	parse ( &p, "[global]\ndefault=s\nchain=more.cfg\n[s]\noptions=x\n",
	        NULL );
	check_error ( &p, -XECFGKEY, "chain" );
	done ( &p );

	/* ... and ignored by Xen (and us) when there is a kernel= */
	parse ( &p,
	        "[global]\ndefault=s\nchain=more.cfg\n[s]\nkernel=vmlinuz\n",
	        NULL );
	assert_int_equal ( p.rc, 0 );
	check_image ( &p.opts.modules[0], "vmlinuz", "" );
	done ( &p );
}

/** Keys we cannot honour are refused by name */
static void test_refused_keys ( void **state ) {
	static const struct {
		const char *cfg;
		int rc;
		const char *word;
	} cases[] = {
	        { "[s]\nkernel=k\ndtb=board.dtb\n", -XECFGKEY, "dtb" },
	        { "[s]\nkernel=k\nchain=x.cfg\n", -XECFGKEY, "chain" },
	        { "[s]\nkernel=k\nramdsk=initrd\n", -XECFGKEY, "ramdsk" },
	        { "[s]\nkernel =k\n", -XECFGKEY, "kernel " },
	        { "[s]\nKERNEL=k\n", -XECFGKEY, "KERNEL" },
	        { "[s]\n=k\n", -XECFGKEY, "" },
	        { "[s]\nkernel=k\nramdisk initrd\n", -XECFGSYNTAX,
	          "ramdisk initrd" },
	        /* A tab ends a line in Xen: the rest is a line of its own */
	        { "[s]\nkernel=k\tro\n", -XECFGSYNTAX, "ro" },
	        /* A file name with spaces in it */
	        { "[s]\nkernel=k\nramdisk=a b\n", -XECFGSYNTAX, "ramdisk" },
	        { "[s]\nkernel=k\nxsm=\n", -XECFGSYNTAX, "xsm" },
	        { "[s]\nkernel=k\nxen=xen.gz console=vga\n", -XECFGSYNTAX,
	          "xen" },
	};
	struct parsed p;
	unsigned int i;

	( void )state;
	for ( i = 0; i < ( sizeof ( cases ) / sizeof ( cases[0] ) ); i++ ) {
		parse ( &p, cases[i].cfg, "s" );
		check_error ( &p, cases[i].rc, cases[i].word );
		done ( &p );
	}
}

/** Keys Xen ignores are ignored: other sections, [global] extras */
static void test_ignored_keys ( void **state ) {
	struct parsed p;

	( void )state;
	parse ( &p,
	        "[global]\ndefault=s\ntimeout=5\noptions=unused\nvideo=gfx-"
	        "1024x768\n"
	        "[arm]\ndtb=board.dtb\nfoo=bar\nno equals here\n"
	        "[s]\nkernel=k\nvideo=gfx-800x600\n",
	        NULL );
	assert_int_equal ( p.rc, 0 );
	assert_string_equal ( p.opts.xen.args, "" );
	assert_int_equal ( p.opts.module_count, 1 );
	check_image ( &p.opts.modules[0], "k", "" );
	done ( &p );
}

/** xsm= and ucode= follow as modules; ucode=N goes to Xen */
static void test_xsm_ucode ( void **state ) {
	struct parsed p;

	( void )state;
	parse ( &p,
	        "[s]\noptions=console=com1\nkernel=vmlinuz ro\n"
	        "ramdisk=initrd\nxsm=policy.bin\nucode=intel.bin extra\n",
	        "s" );
	assert_int_equal ( p.rc, 0 );
	assert_int_equal ( p.opts.module_count, 4 );
	check_image ( &p.opts.modules[0], "vmlinuz", "ro" );
	check_image ( &p.opts.modules[1], "initrd", "" );
	check_image ( &p.opts.modules[2], "policy.bin", "" );
	check_image ( &p.opts.modules[3], "intel.bin", "" );
	assert_string_equal ( p.opts.xen.args, "console=com1 ucode=3" );
	done ( &p );

	/* No ramdisk: the indices close up; ucode from [global] */
	parse ( &p,
	        "[global]\nucode=amd.bin\n[s]\nkernel=vmlinuz\nxsm=policy\n",
	        "s" );
	assert_int_equal ( p.rc, 0 );
	assert_int_equal ( p.opts.module_count, 3 );
	check_image ( &p.opts.modules[1], "policy", "" );
	check_image ( &p.opts.modules[2], "amd.bin", "" );
	assert_string_equal ( p.opts.xen.args, "ucode=2" );
	done ( &p );

	/* The section's ucode= wins over [global]'s */
	parse ( &p, "[global]\nucode=g.bin\n[s]\nkernel=k\nucode=s.bin\n",
	        "s" );
	assert_int_equal ( p.rc, 0 );
	check_image ( &p.opts.modules[1], "s.bin", "" );
	assert_string_equal ( p.opts.xen.args, "ucode=1" );
	done ( &p );

	/* options= that already says ucode= is left alone */
	parse ( &p, "[s]\noptions=loglvl=all ucode=scan\nkernel=k\nucode=u\n",
	        "s" );
	assert_int_equal ( p.rc, 0 );
	assert_string_equal ( p.opts.xen.args, "loglvl=all ucode=scan" );
	assert_int_equal ( p.opts.module_count, 2 );
	done ( &p );

	/* "xucode=" is not "ucode=" */
	parse ( &p, "[s]\noptions=xucode=1\nkernel=k\nucode=u\n", "s" );
	assert_int_equal ( p.rc, 0 );
	assert_string_equal ( p.opts.xen.args, "xucode=1 ucode=1" );
	done ( &p );
}

/** Xen's arguments plus " ucode=N" must fit */
static void test_ucode_overflow ( void **state ) {
	static char cfg[2 * XENMB_XEN_ARGS_MAX];
	struct parsed p;
	size_t len;

	( void )state;
	len = snprintf ( cfg, sizeof ( cfg ),
	                 "[s]\nkernel=k\nucode=u\noptions=" );
	memset ( ( cfg + len ), 'a', ( XENMB_XEN_ARGS_MAX - 8 ) );
	strcpy ( ( cfg + len + XENMB_XEN_ARGS_MAX - 8 ), "\n" );
	parse ( &p, cfg, "s" );
	check_error ( &p, -XENOSPC, "options" );
	done ( &p );

	/* Exactly fitting: 1015 characters + " ucode=1" + NUL = 1024 */
	memset ( ( cfg + len ), 'a', ( XENMB_XEN_ARGS_MAX - 9 ) );
	strcpy ( ( cfg + len + XENMB_XEN_ARGS_MAX - 9 ), "\n" );
	parse ( &p, cfg, "s" );
	assert_int_equal ( p.rc, 0 );
	assert_int_equal ( strlen ( p.opts.xen.args ), XENMB_XEN_ARGS_MAX - 1 );
	assert_string_equal ( ( p.opts.xen.args + XENMB_XEN_ARGS_MAX - 9 ),
	                      " ucode=1" );
	done ( &p );
}

/** xen= names the hypervisor; the section wins over [global] */
static void test_xen_key ( void **state ) {
	struct parsed p;

	( void )state;
	parse ( &p, "[global]\nxen=xen-4.17.gz\n[s]\nkernel=k\n", "s" );
	assert_int_equal ( p.rc, 0 );
	check_image ( &p.opts.xen, "xen-4.17.gz", "" );
	done ( &p );

	parse ( &p,
	        "[global]\nxen=xen-4.17.gz\n[s]\nxen=xen-debug\nkernel=k\n"
	        "options=loglvl=all\n",
	        "s" );
	assert_int_equal ( p.rc, 0 );
	check_image ( &p.opts.xen, "xen-debug", "loglvl=all" );
	done ( &p );

	/* Names may carry a checksum */
	parse ( &p,
	        "[s]\nkernel=vmlinuz@sha256:"
	        "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A"
	        "08"
	        " ro\n",
	        "s" );
	assert_int_equal ( p.rc, 0 );
	check_image ( &p.opts.modules[0], "vmlinuz", "ro" );
	assert_string_equal ( p.opts.modules[0].sha256,
	                      "9f86d081884c7d659a2feaa0c55ad015"
	                      "a3bf4f1b2b0b822cd15d6c15b0f00a08" );
	done ( &p );

	parse ( &p, "[s]\nkernel=k\nramdisk=i@sha256:123\n", "s" );
	check_error ( &p, -XEOPTVAL, "i@sha256:123" );
	done ( &p );
}

/** Comments, leading spaces, trailing spaces, no newline at the end */
static void test_lexical ( void **state ) {
	struct parsed p;

	( void )state;

	/* '#' anywhere, ';' only at a line start, spaces around values */
	parse ( &p,
	        "  # indented comment\n"
	        "  [s]\n"
	        "; kernel=commented\n"
	        "  kernel=k;not-a-comment   #comment\n"
	        "options=   a  b   \n",
	        "s" );
	assert_int_equal ( p.rc, 0 );
	check_image ( &p.opts.modules[0], "k;not-a-comment", "" );
	assert_string_equal ( p.opts.xen.args, "a  b" );
	done ( &p );

	/* Xen ignores a last line without a line end */
	parse ( &p, "[s]\nkernel=k\nramdisk=initrd", "s" );
	assert_int_equal ( p.rc, 0 );
	assert_int_equal ( p.opts.module_count, 1 );
	done ( &p );
	parse ( &p, "[s]\nkernel=k", "s" );
	check_error ( &p, -XENODOM0, "s" );
	done ( &p );

	/* A lone CR ends a line too */
	parse ( &p, "[s]\rkernel=k\rramdisk=i\r", "s" );
	assert_int_equal ( p.rc, 0 );
	assert_int_equal ( p.opts.module_count, 2 );
	done ( &p );
}

/** Images already in the options are replaced */
static void test_replaces ( void **state ) {
	struct parsed p;
	char text[] = "[s]\nkernel=k\n";

	( void )state;
	options_init ( &p.opts );
	p.opts.xen.name = "old-xen";
	p.opts.module_count = 5;
	assert_int_equal ( xencfg_parse ( text, strlen ( text ), "s", &p.opts ),
	                   0 );
	assert_null ( p.opts.xen.name );
	assert_int_equal ( p.opts.module_count, 1 );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_typical_lf ),
	        cmocka_unit_test ( test_typical_crlf ),
	        cmocka_unit_test ( test_section_choice ),
	        cmocka_unit_test ( test_whole_file ),
	        cmocka_unit_test ( test_first_section_only ),
	        cmocka_unit_test ( test_no_kernel ),
	        cmocka_unit_test ( test_refused_keys ),
	        cmocka_unit_test ( test_ignored_keys ),
	        cmocka_unit_test ( test_xsm_ucode ),
	        cmocka_unit_test ( test_ucode_overflow ),
	        cmocka_unit_test ( test_xen_key ),
	        cmocka_unit_test ( test_lexical ),
	        cmocka_unit_test ( test_replaces ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
