# Copied from schema/sdk/batch/__init__.py by aistore-models-gen. Edit the original.
"""The drop-in for the SDK's `aistore.sdk.batch` wire classes: see `types`."""
