"""Live conformance tests against a local AIStore cluster (see docs/live.md)."""
