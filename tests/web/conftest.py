"""Web fixtures live in web_world.py (importable by name from the tests); this file only makes pytest see them."""

from web_world import anonymous, app, fast_passwords, sign_in

__all__ = ["anonymous", "app", "fast_passwords", "sign_in"]
