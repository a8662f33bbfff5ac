/* entry.c: the libFuzzer entry point of one harness, chosen at compile
 * time with -DFUZZ_TARGET=NAME (see fuzz.sh). */
#include "config.h"

#include "fuzz.h"

#define FUZZ_FN_(name) fuzz_##name
#define FUZZ_FN(name) FUZZ_FN_(name)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return FUZZ_FN(FUZZ_TARGET)(data, size);
}
