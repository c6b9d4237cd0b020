/*
 * The practical limit for one core: the service's point streams and exact integer inside test, hand-written in C with
 * AVX-512 intrinsics. Same layout as Grains/Sampling: point j of block b is step j/8 of lane j%8, every (seed, block,
 * lane) has its own xoshiro256** seeded through SplitMix64, x = r >> 33, y = (r >> 2) & (2^31 - 1), inside when
 * x(x+1) + y(y+1) < 2^62. The count therefore equals PiSampler.CountInside(seed, firstBlock, points) bit for bit.
 *
 *   gcc -O3 -march=native -o pi_avx512 pi_avx512.c
 *   ./pi_avx512 [avx512|avx512-literal|plain] [points] [seed] [first_block] [repeats]
 *
 * Kernels: avx512 is the tuned loop (the test in its (2x+1)^2 + (2y+1)^2 < 2^64 form, see inside_squares);
 * avx512-literal computes x(x+1) + y(y+1) < 2^62 as written; plain is portable C that GCC vectorises by itself.
 * points must be a multiple of 4 * 65536 (whole groups of four blocks). Prints one line:
 *   c-<kernel> mpoints_per_s=<median> best=<best> count=<inside> points=<points> repeats=<n>
 */
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BLOCK_SIZE 65536
#define LANES 8
#define STEPS (BLOCK_SIZE / LANES)
#define GROUP 4 /* blocks in flight: four independent dependency chains */

static const uint64_t GOLDEN = 0x9E3779B97F4A7C15ULL;

static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* words[w * LANES + lane] = state word w of (seed, block, lane). */
static void block_state(uint64_t seed, uint64_t block, uint64_t words[4 * LANES])
{
    uint64_t key = mix(seed ^ 0x243F6A8885A308D3ULL);
    for (int lane = 0; lane < LANES; lane++) {
        uint64_t start = key ^ mix(block * LANES + (uint64_t)lane + 1);
        for (int w = 0; w < 4; w++) {
            words[w * LANES + lane] = mix(start + (uint64_t)(w + 1) * GOLDEN);
        }
    }
}

/* ---- plain C: one generator and one point at a time, as written in the docs ---- */

static inline uint64_t rotl(uint64_t v, int k) { return (v << k) | (v >> (64 - k)); }

static uint64_t count_plain(uint64_t seed, uint64_t first_block, uint64_t blocks)
{
    uint64_t inside = 0;
    for (uint64_t b = first_block; b < first_block + blocks; b++) {
        uint64_t words[4 * LANES];
        block_state(seed, b, words);
        for (int lane = 0; lane < LANES; lane++) {
            uint64_t s0 = words[lane], s1 = words[LANES + lane], s2 = words[2 * LANES + lane], s3 = words[3 * LANES + lane];
            for (int step = 0; step < STEPS; step++) {
                uint64_t r = rotl(s1 * 5, 7) * 9;
                uint64_t t = s1 << 17;
                s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45);
                uint64_t x = r >> 33, y = (r >> 2) & 0x7FFFFFFFULL;
                inside += (x * (x + 1) + y * (y + 1)) < (1ULL << 62);
            }
        }
    }
    return inside;
}

/* ---- AVX-512: the eight lanes of a block in one register, GROUP blocks in flight ---- */

typedef struct { __m512i s0, s1, s2, s3; } lanes8;

static inline __m512i next8(lanes8 *g)
{
    /* The scalar step written from the old words, so each pair of xors folds into one vpternlogq (0x96 = a ^ b ^ c). */
    __m512i s0 = g->s0, s1 = g->s1, s2 = g->s2;
    __m512i s13 = _mm512_xor_si512(g->s3, s1);
    g->s0 = _mm512_xor_si512(s0, s13);
    g->s1 = _mm512_ternarylogic_epi64(s1, s2, s0, 0x96);
    g->s2 = _mm512_ternarylogic_epi64(s2, s0, _mm512_slli_epi64(s1, 17), 0x96);
    g->s3 = _mm512_rol_epi64(s13, 45);
    return _mm512_mullo_epi64(_mm512_rol_epi64(_mm512_mullo_epi64(s1, _mm512_set1_epi64(5)), 7), _mm512_set1_epi64(9));
}

/* x(x+1) + y(y+1) < 2^62 as written: x and x+1 fit in 32 bits, so vpmuludq gives the exact 64-bit products. */
static inline __mmask8 inside_literal(__m512i r)
{
    const __m512i one = _mm512_set1_epi64(1);
    __m512i x = _mm512_srli_epi64(r, 33);
    __m512i y = _mm512_and_si512(_mm512_srli_epi64(r, 2), _mm512_set1_epi64(0x7FFFFFFF));
    __m512i v = _mm512_add_epi64(_mm512_mul_epu32(x, _mm512_add_epi64(x, one)), _mm512_mul_epu32(y, _mm512_add_epi64(y, one)));
    return _mm512_cmplt_epu64_mask(v, _mm512_set1_epi64((long long)(1ULL << 62)));
}

/*
 * The same test in fewer instructions: the low 32 bits of (r >> 32) | 1 and (r >> 1) | 1 are 2x+1 and 2y+1, and
 * (2x+1)^2 + (2y+1)^2 = 4(x(x+1) + y(y+1)) + 2 is below 2^64 exactly when x(x+1) + y(y+1) < 2^62, that is when the
 * 64-bit sum of the two squares does not wrap around. Still exact integer arithmetic; the counts are identical.
 */
static inline __mmask8 inside_squares(__m512i r)
{
    const __m512i one = _mm512_set1_epi64(1);
    __m512i a = _mm512_or_si512(_mm512_srli_epi64(r, 32), one);
    __m512i b = _mm512_or_si512(_mm512_srli_epi64(r, 1), one);
    __m512i xx = _mm512_mul_epu32(a, a);
    return _mm512_cmpge_epu64_mask(_mm512_add_epi64(xx, _mm512_mul_epu32(b, b)), xx);
}

/* The count goes through popcnt on the scalar ports, which leaves the vector ports to the generator and the test. */
#define COUNT_AVX512(name, inside)                                                                  \
    static uint64_t name(uint64_t seed, uint64_t first_block, uint64_t blocks)                      \
    {                                                                                               \
        uint64_t count = 0;                                                                         \
        for (uint64_t b = first_block; b < first_block + blocks; b += GROUP) {                      \
            lanes8 g[GROUP];                                                                        \
            for (int k = 0; k < GROUP; k++) {                                                       \
                uint64_t words[4 * LANES];                                                          \
                block_state(seed, b + (uint64_t)k, words);                                          \
                g[k].s0 = _mm512_loadu_si512(words);                                                \
                g[k].s1 = _mm512_loadu_si512(words + LANES);                                        \
                g[k].s2 = _mm512_loadu_si512(words + 2 * LANES);                                    \
                g[k].s3 = _mm512_loadu_si512(words + 3 * LANES);                                    \
            }                                                                                       \
            for (int step = 0; step < STEPS; step++) {                                              \
                for (int k = 0; k < GROUP; k++) {                                                   \
                    count += (uint64_t)__builtin_popcount(_cvtmask8_u32(inside(next8(&g[k]))));    \
                }                                                                                   \
            }                                                                                       \
        }                                                                                           \
        return count;                                                                               \
    }

COUNT_AVX512(count_avx512, inside_squares)
COUNT_AVX512(count_avx512_literal, inside_literal)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *kernel = argc > 1 ? argv[1] : "avx512";
    uint64_t points = argc > 2 ? (uint64_t)strtod(argv[2], NULL) : (1ULL << 30);
    uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 2024;
    uint64_t first_block = argc > 4 ? strtoull(argv[4], NULL, 10) : 0;
    int repeats = argc > 5 ? atoi(argv[5]) : 5;
    uint64_t (*count_fn)(uint64_t, uint64_t, uint64_t) = strcmp(kernel, "plain") == 0 ? count_plain
        : strcmp(kernel, "avx512-literal") == 0                                          ? count_avx512_literal
        : strcmp(kernel, "avx512") == 0                                                  ? count_avx512
                                                                                         : NULL;
    if (count_fn == NULL || points == 0 || points % (GROUP * BLOCK_SIZE) != 0 || repeats < 1 || repeats > 100) {
        fprintf(stderr, "usage: %s [avx512|avx512-literal|plain] [points: a multiple of %d] [seed] [first_block] [repeats 1..100]\n",
                argv[0], GROUP * BLOCK_SIZE);
        return 2;
    }
    uint64_t blocks = points / BLOCK_SIZE;
    uint64_t count = count_fn(seed, first_block, GROUP); /* untimed: warms caches and clocks */
    double rates[100];
    for (int i = 0; i < repeats; i++) {
        /* The empty asm statements pin the work between the two clock reads: the compiler may not hoist it out. */
        uint64_t s = seed;
        double start = now();
        __asm__ volatile("" : "+r"(s) : : "memory");
        count = count_fn(s, first_block, blocks);
        __asm__ volatile("" : : "r"(count) : "memory");
        rates[i] = (double)points / (now() - start) / 1e6;
    }
    qsort(rates, (size_t)repeats, sizeof rates[0], by_value);
    printf("c-%s mpoints_per_s=%.0f best=%.0f count=%llu points=%llu repeats=%d\n", kernel, rates[repeats / 2],
           rates[repeats - 1], (unsigned long long)count, (unsigned long long)points, repeats);
    return 0;
}
