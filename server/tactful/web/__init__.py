"""The try-it page served at ``/``: paste a reply, see Tactful's underlines and fixes."""
from .web import bp, register

__all__ = ["bp", "register"]
