/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Bump allocator over a caller-given buffer
 *
 * The core's only dynamic memory: parsers take zeroed, 8-byte aligned
 * blocks from a buffer the carrier owns.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/arena.h>

/**
 * Set up an arena over a buffer
 *
 * @v arena		Arena
 * @v buf		Buffer
 * @v size		Size of the buffer in bytes
 */
void arena_init ( struct arena *arena, void *buf, size_t size ) {
	arena->base = buf;
	arena->size = size;
	arena->used = 0;
}

/**
 * Allocate zeroed memory from an arena
 *
 * @v arena		Arena
 * @v size		Size in bytes
 * @ret ptr		Memory, aligned to ARENA_ALIGN, or NULL when full
 */
void *arena_alloc ( struct arena *arena, size_t size ) {
	uintptr_t start = ( uintptr_t )( arena->base + arena->used );
	size_t pad = ( ARENA_ALIGN - ( start % ARENA_ALIGN ) ) % ARENA_ALIGN;
	uint8_t *ptr;

	/* Check room for padding and block without overflowing */
	if ( arena->used > arena->size )
		return NULL;
	if ( pad > ( arena->size - arena->used ) )
		return NULL;
	if ( size > ( arena->size - arena->used - pad ) )
		return NULL;

	/* Hand out the block, zeroed */
	ptr = arena->base + arena->used + pad;
	arena->used += ( pad + size );
	memset ( ptr, 0, size );
	return ptr;
}

/**
 * Allocate a zeroed array from an arena
 *
 * @v arena		Arena
 * @v count		Number of elements
 * @v size		Size of one element
 * @ret ptr		Memory, or NULL when full or count * size overflows
 */
void *arena_alloc_array ( struct arena *arena, size_t count, size_t size ) {

	if ( size && ( count > ( ( ( size_t )-1 ) / size ) ) )
		return NULL;
	return arena_alloc ( arena, ( count * size ) );
}
