/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Bump allocator over a caller-given buffer
 *
 * Core code never calls malloc.  A carrier hands the core one buffer (for
 * example 1 MiB) wrapped in a struct arena; parsers take their decoded
 * structures from it.  Nothing is freed one by one: the whole arena is
 * dropped (or reset) at once.
 */
#ifndef XENMB_ARENA_H
#define XENMB_ARENA_H

#include <stddef.h>
#include <stdint.h>

/** Alignment of every allocation, in bytes */
#define ARENA_ALIGN 8

/** A bump allocator */
struct arena {
	/** Start of the buffer */
	uint8_t *base;
	/** Size of the buffer in bytes */
	size_t size;
	/** Bytes handed out so far (including alignment padding) */
	size_t used;
};

/**
 * Set up an arena over a buffer
 *
 * @v arena		Arena
 * @v buf		Buffer
 * @v size		Size of the buffer in bytes
 */
void arena_init ( struct arena *arena, void *buf, size_t size );

/**
 * Allocate zeroed memory from an arena
 *
 * @v arena		Arena
 * @v size		Size in bytes
 * @ret ptr		Memory, aligned to ARENA_ALIGN, or NULL when full
 */
void *arena_alloc ( struct arena *arena, size_t size );

/**
 * Allocate a zeroed array from an arena
 *
 * @v arena		Arena
 * @v count		Number of elements
 * @v size		Size of one element
 * @ret ptr		Memory, or NULL when full or count * size overflows
 */
void *arena_alloc_array ( struct arena *arena, size_t count, size_t size );

#endif /* XENMB_ARENA_H */
