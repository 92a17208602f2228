#ifndef MOPS_LIBFUZZER_DRIVER_H
#define MOPS_LIBFUZZER_DRIVER_H
/*
 * libFuzzer's driver, called from a fuzz target's own `main`.
 *
 * SwiftPM links an executable target with `main` aliased to `<Target>_main`, so libFuzzer's own
 * `main` is never used: the target defines `<Target>_main` (when built with -DFUZZING) and hands
 * control to this function, which the fuzzer runtime (`-sanitize=fuzzer`) provides. Plain builds
 * never reference it.
 */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
