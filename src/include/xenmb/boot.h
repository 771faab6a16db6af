/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The handoff: how a carrier enters the loaded kernel
 *
 * The core has placed everything (kernel segments copied, modules page
 * aligned, information structure built) before it fills this and calls
 * platform->boot().  The carrier only sets the CPU state and jumps.
 */
#ifndef XENMB_BOOT_H
#define XENMB_BOOT_H

#include <stdint.h>

/** How to enter the kernel */
enum handoff_mode {
	/**
	 * 32-bit flat protected mode, paging off, interrupts off (multiboot1,
	 * and multiboot2 on BIOS): EAX = magic, EBX = information
	 */
	HANDOFF_I386 = 0,
	/**
	 * 64-bit mode with UEFI boot services still running (multiboot2
	 * EFI amd64 entry): RAX = magic, RBX = information, RSP = a stack
	 * below 4 GiB, 16-byte aligned, interrupts as the firmware has them
	 */
	HANDOFF_EFI64 = 1,
};

/** Multiboot1 magic in EAX */
#define MB1_BOOT_MAGIC 0x2BADB002UL
/** Multiboot2 magic in EAX */
#define MB2_BOOT_MAGIC 0x36D76289UL

/** Everything a carrier needs for the jump */
struct handoff {
	/** Entry mode */
	enum handoff_mode mode;
	/** Value for EAX */
	uint32_t magic;
	/** Value for EBX/RBX: physical address of the information */
	uint64_t info;
	/** Physical entry address (below 4 GiB) */
	uint64_t entry;
};

#endif /* XENMB_BOOT_H */
