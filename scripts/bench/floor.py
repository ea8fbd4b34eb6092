"""The benchmark's floor: a raw ASGI app answering the benchmark's requests with fixed bytes.

It does nothing a mock must do (no routing by spec, no auth, no validation, no state), so its
requests per second are the most uvicorn on this machine can serve: the ceiling for any Python
mock. The benchmark captures the mock's own answers (servers.capture_answers) and starts this
with them.

    python -m scripts.bench.floor ANSWERS.json PORT
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path
from typing import Any

import uvicorn


def make_app(answers: dict[str, str]) -> Any:
    """`answers` maps "METHOD path" to the response body."""
    encoded = {key: body.encode() for key, body in answers.items()}

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        more = True
        while more:  # drain the request body, as any server must
            message = await receive()
            more = message.get("more_body", False)
        body = encoded.get(f"{scope['method']} {scope['path']}", b'{"error":{}}')
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def main() -> None:
    answers = json.loads(Path(sys.argv[1]).read_text())
    port = int(sys.argv[2])
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", port))
    config = uvicorn.Config(make_app(answers), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])  # uvicorn picks the loop: uvloop when installed


if __name__ == "__main__":
    main()
