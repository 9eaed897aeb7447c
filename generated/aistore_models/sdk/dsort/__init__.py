# Copied from schema/sdk/dsort/__init__.py by aistore-models-gen. Edit the original.
"""The drop-in for the SDK's `aistore.sdk.dsort` wire classes: see `types`."""
