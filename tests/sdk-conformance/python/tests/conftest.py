"""Starts the real fake-workos binary once for the session and points the official Python
SDK (`workos` 10.8.0) at it through the client's `base_url` option. Every test starts from
the demo seed (`POST /__admin/reset`), so tests do not depend on their order."""

from __future__ import annotations

import os
import re
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest
from workos import WorkOSClient

from harness import DEMO_KEY, Admin

ROOT = Path(__file__).resolve().parents[4]
DEFAULT_BIN = ROOT / "target" / "debug" / "fake-workos"


@dataclass
class Fake:
    process: subprocess.Popen[str]
    base_url: str
    admin: Admin
    output: list[str]


def record_args() -> list[str]:
    """`--record FILE` when run.sh asks for every answer to be checked against the schemas."""
    path = os.environ.get("FAKE_WORKOS_RECORD")
    return ["--record", path] if path else []


@pytest.fixture(scope="session")
def fake() -> Iterator[Fake]:
    binary = os.environ.get("FAKE_WORKOS_BIN") or str(DEFAULT_BIN)
    if not Path(binary).exists():
        pytest.exit(f"fake-workos binary not found at {binary}: run `cargo build -p fake-workos`", returncode=2)
    process = subprocess.Popen(
        [binary, "--port", "0", "--seed", "demo", *record_args()],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    output: list[str] = []
    found = threading.Event()
    box: dict[str, str] = {}

    def drain() -> None:
        assert process.stdout is not None
        for line in process.stdout:  # keep reading so the pipe never fills up
            output.append(line)
            m = re.search(r"WORKOS_BASE_URL=(\S+)", line)
            if m and not found.is_set():
                box["url"] = m.group(1)
                found.set()
        found.set()

    threading.Thread(target=drain, daemon=True).start()
    if not found.wait(30) or "url" not in box:
        process.kill()
        pytest.exit("fake-workos did not print WORKOS_BASE_URL=:\n" + "".join(output), returncode=2)
    fake = Fake(process, box["url"], Admin(box["url"]), output)
    try:
        yield fake
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture(autouse=True)
def fresh(fake: Fake) -> Iterator[None]:
    """The demo seed (and the fake's clock) before every test, and no faults left behind."""
    fake.admin.reset()
    fake.admin.call("DELETE", "/faults")
    yield
    fake.admin.call("DELETE", "/faults")


@pytest.fixture
def client_for(fake: Fake) -> Iterator[Callable[..., WorkOSClient]]:
    made: list[WorkOSClient] = []

    def make(key: str = DEMO_KEY, **options: object) -> WorkOSClient:
        client = WorkOSClient(api_key=key, base_url=fake.base_url, **options)  # type: ignore[arg-type]
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def workos(client_for: Callable[..., WorkOSClient]) -> WorkOSClient:
    """The sandbox demo key, the SDK's default retry policy."""
    return client_for(DEMO_KEY)
