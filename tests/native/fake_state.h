/*
 * State shared by the fake NVML and CUDA libraries: a small text file the tests rewrite while the code under
 * test runs. Every library call re-reads it, so a change takes effect at the next call.
 *
 * Where the file is: $VRRPD_FAKE_NVML_STATE if set, else "fake-state" next to the loaded .so (so in-process
 * tests can give each test its own copy of the library and its own state, with no process-wide env change).
 *
 * Format, one setting per line, '#' starts a comment, unknown lines are ignored:
 *   count N                       GPUs the driver reports (default 1, at most FAKE_MAX_GPUS)
 *   init_error CODE               nvmlInit* returns CODE (e.g. 9 DRIVER_NOT_LOADED)
 *   gpu I lost                    every call on GPU I returns GPU_IS_LOST (15); event waits return it too
 *   gpu I reset_required          every call on GPU I returns RESET_REQUIRED (16)
 *   gpu I temperature C           current temperature (default 45)
 *   gpu I slowdown C              slowdown threshold (default 90; shutdown is slowdown + 5)
 *   gpu I utilization PCT         GPU utilization (memory utilization is half of it; default 0)
 *   gpu I memory_used_pct PCT     used share of 80 GiB (default 1)
 *   gpu I power_mw MW             power draw (default 70000)
 *   gpu I ecc_dbe N               volatile uncorrected ECC total (default 0)
 *   gpu I remap_pending 0|1       row remapping pending
 *   gpu I remap_failure 0|1       row remapping failure occurred
 *   gpu I slow_ms MS              every call on GPU I sleeps MS first (a hung driver, for watchdogs)
 *   gpu I unsupported WHAT        WHAT in temperature, utilization, memory, power, ecc, remapped_rows, events,
 *                                 threshold: that call returns NOT_SUPPORTED (3)
 *   gpu I xid N                   one Xid event; each line is delivered once to every event set that registered
 *                                 GPU I before the line appeared (append lines to inject more)
 *   cuda STEP error CODE          the CUDA call for STEP returns CODE; STEP in init, device, ctx, alloc, copy,
 *   cuda STEP hang                sync, free; "hang" blocks forever; "cuda copy corrupt" flips a byte on the
 *   cuda copy corrupt             device-to-host copy
 */
#ifndef FAKE_STATE_H
#define FAKE_STATE_H

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FAKE_MAX_GPUS 8
#define FAKE_MAX_XIDS 64
#define FAKE_STEP_COUNT 7

enum fake_step { STEP_INIT, STEP_DEVICE, STEP_CTX, STEP_ALLOC, STEP_COPY, STEP_SYNC, STEP_FREE };
static const char *const fake_step_names[FAKE_STEP_COUNT] = { "init", "device", "ctx", "alloc", "copy", "sync", "free" };

enum fake_action { ACTION_OK, ACTION_ERROR, ACTION_HANG, ACTION_CORRUPT };

struct fake_gpu {
    int lost, reset_required;
    int temperature, slowdown, utilization, memory_used_pct, power_mw;
    unsigned long long ecc_dbe;
    int remap_pending, remap_failure;
    int slow_ms;
    char unsupported[256]; /* " temperature power " */
    int xids[FAKE_MAX_XIDS];
    int xid_count;
};

struct fake_cuda_step { enum fake_action action; int code; };

struct fake_state {
    int count;
    int init_error;
    struct fake_gpu gpu[FAKE_MAX_GPUS];
    struct fake_cuda_step cuda[FAKE_STEP_COUNT];
};

static void fake_state_path(char *path, size_t size)
{
    const char *env = getenv("VRRPD_FAKE_NVML_STATE");
    if (env && *env) {
        snprintf(path, size, "%s", env);
        return;
    }
    Dl_info info;
    if (dladdr((void *)fake_state_path, &info) && info.dli_fname) {
        snprintf(path, size, "%s", info.dli_fname);
        char *slash = strrchr(path, '/');
        if (slash) {
            snprintf(slash + 1, size - (size_t)(slash + 1 - path), "fake-state");
            return;
        }
    }
    snprintf(path, size, "fake-state");
}

static void fake_gpu_defaults(struct fake_gpu *g)
{
    memset(g, 0, sizeof *g);
    g->temperature = 45;
    g->slowdown = 90;
    g->memory_used_pct = 1;
    g->power_mw = 70000;
    g->unsupported[0] = ' ';
}

static void fake_parse_gpu(struct fake_gpu *g, const char *key, const char *value)
{
    long v = value ? strtol(value, NULL, 10) : 1;
    if (!strcmp(key, "lost")) g->lost = 1;
    else if (!strcmp(key, "reset_required")) g->reset_required = 1;
    else if (!strcmp(key, "temperature")) g->temperature = (int)v;
    else if (!strcmp(key, "slowdown")) g->slowdown = (int)v;
    else if (!strcmp(key, "utilization")) g->utilization = (int)v;
    else if (!strcmp(key, "memory_used_pct")) g->memory_used_pct = (int)v;
    else if (!strcmp(key, "power_mw")) g->power_mw = (int)v;
    else if (!strcmp(key, "ecc_dbe")) g->ecc_dbe = value ? strtoull(value, NULL, 10) : 1;
    else if (!strcmp(key, "remap_pending")) g->remap_pending = (int)v;
    else if (!strcmp(key, "remap_failure")) g->remap_failure = (int)v;
    else if (!strcmp(key, "slow_ms")) g->slow_ms = (int)v;
    else if (!strcmp(key, "xid") && g->xid_count < FAKE_MAX_XIDS) g->xids[g->xid_count++] = (int)v;
    else if (!strcmp(key, "unsupported") && value
             && strlen(g->unsupported) + strlen(value) + 2 < sizeof g->unsupported) {
        strcat(g->unsupported, value);
        strcat(g->unsupported, " ");
    }
}

static void fake_parse_cuda(struct fake_state *s, const char *step, const char *action, const char *code)
{
    for (int i = 0; i < FAKE_STEP_COUNT; i++) {
        if (strcmp(step, fake_step_names[i]))
            continue;
        if (!strcmp(action, "error")) {
            s->cuda[i].action = ACTION_ERROR;
            s->cuda[i].code = code ? atoi(code) : 999;
        } else if (!strcmp(action, "hang")) {
            s->cuda[i].action = ACTION_HANG;
        } else if (!strcmp(action, "corrupt")) {
            s->cuda[i].action = ACTION_CORRUPT;
        }
    }
}

/* Reads the state file; a missing file means one healthy GPU. */
static void fake_state_read(struct fake_state *s)
{
    memset(s, 0, sizeof *s);
    s->count = 1;
    for (int i = 0; i < FAKE_MAX_GPUS; i++)
        fake_gpu_defaults(&s->gpu[i]);

    char path[4096];
    fake_state_path(path, sizeof path);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        if (hash) *hash = 0;
        char *save = NULL;
        char *w0 = strtok_r(line, " \t\r\n", &save);
        char *w1 = strtok_r(NULL, " \t\r\n", &save);
        char *w2 = strtok_r(NULL, " \t\r\n", &save);
        char *w3 = strtok_r(NULL, " \t\r\n", &save);
        if (!w0 || !w1)
            continue;
        if (!strcmp(w0, "count")) {
            s->count = atoi(w1);
            if (s->count > FAKE_MAX_GPUS) s->count = FAKE_MAX_GPUS;
            if (s->count < 0) s->count = 0;
        } else if (!strcmp(w0, "init_error")) {
            s->init_error = atoi(w1);
        } else if (!strcmp(w0, "gpu") && w2) {
            int index = atoi(w1);
            if (index >= 0 && index < FAKE_MAX_GPUS)
                fake_parse_gpu(&s->gpu[index], w2, w3);
        } else if (!strcmp(w0, "cuda") && w2) {
            fake_parse_cuda(s, w1, w2, w3);
        }
    }
    fclose(f);
}

static inline void fake_sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&t, &t) != 0) { }
}

static inline long long fake_now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

/* Bus 0x10 + index, domain 0, device 0: "00000000:10:00.0". */
static inline int fake_bus(int index) { return 0x10 + index; }

static inline void fake_uuid(int index, char *out, size_t size)
{
    snprintf(out, size, "GPU-fa4e0000-0000-4000-8000-%012x", index);
}

#endif
