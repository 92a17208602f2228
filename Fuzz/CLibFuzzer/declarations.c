/* Nothing to define: libfuzzer_driver.h only declares what the fuzzer runtime provides. */
#include "libfuzzer_driver.h"
