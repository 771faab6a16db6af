/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ACPI IVRS table (AMD I/O virtualization reporting)
 *
 * ivrs_parse() decodes the IVHD blocks (types 0x10, 0x11, 0x40) with all
 * their device entries, and the IVMD blocks (0x20-0x22), into arrays from
 * an arena, in table order.  A range (start entry, then an end entry) is
 * one struct ivrs_device holding both ends.  Special entries (IO-APIC,
 * HPET) are also listed per IVHD in @c ioapic / @c hpet, as Xen's
 * ivrs_ioapic / ivrs_hpet lists see them.
 */
#ifndef XENMB_IVRS_H
#define XENMB_IVRS_H

#include <stdint.h>
#include <xenmb/acpi.h>

struct arena;
struct json;

/** IVRS block types */
#define IVRS_IVHD_10     0x10
#define IVRS_IVHD_11     0x11
#define IVRS_IVHD_40     0x40
#define IVRS_IVMD_ALL    0x20
#define IVRS_IVMD_SELECT 0x21
#define IVRS_IVMD_RANGE  0x22

/** IVHD device entry types, as stored */
enum ivrs_entry_type {
	IVRS_DEV_PAD4 = 0x00,
	IVRS_DEV_ALL = 0x01,
	IVRS_DEV_SELECT = 0x02,
	IVRS_DEV_START = 0x03,
	IVRS_DEV_END = 0x04,
	IVRS_DEV_ALIAS_SELECT = 0x42,
	IVRS_DEV_ALIAS_START = 0x43,
	IVRS_DEV_EXT_SELECT = 0x46,
	IVRS_DEV_EXT_START = 0x47,
	IVRS_DEV_SPECIAL = 0x48,
	IVRS_DEV_ACPI_HID = 0xf0,
};

/** What a decoded device entry is (the JSON "type") */
enum ivrs_dev_kind {
	IVRS_KIND_PAD = 0,     /**< padding (types 0x00, 0x40) */
	IVRS_KIND_ALL,         /**< every device (0x01) */
	IVRS_KIND_SELECT,      /**< one device (0x02) */
	IVRS_KIND_RANGE,       /**< 0x03 .. 0x04 */
	IVRS_KIND_ALIAS,       /**< alias select (0x42) */
	IVRS_KIND_ALIAS_RANGE, /**< 0x43 .. 0x04 */
	IVRS_KIND_EXT_SELECT,  /**< 0x46 */
	IVRS_KIND_EXT_RANGE,   /**< 0x47 .. 0x04 */
	IVRS_KIND_SPECIAL,     /**< 0x48: IO-APIC or HPET */
	IVRS_KIND_ACPI_HID,    /**< 0xf0 */
	IVRS_KIND_END,         /**< an end entry with no start before it */
};

/** Special device varieties */
#define IVRS_SPECIAL_IOAPIC 0x01
#define IVRS_SPECIAL_HPET   0x02

/** Longest ACPI UID kept (longer ones are cut, uid_len keeps the truth) */
#define IVRS_UID_MAX 32

/** A decoded IVHD device entry (a range covers two table entries) */
struct ivrs_device {
	/** Kind (enum ivrs_dev_kind) */
	uint8_t kind;
	/** Type of the (first) entry as stored */
	uint8_t type;
	/** Settings byte (DTE setting) */
	uint8_t settings;
	/** Settings byte of the end entry (ranges) */
	uint8_t end_settings;
	/** Device ID (start of a range; special: the source device ID) */
	uint16_t bdf;
	/** Last device ID of a range (= bdf otherwise) */
	uint16_t last;
	/** Alias device ID (alias kinds); special: the entry's own device
	 * ID field (bdf holds the source device ID there) */
	uint16_t alias;
	/** Nonzero: a range start found no end entry before the block ended */
	uint8_t unterminated;
	/** Special: variety (IVRS_SPECIAL_IOAPIC, IVRS_SPECIAL_HPET) */
	uint8_t variety;
	/** Special: handle (IO-APIC ID or HPET number) */
	uint8_t handle;
	/** ACPI HID: UID format (0 none, 1 integer, 2 string) */
	uint8_t uid_format;
	/** ACPI HID: UID length as stored */
	uint8_t uid_len;
	/** Extended entries: the 32-bit extended data */
	uint32_t ext;
	/** ACPI HID: hardware ID, 8 characters, NUL terminated */
	char hid[9];
	/** ACPI HID: compatible ID, 8 bytes as stored, NUL terminated */
	char cid[9];
	/** ACPI HID: raw CID (nonzero if present) */
	uint64_t cid_raw;
	/** ACPI HID, UID format 1: the integer (uid_len bytes, at most 8,
	 * little-endian) */
	uint64_t uid_value;
	/** ACPI HID: UID bytes (up to IVRS_UID_MAX), NUL terminated */
	char uid[IVRS_UID_MAX + 1];
	/** Offset of the (first) entry in the table */
	uint32_t offset;
	/** Offset of the end entry (ranges), or 0 */
	uint32_t end_offset;
};

/** An IO-APIC or HPET named by a special entry */
struct ivrs_special {
	/** IO-APIC ID or HPET number */
	uint8_t id;
	/** Source device ID */
	uint16_t bdf;
	/** Settings byte */
	uint8_t settings;
};

/** A decoded IVHD block */
struct ivrs_ivhd {
	/** Type (0x10, 0x11, 0x40) */
	uint8_t type;
	/** Flags byte */
	uint8_t flags;
	/** Length as stored */
	uint16_t length;
	/** Device ID of the IOMMU's PCI function */
	uint16_t bdf;
	/** Capability offset in the IOMMU's PCI config space */
	uint16_t cap_offset;
	/** IOMMU MMIO base address */
	uint64_t base;
	/** PCI segment group */
	uint16_t segment;
	/** IOMMU info (MSI number, unit ID) */
	uint16_t info;
	/** Type 0x10: IOMMU feature reporting; 0x11/0x40: IOMMU attributes */
	uint32_t attr;
	/** Nonzero for types 0x11/0x40, which carry an EFR image */
	int has_efr;
	/** EFR register image (types 0x11/0x40) */
	uint64_t efr;
	/** EFR2 register image (types 0x11/0x40) */
	uint64_t efr2;
	/** Device entries */
	struct ivrs_device *device;
	unsigned int device_count;
	/** IO-APICs named by special entries */
	struct ivrs_special *ioapic;
	unsigned int ioapic_count;
	/** HPETs named by special entries */
	struct ivrs_special *hpet;
	unsigned int hpet_count;
	/** Unknown device entries, and the error that stopped this block */
	struct acpi_walk walk;
	/** Offset in the table */
	uint32_t offset;
};

/** A decoded IVMD block */
struct ivrs_ivmd {
	/** Type (0x20 all, 0x21 select, 0x22 range) */
	uint8_t type;
	/** Flags byte (unity, read, write, exclusion range) */
	uint8_t flags;
	/** Length as stored */
	uint16_t length;
	/** Device ID (0x21, 0x22: first) */
	uint16_t bdf;
	/** Auxiliary data (0x22: last device ID) */
	uint16_t aux;
	/** Start address */
	uint64_t start;
	/** Length of the memory block */
	uint64_t size;
	/** Offset in the table */
	uint32_t offset;
};

/** A decoded IVRS table */
struct ivrs {
	/** The table */
	const struct acpi_table *table;
	/** Nonzero if the checksum is right */
	int checksum_ok;
	/** IVinfo field */
	uint32_t ivinfo;
	/** IVHD blocks */
	struct ivrs_ivhd *ivhd;
	unsigned int ivhd_count;
	/** IVMD blocks */
	struct ivrs_ivmd *ivmd;
	unsigned int ivmd_count;
	/** Unknown blocks, and the error that stopped the walk */
	struct acpi_walk walk;
};

/**
 * Decode an IVRS table
 *
 * @v table		Table (signature "IVRS")
 * @v arena		Memory for the decoded structures
 * @ret ivrs		Decoded table, on success or -XEACPISUB
 * @ret rc		0; -XEACPISUB if a length stopped a walk (the
 *			table's or an IVHD's: see the walk members); the
 *			result holds everything before it; -XEACPISIG,
 *			-XEACPILEN, -XENOMEM (and @c ivrs is NULL)
 */
int ivrs_parse ( const struct acpi_table *table, struct arena *arena,
                 struct ivrs **ivrs );

/**
 * Name a device entry kind as the JSON report does
 *
 * @v kind		Kind (enum ivrs_dev_kind)
 * @ret name		"select", "range", ...
 */
const char *ivrs_kind_name ( unsigned int kind );

/**
 * Write the "ivrs" part of the JSON report (the value only)
 *
 * @v ivrs		Decoded table, or NULL (writes null)
 * @v json		JSON writer
 */
void ivrs_json ( const struct ivrs *ivrs, struct json *json );

#endif /* XENMB_IVRS_H */
