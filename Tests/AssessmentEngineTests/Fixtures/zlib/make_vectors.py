#!/usr/bin/env python3
"""Makes the zlib/DEFLATE test vectors the in-house inflater is checked against (run from this folder:
`python3 make_vectors.py`; Python's zlib module is the reference zlib). For each input NAME.bin it writes
NAME.L<level>.zlib (zlib streams at levels 0, 1, 6, 9), NAME.fixed.zlib (strategy Z_FIXED: fixed Huffman
blocks only), NAME.huff.zlib (Z_HUFFMAN_ONLY), NAME.rle.zlib (Z_RLE) and NAME.raw (raw deflate, wbits -15,
level 9). Level 0 gives stored blocks; Z_FIXED fixed-Huffman blocks; the others dynamic-Huffman blocks.
manifest.txt lists every stream with its input and zlib's Adler-32 of the input."""
import zlib, random

rnd = random.Random(20260314)
inputs = {
    "empty": b"",
    "one": b"A",
    "text": (b"Pembimbing Kemasyarakatan menilai klien; skor 1-5, Sangat setuju / Tidak setuju.\n" * 300),
    "random": bytes(rnd.getrandbits(8) for _ in range(70000)),            # incompressible: stored blocks
    "likert": bytes(rnd.choice(b"12345") for _ in range(50000)),
    "longdist": (lambda b: b + bytes(rnd.getrandbits(8) for _ in range(31000)) + b)(bytes(rnd.getrandbits(8) for _ in range(1500))),
    "zeros": bytes(40000),
}
lines = []
for name, data in inputs.items():
    open(f"{name}.bin", "wb").write(data)
    adler = zlib.adler32(data)
    streams = {f"L{lv}": zlib.compress(data, lv) for lv in (0, 1, 6, 9)}
    if name == "random":  # incompressible: only stored blocks (level 0) and level 9 are worth the bytes
        streams = {"L0": streams["L0"], "L9": streams["L9"]}
    for tag, strategy in (() if name == "random" else (("fixed", zlib.Z_FIXED), ("huff", zlib.Z_HUFFMAN_ONLY), ("rle", zlib.Z_RLE))):
        c = zlib.compressobj(9, zlib.DEFLATED, 15, 9, strategy)
        streams[tag] = c.compress(data) + c.flush()
    for tag, s in streams.items():
        open(f"{name}.{tag}.zlib", "wb").write(s)
        lines.append(f"{name}.{tag}.zlib {name}.bin {len(data)} {adler}")
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    open(f"{name}.raw", "wb").write(c.compress(data) + c.flush())
    lines.append(f"{name}.raw {name}.bin {len(data)} {adler}")
open("manifest.txt", "w").write("\n".join(lines) + "\n")
print(len(lines), "streams")
