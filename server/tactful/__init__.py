"""Tactful: catches a support reply before it makes an upset customer angrier."""

__version__ = "0.1.0"
