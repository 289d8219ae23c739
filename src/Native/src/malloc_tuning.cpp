// Keeps glibc's malloc from returning memory to the kernel between training batches.
//
// Every batch allocates and frees the same buffers: tensors, and with more than one thread a
// 512 KB work buffer inside OpenBLAS's threaded sgemm on every matrix product. With glibc's
// defaults, freeing them leaves a free block at the top of the heap above the trim threshold, so
// free() shrinks the heap with brk and the next batch grows it again, faulting in fresh zeroed
// pages: at batch size 32 on two threads over half of the time went there (bench/RESULTS.md).
// Serving allocations up to 16 MB from the heap and trimming only beyond 64 MB of free space at
// its top keeps those pages mapped and reused. The settings are process-wide, so they are applied
// only when the caller asks (the managed trainer does before its first training, unless told not
// to); a process that sets glibc's own malloc variables keeps its settings.
#include <cstdlib>
#include <initializer_list>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "boundary.h"

namespace {

#ifdef __GLIBC__
bool caller_tuned_malloc() {
  for (const char* name : {"MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}
#endif

}  // namespace

extern "C" {

int32_t ae_runtime_tune_allocator_for_training(int32_t* out_applied) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(out_applied, "out_applied");
    *out_applied = 0;
#ifdef __GLIBC__
    if (caller_tuned_malloc()) return;
    *out_applied = mallopt(M_MMAP_THRESHOLD, 16 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 64 << 20) == 1 ? 1 : 0;
#endif
  });
}

}  // extern "C"
