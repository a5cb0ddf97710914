#!/usr/bin/env python3
"""Frozen clients for the slow-consumer check (docs/performance.md, issue 18): N WebSocket connections to the hub that subscribe to '*'
and never read (4 KiB receive buffers). Waits for the hub, then DELAY s, holds HOLD s, reports the hub's
slow-consumer closes, closes its sockets. Usage: tickhub-bench/scripts/frozen-clients.py PORT N DELAY HOLD"""
import base64, os, socket, struct, sys, time, urllib.request
port, n, delay, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
def up():
    try:
        return urllib.request.urlopen(f'http://127.0.0.1:{port}/health', timeout=1).status == 200
    except Exception:
        return False
deadline = time.time() + 120
while not up() and time.time() < deadline:
    time.sleep(0.5)
time.sleep(delay)
def metric(name):
    try:
        text = urllib.request.urlopen(f'http://127.0.0.1:{port}/actuator/prometheus', timeout=30).read().decode()
        return sum(float(l.split()[-1]) for l in text.splitlines() if l.startswith(name))
    except Exception as e:
        return f'n/a ({e})'
before = metric('tickhub_stream_slow_consumer_closes_total')
socks = []
for i in range(n):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(('127.0.0.1', port))
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f'GET /ws?format=compact&batch=1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n'
               f'Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n').encode())
    head = b''
    while b'\r\n\r\n' not in head:
        head += s.recv(1)
    payload = b'{"action":"subscribe","symbols":["*"]}'
    mask = os.urandom(4)
    s.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
    socks.append(s)
print(f'frozen: {n} clients on * at {time.strftime("%H:%M:%S")}', flush=True)
time.sleep(hold)
print(f'frozen: slow-consumer closes {before} -> {metric("tickhub_stream_slow_consumer_closes_total")}', flush=True)
for s in socks:
    s.close()
