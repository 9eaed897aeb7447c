"""The drop-in for the SDK's `aistore.sdk.dsort` wire classes: see `types`."""
