/*
 * A fake libcuda.so.1 for vrrpd's CUDA probe: the versioned driver-API exports of cuda.h 12.6 that the probe
 * binds, each of which can be told by the state file (fake_state.h, "cuda STEP ...") to fail with a CUresult,
 * hang forever, or (copy) corrupt the data it returns. "Device memory" is host memory.
 */
#include "fake_state.h"
#include <stdint.h>

typedef int CUresult;
typedef int CUdevice;
typedef struct fake_context *CUcontext;
typedef unsigned long long CUdeviceptr;
typedef struct { char bytes[16]; } CUuuid;

struct fake_context { int device; };

enum {
    CUDA_SUCCESS = 0, CUDA_ERROR_INVALID_VALUE = 1, CUDA_ERROR_OUT_OF_MEMORY = 2, CUDA_ERROR_NOT_INITIALIZED = 3,
    CUDA_ERROR_NO_DEVICE = 100, CUDA_ERROR_INVALID_DEVICE = 101, CUDA_ERROR_UNKNOWN = 999,
};

#define EXPORT __attribute__((visibility("default")))

static struct fake_context contexts[FAKE_MAX_GPUS];
static int initialized;

/* What the state file says about STEP: CUDA_SUCCESS, an error, or never returns. */
static CUresult step(enum fake_step which, struct fake_state *s)
{
    fake_state_read(s);
    switch (s->cuda[which].action) {
    case ACTION_ERROR: return s->cuda[which].code;
    case ACTION_HANG: for (;;) fake_sleep_ms(1000);
    default: return CUDA_SUCCESS;
    }
}

EXPORT CUresult cuInit(unsigned int flags)
{
    struct fake_state s;
    if (flags != 0) return CUDA_ERROR_INVALID_VALUE;
    CUresult rc = step(STEP_INIT, &s);
    if (rc == CUDA_SUCCESS) initialized = 1;
    return rc;
}

EXPORT CUresult cuDriverGetVersion(int *version)
{
    if (!version) return CUDA_ERROR_INVALID_VALUE;
    *version = 12060;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDeviceGet(CUdevice *device, int ordinal)
{
    struct fake_state s;
    if (!initialized) return CUDA_ERROR_NOT_INITIALIZED;
    if (!device) return CUDA_ERROR_INVALID_VALUE;
    CUresult rc = step(STEP_DEVICE, &s);
    if (rc != CUDA_SUCCESS) return rc;
    if (ordinal < 0 || ordinal >= s.count) return CUDA_ERROR_INVALID_DEVICE;
    *device = ordinal;
    return CUDA_SUCCESS;
}

/* Accepts "0000:10:00.0", "00000000:10:00.0", or without the function. */
EXPORT CUresult cuDeviceGetByPCIBusId(CUdevice *device, const char *pciBusId)
{
    struct fake_state s;
    if (!initialized) return CUDA_ERROR_NOT_INITIALIZED;
    if (!device || !pciBusId) return CUDA_ERROR_INVALID_VALUE;
    CUresult rc = step(STEP_DEVICE, &s);
    if (rc != CUDA_SUCCESS) return rc;
    unsigned int domain, bus, dev;
    if (sscanf(pciBusId, "%x:%x:%x", &domain, &bus, &dev) != 3) return CUDA_ERROR_INVALID_VALUE;
    for (int i = 0; i < s.count; i++) {
        if (domain == 0 && bus == (unsigned int)fake_bus(i) && dev == 0) {
            if (s.gpu[i].lost) return CUDA_ERROR_NO_DEVICE;
            *device = i;
            return CUDA_SUCCESS;
        }
    }
    return CUDA_ERROR_INVALID_DEVICE;
}

EXPORT CUresult cuDeviceGetUuid_v2(CUuuid *uuid, CUdevice device)
{
    if (!initialized) return CUDA_ERROR_NOT_INITIALIZED;
    if (!uuid || device < 0 || device >= FAKE_MAX_GPUS) return CUDA_ERROR_INVALID_VALUE;
    static const unsigned char base[16] = { 0xfa, 0x4e, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 0 };
    memcpy(uuid->bytes, base, 16);
    uuid->bytes[15] = (char)device;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDevicePrimaryCtxRetain(CUcontext *context, CUdevice device)
{
    struct fake_state s;
    if (!initialized) return CUDA_ERROR_NOT_INITIALIZED;
    if (!context || device < 0 || device >= FAKE_MAX_GPUS) return CUDA_ERROR_INVALID_VALUE;
    CUresult rc = step(STEP_CTX, &s);
    if (rc != CUDA_SUCCESS) return rc;
    contexts[device].device = device;
    *context = &contexts[device];
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDevicePrimaryCtxRelease_v2(CUdevice device)
{
    return device >= 0 && device < FAKE_MAX_GPUS ? CUDA_SUCCESS : CUDA_ERROR_INVALID_DEVICE;
}

EXPORT CUresult cuCtxSetCurrent(CUcontext context)
{
    (void)context;
    return initialized ? CUDA_SUCCESS : CUDA_ERROR_NOT_INITIALIZED;
}

EXPORT CUresult cuMemAlloc_v2(CUdeviceptr *pointer, size_t bytes)
{
    struct fake_state s;
    if (!initialized) return CUDA_ERROR_NOT_INITIALIZED;
    if (!pointer || bytes == 0) return CUDA_ERROR_INVALID_VALUE;
    CUresult rc = step(STEP_ALLOC, &s);
    if (rc != CUDA_SUCCESS) return rc;
    void *memory = malloc(bytes);
    if (!memory) return CUDA_ERROR_OUT_OF_MEMORY;
    *pointer = (CUdeviceptr)(uintptr_t)memory;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuMemcpyHtoD_v2(CUdeviceptr destination, const void *source, size_t bytes)
{
    struct fake_state s;
    if (!destination || !source) return CUDA_ERROR_INVALID_VALUE;
    CUresult rc = step(STEP_COPY, &s);
    if (rc != CUDA_SUCCESS) return rc;
    memcpy((void *)(uintptr_t)destination, source, bytes);
    return CUDA_SUCCESS;
}

EXPORT CUresult cuMemcpyDtoH_v2(void *destination, CUdeviceptr source, size_t bytes)
{
    struct fake_state s;
    if (!destination || !source) return CUDA_ERROR_INVALID_VALUE;
    CUresult rc = step(STEP_COPY, &s);
    if (rc != CUDA_SUCCESS) return rc;
    memcpy(destination, (const void *)(uintptr_t)source, bytes);
    if (s.cuda[STEP_COPY].action == ACTION_CORRUPT && bytes > 0)
        ((unsigned char *)destination)[bytes / 2] ^= 0x5a;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuCtxSynchronize(void)
{
    struct fake_state s;
    if (!initialized) return CUDA_ERROR_NOT_INITIALIZED;
    return step(STEP_SYNC, &s);
}

EXPORT CUresult cuMemFree_v2(CUdeviceptr pointer)
{
    struct fake_state s;
    if (!pointer) return CUDA_ERROR_INVALID_VALUE;
    CUresult rc = step(STEP_FREE, &s);
    if (rc != CUDA_SUCCESS) return rc;
    free((void *)(uintptr_t)pointer);
    return CUDA_SUCCESS;
}

EXPORT CUresult cuGetErrorName(CUresult error, const char **name)
{
    if (!name) return CUDA_ERROR_INVALID_VALUE;
    switch (error) {
    case 0: *name = "CUDA_SUCCESS"; break;
    case 1: *name = "CUDA_ERROR_INVALID_VALUE"; break;
    case 2: *name = "CUDA_ERROR_OUT_OF_MEMORY"; break;
    case 3: *name = "CUDA_ERROR_NOT_INITIALIZED"; break;
    case 46: *name = "CUDA_ERROR_DEVICE_UNAVAILABLE"; break;
    case 100: *name = "CUDA_ERROR_NO_DEVICE"; break;
    case 101: *name = "CUDA_ERROR_INVALID_DEVICE"; break;
    case 214: *name = "CUDA_ERROR_ECC_UNCORRECTABLE"; break;
    case 700: *name = "CUDA_ERROR_ILLEGAL_ADDRESS"; break;
    case 999: *name = "CUDA_ERROR_UNKNOWN"; break;
    default: *name = NULL; return CUDA_ERROR_INVALID_VALUE;
    }
    return CUDA_SUCCESS;
}
