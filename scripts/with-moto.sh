#!/usr/bin/env bash
# Run a command with a real AWS emulator: moto_server (moto[server]==5.2.1 from PyPI, in .cache/moto-venv) bound
# to 127.0.0.1 on a free port, exported as KYC_MOTO_ENDPOINT; stopped when the command ends, whatever its result.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.cache/moto-venv
if [ ! -x "$VENV/bin/moto_server" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "moto[server]==5.2.1"
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT" > .cache/moto.log 2>&1 &
MOTO_PID=$!
trap 'kill $MOTO_PID 2>/dev/null || true; wait $MOTO_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/moto-api/', timeout=1)" 2>/dev/null; then
    break
  fi
  sleep 0.2
done
export KYC_MOTO_ENDPOINT="http://127.0.0.1:$PORT"
echo "moto_server on $KYC_MOTO_ENDPOINT (pid $MOTO_PID)"
"$@"
