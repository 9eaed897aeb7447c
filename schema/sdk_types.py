"""`aistore_models.sdk.types` under its first name: importing this module gives that one."""

import sys

from .sdk import types

sys.modules[__name__] = types
