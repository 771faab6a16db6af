/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * UEFI carrier: a PE base-relocation block, so the firmware relocates us
 *
 * gnu-efi applies our real relocations itself (_relocate, from the ELF
 * .rela section).  The PE image still needs a non-empty .reloc section,
 * or the firmware treats it as fixed at address 0 and refuses to load it.
 * crt0 carries such a block under a local label, which --gc-sections
 * drops; this one has a global symbol, which a shared link always keeps.
 *
 * The block: page RVA 0, block size 12, two IMAGE_REL_BASED_ABSOLUTE
 * entries (padding, which the loader skips).
 */

	.section .note.GNU-stack, "", @progbits

	.section .reloc, "a"
	.globl	efi_pe_reloc_block
	.type	efi_pe_reloc_block, @object
efi_pe_reloc_block:
	.long	0
	.long	12
	.word	0
	.word	0
	.size	efi_pe_reloc_block, . - efi_pe_reloc_block
