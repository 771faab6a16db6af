# SPDX-License-Identifier: GPL-2.0-or-later
# scripts/fuzz-inputs.sh: where each fuzz harness's inputs live, for
# scripts/run-fuzz and scripts/fuzz-coverage (sourced, from the top of
# the repository).

# fuzz_make_seeds: write the seeds cut from real inputs (only where the
# files exist) into build/fuzz-seeds/ (rewritten in place: another run may
# be reading them)
fuzz_make_seeds () {
	mkdir -p build/fuzz-seeds
	tests/fuzz/make-seeds build/fuzz-seeds ||
		echo "fuzz: make-seeds failed" >&2
	if [ -d "${CORPUS:-tests/corpus/acpi}" ]; then
		CORPUS=${CORPUS:-tests/corpus/acpi} tests/fuzz/acpi-seeds \
			build/fuzz-seeds/acpi >/dev/null 2>&1 ||
			echo "fuzz: acpi-seeds failed" >&2
	fi
}

# fuzz_seed_dirs NAME: print the seed directories of harness NAME that
# exist, one a line (the committed seeds, those cut by fuzz_make_seeds and
# the ACPI corpus tables of its signature)
fuzz_seed_dirs () {
	short=${1#fuzz_}
	sig=$(echo "$short" | tr a-z A-Z)
	for dir in tests/fuzz/corpus/$1 tests/fuzz/corpus/$short \
		build/fuzz-seeds/$1 build/fuzz-seeds/acpi/$sig; do
		[ -d "$dir" ] && echo "$dir"
	done
	return 0
}
