/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * xen.cfg: Xen's own EFI configuration format
 *
 * The text is read the way Xen 4.17's EFI loader (xen/common/efi/boot.c)
 * reads it, so that one file works with both:
 *
 * - Any control character (CR, LF, TAB, ...) ends a line, so LF and CRLF
 *   files read alike.  Spaces at the start of a line are dropped.  A '#'
 *   anywhere, or a ';' at the start of a line, begins a comment that runs
 *   to the end of the line.  A last line with no line end after it is
 *   ignored, as Xen ignores it (Xen warns).
 * - "[NAME]" at the start of a line opens section NAME (case-sensitive;
 *   anything after the ']' is ignored).  Only the first section of a name
 *   counts: a key is looked up from that header up to the next header.
 * - "KEY=VALUE": the key runs from the line start exactly up to '=' (no
 *   spaces), the value starts after any spaces following '='.  The first
 *   line with the key wins.
 * - The section is --section, else [global] default=.  With neither, Xen
 *   looks keys up in the whole file regardless of sections, and so do we.
 *
 * Mapping onto struct xenmb_options:
 * - options= becomes Xen's arguments;
 * - kernel= is module 0 (dom0): its first word is the file, the rest are
 *   dom0's arguments;  no kernel= gives -XENODOM0;
 * - ramdisk=, xsm= and ucode= follow as modules, in that order (Xen's);
 *   ucode= is looked up in the section, then in [global], and only its
 *   first word counts (as in Xen).  Because a multiboot Xen finds its
 *   microcode only through "ucode=N" on its command line, " ucode=N" is
 *   appended to Xen's arguments (N counts dom0 as 0) unless options=
 *   already has a ucode= word;
 * - xen= (an xenmb extension, ignored by Xen) names the hypervisor image,
 *   in the section or else in [global].  Without it xen.name stays NULL:
 *   the caller then tries "xen.gz", then "xen".
 *
 * Refused, by name (-XECFGKEY, opts->bad_word = the key): every key of the
 * chosen section other than options, kernel, ramdisk, xsm, ucode, xen,
 * video and default (video= only picks an EFI console mode, which has no
 * meaning for a multiboot hand-over; default= is only read in [global]),
 * so chain=, dtb= and misspelt keys stop the boot instead of being
 * dropped; and [global] chain= when the section has no kernel= (the one
 * case in which Xen would follow it).  Lines of the chosen section with
 * no '=' are -XECFGSYNTAX.  Keys of other sections, and keys of [global]
 * Xen never reads there, are ignored, as Xen ignores them.
 *
 * Image names may carry "@sha256:HEX" as on the command line.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <xenmb/options.h>
#include <xenmb/errors.h>
#include <xenmb/xencfg.h>

/** The section holding default=, chain= and fallbacks */
#define GLOBAL_SECTION "global"

/** A config text after pre-parsing: lines are NUL-separated strings */
struct xencfg {
	/** Text */
	char *text;
	/** Length; text[len - 1] is NUL (or len is 0) */
	size_t len;
};

/** Position while walking the lines of one section */
struct xencfg_cursor {
	/** Offset of the next character to look at */
	size_t pos;
	/** Nonzero while inside the section */
	int inside;
};

/** Keys the chosen section may hold */
static const char *const section_keys[] = {
        "options", "kernel", "ramdisk", "xsm",
        "ucode",   "xen",    "video",   "default",
};

/**
 * Check for a character that ends a line (Xen's iscntrl())
 *
 * @v c			Character
 * @ret is_ctrl		Nonzero for ASCII control characters
 */
static int is_line_end ( unsigned char c ) {

	return ( ( c < 0x20 ) || ( c == 0x7f ) );
}

/**
 * Cut the text into lines, blanking comments and leading spaces
 *
 * @v cfg		Config text
 */
static void xencfg_pre_parse ( struct xencfg *cfg ) {
	int start = 1;
	int comment = 0;
	size_t last;
	size_t i;

	for ( i = 0; i < cfg->len; i++ ) {
		unsigned char c = cfg->text[i];

		if ( is_line_end ( c ) ) {
			/* End of line */
			comment = 0;
			start = 1;
			cfg->text[i] = '\0';
		} else if ( comment || ( start && ( c == ' ' ) ) ) {
			/* Inside a comment, or leading space */
			cfg->text[i] = '\0';
		} else if ( ( c == '#' ) || ( start && ( c == ';' ) ) ) {
			/* Start of a comment */
			comment = 1;
			cfg->text[i] = '\0';
		} else {
			start = 0;
		}
	}

	/* Blank an unterminated last line: it cannot be cut, Xen drops it */
	if ( cfg->len && cfg->text[cfg->len - 1] ) {
		last = cfg->len;
		while ( last && cfg->text[last - 1] )
			cfg->text[--last] = '\0';
	}
}

/**
 * Start walking the lines of a section
 *
 * @v cursor		Cursor to set up
 * @v section		Section, or NULL for every line of the file
 */
static void xencfg_cursor_init ( struct xencfg_cursor *cursor,
                                 const char *section ) {

	cursor->pos = 0;
	cursor->inside = ( section == NULL );
}

/**
 * Get the next key line of a section
 *
 * @v cfg		Config text
 * @v section		Section, or NULL for every line of the file
 * @v cursor		Cursor
 * @ret line		Next non-header line in the section, or NULL
 */
static char *xencfg_next ( struct xencfg *cfg, const char *section,
                           struct xencfg_cursor *cursor ) {
	size_t slen = ( section ? strlen ( section ) : 0 );
	char *line;

	while ( cursor->pos < cfg->len ) {

		/* Skip blanks between lines */
		line = ( cfg->text + cursor->pos );
		if ( !*line ) {
			cursor->pos++;
			continue;
		}
		cursor->pos += ( strlen ( line ) + 1 );

		/* Key lines in the section are what we want */
		if ( *line != '[' ) {
			if ( cursor->inside )
				return line;
			continue;
		}

		/* A header: whole-file walks ignore it, else it ends or
		 * opens the section
		 */
		if ( !section )
			continue;
		if ( cursor->inside )
			break;
		cursor->inside =
		        ( ( strncmp ( ( line + 1 ), section, slen ) == 0 ) &&
		          ( line[1 + slen] == ']' ) );
	}

	/* End of the section (only its first occurrence counts) */
	cursor->pos = cfg->len;
	return NULL;
}

/**
 * Find the line holding a key
 *
 * @v cfg		Config text
 * @v section		Section, or NULL for the whole file
 * @v key		Key
 * @ret line		Line "KEY=VALUE", or NULL
 */
static char *xencfg_find ( struct xencfg *cfg, const char *section,
                           const char *key ) {
	struct xencfg_cursor cursor;
	size_t klen = strlen ( key );
	char *line;

	xencfg_cursor_init ( &cursor, section );
	while ( ( line = xencfg_next ( cfg, section, &cursor ) ) != NULL ) {
		if ( ( strncmp ( line, key, klen ) == 0 ) &&
		     ( line[klen] == '=' ) )
			return line;
	}
	return NULL;
}

/**
 * Trim trailing spaces
 *
 * @v text		NUL-terminated text, cut in place
 * @ret text		Same text
 */
static char *trim_end ( char *text ) {
	size_t len = strlen ( text );

	while ( len && isspace ( ( unsigned char )text[len - 1] ) )
		text[--len] = '\0';
	return text;
}

/**
 * Get the value of a key
 *
 * @v cfg		Config text
 * @v section		Section, or NULL for the whole file
 * @v key		Key
 * @ret value		Value without leading and trailing spaces, or NULL
 */
static char *xencfg_get ( struct xencfg *cfg, const char *section,
                          const char *key ) {
	char *line;
	char *value;

	line = xencfg_find ( cfg, section, key );
	if ( !line )
		return NULL;
	value = ( line + strlen ( key ) + 1 );
	while ( isspace ( ( unsigned char )*value ) )
		value++;
	return trim_end ( value );
}

/**
 * Report a key by name
 *
 * @v line		Line "KEY=VALUE" (or "KEY" alone); cut after the key
 * @v opts		Options; bad_word is set to the key
 */
static void xencfg_blame ( char *line, struct xenmb_options *opts ) {
	char *eq = strchr ( line, '=' );

	if ( eq )
		*eq = '\0';
	opts->bad_word = line;
}

/**
 * Check whether a section exists
 *
 * @v cfg		Config text
 * @v section		Section name
 * @ret exists		Nonzero if a "[section]" header is there
 */
static int xencfg_has_section ( struct xencfg *cfg, const char *section ) {
	size_t slen = strlen ( section );
	size_t pos = 0;
	char *line;

	while ( pos < cfg->len ) {
		line = ( cfg->text + pos );
		if ( !*line ) {
			pos++;
			continue;
		}
		if ( ( line[0] == '[' ) &&
		     ( strncmp ( ( line + 1 ), section, slen ) == 0 ) &&
		     ( line[1 + slen] == ']' ) )
			return 1;
		pos += ( strlen ( line ) + 1 );
	}
	return 0;
}

/**
 * Check every key of the chosen section
 *
 * @v cfg		Config text
 * @v section		Section, or NULL for the whole file
 * @v opts		Options (for bad_word)
 * @ret rc		0, -XECFGKEY or -XECFGSYNTAX
 */
static int xencfg_check_keys ( struct xencfg *cfg, const char *section,
                               struct xenmb_options *opts ) {
	struct xencfg_cursor cursor;
	const char *key;
	char *line;
	char *eq;
	size_t klen;
	unsigned int i;

	xencfg_cursor_init ( &cursor, section );
	while ( ( line = xencfg_next ( cfg, section, &cursor ) ) != NULL ) {
		eq = strchr ( line, '=' );
		if ( !eq ) {
			opts->bad_word = line;
			return -XECFGSYNTAX;
		}
		klen = ( eq - line );
		for ( i = 0; i < ( sizeof ( section_keys ) /
		                   sizeof ( section_keys[0] ) );
		      i++ ) {
			key = section_keys[i];
			if ( ( strlen ( key ) == klen ) &&
			     ( strncmp ( line, key, klen ) == 0 ) )
				break;
		}
		if ( i == ( sizeof ( section_keys ) /
		            sizeof ( section_keys[0] ) ) ) {
			xencfg_blame ( line, opts );
			return -XECFGKEY;
		}
	}
	return 0;
}

/**
 * Set an image from a value naming one file
 *
 * @v spec		Image to fill
 * @v value		Value (trimmed); must be one word
 * @v key		Key it came from (for messages)
 * @v opts		Options (for bad_word)
 * @ret rc		0, -XECFGSYNTAX or -XEOPTVAL
 */
static int xencfg_set_file ( struct image_spec *spec, char *value,
                             const char *key, struct xenmb_options *opts ) {
	char *space;
	int rc;

	/* One word only: Xen would look for a file with spaces in it */
	for ( space = value; *space; space++ ) {
		if ( isspace ( ( unsigned char )*space ) ) {
			opts->bad_word = key;
			return -XECFGSYNTAX;
		}
	}
	if ( !*value ) {
		opts->bad_word = key;
		return -XECFGSYNTAX;
	}

	spec->args = "";
	if ( ( rc = image_spec_set_name ( spec, value ) ) != 0 ) {
		opts->bad_word = value;
		return rc;
	}
	return 0;
}

/**
 * Set an image from a value "FILE ARGS..."
 *
 * @v spec		Image to fill
 * @v value		Value (trimmed)
 * @v key		Key it came from (for messages)
 * @v opts		Options (for bad_word)
 * @ret rc		0, -XECFGSYNTAX or -XEOPTVAL
 */
static int xencfg_set_image ( struct image_spec *spec, char *value,
                              const char *key, struct xenmb_options *opts ) {
	char *end = value;
	char *args;
	int rc;

	/* Cut the first word; the rest are the arguments */
	while ( *end && !isspace ( ( unsigned char )*end ) )
		end++;
	args = end;
	while ( isspace ( ( unsigned char )*args ) )
		args++;
	*end = '\0';

	if ( ( rc = xencfg_set_file ( spec, value, key, opts ) ) != 0 )
		return rc;
	spec->args = args;
	return 0;
}

/**
 * Check whether Xen's arguments already choose a microcode module
 *
 * @v args		Xen's arguments
 * @ret has_ucode	Nonzero if a word starts with "ucode="
 */
static int has_ucode_word ( const char *args ) {
	const char *word = args;

	while ( *word ) {
		while ( isspace ( ( unsigned char )*word ) )
			word++;
		if ( strncmp ( word, "ucode=", 6 ) == 0 )
			return 1;
		while ( *word && !isspace ( ( unsigned char )*word ) )
			word++;
	}
	return 0;
}

/**
 * Point Xen at its microcode module with " ucode=N"
 *
 * @v opts		Options; xen.args is extended into xen_args_buf
 * @v index		Module index of the microcode, dom0 being 0
 * @ret rc		0, or -XENOSPC if the arguments do not fit
 */
static int xencfg_add_ucode ( struct xenmb_options *opts, unsigned int index ) {
	const char *args = opts->xen.args;
	int len;

	if ( has_ucode_word ( args ) )
		return 0;
	len = snprintf ( opts->xen_args_buf, sizeof ( opts->xen_args_buf ),
	                 "%s%sucode=%u", args, ( *args ? " " : "" ), index );
	if ( ( len < 0 ) ||
	     ( ( size_t )len >= sizeof ( opts->xen_args_buf ) ) ) {
		opts->bad_word = "options";
		return -XENOSPC;
	}
	opts->xen.args = opts->xen_args_buf;
	return 0;
}

/**
 * Fill the modules after dom0: ramdisk=, xsm=, ucode=
 *
 * @v cfg		Config text
 * @v section		Section, or NULL for the whole file
 * @v opts		Options
 * @ret rc		0 or negative
 */
static int xencfg_modules ( struct xencfg *cfg, const char *section,
                            struct xenmb_options *opts ) {
	static const char *const file_keys[] = { "ramdisk", "xsm" };
	struct image_spec *spec;
	unsigned int i;
	char *value;
	char *end;
	int rc;

	/* Initrd and XSM policy, each a file */
	for ( i = 0; i < ( sizeof ( file_keys ) / sizeof ( file_keys[0] ) );
	      i++ ) {
		value = xencfg_get ( cfg, section, file_keys[i] );
		if ( !value )
			continue;
		spec = &opts->modules[opts->module_count];
		if ( ( rc = xencfg_set_file ( spec, value, file_keys[i],
		                              opts ) ) != 0 )
			return rc;
		opts->module_count++;
	}

	/* Microcode: section first, then [global]; first word only */
	value = xencfg_get ( cfg, section, "ucode" );
	if ( !value )
		value = xencfg_get ( cfg, GLOBAL_SECTION, "ucode" );
	if ( value ) {
		for ( end = value; *end && !isspace ( ( unsigned char )*end );
		      end++ ) {
		}
		*end = '\0';
		spec = &opts->modules[opts->module_count];
		if ( ( rc = xencfg_set_file ( spec, value, "ucode", opts ) ) !=
		     0 )
			return rc;
		if ( ( rc = xencfg_add_ucode ( opts, opts->module_count ) ) !=
		     0 )
			return rc;
		opts->module_count++;
	}
	return 0;
}

/**
 * Parse a xen.cfg (Xen's EFI config format) into the images to boot
 *
 * @v text		Config text, modified in place; need not end in NUL
 * @v len		Length of the text
 * @v section		Section to use, or NULL for [global] default=
 * @v opts		Options; xen and modules are filled from the section
 * @ret rc		0, or -XECFGSYNTAX, -XECFGSECTION, -XECFGKEY ...
 *			with opts->bad_word naming the key or section
 *
 * Any images already in @c opts are replaced.
 */
int xencfg_parse ( char *text, size_t len, const char *section,
                   struct xenmb_options *opts ) {
	struct xencfg cfg = { .text = text, .len = len };
	char *chain;
	char *value;
	int rc;

	xencfg_pre_parse ( &cfg );
	memset ( &opts->xen, 0, sizeof ( opts->xen ) );
	opts->xen.args = "";
	opts->module_count = 0;

	/* Pick the section */
	if ( !section )
		section = xencfg_get ( &cfg, GLOBAL_SECTION, "default" );
	if ( section && !*section )
		section = NULL;
	if ( section && !xencfg_has_section ( &cfg, section ) ) {
		opts->bad_word = section;
		return -XECFGSECTION;
	}

	/* Refuse what we cannot honour */
	if ( ( rc = xencfg_check_keys ( &cfg, section, opts ) ) != 0 )
		return rc;

	/* Dom0 kernel: Xen would follow [global] chain= without one */
	value = xencfg_get ( &cfg, section, "kernel" );
	if ( !value ) {
		chain = xencfg_find ( &cfg, GLOBAL_SECTION, "chain" );
		if ( chain ) {
			xencfg_blame ( chain, opts );
			return -XECFGKEY;
		}
		opts->bad_word = section;
		return -XENODOM0;
	}
	if ( ( rc = xencfg_set_image ( &opts->modules[0], value, "kernel",
	                               opts ) ) != 0 )
		return rc;
	opts->module_count = 1;

	/* Hypervisor: section, then [global] */
	value = xencfg_get ( &cfg, section, "xen" );
	if ( !value )
		value = xencfg_get ( &cfg, GLOBAL_SECTION, "xen" );
	if ( value ) {
		if ( ( rc = xencfg_set_file ( &opts->xen, value, "xen",
		                              opts ) ) != 0 )
			return rc;
	}

	/* Xen's arguments */
	value = xencfg_get ( &cfg, section, "options" );
	opts->xen.args = ( value ? value : "" );

	/* The other modules */
	return xencfg_modules ( &cfg, section, opts );
}
