/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Self-test of the UEFI carrier: the "kernel" the handoff jumps to
 *
 * Records RAX, RBX, RSP, the OR of the registers that must be zero and
 * RFLAGS, then calls selftest_entered() (System V ABI) on the stack the
 * carrier provided.
 */

	.section .note.GNU-stack, "", @progbits
	.text
	.code64

	.globl	selftest_entry
	.type	selftest_entry, @function
selftest_entry:
	/* Registers that must be zero, ORed together */
	movq	%rcx, %r8
	orq	%rdx, %r8
	orq	%rsi, %r8
	orq	%rdi, %r8
	orq	%rbp, %r8
	/* Flags */
	pushfq
	popq	%r9
	/* selftest_entered ( magic, info, rsp, zeros, rflags ) */
	movq	%rax, %rdi
	movq	%rbx, %rsi
	movq	%rsp, %rdx
	movq	%r8, %rcx
	movq	%r9, %r8
	call	selftest_entered
	ud2
	.size	selftest_entry, . - selftest_entry
