"""A lean HTTP/1.1 load generator for the web bench: keep-alive GET requests on loopback, timed one by one.

The generator runs on the same machine as the server it measures, so every millisecond of CPU it spends is
taken from the server. An ``httpx.AsyncClient`` with 50 connections costs several milliseconds of CPU per
request (more than the server's own work on a cached page); a plain socket per user costs a few tens of
microseconds. It speaks only what uvicorn answers to a GET: a status line, headers and a body of
``Content-Length`` bytes.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from urllib.parse import urlsplit

__all__ = ["Connection", "Page", "cookie_header", "realistic", "stress"]

TIME_LIMIT = 300.0  # seconds for one scenario's load, whatever happens


class Connection:
    """One user's keep-alive connection (a browser tab): a signed-in user sends its session cookie."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str) -> None:
        self._reader, self._writer, self._host = reader, writer, host

    @classmethod
    async def open(cls, base: str) -> Connection:
        url = urlsplit(base)
        reader, writer = await asyncio.open_connection(url.hostname, url.port)
        return cls(reader, writer, f"{url.hostname}:{url.port}")

    async def get(self, path: str, cookie: str = "") -> float:
        """Seconds until the whole answer arrived; a status other than 200 is an error (the bench's pages
        must all work)."""
        start = time.perf_counter()
        cookie_line = f"Cookie: {cookie}\r\n" if cookie else ""
        self._writer.write(f"GET {path} HTTP/1.1\r\nHost: {self._host}\r\n{cookie_line}\r\n".encode("ascii"))
        head = await self._reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = next(
            (
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            ),
            None,
        )
        if length is None:
            raise RuntimeError(f"GET {path}: answer without Content-Length")
        await self._reader.readexactly(length)
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
        return time.perf_counter() - start

    async def close(self) -> None:
        self._writer.close()
        await self._writer.wait_closed()


def cookie_header(cookies: Mapping[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


Page = tuple[str, str, str]  # name, path, cookie header ("" for a signed-out view)
Visit = Callable[[int, Connection], Awaitable[None]]


async def _run(base: str, users: int, visit: Visit) -> None:
    """Each user visits on its own connection, all at once; bounded by ``TIME_LIMIT``."""
    connections = [await Connection.open(base) for _ in range(users)]
    try:
        visits = (visit(number, connection) for number, connection in enumerate(connections))
        await asyncio.wait_for(asyncio.gather(*visits), TIME_LIMIT)
    finally:
        for connection in connections:
            await connection.close()


async def stress(base: str, pages: list[Page], *, users: int, rounds: int) -> dict[str, list[float]]:
    """Every user views every page ``rounds`` times, in turn, asking again as soon as an answer arrives;
    each page's latencies."""
    timings: dict[str, list[float]] = {name: [] for name, _, _ in pages}

    async def visit(_number: int, connection: Connection) -> None:
        for _ in range(rounds):
            for name, path, cookie in pages:
                timings[name].append(await connection.get(path, cookie))

    await _run(base, users, visit)
    return timings


async def realistic(
    base: str, pages: list[Page], *, users: int, duration: float, think: tuple[float, float], seed: int
) -> dict[str, list[float]]:
    """Every user views the pages in turn for ``duration`` seconds, pausing a random ``think`` interval
    after each (one seeded generator per user, so a run repeats exactly); each page's latencies."""
    timings: dict[str, list[float]] = {name: [] for name, _, _ in pages}
    end = time.monotonic() + duration

    async def visit(number: int, connection: Connection) -> None:
        rng = random.Random(seed + number)
        await asyncio.sleep(rng.uniform(0, think[1]))  # users arrive spread out, not all in one instant
        turn = number
        while time.monotonic() < end:
            name, path, cookie = pages[turn % len(pages)]
            timings[name].append(await connection.get(path, cookie))
            turn += 1
            await asyncio.sleep(rng.uniform(*think))

    await _run(base, users, visit)
    return timings
