"""The rules of the simulated Northflank, free of HTTP and storage: run lifecycles, node trees,
pagination, fault rules, rate limits, tokens and time."""
