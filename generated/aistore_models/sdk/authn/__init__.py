# Copied from schema/sdk/authn/__init__.py by aistore-models-gen. Edit the original.
"""The drop-in for the SDK's `aistore.sdk.authn` wire classes: see `types`."""
