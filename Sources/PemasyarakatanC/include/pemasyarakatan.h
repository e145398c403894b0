/*
 * pemasyarakatan.h: the C ABI of the Pemasyarakatan SDK (libPemasyarakatanC.so).
 *
 * The whole SDK is reached through one JSON-RPC 2.0 call: pass a request, get a response. Methods,
 * params and results are described in Documentation/CallingFromOtherLanguages.md and, as JSON
 * Schemas (draft 2020-12), in Documentation/Schemas/. Adding a method never changes this ABI.
 *
 * Build:   swift build --product PemasyarakatanC        (or -c release)
 * Link:    cc host.c -I Sources/PemasyarakatanC/include -L .build/debug -lPemasyarakatanC \
 *             -Wl,-rpath,$PWD/.build/debug
 * The library's RUNPATH already names the Swift runtime of the toolchain that built it.
 *
 * Ownership
 *   - pema_call returns a newly allocated, NUL-terminated UTF-8 string. The caller owns it and must
 *     release it with pema_free (never with free(): the SDK's allocator is not necessarily malloc's).
 *   - pema_version returns a static string owned by the library: do not free it.
 *   - The request is only read during the call; the SDK keeps no pointer to it.
 *
 * Thread safety
 *   - All three functions may be called from any number of threads at once, without locking: the
 *     dispatcher holds no mutable state, and each call allocates its own response. Responses of
 *     concurrent calls are independent (and identical for identical requests).
 *
 * Errors
 *   - pema_call never returns NULL for a non-NULL request, and for a NULL request it returns a
 *     JSON-RPC parse error too. Any bytes are answered: invalid UTF-8, nesting deeper than 128 levels
 *     or a request over 64 MiB get a JSON-RPC error object (-32700), never a crash; the text is read
 *     only up to its NUL or one byte past the limit.
 *   - Error codes: -32700 parse error, -32600 invalid request, -32601 method not found, -32602
 *     invalid params, -32603 internal error, -32001 the data cannot be used. error.data holds
 *     {"what", "where", "why", "problems": [...]}, where "where" is a JSON path ({"path": "$.params.csv"})
 *     or a position ({"line": 3, "column": 7}).
 *   - A notification (a request without "id") or a batch of notifications returns "" (an empty
 *     string, still to be released with pema_free).
 */
#ifndef PEMASYARAKATAN_H
#define PEMASYARAKATAN_H

#ifdef __cplusplus
extern "C" {
#endif

/* Answers one JSON-RPC 2.0 request or batch (NUL-terminated UTF-8). Returns the response as a new
 * NUL-terminated UTF-8 string (release with pema_free); never NULL. */
char *pema_call(const char *request_json);

/* Releases a string returned by pema_call. NULL is ignored. */
void pema_free(char *response);

/* The SDK version, e.g. "0.1.0": a static string, not to be freed. */
const char *pema_version(void);

#ifdef __cplusplus
}
#endif

#endif /* PEMASYARAKATAN_H */
