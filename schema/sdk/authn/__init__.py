"""The drop-in for the SDK's `aistore.sdk.authn` wire classes: see `types`."""
