import asyncio
import platform
import ssl
import threading
from typing import Any, Self

import httpx
from attrs import define, evolve, field
from httpx_retries import Retry

from . import validation
from .errors import ClientStateError
from .network import bounded_by_deadlines
from .retry import default_retry
from .transport import DEFAULT_MAX_RESPONSE_BYTES, NorthflankTransport

VERSION = "1.0.0"

USER_AGENT = f"northflank-release-client/{VERSION} (python {platform.python_version()}; httpx {httpx.__version__})"
"""Sent with every request, unless the headers given to the client name another."""

DEFAULT_REQUEST_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
"""Each HTTP attempt's timeouts: 5 s to connect (a dead host fails fast), 60 s for each read,
write and pool wait."""

DEFAULT_TIMEOUT = DEFAULT_REQUEST_TIMEOUT
"""The name DEFAULT_REQUEST_TIMEOUT had before calls had a total timeout; still exported."""


def _to_timeout(value: httpx.Timeout | float | None) -> httpx.Timeout | None:
    return value if value is None or isinstance(value, httpx.Timeout) else httpx.Timeout(value)


def _checked_base_url(value: object) -> str:
    return validation.base_url(value, "base_url")


def _checked_token(instance: Any, attribute: Any, value: str) -> None:
    validation.token(value, "token")


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


@define
class Client:
    """A class for keeping track of data related to the API

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: How long each HTTP attempt may take: an httpx.Timeout, or seconds for each phase
        (connect, read, write, pool), or None for no limit at all. Defaults to DEFAULT_REQUEST_TIMEOUT
        (5 s to connect, 60 s otherwise). API functions raise errors.APITimeoutError (an
        httpx.TimeoutException) when it is exceeded. A deadline for a whole call (retries included)
        comes from call_options.call_options, which the Northflank facade sets for every call.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.

        ``retry``: How idempotent requests (GET) are retried on 429, 502, 503, 504 and connection errors;
        ``None`` turns retries off. POST requests (run, abort) are never retried. See ``retry.default_retry``.

        ``max_response_bytes``: The largest response body read (64 MiB by default); a larger one
        raises errors.ResponseShapeError without being held in memory.

        A transport given in ``httpx_args`` (``httpx.MockTransport``, ``httpx.ASGITransport``...) is
        wrapped, so retries and timeouts apply to it too.


    Attributes:
        raise_on_unexpected_status: Whether or not to raise the status's errors.APIStatusError if the API
            returns a status code that was not documented in the source OpenAPI document. Can also be provided as
            a keyword argument to the constructor.
    """

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    _base_url: str = field(alias="base_url", converter=_checked_base_url)
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(
        factory=dict, kw_only=True, alias="headers", repr=False, converter=validation.headers
    )
    _timeout: httpx.Timeout | None = field(
        default=DEFAULT_REQUEST_TIMEOUT, converter=_to_timeout, kw_only=True, alias="timeout"
    )
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _retry: Retry | None = field(factory=default_retry, kw_only=True, alias="retry")
    _max_response_bytes: int = field(
        default=DEFAULT_MAX_RESPONSE_BYTES, kw_only=True, alias="max_response_bytes", converter=validation.byte_limit
    )
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _loop: asyncio.AbstractEventLoop | None = field(default=None, init=False, repr=False, eq=False)
    _closed: bool = field(default=False, init=False, repr=False, eq=False)
    _lock: threading.Lock = field(factory=threading.Lock, init=False, repr=False, eq=False)

    def with_headers(self, headers: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout | float | None) -> "Client":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = _to_timeout(timeout)
        if self._async_client is not None:
            self._async_client.timeout = _to_timeout(timeout)
        return evolve(self, timeout=timeout)

    @property
    def base_url(self) -> str:
        """The API's URL, as checked (without trailing slashes)."""
        return self._base_url

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def _httpx_settings(self) -> dict[str, Any]:
        headers = httpx.Headers({"User-Agent": USER_AGENT})
        headers.update(self._headers)
        return dict(
            base_url=self._base_url,
            cookies=self._cookies,
            headers=headers,
            timeout=self._timeout,
            verify=self._verify_ssl,
            follow_redirects=self._follow_redirects,
        )

    def _check_open(self, client: httpx.Client | httpx.AsyncClient | None) -> None:
        if self._closed or (client is not None and client.is_closed):
            raise ClientStateError("this client has been closed: make a new one for more calls")

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        with self._lock:
            self._check_open(self._client)
            if self._client is None:
                httpx_args = dict(self._httpx_args)
                inner = httpx_args.get("transport") or bounded_by_deadlines(
                    httpx.HTTPTransport(verify=self._verify_ssl)
                )
                httpx_args["transport"] = NorthflankTransport(
                    inner, retry=self._retry, max_response_bytes=self._max_response_bytes
                )
                self._client = httpx.Client(**self._httpx_settings(), **httpx_args)
            return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)
        self._closed = True

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set.

        An httpx.AsyncClient keeps connections of the event loop it was first used in: this
        raises ClientStateError when called from another one (make one client per event loop).
        """
        loop = _running_loop()
        with self._lock:
            self._check_open(self._async_client)
            if self._async_client is None:
                httpx_args = dict(self._httpx_args)
                inner = httpx_args.get("transport") or httpx.AsyncHTTPTransport(verify=self._verify_ssl)
                httpx_args["transport"] = NorthflankTransport(
                    inner, retry=self._retry, max_response_bytes=self._max_response_bytes
                )
                self._async_client = httpx.AsyncClient(**self._httpx_settings(), **httpx_args)
                self._loop = loop
            elif loop is not None and self._loop is not None and loop is not self._loop:
                raise ClientStateError(
                    "this async client was first used in another event loop"
                    + (", which is closed" if self._loop.is_closed() else "")
                    + ": its connections belong to that loop. Make one client per event loop"
                    " (for instance inside the coroutine that asyncio.run runs)"
                )
            return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)
        self._closed = True

    @property
    def is_closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Close the synchronous httpx client, if one was opened, and refuse calls from now on.
        An async one needs `await aclose()`, which closes both."""
        with self._lock:
            self._closed = True
            client = self._client
        if client is not None:
            client.close()

    async def aclose(self) -> None:
        """Close every httpx client this client opened, and refuse calls from now on."""
        with self._lock:
            self._closed = True
            client, async_client, loop = self._client, self._async_client, self._loop
        if async_client is not None and (loop is None or loop is _running_loop()):
            await async_client.aclose()
        # An async client of another (closed) loop cannot be closed from here: its loop took
        # its connections with it.
        if client is not None:
            client.close()


@define
class AuthenticatedClient:
    """A Client which has been authenticated for use on secured endpoints

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: How long each HTTP attempt may take: an httpx.Timeout, or seconds for each phase
        (connect, read, write, pool), or None for no limit at all. Defaults to DEFAULT_REQUEST_TIMEOUT
        (5 s to connect, 60 s otherwise). API functions raise errors.APITimeoutError (an
        httpx.TimeoutException) when it is exceeded. A deadline for a whole call (retries included)
        comes from call_options.call_options, which the Northflank facade sets for every call.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.

        ``retry``: How idempotent requests (GET) are retried on 429, 502, 503, 504 and connection errors;
        ``None`` turns retries off. POST requests (run, abort) are never retried. See ``retry.default_retry``.

        ``max_response_bytes``: The largest response body read (64 MiB by default); a larger one
        raises errors.ResponseShapeError without being held in memory.

        A transport given in ``httpx_args`` (``httpx.MockTransport``, ``httpx.ASGITransport``...) is
        wrapped, so retries and timeouts apply to it too.


    Attributes:
        raise_on_unexpected_status: Whether or not to raise the status's errors.APIStatusError if the API
            returns a status code that was not documented in the source OpenAPI document. Can also be provided as
            a keyword argument to the constructor.
        token: The token to use for authentication
        prefix: The prefix to use for the Authorization header
        auth_header_name: The name of the Authorization header
    """

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    _base_url: str = field(alias="base_url", converter=_checked_base_url)
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(
        factory=dict, kw_only=True, alias="headers", repr=False, converter=validation.headers
    )
    _timeout: httpx.Timeout | None = field(
        default=DEFAULT_REQUEST_TIMEOUT, converter=_to_timeout, kw_only=True, alias="timeout"
    )
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _retry: Retry | None = field(factory=default_retry, kw_only=True, alias="retry")
    _max_response_bytes: int = field(
        default=DEFAULT_MAX_RESPONSE_BYTES, kw_only=True, alias="max_response_bytes", converter=validation.byte_limit
    )
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _loop: asyncio.AbstractEventLoop | None = field(default=None, init=False, repr=False, eq=False)
    _closed: bool = field(default=False, init=False, repr=False, eq=False)
    _lock: threading.Lock = field(factory=threading.Lock, init=False, repr=False, eq=False)

    token: str = field(repr=False, validator=_checked_token)
    prefix: str = "Bearer"
    auth_header_name: str = "Authorization"

    def with_headers(self, headers: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout | float | None) -> "AuthenticatedClient":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = _to_timeout(timeout)
        if self._async_client is not None:
            self._async_client.timeout = _to_timeout(timeout)
        return evolve(self, timeout=timeout)

    @property
    def base_url(self) -> str:
        """The API's URL, as checked (without trailing slashes)."""
        return self._base_url

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def _httpx_settings(self) -> dict[str, Any]:
        self._headers[self.auth_header_name] = f"{self.prefix} {self.token}" if self.prefix else self.token
        headers = httpx.Headers({"User-Agent": USER_AGENT})
        headers.update(self._headers)
        return dict(
            base_url=self._base_url,
            cookies=self._cookies,
            headers=headers,
            timeout=self._timeout,
            verify=self._verify_ssl,
            follow_redirects=self._follow_redirects,
        )

    def _check_open(self, client: httpx.Client | httpx.AsyncClient | None) -> None:
        if self._closed or (client is not None and client.is_closed):
            raise ClientStateError("this client has been closed: make a new one for more calls")

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        with self._lock:
            self._check_open(self._client)
            if self._client is None:
                httpx_args = dict(self._httpx_args)
                inner = httpx_args.get("transport") or bounded_by_deadlines(
                    httpx.HTTPTransport(verify=self._verify_ssl)
                )
                httpx_args["transport"] = NorthflankTransport(
                    inner, retry=self._retry, max_response_bytes=self._max_response_bytes
                )
                self._client = httpx.Client(**self._httpx_settings(), **httpx_args)
            return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)
        self._closed = True

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set.

        An httpx.AsyncClient keeps connections of the event loop it was first used in: this
        raises ClientStateError when called from another one (make one client per event loop).
        """
        loop = _running_loop()
        with self._lock:
            self._check_open(self._async_client)
            if self._async_client is None:
                httpx_args = dict(self._httpx_args)
                inner = httpx_args.get("transport") or httpx.AsyncHTTPTransport(verify=self._verify_ssl)
                httpx_args["transport"] = NorthflankTransport(
                    inner, retry=self._retry, max_response_bytes=self._max_response_bytes
                )
                self._async_client = httpx.AsyncClient(**self._httpx_settings(), **httpx_args)
                self._loop = loop
            elif loop is not None and self._loop is not None and loop is not self._loop:
                raise ClientStateError(
                    "this async client was first used in another event loop"
                    + (", which is closed" if self._loop.is_closed() else "")
                    + ": its connections belong to that loop. Make one client per event loop"
                    " (for instance inside the coroutine that asyncio.run runs)"
                )
            return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)
        self._closed = True

    @property
    def is_closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Close the synchronous httpx client, if one was opened, and refuse calls from now on.
        An async one needs `await aclose()`, which closes both."""
        with self._lock:
            self._closed = True
            client = self._client
        if client is not None:
            client.close()

    async def aclose(self) -> None:
        """Close every httpx client this client opened, and refuse calls from now on."""
        with self._lock:
            self._closed = True
            client, async_client, loop = self._client, self._async_client, self._loop
        if async_client is not None and (loop is None or loop is _running_loop()):
            await async_client.aclose()
        # An async client of another (closed) loop cannot be closed from here: its loop took
        # its connections with it.
        if client is not None:
            client.close()
