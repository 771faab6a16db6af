/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * xenmb's command line
 *
 *   xenmb [OPTION...] [XEN [XEN-ARGS...] [--- MODULE [MODULE-ARGS...]]...]
 *
 * Options come first; the first word not starting with "--" names the Xen
 * image.  After it comes the syntax of syslinux's mboot.c32: the words up
 * to a "---" word are Xen's arguments, then each "---" starts a module
 * (the first is the dom0 kernel, the second its initrd).  An image's
 * arguments are the exact text the user wrote after its name, trimmed at
 * both ends, so spacing inside them reaches Xen and dom0 unchanged.
 *
 * The command line is cut in place: names and arguments become
 * NUL-terminated strings inside it, and struct xenmb_options points there.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <xenmb/options.h>
#include <xenmb/errors.h>

/** The word that separates images */
#define MODULE_SEPARATOR "---"

/** Longest --timeout accepted, in seconds (one day) */
#define TIMEOUT_MAX 86400

/** A flag option: "--NAME", setting one int */
struct flag_option {
	/** Option word, with the leading "--" */
	const char *word;
	/** Offset of the int it sets in struct xenmb_options */
	size_t offset;
};

/** The flag options */
static const struct flag_option flag_options[] = {
        { "--probe", offsetof ( struct xenmb_options, probe ) },
        { "--json", offsetof ( struct xenmb_options, json ) },
        { "--mb1", offsetof ( struct xenmb_options, mb1 ) },
        { "--quiet", offsetof ( struct xenmb_options, quiet ) },
        { "--verbose", offsetof ( struct xenmb_options, verbose ) },
};

/** A --require word */
struct require_word {
	/** Word */
	const char *word;
	/** REQUIRE_xxx bit */
	unsigned int bit;
};

/** The --require words */
static const struct require_word require_words[] = {
        { "iommu", REQUIRE_IOMMU },
        { "intremap", REQUIRE_INTREMAP },
        { "sriov", REQUIRE_SRIOV },
};

/**
 * Skip whitespace
 *
 * @v text		Text
 * @ret text		First non-space character (or the terminating NUL)
 */
static char *skip_space ( char *text ) {

	while ( isspace ( ( unsigned char )*text ) )
		text++;
	return text;
}

/**
 * Find the end of a word
 *
 * @v word		Start of a word
 * @ret end		First whitespace character or NUL after it
 */
static char *word_end ( char *word ) {

	while ( *word && !isspace ( ( unsigned char )*word ) )
		word++;
	return word;
}

/**
 * Check whether a word is the module separator
 *
 * @v word		Start of the word (not NUL-terminated)
 * @v end		End of the word
 * @ret is_sep		Nonzero if the word is exactly "---"
 */
static int is_separator ( const char *word, const char *end ) {
	size_t len = strlen ( MODULE_SEPARATOR );

	return ( ( ( size_t )( end - word ) == len ) &&
	         ( memcmp ( word, MODULE_SEPARATOR, len ) == 0 ) );
}

/**
 * Parse the value of --require=LIST (for xenmb and xenmb-probe)
 *
 * @v list		Comma-separated words of REQUIRE_WORDS, NUL-terminated;
 *			cut in place
 * @v require		REQUIRE_xxx bits, added to
 * @v bad_word		The word not known, on -XEOPTVAL
 * @ret rc		0, or -XEOPTVAL
 */
int cmdline_parse_require ( char *list, unsigned int *require,
                            const char **bad_word ) {
	char *item = list;
	char *comma;
	unsigned int i;

	do {
		/* Cut the next item */
		comma = strchr ( item, ',' );
		if ( comma )
			*comma = '\0';

		/* Look it up */
		for ( i = 0; i < ( sizeof ( require_words ) /
		                   sizeof ( require_words[0] ) );
		      i++ ) {
			if ( strcmp ( item, require_words[i].word ) == 0 )
				break;
		}
		if ( i == ( sizeof ( require_words ) /
		            sizeof ( require_words[0] ) ) ) {
			*bad_word = item;
			return -XEOPTVAL;
		}
		*require |= require_words[i].bit;

		if ( comma )
			item = ( comma + 1 );
	} while ( comma );

	return 0;
}

/**
 * Parse the value of --timeout=SECONDS
 *
 * @v value		Decimal number, NUL-terminated
 * @v opts		Options
 * @ret rc		0, or -XEOPTVAL with opts->bad_word set
 */
static int parse_timeout ( const char *value, struct xenmb_options *opts ) {
	unsigned int seconds = 0;
	const char *digit;

	for ( digit = value; *digit; digit++ ) {
		if ( !isdigit ( ( unsigned char )*digit ) )
			goto err;
		seconds = ( ( seconds * 10 ) + ( *digit - '0' ) );
		if ( seconds > TIMEOUT_MAX )
			goto err;
	}
	if ( digit == value )
		goto err;

	opts->timeout = seconds;
	return 0;

err:
	opts->bad_word = value;
	return -XEOPTVAL;
}

/**
 * Find a flag option
 *
 * @v word		Option word, NUL-terminated
 * @ret flag		Flag option, or NULL if @c word is none
 */
static const struct flag_option *find_flag ( const char *word ) {
	unsigned int i;

	for ( i = 0;
	      i < ( sizeof ( flag_options ) / sizeof ( flag_options[0] ) );
	      i++ ) {
		if ( strcmp ( word, flag_options[i].word ) == 0 )
			return &flag_options[i];
	}
	return NULL;
}

/**
 * Check whether an option takes a value
 *
 * @v word		Option word without "=VALUE", NUL-terminated
 * @ret has_value	Nonzero for --require, --cfg, --section, --timeout
 */
static int takes_value ( const char *word ) {

	return ( ( strcmp ( word, "--require" ) == 0 ) ||
	         ( strcmp ( word, "--cfg" ) == 0 ) ||
	         ( strcmp ( word, "--section" ) == 0 ) ||
	         ( strcmp ( word, "--timeout" ) == 0 ) );
}

/**
 * Parse one option word
 *
 * @v word		Option word (starts with "--"), NUL-terminated
 * @v opts		Options
 * @ret rc		0, or -XEOPTION, -XEOPTARG, -XEOPTVAL with
 *			opts->bad_word set
 */
static int parse_option ( char *word, struct xenmb_options *opts ) {
	const struct flag_option *flag;
	char *value;

	/* Split off "=VALUE" */
	opts->bad_word = word;
	value = strchr ( word, '=' );
	if ( value )
		*( value++ ) = '\0';

	/* Flags take no value */
	if ( ( flag = find_flag ( word ) ) != NULL ) {
		if ( value )
			return -XEOPTVAL;
		*( ( int * )( ( ( char * )opts ) + flag->offset ) ) = 1;
		return 0;
	}

	/* The others need one */
	if ( !takes_value ( word ) )
		return -XEOPTION;
	if ( ( !value ) || ( !*value ) )
		return -XEOPTARG;
	if ( strcmp ( word, "--require" ) == 0 )
		return cmdline_parse_require ( value, &opts->require,
		                               &opts->bad_word );
	if ( strcmp ( word, "--timeout" ) == 0 )
		return parse_timeout ( value, opts );
	if ( strcmp ( word, "--cfg" ) == 0 )
		opts->cfg = value;
	else
		opts->section = value;
	return 0;
}

/**
 * Parse one image: its name and the arguments up to the next "---"
 *
 * @v text		Start of the image name (not whitespace, not NUL)
 * @v spec		Image to fill
 * @v opts		Options (for bad_word)
 * @v next		Start of the next image's name, or NULL at the end
 * @ret rc		0, or -XEOPTVAL, -XENOMODULE with opts->bad_word set
 */
static int parse_image ( char *text, struct image_spec *spec,
                         struct xenmb_options *opts, char **next ) {
	char *name_end;
	char *args;
	char *args_end;
	char *word;
	char *end;
	char *after;
	int rc;

	/* Find the name */
	name_end = word_end ( text );

	/* Find the arguments: every word up to a "---" word */
	args = skip_space ( name_end );
	args_end = args;
	*next = NULL;
	for ( word = args; *word; word = skip_space ( end ) ) {
		end = word_end ( word );
		if ( is_separator ( word, end ) ) {
			/* A module must follow */
			after = skip_space ( end );
			if ( ( !*after ) ||
			     is_separator ( after, word_end ( after ) ) ) {
				*end = '\0';
				opts->bad_word = word;
				return -XENOMODULE;
			}
			*next = after;
			break;
		}
		args_end = end;
	}

	/* Cut name and arguments (each is followed by space or NUL) */
	if ( args_end == args )
		args = "";
	*args_end = '\0';
	*name_end = '\0';
	spec->args = args;

	/* Take the name and any checksum */
	if ( ( rc = image_spec_set_name ( spec, text ) ) != 0 ) {
		opts->bad_word = text;
		return rc;
	}
	return 0;
}

/**
 * Parse xenmb's command line (mboot.c32 syntax after the options)
 *
 * @v cmdline		Command line, modified in place (words are cut)
 * @v opts		Options, after options_init()
 * @ret rc		0, or -XEOPTION etc. with opts->bad_word set
 *
 * With a Xen image but no module, no --cfg and no --probe, the result is
 * -XENODOM0.
 * With neither Xen nor modules the result is 0 and opts->xen.name stays
 * NULL: the caller then uses --cfg, a xen.cfg, or only probes.
 */
int cmdline_parse ( char *cmdline, struct xenmb_options *opts ) {
	struct image_spec *spec;
	char *word;
	char *end;
	char *next;
	int rc;

	/* Options */
	for ( word = skip_space ( cmdline ); *word;
	      word = skip_space ( end ) ) {
		end = word_end ( word );
		if ( strncmp ( word, "--", 2 ) != 0 )
			break;
		if ( is_separator ( word, end ) ) {
			*end = '\0';
			opts->bad_word = word;
			return -XENOXEN;
		}
		if ( *end )
			*( end++ ) = '\0';
		if ( ( rc = parse_option ( word, opts ) ) != 0 )
			return rc;
	}
	if ( !*word )
		return 0;

	/* Xen, then each module */
	if ( ( rc = parse_image ( word, &opts->xen, opts, &next ) ) != 0 )
		return rc;
	while ( next ) {
		if ( opts->module_count == XENMB_MAX_MODULES ) {
			*word_end ( next ) = '\0';
			opts->bad_word = next;
			return -XETOOMANY;
		}
		spec = &opts->modules[opts->module_count++];
		if ( ( rc = parse_image ( next, spec, opts, &next ) ) != 0 )
			return rc;
	}

	/* Xen needs a dom0 kernel, from here or from a config file (a
	 * --probe alone boots nothing, so it needs none) */
	if ( ( opts->module_count == 0 ) && ( !opts->cfg ) &&
	     ( !opts->probe ) ) {
		opts->bad_word = opts->xen.name;
		return -XENODOM0;
	}
	return 0;
}

/**
 * Skip the carrier's own name at the start of a command line
 *
 * @v cmdline		Command line; advanced past the name if one is there
 * @ret skipped		Nonzero if a name was skipped
 *
 * UEFI LoadOptions start with the image's own name ("xenmb.efi --probe").
 * The first word is dropped if it does not begin with "--" and either
 * ends in ".efi" (any case) or is "xenmb".
 */
int cmdline_skip_self ( char **cmdline ) {
	static const char efi_suffix[] = ".efi";
	size_t suffix_len = ( sizeof ( efi_suffix ) - 1 );
	char *word = skip_space ( *cmdline );
	char *end = word_end ( word );
	size_t len = ( end - word );

	if ( ( len == 0 ) || ( strncmp ( word, "--", 2 ) == 0 ) )
		return 0;
	if ( ( ( len > suffix_len ) &&
	       ( strncasecmp ( ( end - suffix_len ), efi_suffix, suffix_len ) ==
	         0 ) ) ||
	     ( ( len == strlen ( "xenmb" ) ) &&
	       ( strncmp ( word, "xenmb", len ) == 0 ) ) ) {
		*cmdline = skip_space ( end );
		return 1;
	}
	return 0;
}
