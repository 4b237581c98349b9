"""Postwright: a desktop editor for blog posts that end up on static sites."""

__version__ = "0.1.0"
