"""Settings for a developer's machine and for ``make run``: the embedded default."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
