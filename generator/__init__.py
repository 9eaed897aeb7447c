"""Schema-first generator of AIStore wire models: YAML -> IR -> pydantic, msgspec, JSON Schema."""
