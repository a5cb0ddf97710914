#!/usr/bin/env python3
"""Frozen clients for the slow-consumer check (docs/performance.md, issue 18): N WebSocket connections to the hub that subscribe to '*'
and never read (4 KiB receive buffers). Waits for the hub, then DELAY s, holds HOLD s, closes its sockets, and REPORT s later
reports the hub's slow-consumer closes. The count is read from the single meter, before the delay and REPORT s after the hold:
a scrape of /actuator/prometheus takes 10-50 ms of the hub's core, and one inside the harness's window stalled the very
clients the check measures. Usage: tickhub-bench/scripts/frozen-clients.py PORT N DELAY HOLD [REPORT]"""
import base64, json, os, socket, struct, sys, time, urllib.request
port, n, delay, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
report = float(sys.argv[5]) if len(sys.argv) > 5 else 0
def up():
    try:
        return urllib.request.urlopen(f'http://127.0.0.1:{port}/health', timeout=1).status == 200
    except Exception:
        return False
deadline = time.time() + 120
while not up() and time.time() < deadline:
    time.sleep(0.5)
def closes():
    try:
        body = urllib.request.urlopen(f'http://127.0.0.1:{port}/actuator/metrics/tickhub.stream.slow.consumer.closes',
                                      timeout=30).read().decode()
        return json.loads(body)['measurements'][0]['value']
    except Exception as e:
        return f'n/a ({e})'
before = closes()
time.sleep(delay)
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
for s in socks:
    s.close()
time.sleep(report)
print(f'frozen: slow-consumer closes {before} -> {closes()}', flush=True)
