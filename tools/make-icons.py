"""Writes the toolbar icons (public/icon/<size>.png): a blue rounded square with a white side
panel. Pure standard library, so regenerating needs no image toolchain."""
import struct, zlib, sys, os

def png(size):
    r = size * 0.18
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # rounded-corner mask
            cx = min(max(x + 0.5, r), size - r); cy = min(max(y + 0.5, r), size - r)
            inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r
            if not inside:
                row += bytes([0, 0, 0, 0]); continue
            panel = size * 0.58 <= x < size * 0.82 and size * 0.2 <= y < size * 0.8
            lines = size * 0.2 <= x < size * 0.48 and any(size * t <= y < size * t + max(1, size * 0.08) for t in (0.3, 0.46, 0.62))
            row += bytes([255, 255, 255, 255]) if panel or lines else bytes([11, 92, 213, 255])
        rows.append(bytes(row))
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    header = struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')

out = sys.argv[1] if len(sys.argv) > 1 else 'public/icon'
os.makedirs(out, exist_ok=True)
for size in (16, 32, 48, 128):
    with open(os.path.join(out, f'{size}.png'), 'wb') as f:
        f.write(png(size))
