/* Benchmark of the C ABI (release build): the per-call cost of pema_call on sdk.version (median of
 * single calls timed one by one) and a score request of an inline CSV through pema_call.
 *
 *   swift build -c release --product PemasyarakatanC
 *   clang -O2 -o bench Examples/Embedding/bench.c -I Sources/PemasyarakatanC/include \
 *         -L .build/release -lPemasyarakatanC -Wl,-rpath,$PWD/.build/release
 *   ./bench data.csv
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pemasyarakatan.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  enum { calls = 200000, runs = 11 };
  static double times[calls];
  const char *version = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sdk.version\"}";
  for (int i = 0; i < 1000; i++) pema_free(pema_call(version));
  for (int i = 0; i < calls; i++) {
    double t0 = now();
    char *r = pema_call(version);
    pema_free(r);
    times[i] = now() - t0;
  }
  qsort(times, calls, sizeof(double), compare);
  printf("pema_call sdk.version: median %.2f us, p90 %.2f us, p99 %.2f us (%d calls, call + free)\n",
         times[calls / 2] * 1e6, times[calls * 9 / 10] * 1e6, times[calls * 99 / 100] * 1e6, calls);

  if (argc < 2) return 0;
  FILE *in = fopen(argv[1], "rb");
  if (!in) { perror(argv[1]); return 66; }
  fseek(in, 0, SEEK_END);
  long size = ftell(in);
  fseek(in, 0, SEEK_SET);
  char *csv = malloc((size_t)size + 1);
  if (!csv || fread(csv, 1, (size_t)size, in) != (size_t)size) return 66;
  fclose(in);
  const char *head =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"score\",\"params\":{\"scales\":{\"Goal\":[\"item4\",\"item6\",\"item8\",\"item11\"],"
      "\"Task\":[\"item1\",\"item2\",\"item10\",\"item12\"],\"Bond\":[\"item3\",\"item5\",\"item7\",\"item9\"],"
      "\"Total\":[\"item1\",\"item2\",\"item3\",\"item4\",\"item5\",\"item6\",\"item7\",\"item8\",\"item9\",\"item10\",\"item11\",\"item12\"]},"
      "\"min\":1,\"max\":5,\"impute\":\"none\",\"csv\":\"";
  char *request = malloc(strlen(head) + (size_t)size * 2 + 8);
  size_t n = strlen(head);
  memcpy(request, head, n);
  long rows = 0;
  for (long i = 0; i < size; i++) {
    if (csv[i] == '\n') { request[n++] = '\\'; request[n++] = 'n'; rows++; } else request[n++] = csv[i];
  }
  memcpy(request + n, "\"}}", 4);
  double score_times[runs];
  size_t length = 0;
  pema_free(pema_call(request));
  for (int r = 0; r < runs; r++) {
    double t0 = now();
    char *out = pema_call(request);
    score_times[r] = now() - t0;
    length = strlen(out);
    pema_free(out);
  }
  qsort(score_times, runs, sizeof(double), compare);
  printf("pema_call score %ld rows inline CSV: median %.1f ms, min %.1f ms (%zu-byte request, %zu-byte response)\n",
         rows - 1, score_times[runs / 2] * 1e3, score_times[0] * 1e3, strlen(request), length);
  return 0;
}
