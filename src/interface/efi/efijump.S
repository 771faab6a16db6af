/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * UEFI carrier: the jump into a kernel's multiboot2 EFI amd64 entry
 *
 * Called from C (System V ABI):
 *   efi_handoff_jump ( entry %rdi, magic %rsi, info %rdx, stack_top %rcx )
 *
 * Leaves long mode, paging, the GDT, the IDT and the interrupt flag as the
 * firmware has them (boot services keep running), switches to the given
 * stack, and enters with RAX = magic, RBX = info, RCX = RDX = RSI = RDI =
 * RBP = 0 and the direction flag clear.  Never returns.
 */

	.section .note.GNU-stack, "", @progbits
	.text
	.code64

	.section .text.efi_handoff_jump, "ax", @progbits
	.globl	efi_handoff_jump
	.type	efi_handoff_jump, @function
efi_handoff_jump:
	/* Keep the entry point where the argument registers are not */
	movq	%rdi, %r8
	/* Multiboot magic (32 bits, upper half zero) and information */
	movl	%esi, %eax
	movq	%rdx, %rbx
	/* The new stack, 16-byte aligned */
	movq	%rcx, %rsp
	andq	$~15, %rsp
	/* Clear what the entry might otherwise read as arguments */
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	cld
	jmp	*%r8
	.size	efi_handoff_jump, . - efi_handoff_jump
