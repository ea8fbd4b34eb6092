"""An offline Northflank: a connexion app driven by openapi/northflank.yaml."""

import warnings

# connexion imports starlette's test client, which warns about httpx; irrelevant to serving.
# Here rather than in __main__, so that worker processes (--workers) are quiet too.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
