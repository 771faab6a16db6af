/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Error codes of xenmb
 *
 * Every failure is a negative code from this list, written as in iPXE
 * but with an X in front so that no name collides with the C library's
 * <errno.h>: "return -XENOMEM;".  Each code carries the
 * sentence the user reads; the caller that knows which file or table was
 * being handled prints "NAME: sentence".  Codes are grouped by the part of
 * xenmb that raises them, but any part may use any code.
 */
#ifndef XENMB_ERRORS_H
#define XENMB_ERRORS_H

/**
 * The list of errors: X ( NAME, "sentence" )
 *
 * Add new codes at the end of a group; the numeric values are not part of
 * any contract (the EFI exit status maps them to a fixed few, see efimain.c).
 */
#define XENMB_ERRORS( X )                                                      \
	/* general */                                                          \
	X ( ENOMEM, "not enough memory" )                                      \
	X ( EINVAL, "invalid argument" )                                       \
	X ( ENOENT,                                                            \
	    "no such file (was it fetched with initrd -n NAME URI NAME?)" )    \
	X ( ERANGE, "value out of range" )                                     \
	X ( ENOSPC, "no room left in the output buffer" )                      \
	X ( EIO, "read error" )                                                \
	X ( ENOTSUP, "not supported" )                                         \
	X ( ETRUNC, "file is truncated" )                                      \
	X ( EBUSY, "already in use" )                                          \
	X ( ECANCELED, "stopped by a --require condition" )                    \
	/* command line and xen.cfg */                                         \
	X ( EOPTION, "unknown option" )                                        \
	X ( EOPTARG, "option needs a value" )                                  \
	X ( EOPTVAL, "invalid value for option" )                              \
	X ( ENOXEN,                                                            \
	    "no Xen image given (name one, or give --cfg / a xen.cfg)" )       \
	X ( ETOOMANY, "too many modules" )                                     \
	X ( ECFGSYNTAX, "syntax error in config file" )                        \
	X ( ECFGSECTION, "config section not found" )                          \
	X ( ECFGKEY, "unknown key in config file" )                            \
	X ( ENODOM0,                                                           \
	    "no dom0 kernel given (add --- KERNEL after Xen's arguments)" )    \
	X ( EDUPNAME, "the same file name is given twice" )                    \
	X ( EEMPTY, "file is empty" )                                          \
	X ( ENOMODULE, "a module name is missing after \"---\"" )              \
	/* cpio / initrd area */                                               \
	X ( ECPIOMAGIC, "bad cpio header magic" )                              \
	X ( ECPIOHDR, "bad cpio header field" )                                \
	X ( ECPIOBOUNDS, "cpio entry runs past the end of the initrd area" )   \
	X ( EUNNAMED,                                                          \
	    "unnamed file in the initrd area (use: initrd -n NAME URI NAME)" ) \
	/* gzip / inflate */                                                   \
	X ( EGZMAGIC, "not a gzip file" )                                      \
	X ( EGZMETHOD, "unsupported gzip compression method" )                 \
	X ( EGZHEADER, "bad gzip header" )                                     \
	X ( EGZDATA, "corrupt compressed data" )                               \
	X ( EGZCRC, "gzip CRC mismatch (file damaged in transfer?)" )          \
	X ( EGZSIZE,                                                           \
	    "gzip size mismatch (file damaged or cut short in transfer?)" )    \
	X ( EGZTRUNC,                                                          \
	    "compressed data ends early (file cut short in transfer?)" )       \
	X ( EGZTOOBIG, "decompressed data exceeds its size bound" )            \
	/* ELF and multiboot */                                                \
	X ( ENOEXEC,                                                           \
	    "not a multiboot kernel (no multiboot1 or multiboot2 header)" )    \
	X ( EELFHDR, "bad ELF header" )                                        \
	X ( EELFPHDR, "bad ELF program header" )                               \
	X ( EELFSEG, "ELF segment lies outside the file or below 1 MiB" )      \
	X ( EMBHDR, "bad multiboot header" )                                   \
	X ( EMBTAG, "unsupported required multiboot2 header tag" )             \
	X ( EMBCHECKSUM, "multiboot header checksum is wrong" )                \
	X ( EMBADDR, "multiboot header load addresses are inconsistent" )      \
	X ( ENOMB1, "kernel has no multiboot1 header (drop --mb1)" )           \
	X ( ENOEFIENTRY, "kernel has no EFI amd64 entry; cannot boot it with " \
	                 "boot services kept" )                                \
	/* placement */                                                        \
	X ( ENOROOM,                                                           \
	    "not enough free memory below 4 GiB to place the images" )         \
	X ( EOVERLAP, "image overlaps memory that is in use" )                 \
	X ( EABOVE4G, "memory lies above 4 GiB" )                              \
	/* ACPI and the probe */                                               \
	X ( EACPILEN, "ACPI table length is impossible" )                      \
	X ( EACPISUM, "ACPI table checksum is wrong" )                         \
	X ( EACPISIG, "ACPI table has the wrong signature" )                   \
	X ( EACPISUB, "ACPI sub-structure length is impossible" )              \
	X ( ENORSDP, "no ACPI RSDP found" )                                    \
	X ( EPCICAP, "PCI capability chain is broken" )                        \
	/* integrity */                                                        \
	X ( ESHA256, "SHA-256 mismatch (file is not the one expected)" )       \
	/* end */

/** Error numbers, positive; functions return their negatives */
enum xenmb_errno {
	XENMB_EOK = 0,
#define XENMB_ERRNO_ENUM( name, text ) X##name,
	XENMB_ERRORS ( XENMB_ERRNO_ENUM )
#undef XENMB_ERRNO_ENUM
	        XENMB_EMAX
};

/**
 * Describe an error
 *
 * @v rc		Return status code (negative) or 0
 * @ret text		The sentence for the user (never NULL)
 */
const char *xenmb_strerror ( int rc );

#endif /* XENMB_ERRORS_H */
