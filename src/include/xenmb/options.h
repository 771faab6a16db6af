/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * What the user asked for: xenmb's options and the images to boot
 *
 * Filled from the command line (cmdline.c, mboot.c32 syntax) and from a
 * xen.cfg in Xen's EFI format (xencfg.c).  All strings point into buffers
 * owned by the caller (the command line and the config text, which the
 * parsers cut into NUL-terminated pieces in place).
 */
#ifndef XENMB_OPTIONS_H
#define XENMB_OPTIONS_H

#include <stddef.h>

/** Most modules xenmb passes (Xen 4.17 uses at most 64) */
#define XENMB_MAX_MODULES 64

/** Room for Xen's arguments when xencfg_parse() must append to them */
#define XENMB_XEN_ARGS_MAX 1024

/** --require bits */
enum xenmb_require {
	REQUIRE_IOMMU = 0x01,
	REQUIRE_INTREMAP = 0x02,
	REQUIRE_SRIOV = 0x04,
};

/** The --require words, as the usage texts give them */
#define REQUIRE_WORDS "iommu,intremap,sriov"

/** One image: a file name, the arguments that go with it, a checksum */
struct image_spec {
	/** File name (as iPXE named it) */
	const char *name;
	/** Arguments (may be empty, never NULL once set), as the user wrote */
	const char *args;
	/** Expected SHA-256 as 64 hex digits, or NULL */
	const char *sha256;
};

/** Parsed options and images */
struct xenmb_options {
	/** --probe: report only, do not boot */
	int probe;
	/** --json: print the JSON report line */
	int json;
	/** --mb1: hand over with multiboot1 */
	int mb1;
	/** --quiet */
	int quiet;
	/** --verbose */
	int verbose;
	/** --require=LIST, REQUIRE_xxx bits */
	unsigned int require;
	/** --timeout=SECONDS (BIOS --probe), default 30 */
	unsigned int timeout;
	/** --cfg=NAME, or NULL */
	const char *cfg;
	/** --section=NAME, or NULL */
	const char *section;
	/** The hypervisor (name NULL if not given) */
	struct image_spec xen;
	/** Modules in order: dom0 kernel, initrd, others */
	struct image_spec modules[XENMB_MAX_MODULES];
	/** Number of modules */
	unsigned int module_count;
	/** On error: the word that was wrong (points into the input) */
	const char *bad_word;
	/**
	 * Xen's arguments when xencfg_parse() had to extend options=
	 * (" ucode=N"); xen.args then points here
	 */
	char xen_args_buf[XENMB_XEN_ARGS_MAX];
};

/**
 * Set the defaults
 *
 * @v opts		Options to fill
 */
void options_init ( struct xenmb_options *opts );

/**
 * Parse xenmb's command line (mboot.c32 syntax after the options)
 *
 * @v cmdline		Command line, modified in place (words are cut)
 * @v opts		Options, after options_init()
 * @ret rc		0, or -XEOPTION etc. with opts->bad_word set
 *
 * A first word that does not begin with "--" and names no file the
 * caller knows is the carrier's own name (UEFI LoadOptions start with the
 * image name): callers strip it before calling, see cmdline_skip_self().
 *
 * Errors: -XEOPTION (unknown option), -XEOPTARG (value missing),
 * -XEOPTVAL (bad --require word, --timeout, or NAME@sha256:HEX),
 * -XENOXEN ("---" before any XEN), -XENOMODULE (nothing after a "---"),
 * -XETOOMANY (more than XENMB_MAX_MODULES), -XENODOM0 (XEN without any
 * module and without --cfg).  No XEN at all is not an error: xen.name
 * stays NULL.
 */
int cmdline_parse ( char *cmdline, struct xenmb_options *opts );

int cmdline_parse_require ( char *list, unsigned int *require,
                            const char **bad_word );

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
int cmdline_skip_self ( char **cmdline );

/**
 * Set an image's name from a word, taking an optional "@sha256:HEX"
 *
 * @v spec		Image to fill (name and sha256; args untouched)
 * @v word		NAME or NAME@sha256:HEX, NUL-terminated; modified
 * @ret rc		0, or -XEOPTVAL if the checksum part is malformed
 */
int image_spec_set_name ( struct image_spec *spec, char *word );

#endif /* XENMB_OPTIONS_H */
