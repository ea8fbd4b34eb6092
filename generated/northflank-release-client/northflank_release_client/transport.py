"""The transport under every client: retries (retry.py), call options, body limits, a debug log.

    NorthflankTransport             the call's retry policy; the answer a retry was refused for
      httpx_retries.RetryTransport  retries GETs on 429/502/503/504 and connection errors
        _Attempts                   each attempt: timeouts and deadline, body guard, log
          the real transport        httpx.HTTPTransport, or one given (MockTransport, ASGITransport)

An attempt whose answer asks for a wait longer than the policy's `max_wait`, or longer than the
call's deadline leaves, is final: the retry layer is stopped and the answer returned as it is.

A response body is read through a guard: past the call's deadline it stops with a timeout, and
past `max_response_bytes` with ResponseShapeError, so neither a server that trickles bytes nor
one that sends without end can hold a call or fill memory. The limit is on the body as decoded:
the guard inflates gzip and deflate itself, a bounded piece at a time, so that a few kilobytes
that inflate to gigabytes (a "zip bomb") stop at the limit too. The client asks for no other
encoding (httpx would decode br or zstd whole), and refuses an answer that uses one.
"""

import logging
import time
import zlib
from collections.abc import AsyncIterator, Iterator

import httpx
from httpx_retries import Retry, RetryTransport

from .call_options import current_options
from .errors import ClientStateError, ResponseShapeError
from .retry import no_retry, server_wait

logger = logging.getLogger("northflank_release_client")

HIDDEN_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})

SHORTEST_ATTEMPT = 0.05
"""Seconds: with less time than this left before a call's deadline, no attempt is started (it
could not get an answer in time, and a socket timeout may fire a hair before the deadline)."""

DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""The largest response body a client reads (64 MiB): Northflank's answers are kilobytes."""

_LATE_BODY = "the call's time ran out while the response body was arriving"

_INFLATE_STEP = 64 * 1024
"""The most a compressed piece is inflated to at once, before the guard counts it."""

_GZIP = frozenset({"gzip", "x-gzip"})
_DECODED = _GZIP | {"deflate"}
"""The content codings the guard decodes, and the only ones the client asks for."""

_UNASKED = frozenset({"br", "zstd"})
"""Codings httpx would decode (with brotli or zstandard installed) in one piece, unbounded."""


def _codings(header: str) -> list[str]:
    """The content codings of an `Accept-Encoding` or `Content-Encoding` value, lowercased,
    without parameters (`gzip;q=1.0` is `gzip`)."""
    names = (part.split(";", 1)[0].strip().lower() for part in header.split(","))
    return [name for name in names if name]


def enable_debug_logging() -> None:
    """Log every request attempt (method, URL, headers with the token hidden) and its outcome at
    DEBUG to the `northflank_release_client` logger, with a handler on stderr if it has none."""
    logger.setLevel(logging.DEBUG)
    if not logger.hasHandlers():
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)


def redacted(headers: httpx.Headers) -> dict[str, str]:
    return {name: "<hidden>" if name.lower() in HIDDEN_HEADERS else value for name, value in headers.items()}


class _Final(Exception):
    """Carries an attempt's outcome past the retry layer, which must not retry it."""

    def __init__(self, outcome: httpx.Response | Exception) -> None:
        super().__init__()
        self.outcome = outcome


def _refused(response: httpx.Response, reason: str) -> ResponseShapeError:
    """A body refused before it is read (so none is quoted)."""
    return ResponseShapeError(
        response.status_code,
        b"",
        "response",
        reason,
        request_id=response.headers.get("x-request-id"),
    )


def _too_large(response: httpx.Response, size: int, limit: int) -> ResponseShapeError:
    return _refused(
        response,
        f"the body is {size} bytes or more, past the client's max_response_bytes of {limit}",
    )


class _Guard:
    """What a body may not exceed: the call's deadline, and the client's size limit."""

    def __init__(self, request: httpx.Request, response: httpx.Response, limit: int) -> None:
        self.request = request
        self.response = response
        self.limit = limit
        self.deadline = current_options().deadline
        self.received = 0
        self.decoded = 0

    def check(self, chunk: bytes) -> None:
        self.received += len(chunk)
        if self.received > self.limit:
            raise _too_large(self.response, self.received, self.limit)
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise httpx.ReadTimeout(_LATE_BODY, request=self.request)

    def check_decoded(self, size: int) -> None:
        self.decoded += size
        if self.decoded > self.limit:
            raise _too_large(self.response, self.decoded, self.limit)


class _Inflate:
    """One gzip or deflate coding, inflated at most `_INFLATE_STEP` bytes at a time. Deflate
    is zlib-wrapped or raw, as httpx takes it."""

    def __init__(self, coding: str, request: httpx.Request) -> None:
        self.request = request
        self.raw_fallback = coding == "deflate"
        wbits = zlib.MAX_WBITS | 16 if coding in _GZIP else zlib.MAX_WBITS
        self.inflater = zlib.decompressobj(wbits)
        self.started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            while True:
                try:
                    piece = self.inflater.decompress(data, _INFLATE_STEP)
                except zlib.error:
                    if not (self.raw_fallback and not self.started):
                        raise
                    self.raw_fallback = False
                    self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                self.started = True
                data = self.inflater.unconsumed_tail
                if piece:
                    yield piece
                # A full piece may leave output inside zlib: ask again, with nothing new.
                if not data and len(piece) < _INFLATE_STEP:
                    return
        except zlib.error as error:
            raise httpx.DecodingError(str(error), request=self.request) from error

    def end(self) -> Iterator[bytes]:
        try:
            rest = self.inflater.flush()
        except zlib.error as error:
            raise httpx.DecodingError(str(error), request=self.request) from error
        if rest:
            yield rest


class _Decoder:
    """The response's content codings undone, the last applied first, each piece counted by the
    guard before the next is made."""

    def __init__(self, codings: list[str], guard: _Guard) -> None:
        self.guard = guard
        self.stages = [_Inflate(coding, guard.request) for coding in reversed(codings)]

    def feed(self, chunk: bytes) -> Iterator[bytes]:
        yield from self._through(0, chunk)

    def end(self) -> Iterator[bytes]:
        for index, stage in enumerate(self.stages):
            for piece in stage.end():
                yield from self._through(index + 1, piece)

    def _through(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self.stages):
            self.guard.check_decoded(len(data))
            yield data
            return
        for piece in self.stages[index].feed(data):
            yield from self._through(index + 1, piece)


class _GuardedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, guard: _Guard, decoder: _Decoder | None = None) -> None:
        self._inner = inner
        self._guard = guard
        self._decoder = decoder

    def __iter__(self) -> Iterator[bytes]:
        decoder = self._decoder
        for chunk in self._inner:
            self._guard.check(chunk)
            if decoder is None:
                yield chunk
            else:
                yield from decoder.feed(chunk)
        if decoder is not None:
            yield from decoder.end()

    def close(self) -> None:
        self._inner.close()


class _AsyncGuardedStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, guard: _Guard, decoder: _Decoder | None = None) -> None:
        self._inner = inner
        self._guard = guard
        self._decoder = decoder

    async def __aiter__(self) -> AsyncIterator[bytes]:
        decoder = self._decoder
        async for chunk in self._inner:
            self._guard.check(chunk)
            if decoder is None:
                yield chunk
            else:
                for piece in decoder.feed(chunk):
                    yield piece
        if decoder is not None:
            for piece in decoder.end():
                yield piece

    async def aclose(self) -> None:
        await self._inner.aclose()


class _Attempts(httpx.BaseTransport, httpx.AsyncBaseTransport):
    def __init__(
        self,
        inner: httpx.BaseTransport | httpx.AsyncBaseTransport,
        retry: Retry,
        max_response_bytes: int,
    ) -> None:
        self._inner = inner
        self._retry = retry
        self._max_response_bytes = max_response_bytes

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self._inner, httpx.BaseTransport):
            raise ClientStateError(
                f"a synchronous request, but the client's transport ({type(self._inner).__name__})"
                " is async only: use the async client, or give a synchronous transport"
            )
        started = self._before(request)
        try:
            response = self._inner.handle_request(request)
        except Exception as error:
            self._attempt_failed(request, started, error)
            raise
        if isinstance(response.stream, httpx.SyncByteStream) and not response.is_stream_consumed:
            try:
                guard = self._guard(request, response)
                decoder = self._decoder(response, guard)
            except ResponseShapeError:
                response.close()
                raise
            response.stream = _GuardedStream(response.stream, guard, decoder)
        response = self._after(request, started, response)
        if self._may_retry(request):
            # Read here, inside the attempt: a body that stalls after the headers is then a
            # timeout the retry policy sees, as a server that never answers is.
            try:
                response.read()
            except Exception as error:
                response.close()
                self._attempt_failed(request, started, error)
                raise
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self._inner, httpx.AsyncBaseTransport):
            raise ClientStateError(
                f"an async request, but the client's transport ({type(self._inner).__name__})"
                " is synchronous only: use the synchronous client, or give an async transport"
            )
        started = self._before(request)
        try:
            response = await self._inner.handle_async_request(request)
        except Exception as error:
            self._attempt_failed(request, started, error)
            raise
        if isinstance(response.stream, httpx.AsyncByteStream) and not response.is_stream_consumed:
            try:
                guard = self._guard(request, response)
                decoder = self._decoder(response, guard)
            except ResponseShapeError:
                await response.aclose()
                raise
            response.stream = _AsyncGuardedStream(response.stream, guard, decoder)
        response = self._after(request, started, response)
        if self._may_retry(request):
            try:
                await response.aread()
            except Exception as error:
                await response.aclose()
                self._attempt_failed(request, started, error)
                raise
        return response

    def close(self) -> None:
        if isinstance(self._inner, httpx.BaseTransport):
            self._inner.close()

    async def aclose(self) -> None:
        if isinstance(self._inner, httpx.AsyncBaseTransport):
            await self._inner.aclose()

    def _before(self, request: httpx.Request) -> float:
        """Apply the call's timeouts and deadline to this attempt; returns its start time."""
        now = time.monotonic()
        attempt = int(request.extensions.get("northflank_attempt", 0)) + 1
        request.extensions["northflank_attempt"] = attempt
        # httpx put the client's (or the request's) timeout here; keep it for later attempts.
        configured = request.extensions.setdefault("northflank_timeout", dict(request.extensions.get("timeout", {})))
        options = current_options()
        timeouts: dict[str, float | None] = dict(configured)
        if isinstance(options.request_timeout, httpx.Timeout):
            timeouts = options.request_timeout.as_dict()
        if options.deadline is not None:
            left = options.deadline - now
            if left < SHORTEST_ATTEMPT:
                previous = request.extensions.get("northflank_failure")
                if isinstance(previous, Exception):
                    raise _Final(previous)  # what went wrong, rather than "no time was left"
                late = (
                    "the call's timeout ran out before a request could be sent"
                    if attempt == 1
                    else "the call's timeout ran out before this retry could start"
                )
                raise _Final(httpx.ConnectTimeout(late, request=request))
            timeouts = {phase: left if t is None else min(t, left) for phase, t in timeouts.items()}
            for phase in ("connect", "read", "write", "pool"):
                timeouts.setdefault(phase, left)
        request.extensions["timeout"] = timeouts
        # Only the codings the guard decodes a bounded piece at a time (httpx adds br and zstd
        # when their packages are installed).
        accepted = request.headers.get("accept-encoding")
        if accepted is not None:
            kept = [coding for coding in _codings(accepted) if coding in _DECODED | {"identity"}]
            request.headers["Accept-Encoding"] = ", ".join(kept) or "identity"
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "request %s %s (attempt %d) headers=%s",
                request.method, request.url, attempt, redacted(request.headers),
            )  # fmt: skip
        return now

    def _guard(self, request: httpx.Request, response: httpx.Response) -> _Guard:
        """The guard of this response's body; ResponseShapeError at once when the body says it is
        larger than the limit."""
        declared = response.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit():
            # A length of more digits than any real body has is too large without reading it.
            size = int(declared) if len(declared) <= 18 else 10**18
            if size > self._max_response_bytes:
                raise _too_large(response, size, self._max_response_bytes)
        return _Guard(request, response, self._max_response_bytes)

    @staticmethod
    def _decoder(response: httpx.Response, guard: _Guard) -> _Decoder | None:
        """The guard's own decoder of the body's gzip and deflate codings, which then leave the
        headers (httpx must not decode them again); ResponseShapeError for br or zstd, which the
        client never asks for, and which httpx would decode without a bound."""
        header = response.headers.get("content-encoding")
        if header is None:
            return None
        codings = _codings(header)
        unasked = [coding for coding in codings if coding in _UNASKED]
        if unasked:
            raise _refused(
                response,
                f"the body is encoded with {', '.join(unasked)}, which the client did not ask for",
            )
        decoded = [coding for coding in codings if coding in _DECODED]
        if not decoded:
            return None  # identity, or codings httpx leaves alone too
        del response.headers["content-encoding"]
        return _Decoder(decoded, guard)

    def _after(self, request: httpx.Request, started: float, response: httpx.Response) -> httpx.Response:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "response %d to %s %s in %.1f ms (request id %s)",
                response.status_code, request.method, request.url,
                (time.monotonic() - started) * 1000, response.headers.get("x-request-id"),
            )  # fmt: skip
        if self._retry_is_refused(request, response):
            raise _Final(response)
        return response

    def _attempt_failed(self, request: httpx.Request, started: float, error: Exception) -> None:
        """Log a failed attempt, and keep it for the error a later refusal raises; raises it as
        final (not to be retried) when the call's deadline has passed."""
        request.extensions["northflank_failure"] = error
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "no answer to %s %s after %.1f ms: %s: %s",
                request.method, request.url, (time.monotonic() - started) * 1000,
                type(error).__name__, error,
            )  # fmt: skip
        deadline = current_options().deadline
        if deadline is not None and deadline - time.monotonic() < SHORTEST_ATTEMPT:
            raise _Final(error) from error

    def _may_retry(self, request: httpx.Request) -> bool:
        """Whether the policy may send this request again (its method is safe to repeat)."""
        retry = request.extensions.get("retry", self._retry)
        return isinstance(retry, Retry) and retry.total > 0 and retry.is_retryable_method(request.method)

    def _retry_is_refused(self, request: httpx.Request, response: httpx.Response) -> bool:
        retry = request.extensions.get("retry", self._retry)
        if not (
            self._may_retry(request)
            and isinstance(retry, Retry)
            and retry.is_retryable_status_code(response.status_code)
        ):
            return False
        wait = server_wait(response)
        if wait is not None and wait > retry.max_backoff_wait:
            return True
        deadline = current_options().deadline
        return deadline is not None and time.monotonic() + (wait or 0.0) >= deadline


class NorthflankTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Retries, call options, body limits and the debug log around `transport` (httpx's own by
    default)."""

    def __init__(
        self,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport,
        retry: Retry | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        retry = retry if retry is not None else no_retry()
        attempts = _Attempts(transport, retry, max_response_bytes)
        self._retrying = RetryTransport(transport=attempts, retry=retry)

    def _apply_call_retry(self, request: httpx.Request) -> None:
        retry = current_options().retry
        if retry is None:
            request.extensions["retry"] = no_retry()
        elif isinstance(retry, Retry):
            request.extensions["retry"] = retry

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._apply_call_retry(request)
        try:
            return self._retrying.handle_request(request)
        except _Final as final:
            return _outcome(final)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._apply_call_retry(request)
        try:
            return await self._retrying.handle_async_request(request)
        except _Final as final:
            return _outcome(final)

    def close(self) -> None:
        self._retrying.close()

    async def aclose(self) -> None:
        await self._retrying.aclose()


def _outcome(final: _Final) -> httpx.Response:
    if isinstance(final.outcome, httpx.Response):
        return final.outcome
    raise final.outcome


__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "NorthflankTransport", "enable_debug_logging"]
