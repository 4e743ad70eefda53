/*
 * gpu-probe: the best a keepalived vrrp_script can do for GPU health, used as the keepalived side of the GPU-fault
 * benchmark. One NVML session per run: init, every device's handle, its temperature (any call on a GPU that has
 * fallen off the bus returns NVML_ERROR_GPU_IS_LOST), then shut down. A polling script opens no event set, so it
 * can only see an Xid through its aftermath (a lost GPU, a reset required), never the event itself.
 *
 *   gpu-probe [LIBRARY [STATE_FILE]]   exit 0: every GPU answers; 1: a GPU failed; 2: NVML unusable
 *
 * LIBRARY defaults to libnvidia-ml.so.1 through the loader's search; STATE_FILE, when given, is exported as
 * VRRPD_FAKE_NVML_STATE for the fake NVML of tests/native (so keepalived's scrubbed script environment does not
 * matter). Build: gcc -O2 -o gpu-probe gpu-probe.c -ldl
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

typedef int nvmlReturn_t;
typedef void *nvmlDevice_t;

#define NVML_TEMPERATURE_GPU 0

static void *symbol(void *library, const char *versioned, const char *classic)
{
    void *f = dlsym(library, versioned);
    return f ? f : dlsym(library, classic);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "libnvidia-ml.so.1";
    if (argc > 2)
        setenv("VRRPD_FAKE_NVML_STATE", argv[2], 1);

    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        fprintf(stderr, "gpu-probe: %s\n", dlerror());
        return 2;
    }
    nvmlReturn_t (*init)(void) = (nvmlReturn_t (*)(void))symbol(library, "nvmlInit_v2", "nvmlInit");
    nvmlReturn_t (*shutdown)(void) = (nvmlReturn_t (*)(void))dlsym(library, "nvmlShutdown");
    nvmlReturn_t (*count)(unsigned *) = (nvmlReturn_t (*)(unsigned *))symbol(library, "nvmlDeviceGetCount_v2", "nvmlDeviceGetCount");
    nvmlReturn_t (*handle)(unsigned, nvmlDevice_t *) =
        (nvmlReturn_t (*)(unsigned, nvmlDevice_t *))symbol(library, "nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByIndex");
    nvmlReturn_t (*temperature)(nvmlDevice_t, int, unsigned *) =
        (nvmlReturn_t (*)(nvmlDevice_t, int, unsigned *))dlsym(library, "nvmlDeviceGetTemperature");
    if (!init || !shutdown || !count || !handle || !temperature) {
        fprintf(stderr, "gpu-probe: %s lacks an NVML entry point\n", path);
        return 2;
    }
    nvmlReturn_t rc = init();
    if (rc != 0) {
        fprintf(stderr, "gpu-probe: nvmlInit: %d\n", rc);
        return 2;
    }
    unsigned n = 0;
    int failed = 0;
    rc = count(&n);
    if (rc != 0) {
        fprintf(stderr, "gpu-probe: nvmlDeviceGetCount: %d\n", rc);
        failed = 1;
    }
    for (unsigned i = 0; i < n; i++) {
        nvmlDevice_t device;
        unsigned celsius;
        rc = handle(i, &device);
        if (rc == 0)
            rc = temperature(device, NVML_TEMPERATURE_GPU, &celsius);
        if (rc != 0) {
            fprintf(stderr, "gpu-probe: GPU %u: NVML error %d\n", i, rc);
            failed = 1;
        }
    }
    shutdown();
    return failed;
}
