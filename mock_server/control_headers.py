"""How a client of the control plane (`/_mock/*`) sends the control token of a mock started with
`--control-token`: `Authorization: Bearer <token>`. The one place the plugin, the container's
health check and scripts take it from."""

from __future__ import annotations


def control_headers(control_token: str | None) -> dict[str, str]:
    """The headers that carry `control_token` (none without one)."""
    if control_token is None:
        return {}
    return {"Authorization": f"Bearer {control_token}"}
