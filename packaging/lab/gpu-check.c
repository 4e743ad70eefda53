/*
 * gpu-check: what a keepalived user runs from a vrrp_script to track a GPU (the job `nvidia-smi` does there),
 * reduced to the calls that matter, so that demo.sh can show keepalived's figure next to vrrpd's on the same
 * fake NVML. Exit 0 when every GPU answers (handle, memory info), 1 otherwise, 2 when NVML cannot be loaded.
 *
 *   gpu-check [PATH/libnvidia-ml.so.1]     (default: libnvidia-ml.so.1 through the loader's search path)
 *   gcc -O2 -o gpu-check gpu-check.c -ldl
 */
#include <dlfcn.h>
#include <stdio.h>

typedef int nvmlReturn_t;
typedef void *nvmlDevice_t;
typedef struct { unsigned long long total, free, used; } nvmlMemory_t;

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "libnvidia-ml.so.1";
    void *nvml = dlopen(path, RTLD_NOW);
    if (!nvml) {
        fprintf(stderr, "gpu-check: %s\n", dlerror());
        return 2;
    }
    nvmlReturn_t (*init)(void) = (nvmlReturn_t (*)(void))dlsym(nvml, "nvmlInit_v2");
    nvmlReturn_t (*shutdown)(void) = (nvmlReturn_t (*)(void))dlsym(nvml, "nvmlShutdown");
    nvmlReturn_t (*count)(unsigned *) = (nvmlReturn_t (*)(unsigned *))dlsym(nvml, "nvmlDeviceGetCount_v2");
    nvmlReturn_t (*handle)(unsigned, nvmlDevice_t *) = (nvmlReturn_t (*)(unsigned, nvmlDevice_t *))dlsym(nvml, "nvmlDeviceGetHandleByIndex_v2");
    nvmlReturn_t (*memory)(nvmlDevice_t, nvmlMemory_t *) = (nvmlReturn_t (*)(nvmlDevice_t, nvmlMemory_t *))dlsym(nvml, "nvmlDeviceGetMemoryInfo");
    if (!init || !shutdown || !count || !handle || !memory) {
        fprintf(stderr, "gpu-check: %s lacks an NVML function it needs\n", path);
        return 2;
    }
    int rc = init();
    if (rc != 0) {
        fprintf(stderr, "gpu-check: nvmlInit_v2: %d\n", rc);
        return 1;
    }
    unsigned n = 0;
    int failed = (rc = count(&n)) != 0;
    for (unsigned i = 0; !failed && i < n; i++) {
        nvmlDevice_t device;
        nvmlMemory_t info;
        if ((rc = handle(i, &device)) != 0 || (rc = memory(device, &info)) != 0) {
            fprintf(stderr, "gpu-check: GPU %u: NVML error %d\n", i, rc);
            failed = 1;
        }
    }
    shutdown();
    return failed;
}
