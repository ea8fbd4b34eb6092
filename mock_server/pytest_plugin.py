"""The pytest plugin (entry point pytest11): fixtures that serve the mock to a test suite."""
