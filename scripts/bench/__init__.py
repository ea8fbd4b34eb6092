"""`make bench`: the mock measured side by side with Prism and a raw ASGI floor, on this machine.

Each server runs alone, on 127.0.0.1, with one worker and no access log, and gets the same
requests from the same load generator (wrk, same threads, connections and duration):

    list runs       GET  .../release-flows/development/runs?per_page=50
    run details     GET  .../release-flows/development/runs/<the reference run>
    run release     POST .../release-flows/development/runs   (a valid body, validated)

Also measured: time from process start to the first 200; microseconds per request in-process
(the whole ASGI app, no server); list latency with 1k, 10k and 100k stored runs (first page and
a deep cursor page) and memory per stored run; the generated client's cost to parse a
100-run page and a full run-details payload against json.loads alone; and calls per second
through the generated client in-process (the pytest plugin's transport) against over HTTP.

The table is printed and written as JSON to bench-results/ for comparison over time. Ratios
measured in the same run are what count: the machine is shared and noisy.

    python -m scripts.bench [--duration S] [--rounds N] [--connections N] [--no-prism]

One job per module: scenarios (what is asked), tools (wrk and Prism), servers (starting them),
floor (the raw ASGI floor), load (wrk runs), inprocess (ASGI calls without a server), scale,
client_cost, client_modes (the client in-process and over HTTP), report (targets, table and
JSON).
"""
