import warnings

# connexion imports starlette's test client, which warns about httpx; irrelevant to serving.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from .cli import main  # noqa: E402

main()
