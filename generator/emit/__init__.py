"""Emitters: one module per target, each turning the IR into files (path -> text)."""
