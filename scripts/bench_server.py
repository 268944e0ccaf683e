#!/usr/bin/env python3
"""`make bench-server`: `kyc serve` under load and abuse, on loopback, bounded in count and time.

Scenarios (each prints its figures; the run fails if a bound of issue 9 is broken):
  wrong-key   50 clients announce 6 MB bodies with a wrong key: answered 401 before the body, memory flat.
  load        40 (or --clients) concurrent real uploads: only 200 or 503 answers, server peak RSS <= 500 MB.
  slow        20 clients dribbling their headers, 20 idle connections: all disconnected within 60 s.
  descriptors the server under `ulimit -n 256` gets 400 connections: it survives and answers afterwards.
  hostile     per image class of scripts/hostile_images.py (--hostile DIR), a fresh server gets ten such uploads at
              once: peak RSS <= 512 MB for the whole server, /health answered within 0.5 s throughout.

Only the standard library; the server's memory is read from /proc/PID/status (VmHWM is the peak).
"""
import argparse
import http.client
import json
import os
import pathlib
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
KEY = "bench-key-0001"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def status_kb(pid, field):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class Server:
    def __init__(self, kyc, nofile=None, workers=None):
        self.port = free_port()
        self.data = tempfile.mkdtemp(prefix="kyc-bench-")
        env = dict(os.environ, KYC_API_KEYS=KEY, RUST_LOG="warn")
        if workers:
            env["KYC_OCR_WORKERS"] = str(workers)

        def limit():
            if nofile:
                resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

        self.proc = subprocess.Popen(
            [kyc, "serve", "--addr", f"127.0.0.1:{self.port}", "--data-dir", self.data],
            env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.data, "server.log"), "w"),
            preexec_fn=limit,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.health() == 200:
                return
            time.sleep(0.2)
        raise SystemExit("server did not start")

    def health(self):
        try:
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            c.request("GET", "/health")
            return c.getresponse().status
        except OSError:
            return None

    def alive(self):
        return self.proc.poll() is None

    def rss_mb(self):
        return status_kb(self.proc.pid, "VmRSS") / 1024

    def peak_mb(self):
        return status_kb(self.proc.pid, "VmHWM") / 1024

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def multipart(image_bytes, email):
    b = "----bench" + uuid.uuid4().hex
    parts = []
    for name, value in (("email", email), ("idType", "passport"), ("issuingCountry", "NLD")):
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{b}\r\nContent-Disposition: form-data; name="idImage"; filename="a.jpg"\r\n'
                 f'Content-Type: image/jpeg\r\n\r\n'.encode() + image_bytes + b"\r\n")
    parts.append(f"--{b}--\r\n".encode())
    return b, b"".join(parts)


def upload(port, image, i, results):
    boundary, body = multipart(image, f"bench{i}@example.com")
    t = time.time()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        c.request("POST", "/submission/step1", body=body,
                  headers={"x-api-key": KEY, "content-type": f"multipart/form-data; boundary={boundary}"})
        r = c.getresponse()
        r.read()
        results.append((r.status, time.time() - t, r.getheader("retry-after")))
    except OSError as e:
        results.append((f"error {e.__class__.__name__}", time.time() - t, None))


def concurrent_uploads(port, images, clients):
    """`clients` uploads at once (image i of `images`, cycled); their results, wall time and answers by status."""
    results = []
    threads = [threading.Thread(target=upload, args=(port, images[i % len(images)], i, results)) for i in range(clients)]
    t = time.time()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    by_status = {}
    for s, _, _ in results:
        by_status[str(s)] = by_status.get(str(s), 0) + 1
    return results, time.time() - t, by_status


def scenario_load(server, images, clients):
    results, wall, by_status = concurrent_uploads(server.port, images, clients)
    ok = [d for s, d, _ in results if s == 200]
    busy_have_retry_after = all(ra for s, _, ra in results if s == 503)
    return {
        "clients": clients,
        "statuses": by_status,
        "wall_s": round(wall, 1),
        "served_per_s": round(len(ok) / wall, 2),
        "latency_200_p50_ms": round(statistics.median(ok) * 1000) if ok else None,
        "latency_200_max_ms": round(max(ok) * 1000) if ok else None,
        "503_have_retry_after": busy_have_retry_after,
        "server_peak_rss_mb": round(server.peak_mb()),
        "only_200_or_503": set(by_status) <= {"200", "503"},
    }


def scenario_wrong_key(server, clients=50, size=6 * 1024 * 1024):
    before = server.rss_mb()
    statuses = []

    def one():
        s = socket.create_connection(("127.0.0.1", server.port), timeout=30)
        head = (f"POST /submission/step1 HTTP/1.1\r\nhost: x\r\nx-api-key: wrong-key-000\r\n"
                f"content-type: multipart/form-data; boundary=b\r\ncontent-length: {size}\r\n\r\n")
        s.sendall(head.encode())
        try:
            # The answer comes before the body is sent: the key is checked first.
            s.settimeout(5)
            data = s.recv(200)
            statuses.append(data.split(b" ")[1].decode() if data else "closed")
        except OSError:
            statuses.append("reset")
        try:
            # The body is not read: the server closed the connection after its answer.
            s.settimeout(0.2)
            chunk = b"x" * 65536
            for _ in range(size // len(chunk)):
                s.send(chunk)
        except OSError:
            pass
        finally:
            s.close()

    threads = [threading.Thread(target=one) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    counts = {}
    for s in statuses:
        counts[s] = counts.get(s, 0) + 1
    return {"clients": clients, "answers": counts, "rss_before_mb": round(before), "rss_after_mb": round(server.rss_mb()),
            "peak_rss_mb": round(server.peak_mb())}


def time_until_closed(sock, limit):
    t = time.time()
    sock.settimeout(1)
    while time.time() - t < limit:
        try:
            if sock.recv(4096) == b"":
                return time.time() - t
        except socket.timeout:
            continue
        except OSError:
            return time.time() - t
    return None


def scenario_slow(server, n=20, limit=60):
    closed_after = []

    def dribble():
        s = socket.create_connection(("127.0.0.1", server.port))
        head = b"POST /submission/step1 HTTP/1.1\r\nhost: x\r\nx-api-key: " + KEY.encode()
        t = time.time()
        for b in head:
            try:
                s.send(bytes([b]))
            except OSError:
                break
            s.settimeout(2)
            try:
                if s.recv(4096) == b"":
                    break
            except socket.timeout:
                pass
            except OSError:
                break
            if time.time() - t > limit:
                break
        rest = time_until_closed(s, max(1, limit - (time.time() - t)))
        closed_after.append(("dribble", time.time() - t if rest is not None else None))
        s.close()

    def idle():
        s = socket.create_connection(("127.0.0.1", server.port))
        closed_after.append(("idle", time_until_closed(s, limit)))
        s.close()

    threads = [threading.Thread(target=dribble) for _ in range(n)] + [threading.Thread(target=idle) for _ in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    worst = {}
    for kind, secs in closed_after:
        if secs is None:
            worst[kind] = "still open"
        elif worst.get(kind) != "still open":
            worst[kind] = max(worst.get(kind, 0), round(secs, 1))
    return {"connections": 2 * n, "worst_seconds_until_closed": worst,
            "all_closed_within_60s": all(s is not None and s <= 60 for _, s in closed_after)}


def scenario_descriptors(kyc, n=400):
    server = Server(kyc, nofile=256)
    socks, refused = [], 0
    for _ in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", server.port), timeout=2)
            socks.append(s)
        except OSError:
            refused += 1
    time.sleep(2)
    alive_during = server.alive()
    for s in socks:
        s.close()
    time.sleep(2)
    health = server.health()
    result = {"connections_tried": n, "connect_refused": refused, "server_alive": alive_during and server.alive(),
              "health_after": health}
    server.stop()
    return result


HOSTILE_PEAK_MB = 512
HOSTILE_HEALTH_S = 0.5


def scenario_hostile(kyc, path, uploads=10):
    """Ten uploads of one hostile image at once on a fresh server (VmHWM is the process's peak), /health polled."""
    server = Server(kyc)
    image = pathlib.Path(path).read_bytes()
    health = []
    stop = threading.Event()

    def poll():
        while not stop.is_set():
            t = time.time()
            ok = server.health() == 200
            health.append((ok, time.time() - t))
            time.sleep(0.05)

    poller = threading.Thread(target=poll)
    poller.start()
    _, wall, by_status = concurrent_uploads(server.port, [image], uploads)
    stop.set()
    poller.join()
    result = {"bytes": len(image), "answers": by_status, "wall_s": round(wall, 1),
              "server_peak_rss_mb": round(server.peak_mb()),
              "health_max_s": round(max(d for _, d in health), 3) if health else None,
              "health_all_ok": all(ok for ok, _ in health), "server_alive": server.alive()}
    server.stop()
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kyc", default=str(ROOT / "target/release/kyc"))
    ap.add_argument("--images", default=str(ROOT.parent / "shared/testdata/synthetic-dev"))
    ap.add_argument("--clients", type=int, default=40)
    ap.add_argument("--skip-slow", action="store_true", help="skip the slow-client scenario (about a minute)")
    ap.add_argument("--hostile", help="directory of scripts/hostile_images.py's images: one scenario per image")
    args = ap.parse_args()
    images = [p.read_bytes() for p in sorted(pathlib.Path(args.images).glob("img_00*.jpg")) if "_back" not in p.name][:20]
    out = {}
    server = Server(args.kyc)
    try:
        out["wrong_key"] = scenario_wrong_key(server)
        out["load"] = scenario_load(server, images, args.clients)
        if not args.skip_slow:
            out["slow"] = scenario_slow(server)
        out["alive_after_abuse"] = server.alive() and server.health() == 200
    finally:
        server.stop()
    out["descriptors"] = scenario_descriptors(args.kyc)
    if args.hostile:
        out["hostile"] = {p.stem: scenario_hostile(args.kyc, p) for p in sorted(pathlib.Path(args.hostile).iterdir())}
    print(json.dumps(out, indent=2))
    failures = []
    if not out["load"]["only_200_or_503"]:
        failures.append("load: answers other than 200/503")
    if out["load"]["server_peak_rss_mb"] > 500:
        failures.append("load: peak RSS above 500 MB")
    if set(out["wrong_key"]["answers"]) - {"401", "closed", "reset"}:
        failures.append("wrong key: answers other than 401")
    if "slow" in out and not out["slow"]["all_closed_within_60s"]:
        failures.append("slow: a stalled client kept its connection over 60 s")
    if not (out["descriptors"]["server_alive"] and out["descriptors"]["health_after"] == 200):
        failures.append("descriptors: the server did not survive or did not answer afterwards")
    for name, h in out.get("hostile", {}).items():
        if h["server_peak_rss_mb"] > HOSTILE_PEAK_MB:
            failures.append(f"hostile {name}: peak RSS {h['server_peak_rss_mb']} MB above {HOSTILE_PEAK_MB} MB")
        if not h["health_all_ok"] or (h["health_max_s"] or 0) > HOSTILE_HEALTH_S:
            failures.append(f"hostile {name}: /health slower than {HOSTILE_HEALTH_S} s or failing")
        if not h["server_alive"] or set(h["answers"]) - {"200", "400", "503"}:
            failures.append(f"hostile {name}: answers {h['answers']}")
    if not out["alive_after_abuse"]:
        failures.append("the server did not survive the abuse")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
