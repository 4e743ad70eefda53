/*
 * A fake libnvidia-ml.so.1 for vrrpd's tests: the real export names and struct layouts of nvml.h (NVML 13.3,
 * x86-64), backed by the state file described in fake_state.h instead of a GPU.
 *
 * Built twice by build.sh: the full library, and with -DCLASSIC_ONLY an "old driver" that exports only the
 * unversioned classic entry points (nvmlInit, nvmlDeviceGetCount, nvmlDeviceGetHandleByIndex, nvmlEventSetWait,
 * ...) and none of the *_v2 / *_v3 / *V variants, nor GetRemappedRows / GetFieldValues / GetPowerUsage, so the
 * code under test must degrade instead of crash.
 */
#include "fake_state.h"
#include <pthread.h>

typedef int nvmlReturn_t;

enum {
    NVML_SUCCESS = 0, NVML_ERROR_UNINITIALIZED = 1, NVML_ERROR_INVALID_ARGUMENT = 2, NVML_ERROR_NOT_SUPPORTED = 3,
    NVML_ERROR_NOT_FOUND = 6, NVML_ERROR_INSUFFICIENT_SIZE = 7, NVML_ERROR_TIMEOUT = 10,
    NVML_ERROR_GPU_IS_LOST = 15, NVML_ERROR_RESET_REQUIRED = 16, NVML_ERROR_ARGUMENT_VERSION_MISMATCH = 25,
    NVML_ERROR_UNKNOWN = 999,
};

#define nvmlEventTypeSingleBitEccError 0x1ULL
#define nvmlEventTypeDoubleBitEccError 0x2ULL
#define nvmlEventTypeXidCriticalError 0x8ULL

struct fake_device { int index; };
typedef struct fake_device *nvmlDevice_t;

typedef struct {
    char busIdLegacy[16];
    unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
    char busId[32];
} nvmlPciInfo_t;

typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;
typedef struct { unsigned int version; int sensorType; int temperature; } nvmlTemperature_v1_t;

typedef struct {
    nvmlDevice_t device;
    unsigned long long eventType;
    unsigned long long eventData;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
} nvmlEventData_t;

typedef union { double dVal; unsigned int uiVal; unsigned long ulVal; unsigned long long ullVal; long long sllVal; int siVal; unsigned short usVal; } nvmlValue_t;

typedef struct {
    unsigned int fieldId;
    unsigned int scopeId;
    long long timestamp;
    long long latencyUsec;
    int valueType;
    nvmlReturn_t nvmlReturn;
    nvmlValue_t value;
} nvmlFieldValue_t;

_Static_assert(sizeof(nvmlPciInfo_t) == 68, "nvmlPciInfo_t");
_Static_assert(sizeof(nvmlMemory_t) == 24, "nvmlMemory_t");
_Static_assert(sizeof(nvmlEventData_t) == 32, "nvmlEventData_t");
_Static_assert(sizeof(nvmlFieldValue_t) == 40, "nvmlFieldValue_t");
_Static_assert(sizeof(nvmlTemperature_v1_t) == 12, "nvmlTemperature_v1_t");

struct fake_event_set {
    unsigned long long mask[FAKE_MAX_GPUS];
    int delivered[FAKE_MAX_GPUS]; /* xid lines of that GPU already seen by this set */
};
typedef struct fake_event_set *nvmlEventSet_t;

#define EXPORT __attribute__((visibility("default")))

static struct fake_device devices[FAKE_MAX_GPUS] = { {0}, {1}, {2}, {3}, {4}, {5}, {6}, {7} };
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int init_count;

static int initialized(void)
{
    pthread_mutex_lock(&lock);
    int n = init_count;
    pthread_mutex_unlock(&lock);
    return n > 0;
}

static int is_unsupported(const struct fake_gpu *g, const char *what)
{
    char key[64];
    snprintf(key, sizeof key, " %s ", what);
    return strstr(g->unsupported, key) != NULL;
}

/* Common entry for every per-device call: initialised, valid handle, still on the bus, the injected delay. */
static nvmlReturn_t enter(nvmlDevice_t device, struct fake_state *s, const char *what)
{
    if (!initialized())
        return NVML_ERROR_UNINITIALIZED;
    if (device < devices || device >= devices + FAKE_MAX_GPUS)
        return NVML_ERROR_INVALID_ARGUMENT;
    fake_state_read(s);
    const struct fake_gpu *g = &s->gpu[device->index];
    if (g->slow_ms > 0) {
        fake_sleep_ms(g->slow_ms);
        fake_state_read(s);
    }
    if (device->index >= s->count)
        return NVML_ERROR_INVALID_ARGUMENT;
    if (g->lost)
        return NVML_ERROR_GPU_IS_LOST;
    if (g->reset_required)
        return NVML_ERROR_RESET_REQUIRED;
    if (what && is_unsupported(g, what))
        return NVML_ERROR_NOT_SUPPORTED;
    return NVML_SUCCESS;
}

static nvmlReturn_t do_init(void)
{
    struct fake_state s;
    fake_state_read(&s);
    if (s.init_error)
        return s.init_error;
    pthread_mutex_lock(&lock);
    init_count++;
    pthread_mutex_unlock(&lock);
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlShutdown(void)
{
    pthread_mutex_lock(&lock);
    nvmlReturn_t rc = init_count > 0 ? (init_count--, NVML_SUCCESS) : NVML_ERROR_UNINITIALIZED;
    pthread_mutex_unlock(&lock);
    return rc;
}

EXPORT const char *nvmlErrorString(nvmlReturn_t result)
{
    switch (result) {
    case 0: return "Success";
    case 1: return "Uninitialized";
    case 2: return "Invalid Argument";
    case 3: return "Not Supported";
    case 4: return "Insufficient Permissions";
    case 6: return "Not Found";
    case 7: return "Insufficient Size";
    case 9: return "Driver Not Loaded";
    case 10: return "Timeout";
    case 13: return "Function Not Found";
    case 15: return "GPU is lost";
    case 16: return "GPU requires reset";
    case 25: return "Argument version mismatch";
    default: return "Unknown Error";
    }
}

static nvmlReturn_t do_get_count(unsigned int *count)
{
    if (!initialized()) return NVML_ERROR_UNINITIALIZED;
    if (!count) return NVML_ERROR_INVALID_ARGUMENT;
    struct fake_state s;
    fake_state_read(&s);
    *count = (unsigned int)s.count;
    return NVML_SUCCESS;
}

static nvmlReturn_t do_handle_by_index(unsigned int index, nvmlDevice_t *device)
{
    if (!initialized()) return NVML_ERROR_UNINITIALIZED;
    if (!device || index >= FAKE_MAX_GPUS) return NVML_ERROR_INVALID_ARGUMENT;
    struct fake_state s;
    nvmlReturn_t rc = enter(&devices[index], &s, NULL);
    if (rc == NVML_SUCCESS)
        *device = &devices[index];
    return rc;
}

static nvmlReturn_t do_event_set_wait(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms)
{
    if (!initialized()) return NVML_ERROR_UNINITIALIZED;
    if (!set || !data) return NVML_ERROR_INVALID_ARGUMENT;
    long long deadline = fake_now_us() + (long long)timeoutms * 1000;
    for (;;) {
        struct fake_state s;
        fake_state_read(&s);
        pthread_mutex_lock(&lock);
        for (int i = 0; i < FAKE_MAX_GPUS; i++) {
            if (!set->mask[i])
                continue;
            if (s.gpu[i].lost) {
                pthread_mutex_unlock(&lock);
                return NVML_ERROR_GPU_IS_LOST;
            }
            if ((set->mask[i] & nvmlEventTypeXidCriticalError) && set->delivered[i] < s.gpu[i].xid_count) {
                memset(data, 0, sizeof *data);
                data->device = &devices[i];
                data->eventType = nvmlEventTypeXidCriticalError;
                data->eventData = (unsigned long long)s.gpu[i].xids[set->delivered[i]++];
                data->gpuInstanceId = 0xFFFFFFFFu;
                data->computeInstanceId = 0xFFFFFFFFu;
                pthread_mutex_unlock(&lock);
                return NVML_SUCCESS;
            }
        }
        pthread_mutex_unlock(&lock);
        if (fake_now_us() >= deadline)
            return NVML_ERROR_TIMEOUT;
        fake_sleep_ms(10);
    }
}

#ifndef CLASSIC_ONLY
EXPORT nvmlReturn_t nvmlInit_v2(void) { return do_init(); }
EXPORT nvmlReturn_t nvmlInitWithFlags(unsigned int flags) { (void)flags; return do_init(); }
EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) { return do_get_count(count); }
EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) { return do_handle_by_index(index, device); }
EXPORT nvmlReturn_t nvmlEventSetWait_v2(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms) { return do_event_set_wait(set, data, timeoutms); }

EXPORT nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t device, nvmlPciInfo_t *pci)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, NULL);
    if (rc != NVML_SUCCESS) return rc;
    if (!pci) return NVML_ERROR_INVALID_ARGUMENT;
    memset(pci, 0, sizeof *pci);
    pci->domain = 0;
    pci->bus = (unsigned int)fake_bus(device->index);
    pci->device = 0;
    pci->pciDeviceId = 0x233010DEu;
    pci->pciSubSystemId = 0x16C110DEu;
    snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "%04X:%02X:%02X.0", pci->domain, pci->bus, pci->device);
    snprintf(pci->busId, sizeof pci->busId, "%08X:%02X:%02X.0", pci->domain, pci->bus, pci->device);
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetTemperatureV(nvmlDevice_t device, nvmlTemperature_v1_t *temperature)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, "temperature");
    if (rc != NVML_SUCCESS) return rc;
    if (!temperature) return NVML_ERROR_INVALID_ARGUMENT;
    if (temperature->version != 0x0100000Cu) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    if (temperature->sensorType != 0) return NVML_ERROR_NOT_SUPPORTED;
    temperature->temperature = s.gpu[device->index].temperature;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetRemappedRows(nvmlDevice_t device, unsigned int *corrRows, unsigned int *uncRows,
                                              unsigned int *isPending, unsigned int *failureOccurred)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, "remapped_rows");
    if (rc != NVML_SUCCESS) return rc;
    if (!corrRows || !uncRows || !isPending || !failureOccurred) return NVML_ERROR_INVALID_ARGUMENT;
    const struct fake_gpu *g = &s.gpu[device->index];
    *corrRows = 0;
    *uncRows = g->remap_failure ? 1 : 0;
    *isPending = (unsigned int)g->remap_pending;
    *failureOccurred = (unsigned int)g->remap_failure;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, "power");
    if (rc != NVML_SUCCESS) return rc;
    if (!power) return NVML_ERROR_INVALID_ARGUMENT;
    *power = (unsigned int)s.gpu[device->index].power_mw;
    return NVML_SUCCESS;
}

/* The subset vrrpd might read: ECC_DBE_VOL_TOTAL 4, REMAPPED_PENDING 144, REMAPPED_FAILURE 145, POWER_INSTANT 186,
 * SLOWDOWN_TLIMIT 194. Others report NOT_SUPPORTED in their own nvmlReturn, as the real library does. */
EXPORT nvmlReturn_t nvmlDeviceGetFieldValues(nvmlDevice_t device, int valuesCount, nvmlFieldValue_t *values)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, NULL);
    if (rc != NVML_SUCCESS) return rc;
    if (valuesCount < 0 || (valuesCount > 0 && !values)) return NVML_ERROR_INVALID_ARGUMENT;
    const struct fake_gpu *g = &s.gpu[device->index];
    for (int i = 0; i < valuesCount; i++) {
        nvmlFieldValue_t *v = &values[i];
        v->timestamp = fake_now_us();
        v->latencyUsec = 5;
        v->nvmlReturn = NVML_SUCCESS;
        switch (v->fieldId) {
        case 4: v->valueType = 3; v->value.ullVal = g->ecc_dbe; break;
        case 144: v->valueType = 1; v->value.uiVal = (unsigned int)g->remap_pending; break;
        case 145: v->valueType = 1; v->value.uiVal = (unsigned int)g->remap_failure; break;
        case 186: v->valueType = 1; v->value.uiVal = (unsigned int)g->power_mw; break;
        case 194: v->valueType = 1; v->value.uiVal = (unsigned int)g->slowdown; break;
        default: v->nvmlReturn = NVML_ERROR_NOT_SUPPORTED; break;
        }
    }
    return NVML_SUCCESS;
}
#else
EXPORT nvmlReturn_t nvmlInit(void) { return do_init(); }
EXPORT nvmlReturn_t nvmlDeviceGetCount(unsigned int *count) { return do_get_count(count); }
EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex(unsigned int index, nvmlDevice_t *device) { return do_handle_by_index(index, device); }
EXPORT nvmlReturn_t nvmlEventSetWait(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms) { return do_event_set_wait(set, data, timeoutms); }
#endif

EXPORT nvmlReturn_t nvmlDeviceGetHandleByUUID(const char *uuid, nvmlDevice_t *device)
{
    if (!initialized()) return NVML_ERROR_UNINITIALIZED;
    if (!uuid || !device) return NVML_ERROR_INVALID_ARGUMENT;
    struct fake_state s;
    fake_state_read(&s);
    for (int i = 0; i < s.count; i++) {
        char candidate[96];
        fake_uuid(i, candidate, sizeof candidate);
        if (!strcmp(candidate, uuid)) {
            nvmlReturn_t rc = enter(&devices[i], &s, NULL);
            if (rc == NVML_SUCCESS)
                *device = &devices[i];
            return rc;
        }
    }
    return NVML_ERROR_NOT_FOUND;
}

EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, NULL);
    if (rc != NVML_SUCCESS) return rc;
    if (!uuid) return NVML_ERROR_INVALID_ARGUMENT;
    char value[96];
    fake_uuid(device->index, value, sizeof value);
    if (strlen(value) + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
    memcpy(uuid, value, strlen(value) + 1);
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, int sensorType, unsigned int *temp)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, "temperature");
    if (rc != NVML_SUCCESS) return rc;
    if (!temp) return NVML_ERROR_INVALID_ARGUMENT;
    if (sensorType != 0) return NVML_ERROR_NOT_SUPPORTED;
    *temp = (unsigned int)s.gpu[device->index].temperature;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetTemperatureThreshold(nvmlDevice_t device, int thresholdType, unsigned int *temp)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, "threshold");
    if (rc != NVML_SUCCESS) return rc;
    if (!temp) return NVML_ERROR_INVALID_ARGUMENT;
    const struct fake_gpu *g = &s.gpu[device->index];
    switch (thresholdType) {
    case 0: *temp = (unsigned int)(g->slowdown + 5); return NVML_SUCCESS; /* SHUTDOWN */
    case 1: *temp = (unsigned int)g->slowdown; return NVML_SUCCESS;       /* SLOWDOWN */
    default: return NVML_ERROR_NOT_SUPPORTED;
    }
}

EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, "memory");
    if (rc != NVML_SUCCESS) return rc;
    if (!memory) return NVML_ERROR_INVALID_ARGUMENT;
    memory->total = 80ULL << 30;
    memory->used = memory->total * (unsigned long long)s.gpu[device->index].memory_used_pct / 100;
    memory->free = memory->total - memory->used;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, "utilization");
    if (rc != NVML_SUCCESS) return rc;
    if (!utilization) return NVML_ERROR_INVALID_ARGUMENT;
    utilization->gpu = (unsigned int)s.gpu[device->index].utilization;
    utilization->memory = utilization->gpu / 2;
    return NVML_SUCCESS;
}

/* errorType CORRECTED=0 UNCORRECTED=1; counterType VOLATILE=0 AGGREGATE=1. */
EXPORT nvmlReturn_t nvmlDeviceGetTotalEccErrors(nvmlDevice_t device, int errorType, int counterType,
                                                unsigned long long *eccCounts)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, "ecc");
    if (rc != NVML_SUCCESS) return rc;
    if (!eccCounts) return NVML_ERROR_INVALID_ARGUMENT;
    *eccCounts = errorType == 1 ? s.gpu[device->index].ecc_dbe : 0;
    (void)counterType;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlEventSetCreate(nvmlEventSet_t *set)
{
    if (!initialized()) return NVML_ERROR_UNINITIALIZED;
    if (!set) return NVML_ERROR_INVALID_ARGUMENT;
    *set = calloc(1, sizeof **set);
    return *set ? NVML_SUCCESS : NVML_ERROR_UNKNOWN;
}

EXPORT nvmlReturn_t nvmlDeviceGetSupportedEventTypes(nvmlDevice_t device, unsigned long long *eventTypes)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, "events");
    if (rc != NVML_SUCCESS) return rc;
    if (!eventTypes) return NVML_ERROR_INVALID_ARGUMENT;
    *eventTypes = nvmlEventTypeSingleBitEccError | nvmlEventTypeDoubleBitEccError | nvmlEventTypeXidCriticalError;
    return NVML_SUCCESS;
}

/* Records only what happens after the call, as the real one: Xid lines already in the file are skipped. */
EXPORT nvmlReturn_t nvmlDeviceRegisterEvents(nvmlDevice_t device, unsigned long long eventTypes, nvmlEventSet_t set)
{
    struct fake_state s;
    nvmlReturn_t rc = enter(device, &s, "events");
    if (rc != NVML_SUCCESS) return rc;
    if (!set) return NVML_ERROR_INVALID_ARGUMENT;
    pthread_mutex_lock(&lock);
    set->mask[device->index] |= eventTypes;
    set->delivered[device->index] = s.gpu[device->index].xid_count;
    pthread_mutex_unlock(&lock);
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlEventSetFree(nvmlEventSet_t set)
{
    if (!set) return NVML_ERROR_INVALID_ARGUMENT;
    free(set);
    return NVML_SUCCESS;
}
