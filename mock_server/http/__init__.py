"""The request path: the pipeline every request takes, the route table, connexion (through its
adapter), validation, the API's handlers and the control endpoints. See docs/architecture.md."""
