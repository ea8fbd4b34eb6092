"""The data: fixtures read and checked at start-up, the store of release flows and jobs, their
rendering as JSON, and where state and the request log are kept (memory or SQLite)."""
