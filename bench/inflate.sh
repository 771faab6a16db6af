#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/inflate.sh: time and count instructions of xenmb's gzip_inflate
# against zlib's inflate (gzip wrapper, 32 KiB window).
#
# Inputs, generated into build/bench/ at run time:
#   xen.gz   Debian's /var/cache/xenmb/xen-4.17-amd64.gz, as shipped
#   libs.gz  a tar of /usr/lib/x86_64-linux-gnu/*.so* cut to the size of
#            /var/cache/xenmb/vmlinuz (code and data, like a kernel),
#            compressed with gzip -9 (as Debian compresses xen.gz)
# Prints a Markdown table: median/min/max of RUNS runs (default 5) and the
# speed relative to zlib (above 1: xenmb is faster), then instructions
# counted by callgrind for one decompression.  Not part of make check.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
CFLAGS=${CFLAGS:--O2}
out=build/bench
mkdir -p "$out"

# The core as the Makefile lists it (the linker keeps what inflate needs)
cc $CFLAGS -Wall -Wextra -Werror -Isrc/include -o "$out/inflate" \
	bench/inflate.c $(make -s print-CORE_SRCS) -lz

inputs=()
if [ -f /var/cache/xenmb/xen-4.17-amd64.gz ]; then
	cp /var/cache/xenmb/xen-4.17-amd64.gz "$out/xen.gz"
	inputs+=(xen.gz)
fi
size=$(stat -c %s /var/cache/xenmb/vmlinuz 2>/dev/null || echo 8247232)
if [ ! -f "$out/libs.gz" ]; then
	tar cf - /usr/lib/x86_64-linux-gnu/*.so* 2>/dev/null | head -c "$size" \
		| gzip -9 -n > "$out/libs.gz"
fi
inputs+=(libs.gz)

echo "CFLAGS=$CFLAGS, $(nproc) CPUs, $RUNS runs, zlib $(dpkg-query -W -f '${Version}' zlib1g 2>/dev/null || echo '?')"
echo
echo "| input | decoder | median ms | min ms | max ms | MB/s (out) | speed vs zlib |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for f in "${inputs[@]}"; do
	"$out/inflate" --runs "$RUNS" "$out/$f" "$f ($(stat -c %s "$out/$f") B)"
done

if command -v valgrind >/dev/null; then
	echo
	echo "| input | decoder | instructions (callgrind) | vs zlib |"
	echo "| --- | --- | ---: | ---: |"
	for f in "${inputs[@]}"; do
		declare -A ir=()
		for d in zlib xenmb; do
			valgrind --tool=callgrind --callgrind-out-file=/dev/null \
				"$out/inflate" --runs 1 --only "$d" "$out/$f" \
				2> "$out/callgrind.$d.log" >/dev/null
			ir[$d]=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$out/callgrind.$d.log")
		done
		for d in zlib xenmb; do
			printf '| %s | %s | %s | %s |\n' "$f" "$d" "${ir[$d]}" \
				"$(awk -v a="${ir[$d]}" -v b="${ir[zlib]}" 'BEGIN { printf "%.2f", a / b }')"
		done
	done
fi
