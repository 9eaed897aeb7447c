# Copied from generator/runtime/__main__.py by aistore-models-gen. Edit the original.
"""python -m aistore_models validate|schema|list (see cli.py)."""

import os
import sys

from .cli import main

try:
    code = main()
except BrokenPipeError:  # output piped into `head` and the like: not an error
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 0
sys.exit(code)
