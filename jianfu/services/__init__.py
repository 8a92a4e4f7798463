"""Use cases, one module per flow; the UI, the CLI and the tests all call these."""
