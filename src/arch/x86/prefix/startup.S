/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * 32-bit startup of bin/xenmb.lkrn, and the final jump into a kernel
 *
 * prefix.S arrives here in flat protected mode with ESI pointing to the
 * struct bios_boot_info it filled.  This code loads the flat segments,
 * sets up a 64 KiB stack, zeroes the BSS and calls bios_main().
 */

/* GDT selectors */
#define FLAT_CODE 0x08
#define FLAT_DATA 0x10

/* Load every data segment register with FLAT_DATA (clobbers AX) */
	.macro	LOAD_FLAT_DATA
	movw	$FLAT_DATA, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	.endm

/* Size of the C stack */
#define STACK_SIZE 0x10000

	.section ".text.startup32", "ax", @progbits
	.code32
	.globl	startup32
startup32:
	/* Flat data segments and our own stack */
	LOAD_FLAT_DATA
	movl	$stack_top, %esp

	/* Zero the BSS (the stack is in it, but not yet in use) */
	movl	%esi, %ebx
	movl	$_bss_start, %edi
	movl	$_bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	cld
	rep stosb

	/* bios_main ( info ): regparm, first argument in EAX */
	movl	%ebx, %eax
	call	bios_main

	/* bios_main() does not return; stop if it does */
1:	cli
	hlt
	jmp	1b

/**
 * Jump into a kernel in 32-bit flat protected mode, paging off
 *
 * @v entry		Entry point (EAX)
 * @v magic		Value for EAX (EDX)
 * @v info		Value for EBX (ECX)
 *
 * Interrupts off, direction flag clear, CS and every data segment flat.
 */
	.section ".text.bios_jump", "ax", @progbits
	.globl	bios_jump
bios_jump:
	cli
	cld
	movl	%eax, %edi
	LOAD_FLAT_DATA
	movl	%edx, %eax
	movl	%ecx, %ebx
	jmp	*%edi

/**
 * Reboot by triple fault: load an empty IDT and raise an interrupt
 */
	.section ".text.bios_triple_fault", "ax", @progbits
	.globl	bios_triple_fault
bios_triple_fault:
	cli
	lidtl	empty_idtr
	int3
1:	hlt
	jmp	1b

	.section ".rodata.gdt", "a", @progbits
	.balign	16
	/* Flat 4 GiB code and data segments, used from the switch to
	 * protected mode until the jump into the kernel */
	.globl	gdt
	.globl	gdt_end
gdt:
	.quad	0
	.quad	0x00cf9a000000ffff	/* FLAT_CODE: 32-bit code, 0-4 GiB */
	.quad	0x00cf92000000ffff	/* FLAT_DATA: data, 0-4 GiB */
gdt_end:

	.balign	8
empty_idtr:
	.word	0
	.long	0

	.section ".bss.stack", "aw", @nobits
	.balign	16
stack:
	.space	STACK_SIZE
stack_top:

	/* No executable stack */
	.section ".note.GNU-stack", "", @progbits
