/* A C host of the Pemasyarakatan SDK: scores a response CSV through pema_call, checks that four
 * threads calling at once get the same answer, and that garbage gets JSON-RPC errors.
 *
 *   clang -O1 -o host Examples/Embedding/host.c -I Sources/PemasyarakatanC/include \
 *         -L .build/debug -lPemasyarakatanC -Wl,-rpath,$PWD/.build/debug -lpthread
 *   ./host data.csv response.json        # writes the score response for a comparison script
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pemasyarakatan.h"

/* Appends text to a growing buffer as the body of a JSON string (RFC 8259 escapes). */
static void append_json_string(char **buf, size_t *len, size_t *cap, const char *text, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (*len + 8 >= *cap) {
      *cap = *cap * 2 + 64;
      *buf = realloc(*buf, *cap);
      if (!*buf) { perror("realloc"); exit(2); }
    }
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\\') { (*buf)[(*len)++] = '\\'; (*buf)[(*len)++] = (char)c; }
    else if (c == '\n') { (*buf)[(*len)++] = '\\'; (*buf)[(*len)++] = 'n'; }
    else if (c == '\r') { (*buf)[(*len)++] = '\\'; (*buf)[(*len)++] = 'r'; }
    else if (c < 0x20) { *len += (size_t)sprintf(*buf + *len, "\\u%04x", c); }
    else { (*buf)[(*len)++] = (char)c; }
  }
}

/* The score request for a WAI-SR-shaped file keyed as in R psych, impute = "none". */
static char *score_request(const char *csv, size_t csv_len) {
  const char *head =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"score\",\"params\":{"
      "\"scales\":{\"Goal\":[\"item4\",\"item6\",\"item8\",\"item11\"],"
      "\"Task\":[\"item1\",\"item2\",\"item10\",\"item12\"],"
      "\"Bond\":[\"item3\",\"item5\",\"item7\",\"item9\"],"
      "\"Total\":[\"item1\",\"item2\",\"item3\",\"item4\",\"item5\",\"item6\",\"item7\",\"item8\",\"item9\",\"item10\",\"item11\",\"item12\"]},"
      "\"min\":1,\"max\":5,\"impute\":\"none\",\"csv\":\"";
  size_t cap = strlen(head) + csv_len * 2 + 64, len = strlen(head);
  char *buf = malloc(cap);
  if (!buf) { perror("malloc"); exit(2); }
  memcpy(buf, head, len);
  append_json_string(&buf, &len, &cap, csv, csv_len);
  memcpy(buf + len, "\"}}", 4);
  return buf;
}

/* BEGIN SNIPPET c-threads */
struct job { const char *request; char *response; };

static void *worker(void *arg) {
  struct job *j = arg;
  j->response = pema_call(j->request);
  return NULL;
}
/* END SNIPPET c-threads */

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s data.csv response.json\n", argv[0]); return 64; }
  printf("SDK %s\n", pema_version());

  FILE *in = fopen(argv[1], "rb");
  if (!in) { perror(argv[1]); return 66; }
  fseek(in, 0, SEEK_END);
  long size = ftell(in);
  fseek(in, 0, SEEK_SET);
  char *csv = malloc((size_t)size + 1);
  if (!csv || fread(csv, 1, (size_t)size, in) != (size_t)size) { perror("read"); return 66; }
  fclose(in);
  char *request = score_request(csv, (size_t)size);

  /* One call; the response is written for the comparison with R. */
  /* BEGIN SNIPPET c-call */
  char *response = pema_call(request); /* never NULL; release with pema_free */
  FILE *out = fopen(argv[2], "wb");
  if (!out) { perror(argv[2]); return 73; }
  fputs(response, out);
  fclose(out);
  if (strstr(response, "\"result\"") == NULL) { fprintf(stderr, "score failed: %.300s\n", response); return 1; }
  /* END SNIPPET c-call */

  /* Four threads at once must agree with each other and with the single call. */
  pthread_t threads[4];
  struct job jobs[4];
  for (int t = 0; t < 4; t++) { jobs[t].request = request; pthread_create(&threads[t], NULL, worker, &jobs[t]); }
  for (int t = 0; t < 4; t++) pthread_join(threads[t], NULL);
  for (int t = 0; t < 4; t++) {
    if (strcmp(jobs[t].response, response) != 0) { fprintf(stderr, "thread %d disagrees\n", t); return 1; }
    pema_free(jobs[t].response);
  }
  printf("4 threads agree (%zu bytes each)\n", strlen(response));

  /* Garbage gets JSON-RPC errors, never NULL or a crash. */
  char *deep = malloc(100001);
  memset(deep, '[', 100000);
  deep[100000] = 0;
  const char *garbage[] = {"", "{", "\xff\xfe", "[]", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nope\"}", deep};
  const char *codes[] = {"-32700", "-32700", "-32700", "-32600", "-32601", "-32700"};
  for (int g = 0; g < 6; g++) {
    char *r = pema_call(garbage[g]);
    if (r == NULL || strstr(r, codes[g]) == NULL) { fprintf(stderr, "garbage %d: %s\n", g, r ? r : "NULL"); return 1; }
    pema_free(r);
  }
  char *r = pema_call(NULL);
  if (r == NULL || strstr(r, "-32700") == NULL) { fprintf(stderr, "NULL request not answered\n"); return 1; }
  pema_free(r);
  printf("garbage gets JSON-RPC errors\n");

  free(deep);
  pema_free(response);
  free(request);
  free(csv);
  return 0;
}
