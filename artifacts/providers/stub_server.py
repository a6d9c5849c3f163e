"""A small LLM/image server on 127.0.0.1 speaking the OpenAI and Gemini wire formats, for tests and benches.

By default it answers every task as the offline rules would (it reads the task and its inputs back
out of the prompt), so a whole story can run against it; a test can instead script exact replies
(status codes, bodies, delays) to exercise retries, timeouts and malformed answers.
"""

from __future__ import annotations

import base64
import io
import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image

from artifacts.providers.llm.base import PROMPT_VERSION, PROMPTS
from artifacts.providers.llm.tasks import TASKS


def task_of(prompt: str) -> tuple[str, dict]:
    for task, (template, _, _) in TASKS.items():
        head = (PROMPTS / f"{template}.{PROMPT_VERSION}.txt").read_text().split("\n", 1)[0]
        if prompt.startswith(head):
            return task, json.loads(prompt.rsplit("Input:\n", 1)[1])
    raise ValueError("unknown prompt")


def rules_answer(prompt: str) -> str:
    task, inputs = task_of(prompt)
    payload = TASKS[task][2](**inputs)
    payload.pop("_meta", None)
    return json.dumps(payload)


def png_b64(width=64, height=64) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


class StubServer:
    """`script(status, body=None, delay=0)` queues one reply; with none queued, the rules answer."""

    def __init__(self, *, delay: float = 0.0):
        self.delay = delay
        self.replies: deque = deque()
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                # Wall-clock times, so a bench can line calls up against what its workers did.
                record = {"path": self.path, "headers": dict(self.headers), "body": body, "received": time.time()}
                with server.lock:
                    server.requests.append(record)
                    reply = server.replies.popleft() if server.replies else None
                status, content, delay = reply or (200, None, server.delay)
                time.sleep(delay)
                if content is None:
                    content = server.answer(self.path, body)
                data = content.encode() if isinstance(content, str) else json.dumps(content).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    record["answered"] = time.time()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def script(self, status: int, body=None, delay: float = 0.0) -> None:
        self.replies.append((status, body, delay))

    def answer(self, path: str, body: dict) -> dict:
        if path.endswith("/images/generations"):
            return {"created": 0, "data": [{"b64_json": png_b64()}]}
        if path.endswith(":generateContent"):
            if body.get("generationConfig", {}).get("responseModalities") == ["IMAGE"]:
                return {
                    "candidates": [
                        {"content": {"parts": [{"inlineData": {"mimeType": "image/png", "data": png_b64()}}]}}
                    ]
                }
            return gemini_reply(rules_answer(body["contents"][0]["parts"][0]["text"]))
        return openai_reply(rules_answer(body["messages"][-1]["content"]))


def openai_reply(content: str, prompt_tokens: int = 100, completion_tokens: int = 50) -> dict:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "model": "stub",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def gemini_reply(text: str, prompt_tokens: int = 100, completion_tokens: int = 50) -> dict:
    return {
        "candidates": [{"content": {"role": "model", "parts": [{"text": text}]}, "finishReason": "STOP"}],
        "usageMetadata": {"promptTokenCount": prompt_tokens, "candidatesTokenCount": completion_tokens},
    }
