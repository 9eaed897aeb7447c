"""The drop-in for the SDK's `aistore.sdk.batch` wire classes: see `types`."""
