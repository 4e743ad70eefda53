/*
 * spray: sends N random and mutated IP protocol-112 packets from a lab host at a VRRP pair, for the spray test in
 * tests/Vrrpd.IntegrationTests/Faults/. Every packet aimed at one of the pair's VRIDs carries at least one defect,
 * so none may ever change the pair's state; each kind names the drop reason the receiver should count.
 * Built by the test with gcc; run inside a lab namespace (needs CAP_NET_RAW).
 *
 *   spray -i eth0 -s SRC -n COUNT -r SEED -p PPS -3 V3VRID -2 V2VRID -a VIP3 -b VIP2 DEST...
 *
 * Prints "sent KIND DEST COUNT" lines on exit. Kinds and why each is dropped (RFC 5798 / 3768 section 7.1):
 *   ttl                 valid v3 advert to the v3 VRID, priority 254, TTL 64 (must be 255)
 *   bad_checksum        valid v3 advert, TTL 255, checksum off by one
 *   carp                ucarp's advert (docs/design/vrrp-protocol.md §8.3 C1) with vhid = the v2 VRID: 36 bytes, not 44
 *   truncated           the first 2..7 bytes of a valid advert
 *   tiny                0..1 bytes (too short to name a VRID; counted by no instance)
 *   length_mismatch     valid v3 advert with 1..8 bytes of trailing garbage (checksum made right)
 *   version_mismatch    valid v2 advert (TTL 255, right checksum) to the v3 VRID
 *   unknown_version     version 0, 1, 4 or 15
 *   unknown_type        type 2 or 15
 *   huge_count          count 255 with room for 255 addresses, right checksum, TTL 1 (so: ttl)
 *   huge_count_short    count 255, 3 addresses' room (length_mismatch)
 *   zero_count          v3 count 0 (zero_address_count)
 *   zero_interval       v3 interval 0 (invalid_interval)
 *   auth_failed         v2 to the v2 VRID, PASS with the wrong password
 *   auth_type           v2 to the v2 VRID, auth type 2 (AH) (auth_type_mismatch)
 *   wrong_vrid          valid v3 and v2 adverts for other VRIDs (not ours: no instance counts them)
 *   random              random bytes, never naming one of our VRIDs
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum kind { TTL, BAD_CHECKSUM, CARP, TRUNCATED, TINY, LENGTH_MISMATCH, VERSION_MISMATCH, UNKNOWN_VERSION,
            UNKNOWN_TYPE, HUGE_COUNT, HUGE_COUNT_SHORT, ZERO_COUNT, ZERO_INTERVAL, AUTH_FAILED, AUTH_TYPE,
            WRONG_VRID, RANDOM, KINDS };
static const char *kind_names[KINDS] = { "ttl", "bad_checksum", "carp", "truncated", "tiny", "length_mismatch",
    "version_mismatch", "unknown_version", "unknown_type", "huge_count", "huge_count_short", "zero_count",
    "zero_interval", "auth_failed", "auth_type", "wrong_vrid", "random" };

#define MAX_DESTS 8
static uint64_t rng;
static uint32_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return (uint32_t)(rng >> 11); }
static unsigned below(unsigned n) { return next() % n; }

/* RFC 1071 sum over bytes, folded by the caller. */
static uint32_t sum16(const uint8_t *p, size_t n, uint32_t s)
{
    for (size_t i = 0; i + 1 < n; i += 2) s += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (n & 1) s += (uint32_t)(p[n - 1] << 8);
    return s;
}
static uint16_t fold(uint32_t s) { while (s >> 16) s = (s & 0xffff) + (s >> 16); return (uint16_t)~s; }

/* v3 over IPv4: pseudo-header (keepalived's form, RFC 5798 5.2.8); v2: message only. */
static void set_checksum(uint8_t *m, size_t n, int pseudo, struct in_addr src, struct in_addr dst)
{
    uint8_t ph[12];
    uint32_t s = 0;
    m[6] = m[7] = 0;
    if (pseudo) {
        memcpy(ph, &src, 4); memcpy(ph + 4, &dst, 4);
        ph[8] = 0; ph[9] = 112; ph[10] = (uint8_t)(n >> 8); ph[11] = (uint8_t)n;
        s = sum16(ph, 12, 0);
    }
    uint16_t c = fold(sum16(m, n, s));
    m[6] = (uint8_t)(c >> 8); m[7] = (uint8_t)c;
}

static size_t v3_advert(uint8_t *m, int vrid, int count, struct in_addr vip, struct in_addr src, struct in_addr dst)
{
    m[0] = 0x31; m[1] = (uint8_t)vrid; m[2] = 254; m[3] = (uint8_t)count;
    m[4] = 0; m[5] = 10; /* 10 cs = the pair's 0.1 s */
    for (int i = 0; i < count; i++) memcpy(m + 8 + 4 * i, &vip, 4);
    size_t n = 8 + 4 * (size_t)count;
    set_checksum(m, n, 1, src, dst);
    return n;
}

static size_t v2_advert(uint8_t *m, int vrid, struct in_addr vip, int auth_type, const char *password)
{
    m[0] = 0x21; m[1] = (uint8_t)vrid; m[2] = 254; m[3] = 1; m[4] = (uint8_t)auth_type; m[5] = 1;
    memcpy(m + 8, &vip, 4);
    memset(m + 12, 0, 8);
    strncpy((char *)m + 12, password, 8);
    set_checksum(m, 20, 0, vip, vip);
    return 20;
}

static const uint8_t carp_c1[36] = { 0x21, 0x07, 0x00, 0x07, 0x00, 0x01, 0x49, 0xc4, 0x04, 0xb1, 0x77, 0x09,
    0x71, 0xd7, 0xc3, 0xce, 0x86, 0xdd, 0x4d, 0xd4, 0x9e, 0xf9, 0xdd, 0x6d, 0x00, 0xf8, 0xd9, 0x0a, 0x53, 0x77,
    0x16, 0x00, 0xc2, 0x84, 0x8c, 0xb3 };

int main(int argc, char **argv)
{
    const char *ifname = "eth0";
    struct in_addr src = {0}, vip3 = {0}, vip2 = {0}, dests[MAX_DESTS];
    long count = 100000, pps = 10000;
    int vrid3 = 51, vrid2 = 52, ndest = 0, opt;
    rng = 88172645463325252ULL;
    while ((opt = getopt(argc, argv, "i:s:n:r:p:3:2:a:b:")) != -1) {
        switch (opt) {
        case 'i': ifname = optarg; break;
        case 's': inet_pton(AF_INET, optarg, &src); break;
        case 'n': count = atol(optarg); break;
        case 'r': rng ^= strtoull(optarg, NULL, 10) * 2654435761ULL; if (!rng) rng = 1; break;
        case 'p': pps = atol(optarg); break;
        case '3': vrid3 = atoi(optarg); break;
        case '2': vrid2 = atoi(optarg); break;
        case 'a': inet_pton(AF_INET, optarg, &vip3); break;
        case 'b': inet_pton(AF_INET, optarg, &vip2); break;
        default: fprintf(stderr, "usage: see the comment at the top of spray.c\n"); return 2;
        }
    }
    for (int i = optind; i < argc && ndest < MAX_DESTS; i++) inet_pton(AF_INET, argv[i], &dests[ndest++]);
    if (ndest == 0 || pps <= 0) { fprintf(stderr, "spray: no destination\n"); return 2; }

    int fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
    int one = 1;
    struct ip_mreqn mreq = { .imr_ifindex = (int)if_nametoindex(ifname) };
    if (fd < 0 || setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &one, sizeof one) < 0
        || setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname)) < 0
        || setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mreq, sizeof mreq) < 0) {
        perror("spray: raw socket");
        return 1;
    }

    long sent[KINDS][MAX_DESTS] = {{0}};
    long failed = 0;
    uint8_t packet[20 + 1100];
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < count; i++) {
        int d = (int)below((unsigned)ndest);
        struct in_addr dst = dests[d];
        enum kind k = (enum kind)below(KINDS);
        uint8_t *m = packet + 20;
        size_t n = 0;
        int ttl = 255;
        switch (k) {
        case TTL: n = v3_advert(m, vrid3, 1, vip3, src, dst); ttl = 1 + (int)below(254); break;
        case BAD_CHECKSUM: n = v3_advert(m, vrid3, 1, vip3, src, dst); m[7] ^= (uint8_t)(1 + below(255)); break;
        case CARP: memcpy(m, carp_c1, sizeof carp_c1); m[1] = (uint8_t)vrid2; n = sizeof carp_c1; break;
        case TRUNCATED: v3_advert(m, vrid3, 1, vip3, src, dst); n = 2 + below(6); break;
        case TINY: v3_advert(m, vrid3, 1, vip3, src, dst); n = below(2); break;
        case LENGTH_MISMATCH:
            n = v3_advert(m, vrid3, 1, vip3, src, dst);
            for (unsigned extra = 1 + below(8); extra > 0; extra--) m[n++] = (uint8_t)next();
            set_checksum(m, n, 1, src, dst);
            break;
        case VERSION_MISMATCH: n = v2_advert(m, vrid3, vip3, 0, ""); break;
        case UNKNOWN_VERSION: {
            static const uint8_t versions[] = { 0x01, 0x11, 0x41, 0xf1 };
            n = v3_advert(m, vrid3, 1, vip3, src, dst); m[0] = versions[below(4)]; set_checksum(m, n, 1, src, dst);
            break;
        }
        case UNKNOWN_TYPE: n = v3_advert(m, vrid3, 1, vip3, src, dst); m[0] = below(2) ? 0x32 : 0x3f; set_checksum(m, n, 1, src, dst); break;
        case HUGE_COUNT: n = v3_advert(m, vrid3, 255, vip3, src, dst); ttl = 1; break;
        case HUGE_COUNT_SHORT: v3_advert(m, vrid3, 3, vip3, src, dst); m[3] = 255; n = 20; set_checksum(m, n, 1, src, dst); break;
        case ZERO_COUNT: n = v3_advert(m, vrid3, 1, vip3, src, dst); m[3] = 0; n = 8; set_checksum(m, n, 1, src, dst); break;
        case ZERO_INTERVAL: n = v3_advert(m, vrid3, 1, vip3, src, dst); m[4] = 0; m[5] = 0; set_checksum(m, n, 1, src, dst); break;
        case AUTH_FAILED: n = v2_advert(m, vrid2, vip2, 1, "wrong!!!"); break;
        case AUTH_TYPE: n = v2_advert(m, vrid2, vip2, 2, "secret"); break;
        case WRONG_VRID: {
            int vrid;
            do vrid = 1 + (int)below(255); while (vrid == vrid3 || vrid == vrid2);
            n = below(2) ? v3_advert(m, vrid, 1, vip3, src, dst) : v2_advert(m, vrid, vip2, 0, "");
            break;
        }
        case RANDOM:
        default:
            n = below(80);
            for (size_t b = 0; b < n; b++) m[b] = (uint8_t)next();
            if (n > 1 && (m[1] == vrid3 || m[1] == vrid2)) m[1] = (uint8_t)(m[1] + 100);
            ttl = (int)below(256);
            break;
        }

        struct iphdr *ip = (struct iphdr *)packet;
        memset(ip, 0, sizeof *ip);
        ip->version = 4; ip->ihl = 5; ip->tos = 0xc0; ip->ttl = (uint8_t)(ttl ? ttl : 1); ip->protocol = 112;
        ip->tot_len = htons((uint16_t)(20 + n)); ip->saddr = src.s_addr; ip->daddr = dst.s_addr;
        struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr = dst };
        if (sendto(fd, packet, 20 + n, 0, (struct sockaddr *)&to, sizeof to) < 0) failed++;
        else sent[k][d]++;

        /* Pace: packet i is due at start + i / pps. */
        if (i % 64 == 63) {
            struct timespec now, due = start;
            long long ns = (long long)(i + 1) * 1000000000LL / pps;
            due.tv_sec += ns / 1000000000LL; due.tv_nsec += ns % 1000000000LL;
            if (due.tv_nsec >= 1000000000L) { due.tv_sec++; due.tv_nsec -= 1000000000L; }
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (now.tv_sec < due.tv_sec || (now.tv_sec == due.tv_sec && now.tv_nsec < due.tv_nsec))
                clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL);
        }
    }

    for (int k = 0; k < KINDS; k++)
        for (int d = 0; d < ndest; d++)
            printf("sent %s %s %ld\n", kind_names[k], inet_ntoa(dests[d]), sent[k][d]);
    printf("failed %ld\n", failed);
    return failed > count / 100 ? 1 : 0;
}
